"""Reading workbooks people upload, and the preview → apply machinery of every import.

Deliberately outside regions, documents and reports: it imports none of them, so an import at
any level of the one-way chain (regions ← documents ← reports) can use it — the status and
score imports of reports today, the people and checklist imports of regions and documents
later. See ``sheets.intake``.
"""
