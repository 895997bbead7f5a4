"""Demo data as plain Python: Central Kalimantan's governments, their agencies, the 2025 MCSP
checklist and the notes a document comes back with. No Django here; ``seed_demo`` stores it.

The checklist is hand-written the way the KPK guidebook words it, then expanded: a document
asked for every quarter becomes four requirements, one asked of every agency becomes one per
agency. ``requirements(year)`` does the expansion; the province gets exactly 660 (the published
figure), regencies and the city fewer, as the guidebook asks less of them.

Agencies are named by a key; the key resolves per kind of government, because the same job sits
in a "Biro" of the provincial secretariat and a "Bagian" of a regency's. A document provided by
such a unit becomes one requirement per distinct unit, so each government's document points at a
unit it really has.
"""

from __future__ import annotations

from typing import NamedTuple

PROVINCE, REGENCY, CITY = "province", "regency", "city"
ALL = frozenset({PROVINCE, REGENCY, CITY})
PROV = frozenset({PROVINCE})
LOCAL = frozenset({REGENCY, CITY})
KAB = frozenset({REGENCY})

PROVINCE_NAME = "Provinsi Kalimantan Tengah"


class Government(NamedTuple):
    code: str
    name: str
    short_name: str
    kind: str


# DOMAIN.md: codes per Kepmendagri No. 300.2.2-2138/2025.
GOVERNMENTS: tuple[Government, ...] = (
    Government("62", PROVINCE_NAME, "Pemprov Kalteng", PROVINCE),
    Government("62.01", "Kabupaten Kotawaringin Barat", "Kobar", REGENCY),
    Government("62.02", "Kabupaten Kotawaringin Timur", "Kotim", REGENCY),
    Government("62.03", "Kabupaten Kapuas", "Kapuas", REGENCY),
    Government("62.04", "Kabupaten Barito Selatan", "Barsel", REGENCY),
    Government("62.05", "Kabupaten Barito Utara", "Barut", REGENCY),
    Government("62.06", "Kabupaten Katingan", "Katingan", REGENCY),
    Government("62.07", "Kabupaten Seruyan", "Seruyan", REGENCY),
    Government("62.08", "Kabupaten Sukamara", "Sukamara", REGENCY),
    Government("62.09", "Kabupaten Lamandau", "Lamandau", REGENCY),
    Government("62.10", "Kabupaten Gunung Mas", "Gumas", REGENCY),
    Government("62.11", "Kabupaten Pulang Pisau", "Pulpis", REGENCY),
    Government("62.12", "Kabupaten Murung Raya", "Mura", REGENCY),
    Government("62.13", "Kabupaten Barito Timur", "Bartim", REGENCY),
    Government("62.71", "Kota Palangka Raya", "Palangka Raya", CITY),
)


class Agency(NamedTuple):
    key: str  # what the checklist below refers to
    short_name: str
    name: str
    label: str = ""  # how a document title names it, when not by its short name

    @property
    def title(self) -> str:
        return self.label or self.short_name


_SHARED = (
    Agency("BPKAD", "BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah"),
    Agency("Bappeda", "Bappeda", "Badan Perencanaan Pembangunan Daerah"),
    Agency("Bapenda", "Bapenda", "Badan Pendapatan Daerah"),
    Agency("BKD", "BKD", "Badan Kepegawaian Daerah"),
    Agency("Dinas PUPR", "Dinas PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"),
    Agency("Dinkes", "Dinkes", "Dinas Kesehatan", "Dinas Kesehatan"),
    Agency("Disdik", "Disdik", "Dinas Pendidikan", "Dinas Pendidikan"),
    Agency(
        "DPMPTSP", "DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"
    ),
    Agency("Setwan", "Setwan", "Sekretariat DPRD", "Sekretariat DPRD"),
)

AGENCIES: dict[str, tuple[Agency, ...]] = {
    PROVINCE: (
        *_SHARED,
        Agency("Inspektorat", "Inspektorat", "Inspektorat Provinsi Kalimantan Tengah"),
        Agency(
            "Diskominfo",
            "Diskominfo",
            "Dinas Komunikasi, Informatika, Persandian dan Statistik",
        ),
        Agency("BPSDM", "BPSDM", "Badan Pengembangan Sumber Daya Manusia"),
        Agency("Dishut", "Dishut", "Dinas Kehutanan", "Dinas Kehutanan"),
        Agency("ESDM", "Dinas ESDM", "Dinas Energi dan Sumber Daya Mineral"),
        Agency("PBJ", "Biro PBJ", "Biro Pengadaan Barang dan Jasa"),
        Agency("Organisasi", "Biro Organisasi", "Biro Organisasi"),
        Agency("Hukum", "Biro Hukum", "Biro Hukum"),
        Agency("Pemerintahan", "Biro Pemerintahan", "Biro Pemerintahan dan Otonomi Daerah"),
    ),
    REGENCY: (
        *_SHARED,
        Agency("Inspektorat", "Inspektorat", "Inspektorat Daerah"),
        Agency("Diskominfo", "Diskominfo", "Dinas Komunikasi dan Informatika"),
        Agency("Dukcapil", "Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil"),
        Agency("Disperkim", "Disperkim", "Dinas Perumahan dan Kawasan Permukiman"),
        Agency("PBJ", "Bagian PBJ", "Bagian Pengadaan Barang dan Jasa"),
        Agency("Organisasi", "Bagian Organisasi", "Bagian Organisasi"),
        Agency("Hukum", "Bagian Hukum", "Bagian Hukum"),
        Agency("Pemerintahan", "Bagian Pemerintahan", "Bagian Tata Pemerintahan"),
    ),
}
AGENCIES[CITY] = AGENCIES[REGENCY]

# Documents asked of every agency (or of every agency that serves the public directly).
EVERY_AGENCY = (
    "BPKAD",
    "Bappeda",
    "Bapenda",
    "BKD",
    "BPSDM",
    "Dishut",
    "ESDM",
    "Inspektorat",
    "Dinas PUPR",
    "Dinkes",
    "Disdik",
    "Diskominfo",
    "DPMPTSP",
    "Dukcapil",
    "Disperkim",
    "Setwan",
)
SERVICE_AGENCIES = ("DPMPTSP", "Dukcapil", "Dinkes", "Disdik", "Bapenda", "Dinas PUPR")
# KPK reads regency and city names in documents of the province itself (opsen, evaluations).
REGENCIES_AND_CITY = tuple(g.name for g in GOVERNMENTS if g.kind != PROVINCE)

# Reporting periods within a cycle: the previous year's last period plus this year's so far.
TRIWULAN = (
    "Triwulan IV Tahun {p}",
    "Triwulan I Tahun {y}",
    "Triwulan II Tahun {y}",
    "Triwulan III Tahun {y}",
)
SEMESTER = ("Semester II Tahun {p}", "Semester I Tahun {y}")
BULAN = tuple(
    f"Bulan {m} {{y}}"
    for m in (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
    )
)


class Area(NamedTuple):
    code: str
    name: str


class Indicator(NamedTuple):
    code: str
    name: str


class Sub(NamedTuple):
    """A sub-indicator: the documents that follow it, up to the next one, belong to it."""

    code: str
    name: str


class Doc(NamedTuple):
    """One evidence document as the guidebook names it.

    ``name`` may use {y} (the programme year), {n} (next year), {p} (previous year), {rpjmd}
    (the current five-year plan), {per} (one of ``periods``), {opd} (each agency of ``each``)
    and {kabkota} (each regency and the city, when ``per_regency``).
    """

    name: str
    unit: str = ""  # agency key; unused when ``each`` names the agencies
    kinds: frozenset[str] = ALL
    periods: tuple[str, ...] = ()
    each: tuple[str, ...] = ()
    per_regency: bool = False


# The guidebook as an outline: each line belongs to the area, indicator and sub-indicator above.
CHECKLIST: tuple[Area | Indicator | Sub | Doc, ...] = (
    Area("1", "Perencanaan"),
    Indicator("1.1", "Pokok-pokok pikiran DPRD diselaraskan melalui SIPD"),
    Sub("1.1.1", "Pokir DPRD diinput ke SIPD sesuai jadwal penyusunan RKPD"),
    Doc("Rekapitulasi Pokok-pokok Pikiran DPRD Tahun {n} dari SIPD", "Setwan"),
    Doc("Berita Acara Rapat Dengar Pendapat Penyusunan Pokir DPRD", "Setwan"),
    Doc("Surat Penyampaian Pokok-pokok Pikiran DPRD kepada Kepala Bappeda", "Setwan"),
    Doc("Screenshot input Pokir DPRD pada SIPD-RI", "Bappeda"),
    Sub("1.1.2", "Pokir DPRD diverifikasi dan dituangkan dalam Renja Perangkat Daerah"),
    Doc("Berita Acara Verifikasi Usulan Pokir DPRD", "Bappeda"),
    Doc("Daftar Pokir DPRD yang Diakomodasi dalam RKPD Tahun {n}", "Bappeda"),
    Indicator("1.2", "RKPD disusun partisipatif dan ditetapkan tepat waktu"),
    Sub("1.2.1", "RKPD ditetapkan dengan Peraturan Kepala Daerah sesuai jadwal"),
    Doc("Peraturan Kepala Daerah tentang RKPD Tahun {n}", "Bappeda"),
    Doc("Dokumen RKPD Tahun {n} beserta lampiran", "Bappeda"),
    Doc("Surat Penyampaian Perkada RKPD Tahun {n} kepada Menteri Dalam Negeri", "Bappeda", PROV),
    Doc("Surat Penyampaian Perkada RKPD Tahun {n} kepada Gubernur", "Bappeda", LOCAL),
    Doc(
        "Hasil Fasilitasi Rancangan Akhir RKPD Kabupaten/Kota Tahun {n} — {kabkota}",
        "Bappeda",
        PROV,
        per_regency=True,
    ),
    Sub("1.2.2", "Musrenbang RKPD dilaksanakan berjenjang dan terdokumentasi"),
    Doc("Berita Acara Musrenbang RKPD Tahun {n}", "Bappeda"),
    Doc("Daftar Hadir dan Dokumentasi Musrenbang RKPD Tahun {n}", "Bappeda"),
    Doc("Rekapitulasi Berita Acara Musrenbang Kecamatan", "Bappeda", LOCAL),
    Doc("Berita Acara Forum Perangkat Daerah/Lintas Perangkat Daerah", "Bappeda"),
    Sub("1.2.3", "Rancangan awal RKPD dikonsultasikan kepada publik"),
    Doc("Undangan dan Notulen Konsultasi Publik Rancangan Awal RKPD Tahun {n}", "Bappeda"),
    Doc("Screenshot publikasi Rancangan Awal RKPD pada laman resmi pemda", "Diskominfo"),
    Indicator("1.3", "Dokumen perencanaan jangka menengah dan tahunan selaras"),
    Sub("1.3.1", "RPJMD dan Renstra Perangkat Daerah ditetapkan"),
    Doc("Peraturan Daerah tentang RPJMD Tahun {rpjmd}", "Bappeda"),
    Doc("Peraturan Kepala Daerah tentang Renstra Perangkat Daerah Tahun {rpjmd}", "Bappeda"),
    Doc("Hasil Evaluasi Kesesuaian Renstra Perangkat Daerah terhadap RPJMD", "Bappeda"),
    Sub("1.3.2", "Renja Perangkat Daerah mengacu pada RKPD"),
    Doc("Renstra {opd} Tahun {rpjmd}", each=EVERY_AGENCY),
    Doc("Renja {opd} Tahun {n}", each=EVERY_AGENCY),
    Doc("Berita Acara Verifikasi Rancangan Renja Perangkat Daerah oleh Bappeda", "Bappeda"),
    Indicator("1.4", "Pelaksanaan rencana dikendalikan dan dievaluasi"),
    Sub("1.4.1", "Pengendalian dan evaluasi RKPD dilakukan setiap triwulan"),
    Doc("Laporan Pengendalian dan Evaluasi Pelaksanaan RKPD {per}", "Bappeda", periods=TRIWULAN),
    Doc("Laporan Hasil Evaluasi Renja Perangkat Daerah {per}", "Bappeda", periods=SEMESTER),
    Doc(
        "Laporan Realisasi Fisik dan Keuangan {opd} {per}", periods=TRIWULAN[1:], each=EVERY_AGENCY
    ),
    Sub("1.4.2", "Kinerja tahun sebelumnya dilaporkan"),
    Doc("Laporan Evaluasi Hasil RKPD Tahun {p}", "Bappeda"),
    Doc("Laporan Kinerja Instansi Pemerintah Daerah (LKjIP) Tahun {p}", "Organisasi"),
    Doc("Laporan Penyelenggaraan Pemerintahan Daerah (LPPD) Tahun {p}", "Pemerintahan"),
    Doc("Informasi LPPD (ILPPD) Tahun {p} yang Diumumkan kepada Masyarakat", "Pemerintahan"),
    Doc(
        "Laporan Pelaksanaan Tugas Gubernur sebagai Wakil Pemerintah Pusat Tahun {p}",
        "Pemerintahan",
        PROV,
    ),
    Doc(
        "Keputusan Kepala Daerah tentang Pelimpahan Sebagian Kewenangan kepada Camat",
        "Pemerintahan",
        LOCAL,
    ),
    Doc(
        "Laporan Kinerja (LKj) {opd} Tahun {p}",
        each=("BPKAD", "Bappeda", "Bapenda", "Inspektorat", "Dinas PUPR"),
    ),
    Indicator("1.5", "Perencanaan dan penganggaran terintegrasi dalam SIPD"),
    Sub("1.5.1", "Nomenklatur dan pagu konsisten dari RKPD sampai DPA"),
    Doc(
        "Berita Acara Validasi Nomenklatur Program, Kegiatan dan Sub Kegiatan pada SIPD", "Bappeda"
    ),
    Doc("Screenshot konsistensi pagu RKPD dan KUA-PPAS pada SIPD", "Bappeda"),
    Doc("Laporan Pengendalian Perubahan Renja dan DPA Tahun {y}", "Bappeda"),
    Sub("1.5.2", "Capaian kinerja daerah diukur dengan indikator yang ditetapkan"),
    Doc("Peraturan Kepala Daerah tentang Indikator Kinerja Utama Pemerintah Daerah", "Organisasi"),
    Doc("Laporan Capaian Indikator Kinerja Utama (IKU) Tahun {p}", "Organisasi"),
    Area("2", "Penganggaran"),
    Indicator("2.1", "APBD ditetapkan tepat waktu"),
    Sub("2.1.1", "KUA-PPAS disepakati bersama DPRD sesuai jadwal"),
    Doc("Rancangan KUA dan PPAS Tahun Anggaran {n}", "BPKAD"),
    Doc("Nota Kesepakatan KUA dan PPAS Tahun Anggaran {n}", "BPKAD"),
    Doc("Keputusan Kepala Daerah tentang Tim Anggaran Pemerintah Daerah Tahun {y}", "BPKAD"),
    Sub("2.1.2", "Perda APBD dan Perkada Penjabaran APBD ditetapkan"),
    Doc("Peraturan Daerah tentang APBD Tahun Anggaran {y}", "BPKAD"),
    Doc("Peraturan Kepala Daerah tentang Penjabaran APBD Tahun Anggaran {y}", "BPKAD"),
    Doc(
        "Persetujuan Bersama Kepala Daerah dan DPRD atas Raperda APBD Tahun Anggaran {y}", "Setwan"
    ),
    Doc(
        "Keputusan Menteri Dalam Negeri tentang Evaluasi Raperda APBD Tahun Anggaran {y}",
        "BPKAD",
        PROV,
    ),
    Doc("Keputusan Gubernur tentang Evaluasi Raperda APBD Tahun Anggaran {y}", "BPKAD", LOCAL),
    Doc(
        "Keputusan Gubernur tentang Evaluasi Raperda APBD Tahun Anggaran {y} — {kabkota}",
        "BPKAD",
        PROV,
        per_regency=True,
    ),
    Doc(
        "Keputusan Gubernur tentang Evaluasi Raperda Perubahan APBD Tahun Anggaran {y} — {kabkota}",
        "BPKAD",
        PROV,
        per_regency=True,
    ),
    Doc("Peraturan Daerah tentang Perubahan APBD Tahun Anggaran {y}", "BPKAD"),
    Doc("Peraturan Kepala Daerah tentang Penjabaran Perubahan APBD Tahun Anggaran {y}", "BPKAD"),
    Indicator("2.2", "Standar harga dan analisis standar belanja digunakan dalam penganggaran"),
    Sub("2.2.1", "Standar harga ditetapkan dengan Peraturan Kepala Daerah"),
    Doc("Peraturan Kepala Daerah tentang Standar Harga Satuan (SSH) Tahun {n}", "BPKAD"),
    Doc("Peraturan Kepala Daerah tentang Standar Biaya Umum (SBU) Tahun {n}", "BPKAD"),
    Doc(
        "Peraturan Kepala Daerah tentang Harga Satuan Pokok Kegiatan (HSPK) Tahun {n}", "Dinas PUPR"
    ),
    Doc("Peraturan Kepala Daerah tentang Analisis Standar Belanja (ASB) Tahun {n}", "BPKAD"),
    Sub("2.2.2", "Standar harga disusun dari survei harga dan diinput ke SIPD"),
    Doc("Laporan Survei Harga Pasar Penyusunan SSH Tahun {n}", "BPKAD"),
    Doc("Screenshot input Standar Harga Satuan pada SIPD", "BPKAD"),
    Indicator("2.3", "Hibah dan bantuan sosial dikelola akuntabel"),
    Sub("2.3.1", "Pedoman dan penerima hibah serta bansos ditetapkan"),
    Doc(
        "Peraturan Kepala Daerah tentang Tata Cara Penganggaran, Pelaksanaan, Penatausahaan, "
        "Pertanggungjawaban dan Monev Hibah dan Bantuan Sosial",
        "Hukum",
    ),
    Doc("Keputusan Kepala Daerah tentang Daftar Penerima Hibah Tahun {y}", "BPKAD"),
    Doc("Keputusan Kepala Daerah tentang Daftar Penerima Bantuan Sosial Tahun {y}", "BPKAD"),
    Sub("2.3.2", "Penyaluran hibah dipertanggungjawabkan dan dimonitor"),
    Doc("Rekapitulasi Naskah Perjanjian Hibah Daerah (NPHD) Tahun {y}", "BPKAD"),
    Doc("Rekapitulasi Laporan Pertanggungjawaban Penerima Hibah Tahun {p}", "BPKAD"),
    Doc(
        "Laporan Monitoring dan Evaluasi Hibah dan Bantuan Sosial {per}",
        "Inspektorat",
        periods=SEMESTER,
    ),
    Indicator("2.4", "Pengelolaan keuangan daerah transparan"),
    Sub("2.4.1", "Dokumen anggaran dipublikasikan"),
    Doc("Screenshot publikasi Ringkasan APBD Tahun {y} pada laman resmi", "Diskominfo"),
    Doc(
        "Screenshot publikasi Laporan Realisasi Anggaran {per} pada laman resmi",
        "Diskominfo",
        periods=TRIWULAN,
    ),
    Doc("DPA {opd} Tahun Anggaran {y}", each=EVERY_AGENCY),
    Sub("2.4.2", "Laporan keuangan diaudit dan ditindaklanjuti"),
    Doc("Laporan Keuangan Pemerintah Daerah Tahun {p} (Audited)", "BPKAD"),
    Doc("Peraturan Daerah tentang Pertanggungjawaban Pelaksanaan APBD Tahun {p}", "BPKAD"),
    Doc("Laporan Realisasi Anggaran {opd} Semester I Tahun {y}", each=EVERY_AGENCY),
    Sub("2.4.3", "Belanja menggunakan Kartu Kredit Pemerintah Daerah"),
    Doc(
        "Peraturan Kepala Daerah tentang Penggunaan Kartu Kredit Pemerintah Daerah (KKPD)", "BPKAD"
    ),
    Doc("Laporan Penggunaan KKPD {per}", "BPKAD", periods=TRIWULAN),
    Doc(
        "Keputusan Kepala Daerah tentang Penunjukan Bendahara Penerimaan dan Pengeluaran Tahun {y}",
        "BPKAD",
    ),
    Indicator("2.5", "Kas daerah dan penatausahaan keuangan dikelola tertib"),
    Sub("2.5.1", "Kas daerah dikelola dan direkonsiliasi"),
    Doc(
        "Keputusan Kepala Daerah tentang Penunjukan Bank Umum sebagai Tempat Penyimpanan Uang "
        "Daerah",
        "BPKAD",
    ),
    Doc("Laporan Posisi Kas Daerah {per}", "BPKAD", periods=TRIWULAN),
    Doc("Laporan Rekonsiliasi Bank Kas Daerah {per}", "BPKAD", periods=SEMESTER),
    Doc(
        "Berita Acara Rekonsiliasi Bagi Hasil Pajak Provinsi Semester I Tahun {y} — {kabkota}",
        "BPKAD",
        PROV,
        per_regency=True,
    ),
    Sub("2.5.2", "Penatausahaan keuangan seluruh OPD melalui SIPD"),
    Doc("Screenshot penerbitan SP2D melalui SIPD-RI", "BPKAD"),
    Doc("Laporan Penggunaan Cash Management System (CMS) Tahun {y}", "BPKAD"),
    Area("3", "Pengadaan Barang dan Jasa"),
    Indicator("3.1", "UKPBJ berbentuk struktural dan didukung SDM kompeten"),
    Sub("3.1.1", "UKPBJ ditetapkan dan tingkat kematangannya dinilai"),
    Doc("Peraturan Kepala Daerah tentang Pembentukan Unit Kerja Pengadaan Barang/Jasa", "PBJ"),
    Doc("Keputusan Kepala Daerah tentang Penetapan Kepala UKPBJ", "PBJ"),
    Doc("Laporan Self-Assessment Kematangan UKPBJ Tahun {y}", "PBJ"),
    Doc("Surat Hasil Verifikasi Tingkat Kematangan UKPBJ dari LKPP", "PBJ"),
    Sub("3.1.2", "Pengelola pengadaan dan PPK bersertifikat"),
    Doc("SK Pengangkatan Pejabat Fungsional Pengelola Pengadaan Barang/Jasa", "BKD"),
    Doc("Daftar Pengelola PBJ Bersertifikat Kompetensi", "PBJ"),
    Doc("Daftar PPK Bersertifikat Kompetensi per Perangkat Daerah", "PBJ"),
    Doc("Rencana Pengembangan Kompetensi Pengelola PBJ Tahun {y}", "BPSDM", PROV),
    Doc("Rencana Pengembangan Kompetensi Pengelola PBJ Tahun {y}", "BKD", LOCAL),
    Indicator("3.2", "Rencana Umum Pengadaan diumumkan tepat waktu"),
    Sub("3.2.1", "RUP seluruh perangkat daerah diumumkan di SiRUP"),
    Doc("Screenshot publikasi RUP {opd} Tahun Anggaran {y} di SiRUP", each=EVERY_AGENCY),
    Doc("Rekapitulasi RUP Pemerintah Daerah dari SiRUP", "PBJ"),
    Doc("Surat Edaran Kepala Daerah tentang Kewajiban Pengumuman RUP", "PBJ"),
    Sub("3.2.2", "RUP sesuai dengan DPA"),
    Doc("Laporan Hasil Reviu Kesesuaian RUP dengan DPA", "Inspektorat"),
    Doc("Berita Acara Rekonsiliasi Pagu RUP dan APBD Tahun {y}", "PBJ"),
    Indicator("3.3", "Pemilihan penyedia dilakukan secara elektronik"),
    Sub("3.3.1", "Tender dan seleksi melalui SPSE"),
    Doc("Laporan Realisasi Tender dan Seleksi melalui SPSE {per}", "PBJ", periods=TRIWULAN),
    Doc("Screenshot daftar paket tender pada SPSE LPSE", "PBJ"),
    Doc("SK Kelompok Kerja Pemilihan Tahun {y}", "PBJ"),
    Doc("Pakta Integritas Pokja Pemilihan dan PPK Tahun {y}", "PBJ"),
    Sub("3.3.2", "Belanja melalui Katalog Elektronik dan produk dalam negeri"),
    Doc("Laporan Realisasi E-Purchasing Katalog Elektronik {per}", "PBJ", periods=TRIWULAN),
    Doc(
        "Laporan Realisasi Belanja Produk Dalam Negeri dan UMK-Koperasi {per}",
        "PBJ",
        periods=SEMESTER,
    ),
    Doc("Keputusan Kepala Daerah tentang Katalog Elektronik Lokal", "PBJ"),
    Sub("3.3.3", "Kontrak dicatat dan pengadaan dievaluasi"),
    Doc("Rekapitulasi Pencatatan Non-Tender dan Swakelola pada SPSE", "PBJ"),
    Doc("Laporan Monitoring dan Evaluasi Pengadaan Barang/Jasa {per}", "PBJ", periods=SEMESTER),
    Doc("Rekapitulasi Sanggah dan Pengaduan PBJ Tahun {y}", "PBJ"),
    Indicator("3.4", "APIP mengawal pengadaan strategis"),
    Sub("3.4.1", "Reviu dan probity audit atas paket strategis"),
    Doc("Laporan Hasil Probity Audit atas Paket Pengadaan Strategis Tahun {y}", "Inspektorat"),
    Doc("Laporan Hasil Reviu HPS Paket Pekerjaan Konstruksi", "Inspektorat"),
    Doc("Daftar Paket Pekerjaan Konstruksi Strategis Tahun {y}", "Dinas PUPR"),
    Indicator("3.5", "Pengadaan sektor layanan dasar dan infrastruktur diawasi"),
    Sub("3.5.1", "Pengadaan kesehatan, pendidikan dan infrastruktur dilaporkan"),
    Doc("Laporan Realisasi E-Purchasing Alat Kesehatan Tahun {y}", "Dinkes"),
    Doc("Laporan Realisasi Pengadaan DAK Fisik Bidang Pendidikan Tahun {y}", "Disdik"),
    Doc("Berita Acara Serah Terima Pekerjaan (PHO/FHO) Konstruksi Strategis", "Dinas PUPR"),
    Doc("Laporan Penilaian Kinerja Penyedia pada SIKaP", "PBJ"),
    Doc("Laporan Pembinaan dan Pendampingan UKPBJ Kabupaten/Kota Tahun {y}", "PBJ", PROV),
    Area("4", "Pelayanan Publik"),
    Indicator("4.1", "Perizinan dilayani terpadu satu pintu dan terintegrasi"),
    Sub("4.1.1", "Kewenangan perizinan didelegasikan kepada DPMPTSP"),
    Doc(
        "Peraturan Kepala Daerah tentang Pendelegasian Kewenangan Perizinan dan Nonperizinan "
        "kepada DPMPTSP",
        "Hukum",
    ),
    Doc("Screenshot integrasi perizinan daerah pada OSS RBA", "DPMPTSP"),
    Doc("Laporan Penyelesaian Perizinan Berusaha {per}", "DPMPTSP", periods=TRIWULAN),
    Doc("Laporan Penerbitan Surat Izin Pertambangan Batuan (SIPB) Tahun {y}", "ESDM", PROV),
    Doc(
        "Laporan Pelayanan Perizinan dan Pengawasan Peredaran Hasil Hutan Tahun {y}", "Dishut", PROV
    ),
    Sub("4.1.2", "Mal Pelayanan Publik beroperasi"),
    Doc("Keputusan Kepala Daerah tentang Penyelenggaraan Mal Pelayanan Publik", "DPMPTSP", LOCAL),
    Doc("Daftar Instansi dan Jenis Layanan di Mal Pelayanan Publik", "DPMPTSP", LOCAL),
    Sub("4.1.3", "PBG dan SLF diterbitkan melalui SIMBG"),
    Doc(
        "Laporan Penerbitan PBG dan SLF melalui SIMBG {per}", "Dinas PUPR", LOCAL, periods=SEMESTER
    ),
    Doc("Peraturan Daerah tentang Retribusi Persetujuan Bangunan Gedung", "Hukum", LOCAL),
    Doc("SK Tim Profesi Ahli (TPA) dan Tim Penilai Teknis PBG", "Dinas PUPR", LOCAL),
    Doc("Screenshot layanan permohonan PBG pada SIMBG", "Dinas PUPR", LOCAL),
    Indicator("4.2", "Standar pelayanan ditetapkan dan kepuasan masyarakat diukur"),
    Sub("4.2.1", "Standar pelayanan dan maklumat pelayanan dipublikasikan"),
    Doc("Keputusan Kepala {opd} tentang Standar Pelayanan", each=SERVICE_AGENCIES),
    Doc("Maklumat Pelayanan {opd}", each=SERVICE_AGENCIES),
    Sub("4.2.2", "Survei Kepuasan Masyarakat dilaksanakan dan ditindaklanjuti"),
    Doc(
        "Laporan Hasil Survei Kepuasan Masyarakat {opd} {per}",
        periods=SEMESTER,
        each=SERVICE_AGENCIES,
    ),
    Doc("Rekapitulasi Indeks Kepuasan Masyarakat Pemerintah Daerah Tahun {y}", "Organisasi"),
    Doc("Rencana Tindak Lanjut Hasil Survei Kepuasan Masyarakat", "Organisasi"),
    Indicator("4.3", "Pengaduan masyarakat dikelola melalui SP4N-LAPOR!"),
    Sub("4.3.1", "Pengelola pengaduan ditetapkan dan pengaduan ditindaklanjuti"),
    Doc("Keputusan Kepala Daerah tentang Tim Pengelola SP4N-LAPOR!", "Diskominfo"),
    Doc("Laporan Pengelolaan Pengaduan SP4N-LAPOR! {per}", "Diskominfo", periods=TRIWULAN),
    Doc("Screenshot dasbor tindak lanjut pengaduan SP4N-LAPOR!", "Diskominfo"),
    Indicator("4.4", "Layanan dasar memenuhi standar pelayanan minimal"),
    Sub("4.4.1", "Layanan administrasi kependudukan terintegrasi"),
    Doc("Laporan Penerbitan Dokumen Kependudukan {per}", "Dukcapil", LOCAL, periods=TRIWULAN),
    Doc(
        "Perjanjian Kerja Sama Pemanfaatan Data Kependudukan dengan Perangkat Daerah",
        "Dukcapil",
        LOCAL,
    ),
    Doc(
        "Laporan Perekaman KTP-el dan Aktivasi Identitas Kependudukan Digital {per}",
        "Dukcapil",
        LOCAL,
        periods=SEMESTER,
    ),
    Doc("Laporan Pelayanan Adminduk Jemput Bola di Kecamatan", "Dukcapil", LOCAL),
    Doc(
        "Perjanjian Kerja Sama Pemanfaatan Data Kependudukan dengan Ditjen Dukcapil",
        "Diskominfo",
        PROV,
    ),
    Sub("4.4.2", "Capaian SPM pendidikan dan kesehatan dilaporkan"),
    Doc("Laporan Capaian SPM Bidang Pendidikan Tahun {p}", "Disdik"),
    Doc("Laporan Capaian SPM Bidang Kesehatan Tahun {p}", "Dinkes"),
    Doc("Petunjuk Teknis SPMB Tahun Ajaran {y}/{n}", "Disdik"),
    Doc("Laporan Pelaksanaan SPMB Tahun Ajaran {y}/{n}", "Disdik"),
    Indicator("4.5", "Informasi publik terbuka dan kinerja pelayanan dievaluasi"),
    Sub("4.5.1", "PPID menyediakan informasi publik"),
    Doc(
        "Keputusan Kepala Daerah tentang Pejabat Pengelola Informasi dan Dokumentasi (PPID)",
        "Diskominfo",
    ),
    Doc("Daftar Informasi Publik (DIP) Tahun {y}", "Diskominfo"),
    Doc("Laporan Layanan Informasi Publik PPID Tahun {p}", "Diskominfo"),
    Doc(
        "Hasil Monitoring dan Evaluasi Keterbukaan Informasi Publik dari Komisi Informasi",
        "Diskominfo",
    ),
    Sub("4.5.2", "Penyelenggaraan pelayanan publik dievaluasi"),
    Doc(
        "Laporan Evaluasi Kinerja Penyelenggaraan Pelayanan Publik (PEKPPP) Tahun {y}", "Organisasi"
    ),
    Doc("Hasil Penilaian Kepatuhan Standar Pelayanan Publik oleh Ombudsman RI", "Organisasi"),
    Area("5", "Penguatan APIP"),
    Indicator("5.1", "Kapabilitas APIP meningkat"),
    Sub("5.1.1", "Kapabilitas APIP dinilai dan ditingkatkan"),
    Doc("Laporan Penilaian Mandiri Kapabilitas APIP (IACM) Tahun {y}", "Inspektorat"),
    Doc("Surat Hasil Penjaminan Kualitas Kapabilitas APIP dari BPKP", "Inspektorat"),
    Doc("Rencana Aksi Peningkatan Kapabilitas APIP", "Inspektorat"),
    Doc("Piagam Audit Intern Inspektorat", "Inspektorat"),
    Doc("Peraturan Kepala Daerah tentang Kode Etik dan Standar Audit APIP", "Hukum"),
    Sub("5.1.2", "Anggaran dan SDM pengawasan memadai"),
    Doc(
        "Rekapitulasi Persentase Anggaran Pengawasan terhadap Total Belanja APBD {y}", "Inspektorat"
    ),
    Doc("Analisis Beban Kerja Jabatan Fungsional Auditor dan PPUPD", "Inspektorat"),
    Doc("SK Pengangkatan Jabatan Fungsional Auditor dan PPUPD", "BKD"),
    Doc("Rencana Pengembangan Kompetensi Auditor Tahun {y}", "BPSDM", PROV),
    Doc("Rencana Pengembangan Kompetensi Auditor Tahun {y}", "Inspektorat", LOCAL),
    Indicator("5.2", "Pengawasan dilaksanakan berbasis risiko"),
    Sub("5.2.1", "Program kerja pengawasan dilaksanakan"),
    Doc("Program Kerja Pengawasan Tahunan (PKPT) Tahun {y}", "Inspektorat"),
    Doc("Laporan Hasil Pengawasan {per}", "Inspektorat", periods=TRIWULAN),
    Doc("Laporan Hasil Reviu RKA Perangkat Daerah Tahun {y}", "Inspektorat"),
    Doc("Laporan Hasil Reviu Laporan Keuangan Pemerintah Daerah Tahun {p}", "Inspektorat"),
    Doc("Laporan Hasil Evaluasi SAKIP Perangkat Daerah Tahun {p}", "Inspektorat"),
    Doc(
        "Laporan Hasil Pembinaan dan Pengawasan Penyelenggaraan Pemerintahan Daerah — {kabkota}",
        "Inspektorat",
        PROV,
        per_regency=True,
    ),
    Sub("5.2.2", "SPIP dan manajemen risiko diterapkan"),
    Doc("Peraturan Kepala Daerah tentang Penerapan Manajemen Risiko", "Hukum"),
    Doc("Laporan Penilaian Maturitas SPIP Terintegrasi Tahun {p}", "Inspektorat"),
    Doc("Register Risiko {opd} Tahun {y}", each=EVERY_AGENCY),
    Doc("Rencana Tindak Pengendalian {opd} Tahun {y}", each=EVERY_AGENCY),
    Indicator("5.3", "Hasil pemeriksaan ditindaklanjuti"),
    Sub("5.3.1", "Tindak lanjut rekomendasi BPK dan APIP dipantau"),
    Doc(
        "Laporan Pemantauan Tindak Lanjut Hasil Pemeriksaan BPK {per}",
        "Inspektorat",
        periods=SEMESTER,
    ),
    Doc(
        "Berita Acara Pemutakhiran Data Tindak Lanjut dengan BPK {per}",
        "Inspektorat",
        periods=SEMESTER,
    ),
    Doc("Laporan Tindak Lanjut Hasil Pengawasan APIP {per}", "Inspektorat", periods=SEMESTER),
    Doc("Laporan Hasil Pemeriksaan BPK atas LKPD Tahun {p}", "Inspektorat"),
    Doc("Rencana Aksi Tindak Lanjut Rekomendasi BPK atas LKPD Tahun {p}", "Inspektorat"),
    Sub("5.3.2", "Kerugian daerah diselesaikan"),
    Doc(
        "Keputusan Kepala Daerah tentang Majelis Tuntutan Perbendaharaan dan Tuntutan Ganti "
        "Kerugian",
        "Inspektorat",
    ),
    Doc("Laporan Penyelesaian Kerugian Daerah per 30 Juni {y}", "Inspektorat"),
    Indicator("5.4", "Gratifikasi, benturan kepentingan dan pelaporan pelanggaran dikendalikan"),
    Sub("5.4.1", "Pengendalian gratifikasi berjalan"),
    Doc("Peraturan Kepala Daerah tentang Pengendalian Gratifikasi", "Hukum"),
    Doc("Keputusan Kepala Daerah tentang Unit Pengendalian Gratifikasi", "Inspektorat"),
    Doc("Laporan Penanganan Gratifikasi {per}", "Inspektorat", periods=SEMESTER),
    Doc("Peraturan Kepala Daerah tentang Penanganan Benturan Kepentingan", "Hukum"),
    Sub("5.4.2", "Whistleblowing system tersedia dan dikelola"),
    Doc("Peraturan Kepala Daerah tentang Whistleblowing System", "Hukum"),
    Doc("Screenshot kanal WBS pada laman resmi pemda", "Diskominfo"),
    Doc("Laporan Pengelolaan WBS {per}", "Inspektorat", periods=SEMESTER),
    Sub("5.4.3", "Kepatuhan LHKPN dan LHKASN"),
    Doc("Keputusan Kepala Daerah tentang Penetapan Wajib LHKPN", "Inspektorat"),
    Doc("Rekapitulasi Kepatuhan LHKPN Tahun {y}", "Inspektorat"),
    Doc("Rekapitulasi Kepatuhan LHKASN Tahun {y}", "BKD"),
    Indicator("5.5", "Pencegahan korupsi dikoordinasikan dan dipantau"),
    Sub("5.5.1", "Tim koordinasi dan rencana aksi MCSP ditetapkan"),
    Doc(
        "Keputusan Kepala Daerah tentang Tim Koordinasi Pencegahan Korupsi Terintegrasi",
        "Inspektorat",
    ),
    Doc("Rencana Aksi MCSP Tahun {y}", "Inspektorat"),
    Doc("Notulen Rapat Koordinasi MCSP {per}", "Inspektorat", periods=TRIWULAN),
    Doc(
        "Laporan Koordinasi dan Pendampingan APIP Kabupaten/Kota {per}",
        "Inspektorat",
        PROV,
        periods=TRIWULAN,
    ),
    Doc(
        "Laporan Pendampingan Rencana Aksi MCSP — {kabkota}", "Inspektorat", PROV, per_regency=True
    ),
    Sub("5.5.2", "Budaya antikorupsi dibangun"),
    Doc("Laporan Pelaksanaan Penyuluhan Antikorupsi Tahun {y}", "Inspektorat"),
    Doc("Rencana Tindak Lanjut Hasil Survei Penilaian Integritas Tahun {p}", "Inspektorat"),
    Area("6", "Manajemen ASN"),
    Indicator("6.1", "Sistem merit diterapkan"),
    Sub("6.1.1", "Penerapan sistem merit dinilai"),
    Doc("Laporan Penilaian Mandiri Sistem Merit Tahun {y}", "BKD"),
    Doc("Rekomendasi Hasil Penilaian Sistem Merit dari BKN", "BKD"),
    Doc("Rencana Aksi Peningkatan Indeks Sistem Merit", "BKD"),
    Indicator("6.2", "Kebutuhan pegawai direncanakan berdasarkan analisis jabatan"),
    Sub("6.2.1", "Analisis jabatan dan beban kerja tersedia"),
    Doc("Dokumen Analisis Jabatan dan Analisis Beban Kerja Perangkat Daerah", "Organisasi"),
    Doc("Peraturan Kepala Daerah tentang Kelas Jabatan", "Organisasi"),
    Doc("Peta Jabatan {opd}", each=EVERY_AGENCY),
    Sub("6.2.2", "Formasi ASN diusulkan melalui e-Formasi"),
    Doc("Usulan Kebutuhan ASN Tahun {y} melalui e-Formasi", "BKD"),
    Doc("Surat Penetapan Kebutuhan ASN dari KemenPAN-RB Tahun {y}", "BKD"),
    Indicator("6.3", "Jabatan diisi secara terbuka dan kompetitif"),
    Sub("6.3.1", "Seleksi terbuka JPT Pratama"),
    Doc("SK Panitia Seleksi Terbuka JPT Pratama Tahun {y}", "BKD"),
    Doc("Laporan Pelaksanaan Seleksi Terbuka JPT Pratama Tahun {y}", "BKD"),
    Doc("Rekomendasi BKN atas Pengisian JPT Pratama", "BKD"),
    Sub("6.3.2", "Mutasi dan promosi berdasarkan uji kompetensi"),
    Doc("Laporan Hasil Uji Kompetensi Pejabat Administrator dan Pengawas", "BKD"),
    Doc("Peraturan Kepala Daerah tentang Manajemen Talenta ASN", "Hukum"),
    Indicator("6.4", "Kinerja pegawai dikelola dan menjadi dasar tambahan penghasilan"),
    Sub("6.4.1", "Kinerja dikelola melalui e-Kinerja"),
    Doc("Peraturan Kepala Daerah tentang Pengelolaan Kinerja Pegawai ASN", "Hukum"),
    Doc("Rekapitulasi SKP Pegawai melalui e-Kinerja BKN {per}", "BKD", periods=SEMESTER),
    Doc("Perjanjian Kinerja {opd} Tahun {y}", each=EVERY_AGENCY),
    Sub("6.4.2", "TPP dibayarkan berdasarkan kinerja dan disiplin"),
    Doc("Peraturan Kepala Daerah tentang Tambahan Penghasilan Pegawai ASN Tahun {y}", "BKD"),
    Doc("Surat Persetujuan Menteri Dalam Negeri atas Besaran TPP Tahun {y}", "BKD"),
    Doc(
        "Rekapitulasi Pembayaran TPP Berbasis Kinerja dan Disiplin {per}", "BPKAD", periods=TRIWULAN
    ),
    Indicator("6.5", "Data ASN mutakhir dan pelanggaran disiplin ditangani"),
    Sub("6.5.1", "Data ASN dimutakhirkan pada SIASN"),
    Doc("Laporan Pemutakhiran Data Mandiri ASN pada SIASN", "BKD"),
    Doc("Laporan Penjatuhan Hukuman Disiplin ASN {per}", "BKD", periods=SEMESTER),
    Sub("6.5.2", "ASN terpidana korupsi diberhentikan"),
    Doc("Daftar ASN Terpidana Tindak Pidana Korupsi Berkekuatan Hukum Tetap", "BKD"),
    Doc("Keputusan Pemberhentian Tidak dengan Hormat PNS Terpidana Korupsi", "BKD"),
    Indicator("6.6", "Kompetensi ASN dikembangkan terencana"),
    Sub("6.6.1", "Pengembangan kompetensi direncanakan dan dipenuhi"),
    Doc("Rencana Pengembangan Kompetensi ASN Tahun {y}", "BPSDM", PROV),
    Doc("Rencana Pengembangan Kompetensi ASN Tahun {y}", "BKD", LOCAL),
    Doc("Laporan Pemenuhan Pengembangan Kompetensi 20 Jam Pelajaran", "BPSDM", PROV),
    Doc("Laporan Pemenuhan Pengembangan Kompetensi 20 Jam Pelajaran", "BKD", LOCAL),
    Doc("Laporan Pelaksanaan Pelatihan Dasar CPNS Tahun {y}", "BPSDM", PROV),
    Area("7", "Pengelolaan Barang Milik Daerah"),
    Indicator("7.1", "Regulasi dan kelembagaan pengelolaan BMD tersedia"),
    Sub("7.1.1", "Regulasi pengelolaan BMD ditetapkan"),
    Doc("Peraturan Daerah tentang Pengelolaan Barang Milik Daerah", "Hukum"),
    Doc("Peraturan Kepala Daerah tentang Kebijakan Akuntansi Pemerintah Daerah", "BPKAD"),
    Doc("Peraturan Kepala Daerah tentang Penyusutan Barang Milik Daerah", "BPKAD"),
    Doc("Peraturan Kepala Daerah tentang Tarif Sewa BMD", "BPKAD"),
    Sub("7.1.2", "Pengelola dan pengurus barang ditetapkan"),
    Doc("SK Tim Pengelola Aset Tahun {y}", "BPKAD"),
    Doc("SK Pengurus Barang {opd} Tahun {y}", each=EVERY_AGENCY),
    Indicator("7.2", "BMD direncanakan dan ditatausahakan tertib"),
    Sub("7.2.1", "Kebutuhan BMD direncanakan"),
    Doc("Rencana Kebutuhan BMD {opd} Tahun {n}", each=EVERY_AGENCY),
    Doc("Rekapitulasi RKBMD Pemerintah Daerah Tahun {n}", "BPKAD"),
    Sub("7.2.2", "Aset tetap diinventarisasi dan direkonsiliasi"),
    Doc("Kartu Inventaris Barang (KIB) A Tanah", "BPKAD"),
    Doc("Kartu Inventaris Barang (KIB) B Peralatan dan Mesin", "BPKAD"),
    Doc("Kartu Inventaris Barang (KIB) C Gedung dan Bangunan", "BPKAD"),
    Doc("Kartu Inventaris Barang (KIB) D Jalan, Irigasi dan Jaringan", "BPKAD"),
    Doc("Kartu Inventaris Barang (KIB) E Aset Tetap Lainnya", "BPKAD"),
    Doc("Kartu Inventaris Barang (KIB) F Konstruksi Dalam Pengerjaan", "BPKAD"),
    Doc("Laporan Barang Milik Daerah {per}", "BPKAD", periods=SEMESTER),
    Doc("Laporan Rekonsiliasi Aset Tetap {per}", "BPKAD", periods=SEMESTER),
    Doc("Berita Acara Rekonsiliasi Aset Tetap {opd} Semester I Tahun {y}", each=EVERY_AGENCY),
    Doc("Laporan Hasil Inventarisasi (Sensus) Barang Milik Daerah", "BPKAD"),
    Doc("Laporan Mutasi Barang {opd} Semester I Tahun {y}", each=EVERY_AGENCY),
    Indicator("7.3", "Tanah pemerintah daerah bersertipikat"),
    Sub("7.3.1", "Sertipikasi tanah dipercepat bersama BPN"),
    Doc("Perjanjian Kerja Sama dengan Kantor Pertanahan tentang Sertipikasi Aset Tanah", "BPKAD"),
    Doc("Daftar Usulan Sertipikasi Tanah Tahun {y}", "BPKAD"),
    Doc("Daftar Bidang Tanah Pemda yang Belum Bersertipikat", "BPKAD"),
    Doc("Laporan Progres Sertipikasi Tanah Pemda {per}", "BPKAD", periods=TRIWULAN),
    Doc("Salinan Sertipikat Tanah yang Terbit Tahun {y}", "BPKAD"),
    Indicator("7.4", "BMD diamankan, dimanfaatkan dan dihapuskan sesuai ketentuan"),
    Sub("7.4.1", "Aset bermasalah dan kendaraan dinas ditertibkan"),
    Doc("Laporan Penertiban Kendaraan Dinas Tahun {y}", "BPKAD"),
    Doc("Berita Acara Serah Terima Kendaraan Dinas dari Mantan Pejabat", "BPKAD"),
    Doc("Laporan Penyelesaian Aset Bermasalah (Sengketa)", "BPKAD"),
    Doc("Polis Asuransi Barang Milik Daerah Tahun {y}", "BPKAD"),
    Doc("Berita Acara Serah Terima P3D Urusan Pendidikan Menengah", "BPKAD", PROV),
    Sub("7.4.2", "Prasarana, sarana dan utilitas perumahan diserahkan pengembang"),
    Doc("Peraturan Daerah tentang Penyerahan PSU Perumahan dan Permukiman", "Hukum", LOCAL),
    Doc("Berita Acara Serah Terima PSU Perumahan dari Pengembang Tahun {y}", "Disperkim", LOCAL),
    Doc("Rekapitulasi PSU yang Telah Diserahkan dan Dicatat", "Disperkim", LOCAL),
    Doc("Daftar Perumahan yang PSU-nya Belum Diserahkan Pengembang", "Disperkim", LOCAL),
    Doc("Rekapitulasi Tanah Fasum/Fasos yang Telah Bersertipikat", "Disperkim", LOCAL),
    Sub("7.4.3", "Pemanfaatan dan penghapusan BMD"),
    Doc("Perjanjian Sewa dan Pinjam Pakai BMD yang Berlaku", "BPKAD"),
    Doc("Laporan Penerimaan Hasil Pemanfaatan BMD {per}", "BPKAD", periods=SEMESTER),
    Doc("Keputusan Kepala Daerah tentang Penghapusan BMD Tahun {y}", "BPKAD"),
    Doc("Berita Acara Pemusnahan atau Lelang BMD", "BPKAD"),
    Area("8", "Optimalisasi Pajak Daerah"),
    Indicator("8.1", "Regulasi pajak daerah sesuai UU HKPD"),
    Sub("8.1.1", "Perda dan Perkada pajak daerah ditetapkan"),
    Doc("Peraturan Daerah tentang Pajak Daerah dan Retribusi Daerah", "Hukum"),
    Doc("Peraturan Kepala Daerah tentang Tata Cara Pemungutan Pajak Daerah", "Bapenda"),
    Doc("Peraturan Kepala Daerah tentang Insentif Pemungutan Pajak Daerah", "Bapenda"),
    Doc(
        "Peraturan Kepala Daerah tentang Pemberian Keringanan, Pengurangan dan Pembebasan Pajak "
        "Daerah",
        "Bapenda",
    ),
    Doc("Peraturan Kepala Daerah tentang Penetapan NJOP PBB-P2 Tahun {y}", "Bapenda", LOCAL),
    Doc("Peraturan Kepala Daerah tentang Dasar Pengenaan PKB dan BBNKB Tahun {y}", "Bapenda", PROV),
    Indicator("8.2", "Basis data pajak daerah dimutakhirkan"),
    Sub("8.2.1", "Data objek dan wajib pajak dimutakhirkan"),
    Doc("Laporan Pemutakhiran Data Objek PBB-P2 Tahun {y}", "Bapenda", LOCAL),
    Doc("Daftar Himpunan Ketetapan Pajak (DHKP) PBB-P2 Tahun {y}", "Bapenda", LOCAL),
    Doc("Peta Zona Nilai Tanah untuk Penetapan NJOP", "Bapenda", LOCAL),
    Doc(
        "Laporan Pendataan Wajib Pajak PBJT Makanan dan Minuman, Perhotelan, Parkir dan Hiburan",
        "Bapenda",
        LOCAL,
    ),
    Doc("Laporan Pemutakhiran Data Objek PBB-P2 Perdesaan per Kecamatan", "Bapenda", KAB),
    Doc("Laporan Pemutakhiran Data Kendaraan Bermotor bersama Korlantas Polri", "Bapenda", PROV),
    Doc("Daftar Wajib Pajak Air Permukaan dan PBBKB Tahun {y}", "Bapenda", PROV),
    Doc("Laporan Pendataan Objek Pajak Alat Berat Tahun {y}", "Bapenda", PROV),
    Doc("Laporan Pendataan Objek Pajak MBLB, Reklame dan Air Tanah", "Bapenda", LOCAL),
    Sub("8.2.2", "Data pajak direkonsiliasi dengan instansi terkait"),
    Doc("Berita Acara Rekonsiliasi Data BPHTB dengan Kantor Pertanahan", "Bapenda", LOCAL),
    Doc(
        "Berita Acara Rekonsiliasi Data Kendaraan Bermotor dengan Samsat {per}",
        "Bapenda",
        PROV,
        periods=SEMESTER,
    ),
    Doc(
        "Berita Acara Rekonsiliasi Penyaluran Opsen PKB dan Opsen BBNKB — {kabkota}",
        "Bapenda",
        PROV,
        per_regency=True,
    ),
    Indicator("8.3", "Pembayaran dan pengawasan pajak berbasis elektronik"),
    Sub("8.3.1", "Transaksi wajib pajak terekam secara elektronik"),
    Doc(
        "Laporan Pemasangan Alat Perekam Transaksi (Tapping Box) {per}",
        "Bapenda",
        LOCAL,
        periods=SEMESTER,
    ),
    Doc("Screenshot aplikasi e-SPTPD", "Bapenda"),
    Doc("Screenshot integrasi e-BPHTB dengan BPN dan PPAT", "Bapenda", LOCAL),
    Doc("Screenshot layanan Samsat Digital Nasional (SIGNAL) dan e-Samsat", "Bapenda", PROV),
    Doc(
        "Laporan Penerimaan Pajak melalui Kanal Pembayaran Non-Tunai {per}",
        "Bapenda",
        periods=TRIWULAN,
    ),
    Indicator("8.4", "Tunggakan pajak ditagih dan penerimaan dipantau"),
    Sub("8.4.1", "Piutang pajak ditagih"),
    Doc("Daftar Piutang Pajak Daerah per 31 Desember {p}", "Bapenda"),
    Doc("Laporan Penagihan Tunggakan Pajak Daerah {per}", "Bapenda", periods=TRIWULAN),
    Doc("Rekapitulasi Surat Teguran dan Surat Paksa Tahun {y}", "Bapenda"),
    Doc("Laporan Penagihan Tunggakan PKB Kendaraan Dinas", "Bapenda", PROV),
    Doc("Laporan Penagihan PBB-P2 melalui Pemerintah Desa", "Bapenda", KAB),
    Sub("8.4.2", "Realisasi penerimaan pajak dipantau dan dikerjasamakan"),
    Doc("Laporan Realisasi Penerimaan Pajak Daerah {per}", "Bapenda", periods=BULAN),
    Doc(
        "Perjanjian Kerja Sama dengan Kanwil DJP tentang Optimalisasi Pemungutan Pajak Pusat dan "
        "Daerah",
        "Bapenda",
    ),
    Doc(
        "Perjanjian Kerja Sama dengan Bank Kalteng tentang Layanan Pembayaran Pajak Daerah",
        "Bapenda",
    ),
    Doc(
        "Laporan Realisasi Penerimaan Opsen PKB dan BBNKB {per}", "Bapenda", LOCAL, periods=TRIWULAN
    ),
    Doc(
        "Laporan Penerimaan PKB dan BBNKB Semester I Tahun {y} UPT PPD {kabkota}",
        "Bapenda",
        PROV,
        per_regency=True,
    ),
    Doc(
        "Berita Acara Rekonsiliasi Penerimaan Pajak Rokok dengan DJBC {per}",
        "Bapenda",
        PROV,
        periods=SEMESTER,
    ),
    Doc(
        "Laporan Penerimaan PBBKB per Penyedia Bahan Bakar {per}", "Bapenda", PROV, periods=SEMESTER
    ),
    Doc("Laporan Pemungutan BPHTB {per}", "Bapenda", LOCAL, periods=TRIWULAN),
    Doc("Berita Acara Rekonsiliasi PBJT Tenaga Listrik dengan PLN", "Bapenda", LOCAL),
)


class Row(NamedTuple):
    """One requirement as stored: what ``seed_demo`` turns into a Requirement."""

    area_code: str
    area_name: str
    indicator_code: str
    indicator_name: str
    code: str
    order: int
    name: str
    sub_indicator_code: str
    sub_indicator_name: str
    unit_short_name: str
    kinds: frozenset[str]


def _agency(kind: str, key: str) -> Agency | None:
    return next((a for a in AGENCIES[kind] if a.key == key), None)


def _expand(doc: Doc, year: int):
    """(name, unit short name, kinds) for every requirement one guidebook line asks for."""
    start = 2025 + 5 * ((year - 2025) // 5)
    words = {"y": year, "n": year + 1, "p": year - 1, "rpjmd": f"{start}–{start + 4}"}
    periods = [p.format(**words) for p in doc.periods] or [""]
    places = REGENCIES_AND_CITY if doc.per_regency else ("",)
    for key in doc.each or (doc.unit,):
        # Group the kinds by the unit they resolve to: a Biro and a Bagian are two requirements.
        groups: dict[Agency, set[str]] = {}
        for kind in sorted(doc.kinds):
            agency = _agency(kind, key)
            if agency is not None:
                groups.setdefault(agency, set()).add(kind)
        for agency, kinds in groups.items():
            for period in periods:
                for place in places:
                    name = doc.name.format(**words, per=period, opd=agency.title, kabkota=place)
                    yield name, agency.short_name, frozenset(kinds)


def requirements(year: int) -> list[Row]:
    """The whole checklist of a programme year, in guidebook order."""
    rows: list[Row] = []
    area = indicator = sub = None
    in_indicator: list[Row] = []
    for line in CHECKLIST:
        if isinstance(line, Area):
            area = line
        elif isinstance(line, Indicator):
            indicator, in_indicator = line, []
        elif isinstance(line, Sub):
            sub = line
        else:
            for name, unit, kinds in _expand(line, year):
                number = sum(r.sub_indicator_code == sub.code for r in in_indicator) + 1
                row = Row(
                    area_code=area.code,
                    area_name=area.name,
                    indicator_code=indicator.code,
                    indicator_name=indicator.name,
                    code=f"{sub.code}.{number}",
                    order=len(in_indicator) + 1,
                    name=name,
                    sub_indicator_code=sub.code,
                    sub_indicator_name=sub.name,
                    unit_short_name=unit,
                    kinds=kinds,
                )
                in_indicator.append(row)
                rows.append(row)
    return rows


def count_for(kind: str, year: int = 2025) -> int:
    """How many requirements one kind of government has (the province: 660)."""
    return sum(kind in row.kinds for row in requirements(year))


# What KPK's verifier or an inspectorate reviewer writes when returning a document:
# (documents.models.ReturnReason code, note). {p} is the previous year.
REVISION_NOTES: tuple[tuple[str, str], ...] = (
    ("unsigned", "Dokumen belum ditandatangani pejabat berwenang."),
    (
        "incomplete",
        "Lampiran tidak lengkap, mohon unggah SK beserta lampirannya.",
    ),
    ("wrong_period", "Tahun anggaran tidak sesuai (masih {p}). Unggah dokumen tahun berjalan."),
    ("wrong_document", "Yang diunggah masih draf/rancangan, belum dokumen yang sudah ditetapkan."),
    ("unsigned", "Dokumen belum dibubuhi cap/stempel dinas dan nomor register."),
    (
        "wrong_document",
        "Dokumen tidak sesuai dengan yang diminta sub-indikator. Mohon cek kembali juknis.",
    ),
    ("unreadable", "Tautan Google Drive tidak dapat dibuka (akses dibatasi). Ubah ke publik."),
    ("unreadable", "Hasil pindai tidak terbaca. Mohon unggah ulang dengan resolusi lebih baik."),
    ("wrong_period", "Laporan hanya memuat sebagian periode; lengkapi hingga akhir triwulan."),
    ("incomplete", "Screenshot belum menampilkan alamat laman dan tanggal publikasi."),
    ("unsigned", "Berita acara belum memuat tanda tangan seluruh pihak yang hadir."),
    ("incomplete", "Belum mencakup seluruh perangkat daerah; baru sebagian OPD yang dilampirkan."),
    ("format", "Format berkas tidak sesuai, unggah dalam bentuk PDF (bukan foto)."),
    (
        "wrong_document",
        "Angka pada rekapitulasi berbeda dengan data di aplikasi. Mohon disesuaikan.",
    ),
    ("wrong_period", "SK yang diunggah sudah tidak berlaku; unggah SK terbaru tahun {y}."),
)
