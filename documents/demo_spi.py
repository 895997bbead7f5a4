"""Demo SPI action plans (RTL SPI) for seed_demo: the province's 10 plans with about 90% of their
documents uploaded (DOMAIN.md: "10 rencana aksi, ~90% dokumen diunggah") and three regencies with
theirs. The survey year is the year before the demo's MCSP year; target dates fall in the weeks
around the demo's today, so some plans are due and a few are late."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from documents import action_plans
from documents.models import (
    Document,
    Evidence,
    Programme,
    ProgrammeKind,
    Source,
    SpiDimension,
    Status,
    StatusChange,
)
from regions.models import Membership, Region, Role, Unit

S = Status
D = SpiDimension

# (dimension, KPK recommendation, planned action, expected output, agency, [documents])
PROVINCE_PLANS = [
    (
        D.TRANSPARENCY,
        "Buka informasi anggaran dan pengadaan kepada publik.",
        "Publikasi APBD dan rencana umum pengadaan di laman resmi",
        "Laman transparansi anggaran",
        "Diskominfo",
        ["SK PPID", "Tangkapan layar laman APBD", "Laporan layanan informasi"],
    ),
    (
        D.INTEGRITY,
        "Perkuat pengendalian gratifikasi.",
        "Pembentukan UPG dan sosialisasi pelaporan gratifikasi",
        "UPG aktif dan laporan berkala",
        "Inspektorat",
        ["SK Unit Pengendalian Gratifikasi", "Laporan UPG", "Daftar hadir sosialisasi"],
    ),
    (
        D.INFLUENCE,
        "Cegah intervensi dalam mutasi dan promosi.",
        "Penerapan sistem merit dalam mutasi jabatan",
        "Mutasi berbasis penilaian kinerja",
        "BKD",
        ["Peraturan sistem merit", "Berita acara uji kompetensi", "Laporan mutasi"],
    ),
    (
        D.BUDGET,
        "Hentikan perjalanan dinas fiktif.",
        "Verifikasi bukti perjalanan dinas secara elektronik",
        "Perjalanan dinas terverifikasi",
        "BPKAD",
        ["SOP verifikasi perjalanan dinas", "Laporan hasil verifikasi", "Surat edaran"],
    ),
    (
        D.PROCUREMENT,
        "Kurangi pengaturan pemenang tender.",
        "Pengumuman seluruh paket di SIRUP dan e-katalog",
        "Paket pengadaan terbuka",
        "Biro PBJ",
        ["Rekap paket SIRUP", "Laporan e-purchasing", "SK Pokja"],
    ),
    (
        D.HR,
        "Hapus pungutan dalam pengangkatan pegawai.",
        "Layanan kepegawaian daring tanpa tatap muka",
        "Layanan kepegawaian daring",
        "BKD",
        ["SK layanan daring", "Tangkapan layar aplikasi", "Survei kepuasan pegawai"],
    ),
    (
        D.OUTREACH,
        "Tingkatkan pendidikan antikorupsi.",
        "Penyuluhan antikorupsi bagi seluruh OPD",
        "Pegawai tersosialisasi",
        "Inspektorat",
        ["Materi penyuluhan", "Daftar hadir", "Laporan kegiatan"],
    ),
    (
        D.SERVICE,
        "Hapus perlakuan berbeda dalam layanan perizinan.",
        "Standar pelayanan perizinan dipublikasikan",
        "Standar pelayanan terbit",
        "DPMPTSP",
        ["SK standar pelayanan", "Foto maklumat pelayanan", "Laporan pengaduan"],
    ),
    (
        D.PREVENTION,
        "Tindak lanjuti pengaduan masyarakat.",
        "Whistleblowing system terintegrasi",
        "Pengaduan tertangani",
        "Inspektorat",
        ["SK WBS", "Rekap pengaduan", "Laporan tindak lanjut"],
    ),
    (
        D.STAFF,
        "Perkuat pengisian LHKPN.",
        "Kepatuhan LHKPN pejabat wajib lapor",
        "Kepatuhan LHKPN 100%",
        "Inspektorat",
        ["SK wajib lapor", "Rekap kepatuhan LHKPN", "Surat teguran"],
    ),
]
# 30 documents, 27 uploaded (90%).
PROVINCE_STATUSES = (
    [S.ACCEPTED] * 14
    + [S.VERIFYING] * 6
    + [S.UPLOADED] * 4
    + [S.NEEDS_REVISION] * 3
    + [S.NOT_UPLOADED] * 3
)

REGENCY_PLANS = {
    "62.03": 5,  # Kapuas
    "62.02": 4,  # Kotim
    "62.04": 3,  # Barsel
}
REGENCY_UPLOADED = {"62.03": 0.6, "62.02": 0.75, "62.04": 0.35}


def seed(today: dt.date) -> Programme | None:
    """Create the demo SPI programme once (None when one exists already)."""
    year = today.year - 1 if today.month >= 3 else today.year - 2
    if Programme.objects.filter(kind=ProgrammeKind.SPI_RTL).exists():
        return None
    province = Region.objects.filter(code="62").first()
    if province is None:
        return None
    programme = Programme.objects.create(
        kind=ProgrammeKind.SPI_RTL,
        year=year,
        name=f"RTL SPI {year}",
        starts_on=dt.date(year + 1, 2, 1),
        deadline=timezone.make_aware(dt.datetime.combine(today, dt.time(23, 59, 59))),
    )
    units = {(u.region_id, u.short_name): u for u in Unit.objects.all()}
    statuses = iter(PROVINCE_STATUSES)
    for n, (dimension, rec, action, output, agency, docs) in enumerate(PROVINCE_PLANS):
        plan = action_plans.create_plan(
            programme,
            province,
            dimension=dimension,
            recommendation=rec,
            action=action,
            output=output,
            unit=units.get((province.pk, agency)),
            target_on=today + dt.timedelta(days=7 * (n - 3)),
            documents=docs,
        )
        _set(plan, [next(statuses) for _ in docs], today)
    for code, count in REGENCY_PLANS.items():
        region = Region.objects.filter(code=code).first()
        if region is None:
            continue
        share = REGENCY_UPLOADED[code]
        for n, (dimension, rec, action, output, _agency, docs) in enumerate(PROVINCE_PLANS[:count]):
            plan = action_plans.create_plan(
                programme,
                region,
                dimension=dimension,
                recommendation=rec,
                action=action,
                output=output,
                unit=units.get((region.pk, "Inspektorat")),
                target_on=today + dt.timedelta(days=10 * (n - 1)),
                documents=docs[:2],
            )
            uploaded = min(2, round(2 * share) if n % 2 else round(2 * share + 0.4))
            _set(plan, [S.VERIFYING] * uploaded + [S.NOT_UPLOADED] * (2 - uploaded), today)
    return programme


PATHS = {
    S.UPLOADED: [S.UPLOADED],
    S.VERIFYING: [S.UPLOADED, S.VERIFYING],
    S.ACCEPTED: [S.UPLOADED, S.VERIFYING, S.ACCEPTED],
    S.NEEDS_REVISION: [S.UPLOADED, S.VERIFYING, S.NEEDS_REVISION],
}
SOURCES = {
    S.UPLOADED: Source.REGIONAL,
    S.VERIFYING: Source.REGIONAL,
    S.ACCEPTED: Source.KPK,
    S.NEEDS_REVISION: Source.KPK,
}


def _set(plan, statuses: list[str], today: dt.date) -> None:
    """Give each document its status with the history and evidence link that led there, dated
    in the weeks before ``today`` (as the MCSP demo does), so every page reads it as real."""
    membership = (
        Membership.objects.filter(region=plan.region, role__in=[Role.REGIONAL, Role.INSPECTORATE])
        .order_by("role")
        .first()
    )
    actor = membership.user if membership else None
    documents = Document.objects.filter(requirement__indicator=plan.indicator).order_by(
        "requirement__order"
    )
    for index, (document, status) in enumerate(zip(documents, statuses, strict=False)):
        start = dt.datetime.combine(
            today - dt.timedelta(days=30 - 2 * index - plan.indicator.order), dt.time(9, 0)
        )
        at = timezone.make_aware(start)
        if status != S.NOT_UPLOADED:
            evidence = Evidence.objects.create(
                document=document,
                url=f"https://drive.example.go.id/spi/{document.requirement.code}",
                uploaded_by=actor,
                uploaded_at=at,
            )
            before = S.NOT_UPLOADED
            for step, to in enumerate(PATHS[status]):
                at = timezone.make_aware(start + dt.timedelta(days=3 * step))
                StatusChange.objects.create(
                    document=document,
                    from_status=before,
                    to_status=to,
                    actor=actor,
                    created_at=at,
                    source=SOURCES[to],
                    note="Dokumen belum ditandatangani pejabat berwenang."
                    if to == S.NEEDS_REVISION
                    else "",
                    reason_code="unsigned" if to == S.NEEDS_REVISION else "",
                    evidence=evidence if to == S.UPLOADED else None,
                )
                before = to
        Document.objects.filter(pk=document.pk).update(
            status=status,
            status_changed_at=at,
            updated_at=at,
            version=1 + len(PATHS.get(status, [])),
        )
