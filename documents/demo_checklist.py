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


class Doc(NamedTuple):
    """One evidence document as the guidebook names it.

    ``name`` may use {y} (the programme year), {n} (next year), {p} (previous year), {rpjmd}
    (the current five-year plan), {per} (one of ``periods``), {opd} (one of ``each``'s agencies)
    and {kabkota} (one of ``per_regency``'s governments).
    """

    name: str
    unit: str = ""  # agency key; ignored when ``each`` names the agencies
    kinds: frozenset[str] = ALL
    periods: tuple[str, ...] = ()
    each: tuple[str, ...] = ()
    per_regency: bool = False


class Sub(NamedTuple):
    code: str
    name: str
    docs: tuple[Doc, ...]


class Ind(NamedTuple):
    code: str
    name: str
    subs: tuple[Sub, ...]


class AreaSpec(NamedTuple):
    code: str
    name: str
    indicators: tuple[Ind, ...]


D = Doc

AREAS: tuple[AreaSpec, ...] = (
    AreaSpec(
        "1",
        "Perencanaan",
        (
            Ind(
                "1.1",
                "Pokok-pokok pikiran DPRD diselaraskan melalui SIPD",
                (
                    Sub(
                        "1.1.1",
                        "Pokir DPRD diinput ke SIPD sesuai jadwal penyusunan RKPD",
                        (
                            D(
                                "Rekapitulasi Pokok-pokok Pikiran DPRD Tahun {n} dari SIPD",
                                "Setwan",
                            ),
                            D("Berita Acara Rapat Dengar Pendapat Penyusunan Pokir DPRD", "Setwan"),
                            D(
                                "Surat Penyampaian Pokok-pokok Pikiran DPRD kepada Kepala Bappeda",
                                "Setwan",
                            ),
                            D("Screenshot input Pokir DPRD pada SIPD-RI", "Bappeda"),
                        ),
                    ),
                    Sub(
                        "1.1.2",
                        "Pokir DPRD diverifikasi dan dituangkan dalam Renja Perangkat Daerah",
                        (
                            D("Berita Acara Verifikasi Usulan Pokir DPRD", "Bappeda"),
                            D("Daftar Pokir DPRD yang Diakomodasi dalam RKPD Tahun {n}", "Bappeda"),
                        ),
                    ),
                ),
            ),
            Ind(
                "1.2",
                "RKPD disusun partisipatif dan ditetapkan tepat waktu",
                (
                    Sub(
                        "1.2.1",
                        "RKPD ditetapkan dengan Peraturan Kepala Daerah sesuai jadwal",
                        (
                            D("Peraturan Kepala Daerah tentang RKPD Tahun {n}", "Bappeda"),
                            D("Dokumen RKPD Tahun {n} beserta lampiran", "Bappeda"),
                            D(
                                "Surat Penyampaian Perkada RKPD Tahun {n} kepada Menteri Dalam "
                                "Negeri",
                                "Bappeda",
                                PROV,
                            ),
                            D(
                                "Surat Penyampaian Perkada RKPD Tahun {n} kepada Gubernur",
                                "Bappeda",
                                LOCAL,
                            ),
                            D(
                                "Hasil Fasilitasi Rancangan Akhir RKPD Kabupaten/Kota Tahun {n} — "
                                "{kabkota}",
                                "Bappeda",
                                PROV,
                                per_regency=True,
                            ),
                        ),
                    ),
                    Sub(
                        "1.2.2",
                        "Musrenbang RKPD dilaksanakan berjenjang dan terdokumentasi",
                        (
                            D("Berita Acara Musrenbang RKPD Tahun {n}", "Bappeda"),
                            D("Daftar Hadir dan Dokumentasi Musrenbang RKPD Tahun {n}", "Bappeda"),
                            D("Rekapitulasi Berita Acara Musrenbang Kecamatan", "Bappeda", LOCAL),
                            D(
                                "Berita Acara Forum Perangkat Daerah/Lintas Perangkat Daerah",
                                "Bappeda",
                            ),
                        ),
                    ),
                    Sub(
                        "1.2.3",
                        "Rancangan awal RKPD dikonsultasikan kepada publik",
                        (
                            D(
                                "Undangan dan Notulen Konsultasi Publik Rancangan Awal RKPD "
                                "Tahun {n}",
                                "Bappeda",
                            ),
                            D(
                                "Screenshot publikasi Rancangan Awal RKPD pada laman resmi pemda",
                                "Diskominfo",
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "1.3",
                "Dokumen perencanaan jangka menengah dan tahunan selaras",
                (
                    Sub(
                        "1.3.1",
                        "RPJMD dan Renstra Perangkat Daerah ditetapkan",
                        (
                            D("Peraturan Daerah tentang RPJMD Tahun {rpjmd}", "Bappeda"),
                            D(
                                "Peraturan Kepala Daerah tentang Renstra Perangkat Daerah Tahun "
                                "{rpjmd}",
                                "Bappeda",
                            ),
                            D(
                                "Hasil Evaluasi Kesesuaian Renstra Perangkat Daerah terhadap RPJMD",
                                "Bappeda",
                            ),
                        ),
                    ),
                    Sub(
                        "1.3.2",
                        "Renja Perangkat Daerah mengacu pada RKPD",
                        (
                            D("Renstra {opd} Tahun {rpjmd}", each=EVERY_AGENCY),
                            D("Renja {opd} Tahun {n}", each=EVERY_AGENCY),
                            D(
                                "Berita Acara Verifikasi Rancangan Renja Perangkat Daerah oleh "
                                "Bappeda",
                                "Bappeda",
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "1.4",
                "Pelaksanaan rencana dikendalikan dan dievaluasi",
                (
                    Sub(
                        "1.4.1",
                        "Pengendalian dan evaluasi RKPD dilakukan setiap triwulan",
                        (
                            D(
                                "Laporan Pengendalian dan Evaluasi Pelaksanaan RKPD {per}",
                                "Bappeda",
                                periods=TRIWULAN,
                            ),
                            D(
                                "Laporan Hasil Evaluasi Renja Perangkat Daerah {per}",
                                "Bappeda",
                                periods=SEMESTER,
                            ),
                            D(
                                "Laporan Realisasi Fisik dan Keuangan {opd} {per}",
                                each=EVERY_AGENCY,
                                periods=TRIWULAN[1:],
                            ),
                        ),
                    ),
                    Sub(
                        "1.4.2",
                        "Kinerja tahun sebelumnya dilaporkan",
                        (
                            D("Laporan Evaluasi Hasil RKPD Tahun {p}", "Bappeda"),
                            D(
                                "Laporan Kinerja Instansi Pemerintah Daerah (LKjIP) Tahun {p}",
                                "Organisasi",
                            ),
                            D(
                                "Laporan Penyelenggaraan Pemerintahan Daerah (LPPD) Tahun {p}",
                                "Pemerintahan",
                            ),
                            D(
                                "Informasi LPPD (ILPPD) Tahun {p} yang Diumumkan kepada Masyarakat",
                                "Pemerintahan",
                            ),
                            D(
                                "Laporan Pelaksanaan Tugas Gubernur sebagai Wakil Pemerintah Pusat "
                                "Tahun {p}",
                                "Pemerintahan",
                                PROV,
                            ),
                            D(
                                "Keputusan Kepala Daerah tentang Pelimpahan Sebagian Kewenangan "
                                "kepada Camat",
                                "Pemerintahan",
                                LOCAL,
                            ),
                            D(
                                "Laporan Kinerja (LKj) {opd} Tahun {p}",
                                each=("BPKAD", "Bappeda", "Bapenda", "Inspektorat", "Dinas PUPR"),
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "1.5",
                "Perencanaan dan penganggaran terintegrasi dalam SIPD",
                (
                    Sub(
                        "1.5.1",
                        "Nomenklatur dan pagu konsisten dari RKPD sampai DPA",
                        (
                            D(
                                "Berita Acara Validasi Nomenklatur Program, Kegiatan dan Sub "
                                "Kegiatan pada SIPD",
                                "Bappeda",
                            ),
                            D(
                                "Screenshot konsistensi pagu RKPD dan KUA-PPAS pada SIPD",
                                "Bappeda",
                            ),
                            D("Laporan Pengendalian Perubahan Renja dan DPA Tahun {y}", "Bappeda"),
                        ),
                    ),
                    Sub(
                        "1.5.2",
                        "Capaian kinerja daerah diukur dengan indikator yang ditetapkan",
                        (
                            D(
                                "Peraturan Kepala Daerah tentang Indikator Kinerja Utama "
                                "Pemerintah Daerah",
                                "Organisasi",
                            ),
                            D(
                                "Laporan Capaian Indikator Kinerja Utama (IKU) Tahun {p}",
                                "Organisasi",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    AreaSpec(
        "2",
        "Penganggaran",
        (
            Ind(
                "2.1",
                "APBD ditetapkan tepat waktu",
                (
                    Sub(
                        "2.1.1",
                        "KUA-PPAS disepakati bersama DPRD sesuai jadwal",
                        (
                            D("Rancangan KUA dan PPAS Tahun Anggaran {n}", "BPKAD"),
                            D("Nota Kesepakatan KUA dan PPAS Tahun Anggaran {n}", "BPKAD"),
                            D(
                                "Keputusan Kepala Daerah tentang Tim Anggaran Pemerintah Daerah "
                                "Tahun {y}",
                                "BPKAD",
                            ),
                        ),
                    ),
                    Sub(
                        "2.1.2",
                        "Perda APBD dan Perkada Penjabaran APBD ditetapkan",
                        (
                            D("Peraturan Daerah tentang APBD Tahun Anggaran {y}", "BPKAD"),
                            D(
                                "Peraturan Kepala Daerah tentang Penjabaran APBD Tahun Anggaran {y}",
                                "BPKAD",
                            ),
                            D(
                                "Persetujuan Bersama Kepala Daerah dan DPRD atas Raperda APBD "
                                "Tahun Anggaran {y}",
                                "Setwan",
                            ),
                            D(
                                "Keputusan Menteri Dalam Negeri tentang Evaluasi Raperda APBD "
                                "Tahun Anggaran {y}",
                                "BPKAD",
                                PROV,
                            ),
                            D(
                                "Keputusan Gubernur tentang Evaluasi Raperda APBD Tahun Anggaran "
                                "{y}",
                                "BPKAD",
                                LOCAL,
                            ),
                            D(
                                "Keputusan Gubernur tentang Evaluasi Raperda APBD Tahun Anggaran "
                                "{y} — {kabkota}",
                                "BPKAD",
                                PROV,
                                per_regency=True,
                            ),
                            D(
                                "Keputusan Gubernur tentang Evaluasi Raperda Perubahan APBD Tahun "
                                "Anggaran {y} — {kabkota}",
                                "BPKAD",
                                PROV,
                                per_regency=True,
                            ),
                            D(
                                "Peraturan Daerah tentang Perubahan APBD Tahun Anggaran {y}",
                                "BPKAD",
                            ),
                            D(
                                "Peraturan Kepala Daerah tentang Penjabaran Perubahan APBD Tahun "
                                "Anggaran {y}",
                                "BPKAD",
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "2.2",
                "Standar harga dan analisis standar belanja digunakan dalam penganggaran",
                (
                    Sub(
                        "2.2.1",
                        "Standar harga ditetapkan dengan Peraturan Kepala Daerah",
                        (
                            D(
                                "Peraturan Kepala Daerah tentang Standar Harga Satuan (SSH) Tahun "
                                "{n}",
                                "BPKAD",
                            ),
                            D(
                                "Peraturan Kepala Daerah tentang Standar Biaya Umum (SBU) Tahun {n}",
                                "BPKAD",
                            ),
                            D(
                                "Peraturan Kepala Daerah tentang Harga Satuan Pokok Kegiatan "
                                "(HSPK) Tahun {n}",
                                "Dinas PUPR",
                            ),
                            D(
                                "Peraturan Kepala Daerah tentang Analisis Standar Belanja (ASB) "
                                "Tahun {n}",
                                "BPKAD",
                            ),
                        ),
                    ),
                    Sub(
                        "2.2.2",
                        "Standar harga disusun dari survei harga dan diinput ke SIPD",
                        (
                            D("Laporan Survei Harga Pasar Penyusunan SSH Tahun {n}", "BPKAD"),
                            D("Screenshot input Standar Harga Satuan pada SIPD", "BPKAD"),
                        ),
                    ),
                ),
            ),
            Ind(
                "2.3",
                "Hibah dan bantuan sosial dikelola akuntabel",
                (
                    Sub(
                        "2.3.1",
                        "Pedoman dan penerima hibah serta bansos ditetapkan",
                        (
                            D(
                                "Peraturan Kepala Daerah tentang Tata Cara Penganggaran, "
                                "Pelaksanaan, Penatausahaan, Pertanggungjawaban dan Monev Hibah "
                                "dan Bantuan Sosial",
                                "Hukum",
                            ),
                            D(
                                "Keputusan Kepala Daerah tentang Daftar Penerima Hibah Tahun {y}",
                                "BPKAD",
                            ),
                            D(
                                "Keputusan Kepala Daerah tentang Daftar Penerima Bantuan Sosial "
                                "Tahun {y}",
                                "BPKAD",
                            ),
                        ),
                    ),
                    Sub(
                        "2.3.2",
                        "Penyaluran hibah dipertanggungjawabkan dan dimonitor",
                        (
                            D(
                                "Rekapitulasi Naskah Perjanjian Hibah Daerah (NPHD) Tahun {y}",
                                "BPKAD",
                            ),
                            D(
                                "Rekapitulasi Laporan Pertanggungjawaban Penerima Hibah Tahun {p}",
                                "BPKAD",
                            ),
                            D(
                                "Laporan Monitoring dan Evaluasi Hibah dan Bantuan Sosial {per}",
                                "Inspektorat",
                                periods=SEMESTER,
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "2.4",
                "Pengelolaan keuangan daerah transparan",
                (
                    Sub(
                        "2.4.1",
                        "Dokumen anggaran dipublikasikan",
                        (
                            D(
                                "Screenshot publikasi Ringkasan APBD Tahun {y} pada laman resmi",
                                "Diskominfo",
                            ),
                            D(
                                "Screenshot publikasi Laporan Realisasi Anggaran {per} pada laman "
                                "resmi",
                                "Diskominfo",
                                periods=TRIWULAN,
                            ),
                            D("DPA {opd} Tahun Anggaran {y}", each=EVERY_AGENCY),
                        ),
                    ),
                    Sub(
                        "2.4.2",
                        "Laporan keuangan diaudit dan ditindaklanjuti",
                        (
                            D("Laporan Keuangan Pemerintah Daerah Tahun {p} (Audited)", "BPKAD"),
                            D(
                                "Peraturan Daerah tentang Pertanggungjawaban Pelaksanaan APBD "
                                "Tahun {p}",
                                "BPKAD",
                            ),
                            D(
                                "Laporan Realisasi Anggaran {opd} Semester I Tahun {y}",
                                each=EVERY_AGENCY,
                            ),
                        ),
                    ),
                    Sub(
                        "2.4.3",
                        "Belanja menggunakan Kartu Kredit Pemerintah Daerah",
                        (
                            D(
                                "Peraturan Kepala Daerah tentang Penggunaan Kartu Kredit "
                                "Pemerintah Daerah (KKPD)",
                                "BPKAD",
                            ),
                            D("Laporan Penggunaan KKPD {per}", "BPKAD", periods=TRIWULAN),
                            D(
                                "Keputusan Kepala Daerah tentang Penunjukan Bendahara Penerimaan "
                                "dan Pengeluaran Tahun {y}",
                                "BPKAD",
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "2.5",
                "Kas daerah dan penatausahaan keuangan dikelola tertib",
                (
                    Sub(
                        "2.5.1",
                        "Kas daerah dikelola dan direkonsiliasi",
                        (
                            D(
                                "Keputusan Kepala Daerah tentang Penunjukan Bank Umum sebagai "
                                "Tempat Penyimpanan Uang Daerah",
                                "BPKAD",
                            ),
                            D("Laporan Posisi Kas Daerah {per}", "BPKAD", periods=TRIWULAN),
                            D(
                                "Laporan Rekonsiliasi Bank Kas Daerah {per}",
                                "BPKAD",
                                periods=SEMESTER,
                            ),
                            D(
                                "Berita Acara Rekonsiliasi Bagi Hasil Pajak Provinsi Semester I "
                                "Tahun {y} — {kabkota}",
                                "BPKAD",
                                PROV,
                                per_regency=True,
                            ),
                        ),
                    ),
                    Sub(
                        "2.5.2",
                        "Penatausahaan keuangan seluruh OPD melalui SIPD",
                        (
                            D("Screenshot penerbitan SP2D melalui SIPD-RI", "BPKAD"),
                            D("Laporan Penggunaan Cash Management System (CMS) Tahun {y}", "BPKAD"),
                        ),
                    ),
                ),
            ),
        ),
    ),
    AreaSpec(
        "3",
        "Pengadaan Barang dan Jasa",
        (
            Ind(
                "3.1",
                "UKPBJ berbentuk struktural dan didukung SDM kompeten",
                (
                    Sub(
                        "3.1.1",
                        "UKPBJ ditetapkan dan tingkat kematangannya dinilai",
                        (
                            D(
                                "Peraturan Kepala Daerah tentang Pembentukan Unit Kerja Pengadaan "
                                "Barang/Jasa",
                                "PBJ",
                            ),
                            D("Keputusan Kepala Daerah tentang Penetapan Kepala UKPBJ", "PBJ"),
                            D("Laporan Self-Assessment Kematangan UKPBJ Tahun {y}", "PBJ"),
                            D("Surat Hasil Verifikasi Tingkat Kematangan UKPBJ dari LKPP", "PBJ"),
                        ),
                    ),
                    Sub(
                        "3.1.2",
                        "Pengelola pengadaan dan PPK bersertifikat",
                        (
                            D(
                                "SK Pengangkatan Pejabat Fungsional Pengelola Pengadaan "
                                "Barang/Jasa",
                                "BKD",
                            ),
                            D("Daftar Pengelola PBJ Bersertifikat Kompetensi", "PBJ"),
                            D("Daftar PPK Bersertifikat Kompetensi per Perangkat Daerah", "PBJ"),
                            D(
                                "Rencana Pengembangan Kompetensi Pengelola PBJ Tahun {y}",
                                "BPSDM",
                                PROV,
                            ),
                            D(
                                "Rencana Pengembangan Kompetensi Pengelola PBJ Tahun {y}",
                                "BKD",
                                LOCAL,
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "3.2",
                "Rencana Umum Pengadaan diumumkan tepat waktu",
                (
                    Sub(
                        "3.2.1",
                        "RUP seluruh perangkat daerah diumumkan di SiRUP",
                        (
                            D(
                                "Screenshot publikasi RUP {opd} Tahun Anggaran {y} di SiRUP",
                                each=EVERY_AGENCY,
                            ),
                            D("Rekapitulasi RUP Pemerintah Daerah dari SiRUP", "PBJ"),
                            D(
                                "Surat Edaran Kepala Daerah tentang Kewajiban Pengumuman RUP",
                                "PBJ",
                            ),
                        ),
                    ),
                    Sub(
                        "3.2.2",
                        "RUP sesuai dengan DPA",
                        (
                            D("Laporan Hasil Reviu Kesesuaian RUP dengan DPA", "Inspektorat"),
                            D("Berita Acara Rekonsiliasi Pagu RUP dan APBD Tahun {y}", "PBJ"),
                        ),
                    ),
                ),
            ),
            Ind(
                "3.3",
                "Pemilihan penyedia dilakukan secara elektronik",
                (
                    Sub(
                        "3.3.1",
                        "Tender dan seleksi melalui SPSE",
                        (
                            D(
                                "Laporan Realisasi Tender dan Seleksi melalui SPSE {per}",
                                "PBJ",
                                periods=TRIWULAN,
                            ),
                            D("Screenshot daftar paket tender pada SPSE LPSE", "PBJ"),
                            D("SK Kelompok Kerja Pemilihan Tahun {y}", "PBJ"),
                            D("Pakta Integritas Pokja Pemilihan dan PPK Tahun {y}", "PBJ"),
                        ),
                    ),
                    Sub(
                        "3.3.2",
                        "Belanja melalui Katalog Elektronik dan produk dalam negeri",
                        (
                            D(
                                "Laporan Realisasi E-Purchasing Katalog Elektronik {per}",
                                "PBJ",
                                periods=TRIWULAN,
                            ),
                            D(
                                "Laporan Realisasi Belanja Produk Dalam Negeri dan UMK-Koperasi "
                                "{per}",
                                "PBJ",
                                periods=SEMESTER,
                            ),
                            D(
                                "Keputusan Kepala Daerah tentang Katalog Elektronik Lokal",
                                "PBJ",
                            ),
                        ),
                    ),
                    Sub(
                        "3.3.3",
                        "Kontrak dicatat dan pengadaan dievaluasi",
                        (
                            D(
                                "Rekapitulasi Pencatatan Non-Tender dan Swakelola pada SPSE",
                                "PBJ",
                            ),
                            D(
                                "Laporan Monitoring dan Evaluasi Pengadaan Barang/Jasa {per}",
                                "PBJ",
                                periods=SEMESTER,
                            ),
                            D("Rekapitulasi Sanggah dan Pengaduan PBJ Tahun {y}", "PBJ"),
                        ),
                    ),
                ),
            ),
            Ind(
                "3.4",
                "APIP mengawal pengadaan strategis",
                (
                    Sub(
                        "3.4.1",
                        "Reviu dan probity audit atas paket strategis",
                        (
                            D(
                                "Laporan Hasil Probity Audit atas Paket Pengadaan Strategis "
                                "Tahun {y}",
                                "Inspektorat",
                            ),
                            D("Laporan Hasil Reviu HPS Paket Pekerjaan Konstruksi", "Inspektorat"),
                            D(
                                "Daftar Paket Pekerjaan Konstruksi Strategis Tahun {y}",
                                "Dinas PUPR",
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "3.5",
                "Pengadaan sektor layanan dasar dan infrastruktur diawasi",
                (
                    Sub(
                        "3.5.1",
                        "Pengadaan kesehatan, pendidikan dan infrastruktur dilaporkan",
                        (
                            D(
                                "Laporan Realisasi E-Purchasing Alat Kesehatan Tahun {y}",
                                "Dinkes",
                            ),
                            D(
                                "Laporan Realisasi Pengadaan DAK Fisik Bidang Pendidikan Tahun {y}",
                                "Disdik",
                            ),
                            D(
                                "Berita Acara Serah Terima Pekerjaan (PHO/FHO) Konstruksi "
                                "Strategis",
                                "Dinas PUPR",
                            ),
                            D("Laporan Penilaian Kinerja Penyedia pada SIKaP", "PBJ"),
                            D(
                                "Laporan Pembinaan dan Pendampingan UKPBJ Kabupaten/Kota Tahun {y}",
                                "PBJ",
                                PROV,
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    AreaSpec(
        "4",
        "Pelayanan Publik",
        (
            Ind(
                "4.1",
                "Perizinan dilayani terpadu satu pintu dan terintegrasi",
                (
                    Sub(
                        "4.1.1",
                        "Kewenangan perizinan didelegasikan kepada DPMPTSP",
                        (
                            D(
                                "Peraturan Kepala Daerah tentang Pendelegasian Kewenangan "
                                "Perizinan dan Nonperizinan kepada DPMPTSP",
                                "Hukum",
                            ),
                            D("Screenshot integrasi perizinan daerah pada OSS RBA", "DPMPTSP"),
                            D(
                                "Laporan Penyelesaian Perizinan Berusaha {per}",
                                "DPMPTSP",
                                periods=TRIWULAN,
                            ),
                            D(
                                "Laporan Penerbitan Surat Izin Pertambangan Batuan (SIPB) Tahun {y}",
                                "ESDM",
                                PROV,
                            ),
                            D(
                                "Laporan Pelayanan Perizinan dan Pengawasan Peredaran Hasil Hutan "
                                "Tahun {y}",
                                "Dishut",
                                PROV,
                            ),
                        ),
                    ),
                    Sub(
                        "4.1.2",
                        "Mal Pelayanan Publik beroperasi",
                        (
                            D(
                                "Keputusan Kepala Daerah tentang Penyelenggaraan Mal Pelayanan "
                                "Publik",
                                "DPMPTSP",
                                LOCAL,
                            ),
                            D(
                                "Daftar Instansi dan Jenis Layanan di Mal Pelayanan Publik",
                                "DPMPTSP",
                                LOCAL,
                            ),
                        ),
                    ),
                    Sub(
                        "4.1.3",
                        "PBG dan SLF diterbitkan melalui SIMBG",
                        (
                            D(
                                "Laporan Penerbitan PBG dan SLF melalui SIMBG {per}",
                                "Dinas PUPR",
                                LOCAL,
                                periods=SEMESTER,
                            ),
                            D(
                                "Peraturan Daerah tentang Retribusi Persetujuan Bangunan Gedung",
                                "Hukum",
                                LOCAL,
                            ),
                            D(
                                "SK Tim Profesi Ahli (TPA) dan Tim Penilai Teknis PBG",
                                "Dinas PUPR",
                                LOCAL,
                            ),
                            D("Screenshot layanan permohonan PBG pada SIMBG", "Dinas PUPR", LOCAL),
                        ),
                    ),
                ),
            ),
            Ind(
                "4.2",
                "Standar pelayanan ditetapkan dan kepuasan masyarakat diukur",
                (
                    Sub(
                        "4.2.1",
                        "Standar pelayanan dan maklumat pelayanan dipublikasikan",
                        (
                            D(
                                "Keputusan Kepala {opd} tentang Standar Pelayanan",
                                each=SERVICE_AGENCIES,
                            ),
                            D("Maklumat Pelayanan {opd}", each=SERVICE_AGENCIES),
                        ),
                    ),
                    Sub(
                        "4.2.2",
                        "Survei Kepuasan Masyarakat dilaksanakan dan ditindaklanjuti",
                        (
                            D(
                                "Laporan Hasil Survei Kepuasan Masyarakat {opd} {per}",
                                each=SERVICE_AGENCIES,
                                periods=SEMESTER,
                            ),
                            D(
                                "Rekapitulasi Indeks Kepuasan Masyarakat Pemerintah Daerah "
                                "Tahun {y}",
                                "Organisasi",
                            ),
                            D(
                                "Rencana Tindak Lanjut Hasil Survei Kepuasan Masyarakat",
                                "Organisasi",
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "4.3",
                "Pengaduan masyarakat dikelola melalui SP4N-LAPOR!",
                (
                    Sub(
                        "4.3.1",
                        "Pengelola pengaduan ditetapkan dan pengaduan ditindaklanjuti",
                        (
                            D(
                                "Keputusan Kepala Daerah tentang Tim Pengelola SP4N-LAPOR!",
                                "Diskominfo",
                            ),
                            D(
                                "Laporan Pengelolaan Pengaduan SP4N-LAPOR! {per}",
                                "Diskominfo",
                                periods=TRIWULAN,
                            ),
                            D(
                                "Screenshot dasbor tindak lanjut pengaduan SP4N-LAPOR!",
                                "Diskominfo",
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "4.4",
                "Layanan dasar memenuhi standar pelayanan minimal",
                (
                    Sub(
                        "4.4.1",
                        "Layanan administrasi kependudukan terintegrasi",
                        (
                            D(
                                "Laporan Penerbitan Dokumen Kependudukan {per}",
                                "Dukcapil",
                                LOCAL,
                                periods=TRIWULAN,
                            ),
                            D(
                                "Perjanjian Kerja Sama Pemanfaatan Data Kependudukan dengan "
                                "Perangkat Daerah",
                                "Dukcapil",
                                LOCAL,
                            ),
                            D(
                                "Laporan Perekaman KTP-el dan Aktivasi Identitas Kependudukan "
                                "Digital {per}",
                                "Dukcapil",
                                LOCAL,
                                periods=SEMESTER,
                            ),
                            D(
                                "Laporan Pelayanan Adminduk Jemput Bola di Kecamatan",
                                "Dukcapil",
                                LOCAL,
                            ),
                            D(
                                "Perjanjian Kerja Sama Pemanfaatan Data Kependudukan dengan Ditjen "
                                "Dukcapil",
                                "Diskominfo",
                                PROV,
                            ),
                        ),
                    ),
                    Sub(
                        "4.4.2",
                        "Capaian SPM pendidikan dan kesehatan dilaporkan",
                        (
                            D("Laporan Capaian SPM Bidang Pendidikan Tahun {p}", "Disdik"),
                            D("Laporan Capaian SPM Bidang Kesehatan Tahun {p}", "Dinkes"),
                            D(
                                "Petunjuk Teknis SPMB Tahun Ajaran {y}/{n}",
                                "Disdik",
                            ),
                            D(
                                "Laporan Pelaksanaan SPMB Tahun Ajaran {y}/{n}",
                                "Disdik",
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "4.5",
                "Informasi publik terbuka dan kinerja pelayanan dievaluasi",
                (
                    Sub(
                        "4.5.1",
                        "PPID menyediakan informasi publik",
                        (
                            D(
                                "Keputusan Kepala Daerah tentang Pejabat Pengelola Informasi dan "
                                "Dokumentasi (PPID)",
                                "Diskominfo",
                            ),
                            D("Daftar Informasi Publik (DIP) Tahun {y}", "Diskominfo"),
                            D("Laporan Layanan Informasi Publik PPID Tahun {p}", "Diskominfo"),
                            D(
                                "Hasil Monitoring dan Evaluasi Keterbukaan Informasi Publik dari "
                                "Komisi Informasi",
                                "Diskominfo",
                            ),
                        ),
                    ),
                    Sub(
                        "4.5.2",
                        "Penyelenggaraan pelayanan publik dievaluasi",
                        (
                            D(
                                "Laporan Evaluasi Kinerja Penyelenggaraan Pelayanan Publik "
                                "(PEKPPP) Tahun {y}",
                                "Organisasi",
                            ),
                            D(
                                "Hasil Penilaian Kepatuhan Standar Pelayanan Publik oleh Ombudsman "
                                "RI",
                                "Organisasi",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    AreaSpec(
        "5",
        "Penguatan APIP",
        (
            Ind(
                "5.1",
                "Kapabilitas APIP meningkat",
                (
                    Sub(
                        "5.1.1",
                        "Kapabilitas APIP dinilai dan ditingkatkan",
                        (
                            D(
                                "Laporan Penilaian Mandiri Kapabilitas APIP (IACM) Tahun {y}",
                                "Inspektorat",
                            ),
                            D(
                                "Surat Hasil Penjaminan Kualitas Kapabilitas APIP dari BPKP",
                                "Inspektorat",
                            ),
                            D("Rencana Aksi Peningkatan Kapabilitas APIP", "Inspektorat"),
                            D("Piagam Audit Intern Inspektorat", "Inspektorat"),
                            D(
                                "Peraturan Kepala Daerah tentang Kode Etik dan Standar Audit APIP",
                                "Hukum",
                            ),
                        ),
                    ),
                    Sub(
                        "5.1.2",
                        "Anggaran dan SDM pengawasan memadai",
                        (
                            D(
                                "Rekapitulasi Persentase Anggaran Pengawasan terhadap Total "
                                "Belanja APBD {y}",
                                "Inspektorat",
                            ),
                            D(
                                "Analisis Beban Kerja Jabatan Fungsional Auditor dan PPUPD",
                                "Inspektorat",
                            ),
                            D("SK Pengangkatan Jabatan Fungsional Auditor dan PPUPD", "BKD"),
                            D(
                                "Rencana Pengembangan Kompetensi Auditor Tahun {y}",
                                "BPSDM",
                                PROV,
                            ),
                            D(
                                "Rencana Pengembangan Kompetensi Auditor Tahun {y}",
                                "Inspektorat",
                                LOCAL,
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "5.2",
                "Pengawasan dilaksanakan berbasis risiko",
                (
                    Sub(
                        "5.2.1",
                        "Program kerja pengawasan dilaksanakan",
                        (
                            D("Program Kerja Pengawasan Tahunan (PKPT) Tahun {y}", "Inspektorat"),
                            D("Laporan Hasil Pengawasan {per}", "Inspektorat", periods=TRIWULAN),
                            D("Laporan Hasil Reviu RKA Perangkat Daerah Tahun {y}", "Inspektorat"),
                            D(
                                "Laporan Hasil Reviu Laporan Keuangan Pemerintah Daerah Tahun {p}",
                                "Inspektorat",
                            ),
                            D(
                                "Laporan Hasil Evaluasi SAKIP Perangkat Daerah Tahun {p}",
                                "Inspektorat",
                            ),
                            D(
                                "Laporan Hasil Pembinaan dan Pengawasan Penyelenggaraan "
                                "Pemerintahan Daerah — {kabkota}",
                                "Inspektorat",
                                PROV,
                                per_regency=True,
                            ),
                        ),
                    ),
                    Sub(
                        "5.2.2",
                        "SPIP dan manajemen risiko diterapkan",
                        (
                            D(
                                "Peraturan Kepala Daerah tentang Penerapan Manajemen Risiko",
                                "Hukum",
                            ),
                            D(
                                "Laporan Penilaian Maturitas SPIP Terintegrasi Tahun {p}",
                                "Inspektorat",
                            ),
                            D("Register Risiko {opd} Tahun {y}", each=EVERY_AGENCY),
                            D("Rencana Tindak Pengendalian {opd} Tahun {y}", each=EVERY_AGENCY),
                        ),
                    ),
                ),
            ),
            Ind(
                "5.3",
                "Hasil pemeriksaan ditindaklanjuti",
                (
                    Sub(
                        "5.3.1",
                        "Tindak lanjut rekomendasi BPK dan APIP dipantau",
                        (
                            D(
                                "Laporan Pemantauan Tindak Lanjut Hasil Pemeriksaan BPK {per}",
                                "Inspektorat",
                                periods=SEMESTER,
                            ),
                            D(
                                "Berita Acara Pemutakhiran Data Tindak Lanjut dengan BPK {per}",
                                "Inspektorat",
                                periods=SEMESTER,
                            ),
                            D(
                                "Laporan Tindak Lanjut Hasil Pengawasan APIP {per}",
                                "Inspektorat",
                                periods=SEMESTER,
                            ),
                            D(
                                "Laporan Hasil Pemeriksaan BPK atas LKPD Tahun {p}",
                                "Inspektorat",
                            ),
                            D(
                                "Rencana Aksi Tindak Lanjut Rekomendasi BPK atas LKPD Tahun {p}",
                                "Inspektorat",
                            ),
                        ),
                    ),
                    Sub(
                        "5.3.2",
                        "Kerugian daerah diselesaikan",
                        (
                            D(
                                "Keputusan Kepala Daerah tentang Majelis Tuntutan Perbendaharaan "
                                "dan Tuntutan Ganti Kerugian",
                                "Inspektorat",
                            ),
                            D(
                                "Laporan Penyelesaian Kerugian Daerah per 30 Juni {y}",
                                "Inspektorat",
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "5.4",
                "Gratifikasi, benturan kepentingan dan pelaporan pelanggaran dikendalikan",
                (
                    Sub(
                        "5.4.1",
                        "Pengendalian gratifikasi berjalan",
                        (
                            D(
                                "Peraturan Kepala Daerah tentang Pengendalian Gratifikasi",
                                "Hukum",
                            ),
                            D(
                                "Keputusan Kepala Daerah tentang Unit Pengendalian Gratifikasi",
                                "Inspektorat",
                            ),
                            D(
                                "Laporan Penanganan Gratifikasi {per}",
                                "Inspektorat",
                                periods=SEMESTER,
                            ),
                            D(
                                "Peraturan Kepala Daerah tentang Penanganan Benturan Kepentingan",
                                "Hukum",
                            ),
                        ),
                    ),
                    Sub(
                        "5.4.2",
                        "Whistleblowing system tersedia dan dikelola",
                        (
                            D(
                                "Peraturan Kepala Daerah tentang Whistleblowing System",
                                "Hukum",
                            ),
                            D("Screenshot kanal WBS pada laman resmi pemda", "Diskominfo"),
                            D("Laporan Pengelolaan WBS {per}", "Inspektorat", periods=SEMESTER),
                        ),
                    ),
                    Sub(
                        "5.4.3",
                        "Kepatuhan LHKPN dan LHKASN",
                        (
                            D(
                                "Keputusan Kepala Daerah tentang Penetapan Wajib LHKPN",
                                "Inspektorat",
                            ),
                            D("Rekapitulasi Kepatuhan LHKPN Tahun {y}", "Inspektorat"),
                            D("Rekapitulasi Kepatuhan LHKASN Tahun {y}", "BKD"),
                        ),
                    ),
                ),
            ),
            Ind(
                "5.5",
                "Pencegahan korupsi dikoordinasikan dan dipantau",
                (
                    Sub(
                        "5.5.1",
                        "Tim koordinasi dan rencana aksi MCSP ditetapkan",
                        (
                            D(
                                "Keputusan Kepala Daerah tentang Tim Koordinasi Pencegahan "
                                "Korupsi Terintegrasi",
                                "Inspektorat",
                            ),
                            D("Rencana Aksi MCSP Tahun {y}", "Inspektorat"),
                            D(
                                "Notulen Rapat Koordinasi MCSP {per}",
                                "Inspektorat",
                                periods=TRIWULAN,
                            ),
                            D(
                                "Laporan Koordinasi dan Pendampingan APIP Kabupaten/Kota {per}",
                                "Inspektorat",
                                PROV,
                                periods=TRIWULAN,
                            ),
                            D(
                                "Laporan Pendampingan Rencana Aksi MCSP — {kabkota}",
                                "Inspektorat",
                                PROV,
                                per_regency=True,
                            ),
                        ),
                    ),
                    Sub(
                        "5.5.2",
                        "Budaya antikorupsi dibangun",
                        (
                            D(
                                "Laporan Pelaksanaan Penyuluhan Antikorupsi Tahun {y}",
                                "Inspektorat",
                            ),
                            D(
                                "Rencana Tindak Lanjut Hasil Survei Penilaian Integritas Tahun {p}",
                                "Inspektorat",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    AreaSpec(
        "6",
        "Manajemen ASN",
        (
            Ind(
                "6.1",
                "Sistem merit diterapkan",
                (
                    Sub(
                        "6.1.1",
                        "Penerapan sistem merit dinilai",
                        (
                            D("Laporan Penilaian Mandiri Sistem Merit Tahun {y}", "BKD"),
                            D("Rekomendasi Hasil Penilaian Sistem Merit dari BKN", "BKD"),
                            D("Rencana Aksi Peningkatan Indeks Sistem Merit", "BKD"),
                        ),
                    ),
                ),
            ),
            Ind(
                "6.2",
                "Kebutuhan pegawai direncanakan berdasarkan analisis jabatan",
                (
                    Sub(
                        "6.2.1",
                        "Analisis jabatan dan beban kerja tersedia",
                        (
                            D(
                                "Dokumen Analisis Jabatan dan Analisis Beban Kerja Perangkat "
                                "Daerah",
                                "Organisasi",
                            ),
                            D("Peraturan Kepala Daerah tentang Kelas Jabatan", "Organisasi"),
                            D("Peta Jabatan {opd}", each=EVERY_AGENCY),
                        ),
                    ),
                    Sub(
                        "6.2.2",
                        "Formasi ASN diusulkan melalui e-Formasi",
                        (
                            D("Usulan Kebutuhan ASN Tahun {y} melalui e-Formasi", "BKD"),
                            D("Surat Penetapan Kebutuhan ASN dari KemenPAN-RB Tahun {y}", "BKD"),
                        ),
                    ),
                ),
            ),
            Ind(
                "6.3",
                "Jabatan diisi secara terbuka dan kompetitif",
                (
                    Sub(
                        "6.3.1",
                        "Seleksi terbuka JPT Pratama",
                        (
                            D("SK Panitia Seleksi Terbuka JPT Pratama Tahun {y}", "BKD"),
                            D("Laporan Pelaksanaan Seleksi Terbuka JPT Pratama Tahun {y}", "BKD"),
                            D("Rekomendasi BKN atas Pengisian JPT Pratama", "BKD"),
                        ),
                    ),
                    Sub(
                        "6.3.2",
                        "Mutasi dan promosi berdasarkan uji kompetensi",
                        (
                            D(
                                "Laporan Hasil Uji Kompetensi Pejabat Administrator dan Pengawas",
                                "BKD",
                            ),
                            D("Peraturan Kepala Daerah tentang Manajemen Talenta ASN", "Hukum"),
                        ),
                    ),
                ),
            ),
            Ind(
                "6.4",
                "Kinerja pegawai dikelola dan menjadi dasar tambahan penghasilan",
                (
                    Sub(
                        "6.4.1",
                        "Kinerja dikelola melalui e-Kinerja",
                        (
                            D(
                                "Peraturan Kepala Daerah tentang Pengelolaan Kinerja Pegawai ASN",
                                "Hukum",
                            ),
                            D(
                                "Rekapitulasi SKP Pegawai melalui e-Kinerja BKN {per}",
                                "BKD",
                                periods=SEMESTER,
                            ),
                            D("Perjanjian Kinerja {opd} Tahun {y}", each=EVERY_AGENCY),
                        ),
                    ),
                    Sub(
                        "6.4.2",
                        "TPP dibayarkan berdasarkan kinerja dan disiplin",
                        (
                            D(
                                "Peraturan Kepala Daerah tentang Tambahan Penghasilan Pegawai ASN "
                                "Tahun {y}",
                                "BKD",
                            ),
                            D(
                                "Surat Persetujuan Menteri Dalam Negeri atas Besaran TPP Tahun {y}",
                                "BKD",
                            ),
                            D(
                                "Rekapitulasi Pembayaran TPP Berbasis Kinerja dan Disiplin {per}",
                                "BPKAD",
                                periods=TRIWULAN,
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "6.5",
                "Data ASN mutakhir dan pelanggaran disiplin ditangani",
                (
                    Sub(
                        "6.5.1",
                        "Data ASN dimutakhirkan pada SIASN",
                        (
                            D("Laporan Pemutakhiran Data Mandiri ASN pada SIASN", "BKD"),
                            D(
                                "Laporan Penjatuhan Hukuman Disiplin ASN {per}",
                                "BKD",
                                periods=SEMESTER,
                            ),
                        ),
                    ),
                    Sub(
                        "6.5.2",
                        "ASN terpidana korupsi diberhentikan",
                        (
                            D(
                                "Daftar ASN Terpidana Tindak Pidana Korupsi Berkekuatan Hukum Tetap",
                                "BKD",
                            ),
                            D(
                                "Keputusan Pemberhentian Tidak dengan Hormat PNS Terpidana Korupsi",
                                "BKD",
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "6.6",
                "Kompetensi ASN dikembangkan terencana",
                (
                    Sub(
                        "6.6.1",
                        "Pengembangan kompetensi direncanakan dan dipenuhi",
                        (
                            D("Rencana Pengembangan Kompetensi ASN Tahun {y}", "BPSDM", PROV),
                            D("Rencana Pengembangan Kompetensi ASN Tahun {y}", "BKD", LOCAL),
                            D(
                                "Laporan Pemenuhan Pengembangan Kompetensi 20 Jam Pelajaran",
                                "BPSDM",
                                PROV,
                            ),
                            D(
                                "Laporan Pemenuhan Pengembangan Kompetensi 20 Jam Pelajaran",
                                "BKD",
                                LOCAL,
                            ),
                            D("Laporan Pelaksanaan Pelatihan Dasar CPNS Tahun {y}", "BPSDM", PROV),
                        ),
                    ),
                ),
            ),
        ),
    ),
    AreaSpec(
        "7",
        "Pengelolaan Barang Milik Daerah",
        (
            Ind(
                "7.1",
                "Regulasi dan kelembagaan pengelolaan BMD tersedia",
                (
                    Sub(
                        "7.1.1",
                        "Regulasi pengelolaan BMD ditetapkan",
                        (
                            D("Peraturan Daerah tentang Pengelolaan Barang Milik Daerah", "Hukum"),
                            D(
                                "Peraturan Kepala Daerah tentang Kebijakan Akuntansi Pemerintah "
                                "Daerah",
                                "BPKAD",
                            ),
                            D(
                                "Peraturan Kepala Daerah tentang Penyusutan Barang Milik Daerah",
                                "BPKAD",
                            ),
                            D("Peraturan Kepala Daerah tentang Tarif Sewa BMD", "BPKAD"),
                        ),
                    ),
                    Sub(
                        "7.1.2",
                        "Pengelola dan pengurus barang ditetapkan",
                        (
                            D("SK Tim Pengelola Aset Tahun {y}", "BPKAD"),
                            D("SK Pengurus Barang {opd} Tahun {y}", each=EVERY_AGENCY),
                        ),
                    ),
                ),
            ),
            Ind(
                "7.2",
                "BMD direncanakan dan ditatausahakan tertib",
                (
                    Sub(
                        "7.2.1",
                        "Kebutuhan BMD direncanakan",
                        (
                            D("Rencana Kebutuhan BMD {opd} Tahun {n}", each=EVERY_AGENCY),
                            D("Rekapitulasi RKBMD Pemerintah Daerah Tahun {n}", "BPKAD"),
                        ),
                    ),
                    Sub(
                        "7.2.2",
                        "Aset tetap diinventarisasi dan direkonsiliasi",
                        (
                            D("Kartu Inventaris Barang (KIB) A Tanah", "BPKAD"),
                            D("Kartu Inventaris Barang (KIB) B Peralatan dan Mesin", "BPKAD"),
                            D("Kartu Inventaris Barang (KIB) C Gedung dan Bangunan", "BPKAD"),
                            D(
                                "Kartu Inventaris Barang (KIB) D Jalan, Irigasi dan Jaringan",
                                "BPKAD",
                            ),
                            D("Kartu Inventaris Barang (KIB) E Aset Tetap Lainnya", "BPKAD"),
                            D(
                                "Kartu Inventaris Barang (KIB) F Konstruksi Dalam Pengerjaan",
                                "BPKAD",
                            ),
                            D("Laporan Barang Milik Daerah {per}", "BPKAD", periods=SEMESTER),
                            D("Laporan Rekonsiliasi Aset Tetap {per}", "BPKAD", periods=SEMESTER),
                            D(
                                "Berita Acara Rekonsiliasi Aset Tetap {opd} Semester I Tahun {y}",
                                each=EVERY_AGENCY,
                            ),
                            D("Laporan Hasil Inventarisasi (Sensus) Barang Milik Daerah", "BPKAD"),
                            D(
                                "Laporan Mutasi Barang {opd} Semester I Tahun {y}",
                                each=EVERY_AGENCY,
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "7.3",
                "Tanah pemerintah daerah bersertipikat",
                (
                    Sub(
                        "7.3.1",
                        "Sertipikasi tanah dipercepat bersama BPN",
                        (
                            D(
                                "Perjanjian Kerja Sama dengan Kantor Pertanahan tentang "
                                "Sertipikasi Aset Tanah",
                                "BPKAD",
                            ),
                            D("Daftar Usulan Sertipikasi Tanah Tahun {y}", "BPKAD"),
                            D("Daftar Bidang Tanah Pemda yang Belum Bersertipikat", "BPKAD"),
                            D(
                                "Laporan Progres Sertipikasi Tanah Pemda {per}",
                                "BPKAD",
                                periods=TRIWULAN,
                            ),
                            D("Salinan Sertipikat Tanah yang Terbit Tahun {y}", "BPKAD"),
                        ),
                    ),
                ),
            ),
            Ind(
                "7.4",
                "BMD diamankan, dimanfaatkan dan dihapuskan sesuai ketentuan",
                (
                    Sub(
                        "7.4.1",
                        "Aset bermasalah dan kendaraan dinas ditertibkan",
                        (
                            D("Laporan Penertiban Kendaraan Dinas Tahun {y}", "BPKAD"),
                            D(
                                "Berita Acara Serah Terima Kendaraan Dinas dari Mantan Pejabat",
                                "BPKAD",
                            ),
                            D("Laporan Penyelesaian Aset Bermasalah (Sengketa)", "BPKAD"),
                            D("Polis Asuransi Barang Milik Daerah Tahun {y}", "BPKAD"),
                            D(
                                "Berita Acara Serah Terima P3D Urusan Pendidikan Menengah",
                                "BPKAD",
                                PROV,
                            ),
                        ),
                    ),
                    Sub(
                        "7.4.2",
                        "Prasarana, sarana dan utilitas perumahan diserahkan pengembang",
                        (
                            D(
                                "Peraturan Daerah tentang Penyerahan PSU Perumahan dan Permukiman",
                                "Hukum",
                                LOCAL,
                            ),
                            D(
                                "Berita Acara Serah Terima PSU Perumahan dari Pengembang Tahun {y}",
                                "Disperkim",
                                LOCAL,
                            ),
                            D(
                                "Rekapitulasi PSU yang Telah Diserahkan dan Dicatat",
                                "Disperkim",
                                LOCAL,
                            ),
                            D(
                                "Daftar Perumahan yang PSU-nya Belum Diserahkan Pengembang",
                                "Disperkim",
                                LOCAL,
                            ),
                            D(
                                "Rekapitulasi Tanah Fasum/Fasos yang Telah Bersertipikat",
                                "Disperkim",
                                LOCAL,
                            ),
                        ),
                    ),
                    Sub(
                        "7.4.3",
                        "Pemanfaatan dan penghapusan BMD",
                        (
                            D("Perjanjian Sewa dan Pinjam Pakai BMD yang Berlaku", "BPKAD"),
                            D(
                                "Laporan Penerimaan Hasil Pemanfaatan BMD {per}",
                                "BPKAD",
                                periods=SEMESTER,
                            ),
                            D("Keputusan Kepala Daerah tentang Penghapusan BMD Tahun {y}", "BPKAD"),
                            D("Berita Acara Pemusnahan atau Lelang BMD", "BPKAD"),
                        ),
                    ),
                ),
            ),
        ),
    ),
    AreaSpec(
        "8",
        "Optimalisasi Pajak Daerah",
        (
            Ind(
                "8.1",
                "Regulasi pajak daerah sesuai UU HKPD",
                (
                    Sub(
                        "8.1.1",
                        "Perda dan Perkada pajak daerah ditetapkan",
                        (
                            D(
                                "Peraturan Daerah tentang Pajak Daerah dan Retribusi Daerah",
                                "Hukum",
                            ),
                            D(
                                "Peraturan Kepala Daerah tentang Tata Cara Pemungutan Pajak Daerah",
                                "Bapenda",
                            ),
                            D(
                                "Peraturan Kepala Daerah tentang Insentif Pemungutan Pajak Daerah",
                                "Bapenda",
                            ),
                            D(
                                "Peraturan Kepala Daerah tentang Pemberian Keringanan, Pengurangan "
                                "dan Pembebasan Pajak Daerah",
                                "Bapenda",
                            ),
                            D(
                                "Peraturan Kepala Daerah tentang Penetapan NJOP PBB-P2 Tahun {y}",
                                "Bapenda",
                                LOCAL,
                            ),
                            D(
                                "Peraturan Kepala Daerah tentang Dasar Pengenaan PKB dan BBNKB "
                                "Tahun {y}",
                                "Bapenda",
                                PROV,
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "8.2",
                "Basis data pajak daerah dimutakhirkan",
                (
                    Sub(
                        "8.2.1",
                        "Data objek dan wajib pajak dimutakhirkan",
                        (
                            D("Laporan Pemutakhiran Data Objek PBB-P2 Tahun {y}", "Bapenda", LOCAL),
                            D(
                                "Daftar Himpunan Ketetapan Pajak (DHKP) PBB-P2 Tahun {y}",
                                "Bapenda",
                                LOCAL,
                            ),
                            D("Peta Zona Nilai Tanah untuk Penetapan NJOP", "Bapenda", LOCAL),
                            D(
                                "Laporan Pendataan Wajib Pajak PBJT Makanan dan Minuman, "
                                "Perhotelan, Parkir dan Hiburan",
                                "Bapenda",
                                LOCAL,
                            ),
                            D(
                                "Laporan Pemutakhiran Data Objek PBB-P2 Perdesaan per Kecamatan",
                                "Bapenda",
                                KAB,
                            ),
                            D(
                                "Laporan Pemutakhiran Data Kendaraan Bermotor bersama Korlantas "
                                "Polri",
                                "Bapenda",
                                PROV,
                            ),
                            D(
                                "Daftar Wajib Pajak Air Permukaan dan PBBKB Tahun {y}",
                                "Bapenda",
                                PROV,
                            ),
                            D(
                                "Laporan Pendataan Objek Pajak Alat Berat Tahun {y}",
                                "Bapenda",
                                PROV,
                            ),
                            D(
                                "Laporan Pendataan Objek Pajak MBLB, Reklame dan Air Tanah",
                                "Bapenda",
                                LOCAL,
                            ),
                        ),
                    ),
                    Sub(
                        "8.2.2",
                        "Data pajak direkonsiliasi dengan instansi terkait",
                        (
                            D(
                                "Berita Acara Rekonsiliasi Data BPHTB dengan Kantor Pertanahan",
                                "Bapenda",
                                LOCAL,
                            ),
                            D(
                                "Berita Acara Rekonsiliasi Data Kendaraan Bermotor dengan Samsat "
                                "{per}",
                                "Bapenda",
                                PROV,
                                periods=SEMESTER,
                            ),
                            D(
                                "Berita Acara Rekonsiliasi Penyaluran Opsen PKB dan Opsen BBNKB — "
                                "{kabkota}",
                                "Bapenda",
                                PROV,
                                per_regency=True,
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "8.3",
                "Pembayaran dan pengawasan pajak berbasis elektronik",
                (
                    Sub(
                        "8.3.1",
                        "Transaksi wajib pajak terekam secara elektronik",
                        (
                            D(
                                "Laporan Pemasangan Alat Perekam Transaksi (Tapping Box) {per}",
                                "Bapenda",
                                LOCAL,
                                periods=SEMESTER,
                            ),
                            D("Screenshot aplikasi e-SPTPD", "Bapenda"),
                            D(
                                "Screenshot integrasi e-BPHTB dengan BPN dan PPAT",
                                "Bapenda",
                                LOCAL,
                            ),
                            D(
                                "Screenshot layanan Samsat Digital Nasional (SIGNAL) dan e-Samsat",
                                "Bapenda",
                                PROV,
                            ),
                            D(
                                "Laporan Penerimaan Pajak melalui Kanal Pembayaran Non-Tunai {per}",
                                "Bapenda",
                                periods=TRIWULAN,
                            ),
                        ),
                    ),
                ),
            ),
            Ind(
                "8.4",
                "Tunggakan pajak ditagih dan penerimaan dipantau",
                (
                    Sub(
                        "8.4.1",
                        "Piutang pajak ditagih",
                        (
                            D("Daftar Piutang Pajak Daerah per 31 Desember {p}", "Bapenda"),
                            D(
                                "Laporan Penagihan Tunggakan Pajak Daerah {per}",
                                "Bapenda",
                                periods=TRIWULAN,
                            ),
                            D("Rekapitulasi Surat Teguran dan Surat Paksa Tahun {y}", "Bapenda"),
                            D(
                                "Laporan Penagihan Tunggakan PKB Kendaraan Dinas",
                                "Bapenda",
                                PROV,
                            ),
                            D(
                                "Laporan Penagihan PBB-P2 melalui Pemerintah Desa",
                                "Bapenda",
                                KAB,
                            ),
                        ),
                    ),
                    Sub(
                        "8.4.2",
                        "Realisasi penerimaan pajak dipantau dan dikerjasamakan",
                        (
                            D(
                                "Laporan Realisasi Penerimaan Pajak Daerah {per}",
                                "Bapenda",
                                periods=BULAN,
                            ),
                            D(
                                "Perjanjian Kerja Sama dengan Kanwil DJP tentang Optimalisasi "
                                "Pemungutan Pajak Pusat dan Daerah",
                                "Bapenda",
                            ),
                            D(
                                "Perjanjian Kerja Sama dengan Bank Kalteng tentang Layanan "
                                "Pembayaran Pajak Daerah",
                                "Bapenda",
                            ),
                            D(
                                "Laporan Realisasi Penerimaan Opsen PKB dan BBNKB {per}",
                                "Bapenda",
                                LOCAL,
                                periods=TRIWULAN,
                            ),
                            D(
                                "Laporan Penerimaan PKB dan BBNKB Semester I Tahun {y} UPT PPD "
                                "{kabkota}",
                                "Bapenda",
                                PROV,
                                per_regency=True,
                            ),
                            D(
                                "Berita Acara Rekonsiliasi Penerimaan Pajak Rokok dengan DJBC {per}",
                                "Bapenda",
                                PROV,
                                periods=SEMESTER,
                            ),
                            D(
                                "Laporan Penerimaan PBBKB per Penyedia Bahan Bakar {per}",
                                "Bapenda",
                                PROV,
                                periods=SEMESTER,
                            ),
                            D("Laporan Pemungutan BPHTB {per}", "Bapenda", LOCAL, periods=TRIWULAN),
                            D(
                                "Berita Acara Rekonsiliasi PBJT Tenaga Listrik dengan PLN",
                                "Bapenda",
                                LOCAL,
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)


class Row(NamedTuple):
    """One requirement as stored: what ``seed_demo`` turns into a Requirement."""

    area_code: str
    indicator_code: str
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
    keys = doc.each or (doc.unit,)
    places = REGENCIES_AND_CITY if doc.per_regency else ("",)
    for key in keys:
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
    rows = []
    for area in AREAS:
        for indicator in area.indicators:
            order = 0
            for sub in indicator.subs:
                number = 0
                for doc in sub.docs:
                    for name, unit, kinds in _expand(doc, year):
                        order += 1
                        number += 1
                        rows.append(
                            Row(
                                area_code=area.code,
                                indicator_code=indicator.code,
                                code=f"{sub.code}.{number}",
                                order=order,
                                name=name,
                                sub_indicator_code=sub.code,
                                sub_indicator_name=sub.name,
                                unit_short_name=unit,
                                kinds=kinds,
                            )
                        )
    return rows


def count_for(kind: str, year: int = 2025) -> int:
    return sum(kind in row.kinds for row in requirements(year))


# What KPK's verifier or an inspectorate reviewer writes when returning a document:
# (reason code, note). {p} is the previous year.
REVISION_NOTES: tuple[tuple[str, str], ...] = (
    ("unsigned", "Dokumen belum ditandatangani pejabat berwenang."),
    (
        "incomplete",
        "Lampiran tidak lengkap, mohon unggah SK beserta lampirannya.",
    ),
    ("wrong_year", "Tahun anggaran tidak sesuai (masih {p}). Unggah dokumen tahun berjalan."),
    ("draft", "Yang diunggah masih draf/rancangan, belum dokumen yang sudah ditetapkan."),
    ("no_stamp", "Dokumen belum dibubuhi cap/stempel dinas dan nomor register."),
    (
        "wrong_doc",
        "Dokumen tidak sesuai dengan yang diminta sub-indikator. Mohon cek kembali juknis.",
    ),
    ("link_private", "Tautan Google Drive tidak dapat dibuka (akses dibatasi). Ubah ke publik."),
    ("unreadable", "Hasil pindai tidak terbaca. Mohon unggah ulang dengan resolusi lebih baik."),
    ("partial_period", "Laporan hanya memuat sebagian periode; lengkapi hingga akhir triwulan."),
    ("no_evidence_pub", "Screenshot belum menampilkan alamat laman dan tanggal publikasi."),
    ("no_ba", "Berita acara belum memuat tanda tangan seluruh pihak yang hadir."),
    ("not_all_opd", "Belum mencakup seluruh perangkat daerah; baru sebagian OPD yang dilampirkan."),
    ("format", "Format berkas tidak sesuai, unggah dalam bentuk PDF (bukan foto)."),
    ("mismatch", "Angka pada rekapitulasi berbeda dengan data di aplikasi. Mohon disesuaikan."),
    ("expired", "SK yang diunggah sudah tidak berlaku; unggah SK terbaru tahun {y}."),
)
