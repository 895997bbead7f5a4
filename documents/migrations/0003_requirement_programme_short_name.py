from django.db import migrations, models
import django.db.models.deletion


def fill(apps, schema_editor):
    """Existing requirements get their programme (from the indicator's area) and a short name."""
    Requirement = apps.get_model("documents", "Requirement")
    from documents.models import short_name_from

    rows = list(Requirement.objects.select_related("indicator__area"))
    for r in rows:
        r.programme_id = r.indicator.area.programme_id
        r.short_name = r.short_name or short_name_from(r.name)
    Requirement.objects.bulk_update(rows, ["programme", "short_name"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_statuschange_append_only")]

    operations = [
        migrations.AddField(
            model_name="requirement",
            name="programme",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="requirements",
                to="documents.programme",
            ),
        ),
        migrations.AddField(
            model_name="requirement",
            name="short_name",
            field=models.CharField(
                blank=True,
                help_text="Untuk daftar, notifikasi dan nama berkas; kosongkan untuk diambil dari nama.",
                max_length=60,
                verbose_name="nama singkat",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
