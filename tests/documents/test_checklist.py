"""The checklist's own rules: codes unique within a programme, short names for lists."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from documents.models import Area, Indicator, Requirement, short_name_from


def test_a_requirement_code_is_unique_within_its_programme(checklist):
    other_indicator = checklist[2].indicator  # another area of the same programme
    with pytest.raises(IntegrityError), transaction.atomic():
        Requirement.objects.create(indicator=other_indicator, code="1.1.a", name="Duplikat")


def test_the_same_code_may_return_in_another_programmes_year(checklist, programme):
    from documents.models import Programme

    next_year = Programme.objects.create(
        kind="mcsp",
        year=2027,
        name="MCSP 2027",
        starts_on=programme.starts_on.replace(year=2027),
        deadline=programme.deadline.replace(year=2027),
    )
    area = Area.objects.create(programme=next_year, code="1", name="Perencanaan")
    indicator = Indicator.objects.create(area=area, code="1.1", name="RKPD")
    again = Requirement.objects.create(indicator=indicator, code="1.1.a", name="Perkada RKPD")
    assert again.programme == next_year


def test_a_short_name_defaults_from_the_name_and_stays_editable(checklist):
    long_name = (
        "Peraturan Kepala Daerah tentang Rencana Kerja Pemerintah Daerah tahun berjalan "
        "beserta lampirannya"
    )
    requirement = Requirement.objects.create(
        indicator=checklist[0].indicator, code="1.1.z", name=long_name
    )
    assert requirement.short_name == short_name_from(long_name)
    assert len(requirement.short_name) <= 60 and requirement.short_name.endswith("…")
    assert long_name.startswith(requirement.short_name.rstrip("…"))
    requirement.short_name = "Perkada RKPD"
    requirement.save()
    requirement.refresh_from_db()
    assert requirement.short_name == "Perkada RKPD"
    assert checklist[0].short_name == "Perkada RKPD"  # short names are kept as they are
