#!/usr/bin/env python3
"""Make the Hokuto example's attachments (issue 43), so the link checks cover files:

- examples/hokuto/content/jisshi/sheet-32-1.pdf: the transcribed figures of 主要施策 32-1
  (tests/hokuto_sheet.tsv, as printed), one A4 page, Japanese text in the standard
  HeiseiKakuGo-W5 font (not embedded: every PDF reader has it), a few kilobytes;
- examples/hokuto/content/jisshi/goal-4/images/structure.png: the shape of the
  transcription (基本目標４ above 基本計画３２ and ３５), boxes and lines only.

Both are written byte for byte the same on every run (no dates, no random ids).
Run from the repository's top: python3 docs/tools/hokuto_attachments.py
"""
import struct
import zlib

SHEET = "tests/hokuto_sheet.tsv"
PDF = "examples/hokuto/content/jisshi/sheet-32-1.pdf"
PNG = "examples/hokuto/content/jisshi/goal-4/images/structure.png"

FIELDS = {"grade": "評価", "total_settlement": "決算額 計（千円）", "total_budget": "予算額 計（千円）",
          "settlement": "決算額（千円）", "budget": "予算額（千円）", "funding": "財源",
          "direction": "方向性"}
ERAS = {"R05": "令和５年度", "R06": "令和６年度", "R07": "令和７年度", "R08": "令和８年度"}


def lines():
    out = ["北斗市 実施計画 主要施策 32-1（評価シートの数字の書き写し）", ""]
    with open(SHEET, encoding="utf-8") as f:
        next(f)
        for row in f:
            kind, where, year, field, printed = row.rstrip("\n").split("\t")
            if where.split(" ")[0] != "32-1":
                continue
            name = where.split(" ", 1)[1] if " " in where else "主要施策 32-1"
            out.append(f"{name}　{ERAS.get(year, year)}　{FIELDS.get(field, field)}：{printed}")
    return out


def text_hex(s):
    return s.encode("utf-16-be").hex().upper()


def pdf():
    body = ["BT /F1 11 Tf 14 TL 50 800 Td"]
    for line in lines():
        body.append(f"<{text_hex(line)}> Tj T*")
    body.append("ET")
    stream = zlib.compress("\n".join(body).encode("ascii"), 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5 "
        b"/Encoding /UniJIS-UCS2-H /DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> "
        b"/FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4 "
        b"/FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 700 /StemV 93 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def png():
    w, h = 240, 120
    px = [[255] * w for _ in range(h)]

    def rect(x0, y0, x1, y1):
        for x in range(x0, x1 + 1):
            px[y0][x] = px[y1][x] = 40
        for y in range(y0, y1 + 1):
            px[y][x0] = px[y][x1] = 40

    def vline(x, y0, y1):
        for y in range(y0, y1 + 1):
            px[y][x] = 40

    def hline(x0, x1, y):
        for x in range(x0, x1 + 1):
            px[y][x] = 40

    rect(80, 10, 160, 40)      # 基本目標４
    rect(20, 80, 100, 110)     # 基本計画３２
    rect(140, 80, 220, 110)    # 基本計画３５
    vline(120, 40, 60)
    hline(60, 180, 60)
    vline(60, 60, 80)
    vline(180, 60, 80)
    raw = b"".join(b"\0" + bytes(row) for row in px)
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    import os
    os.makedirs(os.path.dirname(PNG), exist_ok=True)
    with open(PDF, "wb") as f:
        f.write(pdf())
    with open(PNG, "wb") as f:
        f.write(png())
