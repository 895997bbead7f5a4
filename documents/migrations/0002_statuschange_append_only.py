"""Make StatusChange append-only in the database itself, not only in the ORM.

PostgreSQL refuses UPDATE and DELETE through a trigger (TRUNCATE, which only the test
runner's flush uses, is left alone). SQLite refuses UPDATE; its DELETE stays possible because
Django's test flush on SQLite deletes row by row, so there the ORM guard and the PROTECT
foreign key from Document carry the rule.
"""

from django.db import migrations

PG_UP = """
CREATE OR REPLACE FUNCTION documents_statuschange_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'documents_statuschange is append-only (% refused)', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER documents_statuschange_append_only
    BEFORE UPDATE OR DELETE ON documents_statuschange
    FOR EACH ROW EXECUTE FUNCTION documents_statuschange_append_only();
"""
PG_DOWN = """
DROP TRIGGER IF EXISTS documents_statuschange_append_only ON documents_statuschange;
DROP FUNCTION IF EXISTS documents_statuschange_append_only();
"""
SQLITE_UP = """
CREATE TRIGGER documents_statuschange_no_update
BEFORE UPDATE ON documents_statuschange
BEGIN
    SELECT RAISE(ABORT, 'documents_statuschange is append-only (UPDATE refused)');
END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS documents_statuschange_no_update;"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_UP, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DOWN, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
