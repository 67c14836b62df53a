"""Small .xlsx files that unpack to hundreds of megabytes, built in memory for the upload tests."""

from __future__ import annotations

import io
import zipfile

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="员工名单" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
STRINGS_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
STRINGS_REL = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>身份证号</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>手机号</t></is></c>'
    '<c r="D1" t="inlineStr"><is><t>入职日期</t></is></c></row>'
)
SHEET_TAIL = "</sheetData></worksheet>"


def _package(sheet_writer, *, extra: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for name, text in (extra or {}).items():
            book.writestr(name, text)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet_writer(sheet)
    return buffer.getvalue()


def strings_bomb(megabytes: int = 300) -> bytes:
    """A shared-string table of one long string repeated: about 1000 to 1 under deflate.

    openpyxl keeps the whole table in memory even in read-only mode, so an
    unguarded reader grows by about the unpacked size.
    """
    item = ("<si><t>" + "x" * 2000 + "</t></si>").encode()
    chunk = item * 256
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    )

    def write(sheet):
        sheet.write(
            (SHEET_HEAD + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>' + SHEET_TAIL).encode()
        )

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr(
            "[Content_Types].xml", CONTENT_TYPES.replace("</Types>", STRINGS_TYPE + "</Types>")
        )
        book.writestr("_rels/.rels", RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            WORKBOOK_RELS.replace("</Relationships>", STRINGS_REL + "</Relationships>"),
        )
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            write(sheet)
        with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(head.encode())
            for _ in range(megabytes * 1024 * 1024 // len(chunk)):
                strings.write(chunk)
            strings.write(b"</sst>")
    return buffer.getvalue()


def wide_rows(rows: int = 2000, columns: int = 200) -> bytes:
    """Within the size limits, but far more rows and columns than a roster has."""
    cell = '<c t="inlineStr"><is><t>x</t></is></c>'
    row = ("<row>" + cell * columns + "</row>").encode()

    def write(sheet):
        sheet.write(SHEET_HEAD.encode())
        for _ in range(rows):
            sheet.write(row)
        sheet.write(SHEET_TAIL.encode())

    return _package(write)


def billion_laughs() -> bytes:
    """Entity expansion in the sheet's XML: defusedxml refuses any DTD entity."""
    entities = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10)
    )
    head = SHEET_HEAD.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?>' + entities + "]>",
    )

    def write(sheet):
        sheet.write(head.encode())
        sheet.write(b'<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>')
        sheet.write(SHEET_TAIL.encode())

    return _package(write)
