"""The ranking as a PNG for chat groups ("Unduh gambar"): drawn on the server with Pillow.

1080 px wide (a phone screen at 3× density shows it edge to edge, and chat apps keep that width),
as tall as the ranking needs. The font is DejaVu Sans, vendored under static/fonts/ (its licence
beside it) so the picture looks the same on every machine, with every Indonesian letter.
Always Indonesian, like the chat text it travels with (reports.weekly.chat_text).
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import formats, timezone, translation
from PIL import Image, ImageDraw, ImageFont

from reports.weekly import Line, Recap

WIDTH = 1080
MARGIN = 48
ROW = 64
FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"

INK = (31, 41, 55)
MUTED = (100, 116, 139)
RULE = (226, 232, 240)
TRACK = (226, 232, 240)
ACCEPTED = (22, 128, 61)
UPLOADED = (134, 198, 155)
ZEBRA = (248, 250, 252)
HEADER = (15, 76, 129)
BANDS = {"terjaga": (22, 128, 61), "waspada": (202, 138, 4), "rentan": (185, 28, 28)}
RISK = (185, 28, 28)
UP = (22, 128, 61)
DOWN = (185, 28, 28)


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def _pct(value) -> str:
    return f"{formats.number_format(value, 2)}%"


def _signed(value) -> str:
    if value is None:
        return "—"
    text = formats.number_format(value, 2)
    return f"+{text}" if value > 0 else text


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    """Cut a text with an ellipsis so it fits ``width`` pixels."""
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(f"{text}…", font=font) > width:
        text = text[:-1]
    return f"{text.rstrip()}…"


def render(recap: Recap, *, footer: str = "") -> bytes:
    with translation.override("id"):
        return _render(recap, footer)


def _render(recap: Recap, footer: str) -> bytes:
    lines: list[Line] = recap.ranking
    top = 250
    height = top + ROW * (len(lines) + 2) + 180
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)

    # Heading band
    draw.rectangle((0, 0, WIDTH, 170), fill=HEADER)
    draw.text(
        (MARGIN, 34),
        _fit(draw, f"{recap.title}", _font(40, True), WIDTH - 2 * MARGIN),
        font=_font(40, True),
        fill="white",
    )
    draw.text(
        (MARGIN, 92),
        _fit(draw, recap.province_name, _font(30), WIDTH - 2 * MARGIN),
        font=_font(30),
        fill="white",
    )
    when = formats.date_format(timezone.localtime(recap.as_of), "j F Y, H.i")
    week = f"Minggu {recap.week} · " if recap.week else ""
    draw.text(
        (MARGIN, 132),
        f"{week}data per {when} WIB · {recap.countdown}",
        font=_font(22),
        fill=(219, 234, 254),
    )

    # Column heads
    x_rank, x_name, x_bar, x_acc, x_up = MARGIN, 110, 430, 700, 830
    bar_width = 250
    head = _font(22, True)
    y = 196
    draw.text((x_rank, y), "#", font=head, fill=MUTED)
    draw.text((x_name, y), "Kabupaten/kota", font=head, fill=MUTED)
    draw.text((x_acc + 100, y), "Diterima", font=head, fill=MUTED, anchor="ra")
    draw.text((x_up + 100, y), "Diunggah", font=head, fill=MUTED, anchor="ra")
    draw.text((WIDTH - MARGIN, y), "7 hari", font=head, fill=MUTED, anchor="ra")
    draw.line((MARGIN, top - 10, WIDTH - MARGIN, top - 10), fill=RULE, width=2)

    body = _font(26)
    bold = _font(26, True)
    for index, line in enumerate(lines):
        y = top + index * ROW
        if index % 2:
            draw.rectangle((0, y - 6, WIDTH, y + ROW - 10), fill=ZEBRA)
        mid = y + (ROW - 16) // 2
        draw.text((x_rank, mid), str(line.rank or ""), font=bold, fill=INK, anchor="lm")
        name = _fit(draw, line.short_name, bold, x_bar - x_name - 44)
        draw.text((x_name, mid), name, font=bold, fill=RISK if line.at_risk else INK, anchor="lm")
        if line.band:
            draw.ellipse((x_bar - 30, mid - 9, x_bar - 12, mid + 9), fill=BANDS[line.band])
        # Progress bar: uploaded (light) under accepted (dark), out of 100 %
        draw.rounded_rectangle((x_bar, mid - 11, x_bar + bar_width, mid + 11), 6, fill=TRACK)
        for value, colour in ((line.pct_uploaded, UPLOADED), (line.pct_accepted, ACCEPTED)):
            length = int(bar_width * float(value) / 100)
            if length > 4:
                draw.rounded_rectangle((x_bar, mid - 11, x_bar + length, mid + 11), 6, fill=colour)
        draw.text((x_acc + 100, mid), _pct(line.pct_accepted), font=bold, fill=INK, anchor="rm")
        draw.text((x_up + 100, mid), _pct(line.pct_uploaded), font=body, fill=MUTED, anchor="rm")
        change = line.change_accepted
        colour = UP if change and change > 0 else DOWN if change and change < 0 else MUTED
        draw.text((WIDTH - MARGIN, mid), _signed(change), font=body, fill=colour, anchor="rm")
    # Province lines under the ranking
    y = top + len(lines) * ROW + 10
    draw.line((MARGIN, y - 8, WIDTH - MARGIN, y - 8), fill=RULE, width=2)
    province_lines = (
        (recap.own, recap.own.short_name),
        (recap.total, "Se-provinsi"),
    )
    for line, label in province_lines:
        mid = y + (ROW - 16) // 2
        draw.text(
            (x_name, mid),
            _fit(draw, label, bold, x_bar - x_name - 20),
            font=bold,
            fill=INK,
            anchor="lm",
        )
        draw.rounded_rectangle((x_bar, mid - 11, x_bar + bar_width, mid + 11), 6, fill=TRACK)
        for value, colour in ((line.pct_uploaded, UPLOADED), (line.pct_accepted, ACCEPTED)):
            length = int(bar_width * float(value) / 100)
            if length > 4:
                draw.rounded_rectangle((x_bar, mid - 11, x_bar + length, mid + 11), 6, fill=colour)
        draw.text((x_acc + 100, mid), _pct(line.pct_accepted), font=bold, fill=INK, anchor="rm")
        draw.text((x_up + 100, mid), _pct(line.pct_uploaded), font=body, fill=MUTED, anchor="rm")
        draw.text(
            (WIDTH - MARGIN, mid), _signed(line.change_accepted), font=body, fill=MUTED, anchor="rm"
        )
        y += ROW

    # Legend and source
    small = _font(20)
    y += 14
    draw.rounded_rectangle((MARGIN, y, MARGIN + 28, y + 16), 4, fill=ACCEPTED)
    draw.text((MARGIN + 38, y - 4), "diterima KPK", font=small, fill=MUTED)
    draw.rounded_rectangle((MARGIN + 220, y, MARGIN + 248, y + 16), 4, fill=UPLOADED)
    draw.text(
        (MARGIN + 258, y - 4), "diunggah (semua selain belum diunggah)", font=small, fill=MUTED
    )
    y += 34
    draw.text(
        (MARGIN, y),
        "Titik: skor resmi (hijau terjaga ≥ 78, kuning waspada 73–77,99, merah rentan)",
        font=small,
        fill=MUTED,
    )
    draw.text(
        (MARGIN, y + 28),
        "Nama merah: laju unggah saat ini tidak cukup untuk selesai tepat waktu",
        font=small,
        fill=MUTED,
    )
    if footer:
        draw.text(
            (MARGIN, y + 56), _fit(draw, footer, small, WIDTH - 2 * MARGIN), font=small, fill=MUTED
        )

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
