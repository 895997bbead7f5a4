"""When two agencies merge (``regions.signals.unit_merged``), the merged agency's daily counts
move to the survivor: a day both have is summed into the survivor's row (one row per
programme, government, agency and day), so trends per agency keep their history."""

from __future__ import annotations

from reports.models import COUNT_FIELD, Snapshot

FIELDS = ["total", *COUNT_FIELD.values()]


def move_snapshots(sender, *, survivor, merged, **kwargs) -> int:
    moved = 0
    theirs = Snapshot.objects.filter(unit=merged).select_for_update()
    ours = {
        (s.programme_id, s.day): s
        for s in Snapshot.objects.filter(unit=survivor).select_for_update()
    }
    for row in theirs:
        same_day = ours.get((row.programme_id, row.day))
        if same_day is None:
            row.unit = survivor
            row.save(update_fields=["unit"])
        else:
            for name in FIELDS:
                setattr(same_day, name, getattr(same_day, name) + getattr(row, name))
            same_day.save(update_fields=FIELDS)
            row.delete()
        moved += 1
    return moved
