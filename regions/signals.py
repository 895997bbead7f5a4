"""What the regions app tells the apps above it, without importing them.

``unit_merged`` is sent inside the merge's transaction (``regions.units.merge``), before the
merged agency is removed: receivers move what points at it (documents, daily counts) to
``survivor``; a receiver that raises rolls the whole merge back. Arguments: ``survivor``,
``merged`` (Unit rows of one government) and ``by`` (the user merging).
"""

from __future__ import annotations

from django.dispatch import Signal

unit_merged = Signal()
