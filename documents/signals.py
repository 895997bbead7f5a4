"""What the documents app tells the rest of the product, without importing it.

``status_changed`` is sent once per status change, after the transaction that wrote it has
committed (``documents.workflow.transition``); a rolled-back change is never announced.
Receivers get ``change`` (the StatusChange row). Reports listens to send notices.
"""

from __future__ import annotations

from django.dispatch import Signal

status_changed = Signal()
