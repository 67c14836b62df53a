"""Reading an employee list: CSV (UTF-8 with or without BOM, or GBK) or XLSX.

Reading only turns a file into header and rows of text; checking them is
``services.check_roster``. Every problem is reported in plain Chinese and
nothing about a file is saved.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.spreadsheets import neutralise

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 500
# What an .xlsx roster may unpack to: 500 rows of four columns take well under
# 1 MB, so these refuse a decompression bomb from the zip's directory alone.
MAX_XLSX_MEMBERS = 100
MAX_XLSX_MEMBER_BYTES = 8 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 16 * 1024 * 1024
MAX_XLSX_SHARED_STRINGS_BYTES = 2 * 1024 * 1024
MAX_COLUMNS = 30
MAX_BLANK_ROWS = 1000
MAX_CELLS = (MAX_ROWS + 1 + MAX_BLANK_ROWS) * MAX_COLUMNS
COLUMNS = ["姓名", "身份证号", "手机号", "入职日期"]


class RosterUnreadable(Exception):
    """The file as a whole cannot be used (format, size, empty, no header)."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class Roster:
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row number, cells by column)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        if abs(value) >= 1e15:
            # Excel keeps 15 significant digits of a number; show them as Excel
            # does (trailing zeros), not the binary float's noise (…009984).
            return str(int(Decimal(f"{value:.15g}")))
        return str(int(value))
    return str(value).strip()


def _decode(data: bytes) -> str:
    # Excel in China saves "CSV" as GBK; elsewhere UTF-8, often with a BOM.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterUnreadable(
        _("无法识别文件的编码，请用 Excel 另存为“CSV UTF-8”或直接上传 .xlsx 文件。")
    )


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _check_zip(data: bytes) -> None:
    """Refuse a workbook that would unpack to more than a roster ever needs (a zip bomb).

    The sizes are those the zip declares; reading never returns more than the
    declared size of a member, so they bound what openpyxl can unpack.
    """
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError):
        raise RosterUnreadable(
            _("无法打开这个 Excel 文件，请确认是 .xlsx 格式（不是 .xls）。")
        ) from None
    too_big = _("这个 Excel 文件解压后过大，请只保留员工名单一张表后再上传。")
    if len(members) > MAX_XLSX_MEMBERS:
        raise RosterUnreadable(too_big)
    if sum(m.file_size for m in members) > MAX_XLSX_UNPACKED_BYTES:
        raise RosterUnreadable(too_big)
    for member in members:
        if member.file_size > MAX_XLSX_MEMBER_BYTES:
            raise RosterUnreadable(too_big)
        if member.filename.endswith("sharedStrings.xml") and (
            member.file_size > MAX_XLSX_SHARED_STRINGS_BYTES
        ):
            # openpyxl keeps the whole shared-string table in memory, even read-only.
            raise RosterUnreadable(too_big)


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise RosterUnreadable(
            _("无法打开这个 Excel 文件，请确认是 .xlsx 格式（不是 .xls）。")
        ) from None
    too_many = _(
        "名单的行或列过多：每批最多 %(n)s 人，请只保留“姓名、身份证号、手机号、入职日期”几列。"
    ) % {"n": MAX_ROWS}
    rows = []
    cells = 0
    try:
        sheet = book.worksheets[0]
        # Read-only sheets stream their XML; the declared dimension is not
        # trusted (a forged one would pad out a million empty rows).
        sheet.reset_dimensions()
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            values = [_cell(v) for v in row]
            cells += len(values)
            if any(values):
                rows.append(values)
            elif rows:
                rows.append([])
            if len(rows) > MAX_ROWS + 1 + MAX_BLANK_ROWS or cells > MAX_CELLS:
                raise RosterUnreadable(too_many)
    except RosterUnreadable:
        raise
    except Exception:  # a damaged sheet, or XML that defusedxml refuses (entities)
        raise RosterUnreadable(
            _("无法读取这个 Excel 文件的内容，请另存为新的 .xlsx 文件后再上传。")
        ) from None
    finally:
        book.close()
    return rows


def read_roster(name: str, data: bytes) -> Roster:
    if not data:
        raise RosterUnreadable(_("上传的文件是空的。"))
    if len(data) > MAX_BYTES:
        raise RosterUnreadable(_("文件超过 5 MB，请删去无关内容后再上传。"))
    lowered = (name or "").lower()
    if lowered.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        table = _xlsx_rows(data)
    elif lowered.endswith((".csv", ".txt")):
        table = _csv_rows(data)
    else:
        raise RosterUnreadable(_("只接受 .csv 或 .xlsx 文件（可下载模板填写）。"))
    table = [row for row in table if any(cell for cell in row)]
    if not table:
        raise RosterUnreadable(_("文件里没有内容。"))
    header = [cell.replace(" ", "").replace("\u3000", "") for cell in table[0]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise RosterUnreadable(
            _("第 1 行应为表头，缺少列：%(cols)s。请使用下载的模板。")
            % {"cols": "、".join(missing)}
        )
    positions = {column: header.index(column) for column in COLUMNS}
    rows = []
    for number, row in enumerate(table[1:], start=2):
        cells = {c: (row[i] if i < len(row) else "") for c, i in positions.items()}
        rows.append((number, cells))
    if not rows:
        raise RosterUnreadable(_("名单里只有表头，没有员工。"))
    if len(rows) > MAX_ROWS:
        raise RosterUnreadable(_("每批最多 %(n)s 人，请分成几批上传。") % {"n": MAX_ROWS})
    return Roster(rows=rows)


def template_csv() -> bytes:
    return (",".join(neutralise(c) for c in COLUMNS) + "\r\n").encode("utf-8-sig")


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "员工名单"
    sheet.append(COLUMNS)
    for column in "ABCD":
        sheet.column_dimensions[column].width = 22
        for row in range(1, MAX_ROWS + 2):
            # Text cells, so that Excel keeps all 18 characters of an ID number.
            sheet[f"{column}{row}"].number_format = "@"
    notes = book.create_sheet("填写说明")
    for line in (
        "每行一名员工，第1行表头不要改动。",
        "身份证号：18位，最后一位可以是X。",
        "手机号：11位手机号码。",
        "入职日期：如 2026-12-01。",
        "每批最多500人，文件不超过5MB。",
    ):
        notes.append([line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
