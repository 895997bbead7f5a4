"""Store each status change's government on the row (issue 16), and drop indexes that only
repeat the first column of another or that nothing reads (history by actor or evidence).

"Latest changes" of a province used to walk the whole country's history by time (the index
statuschange_time) until it met ten changes of that province: seconds for a province with few
changes. With the government on the row, the index statuschange_region_time reads the
province's own changes. A document never changes government, so the copy cannot go stale.

The backfill updates an append-only table: its trigger is set aside for that one statement.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

PG_BACKFILL = """
ALTER TABLE documents_statuschange DISABLE TRIGGER documents_statuschange_append_only;
UPDATE documents_statuschange c SET region_id = d.region_id
  FROM documents_document d WHERE d.id = c.document_id;
ALTER TABLE documents_statuschange ENABLE TRIGGER documents_statuschange_append_only;
SET CONSTRAINTS ALL IMMEDIATE;
"""
SQLITE_BACKFILL = [
    "DROP TRIGGER IF EXISTS documents_statuschange_no_update",
    "UPDATE documents_statuschange SET region_id = (SELECT d.region_id FROM documents_document d"
    " WHERE d.id = documents_statuschange.document_id)",
]
# SQLite alters a column by rebuilding the table, which drops its triggers: the append-only
# trigger (migration 0002) is created again once the table has its final shape.
SQLITE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS documents_statuschange_no_update BEFORE UPDATE ON"
    " documents_statuschange BEGIN"
    " SELECT RAISE(ABORT, 'documents_statuschange is append-only (UPDATE refused)'); END"
)


def backfill(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKFILL, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKFILL:
            schema_editor.execute(statement, params=None)
    else:  # pragma: no cover - only PostgreSQL and SQLite are supported
        raise NotImplementedError(vendor)


def restore_sqlite_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER, params=None)


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("documents", "0006_action_plans"),
        ("regions", "0003_invitation_audit"),
    ]

    operations = [
        migrations.AlterField(
            model_name="document",
            name="requirement",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="documents",
                to="documents.requirement",
                verbose_name="persyaratan",
            ),
        ),
        migrations.AlterField(
            model_name="document",
            name="region",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="documents",
                to="regions.region",
                verbose_name="pemerintah daerah",
            ),
        ),
        migrations.AlterField(
            model_name="statuschange",
            name="document",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="history",
                to="documents.document",
            ),
        ),
        migrations.AddField(
            model_name="statuschange",
            name="region",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="pemerintah daerah",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="statuschange",
            name="region",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="pemerintah daerah",
            ),
        ),
        migrations.AddIndex(
            model_name="statuschange",
            index=models.Index(fields=["region", "created_at"], name="statuschange_region_time"),
        ),
        # Its only reader was "latest changes", which now reads a province's own changes; kept,
        # it would tempt the planner into walking the whole country's history backwards.
        migrations.RemoveIndex(model_name="statuschange", name="statuschange_time"),
        # Nothing reads history by actor or evidence; every status change wrote both indexes.
        migrations.AlterField(
            model_name="statuschange",
            name="actor",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="oleh",
            ),
        ),
        migrations.AlterField(
            model_name="statuschange",
            name="evidence",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="documents.evidence",
            ),
        ),
        migrations.RunPython(restore_sqlite_trigger, migrations.RunPython.noop, elidable=False),
    ]
