"""Spreadsheets: XLSX with openpyxl (read-only, streaming) and legacy XLS with xlrd.

Numbers are printed the way a Vietnamese reader sees them in Excel with the vi-VN locale — ``1.225``
for ``#,##0``, ``96,5`` for ``0.0`` — so a report's figures are found as typed from the printout.
Rows are read up to ``Limits.max_rows`` over the whole workbook; a million-row sheet stops there and
the warning says how much was left.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from ingest.attachments.errors import BrokenFileError, EncryptedError
from ingest.attachments.model import Extracted, Limits
from ingest.attachments.zipguard import open_zip

_DECIMALS_RE = re.compile(r"\.(0+)")


def _group(int_part: str) -> str:
    out = []
    while len(int_part) > 3:
        out.insert(0, int_part[-3:])
        int_part = int_part[:-3]
    out.insert(0, int_part)
    return ".".join(out)


def format_number(value: float | int, fmt: str | None) -> str:
    """A cell number as Excel shows it under vi-VN: ``.`` groups thousands, ``,`` marks decimals."""
    fmt = (fmt or "General").split(";")[0]
    percent = "%" in fmt
    if percent:
        value = value * 100
    if fmt == "General" or not any(c in fmt for c in "0#"):
        if isinstance(value, float) and not value.is_integer():
            text = repr(round(value, 10)).replace(".", ",")
        else:
            text = str(int(value))
        return text + ("%" if percent else "")
    m = _DECIMALS_RE.search(fmt)
    decimals = len(m.group(1)) if m else 0
    neg = value < 0
    text = f"{abs(value):.{decimals}f}"
    int_part, _, frac = text.partition(".")
    if "," in fmt.split(".")[0]:
        int_part = _group(int_part)
    text = int_part + ("," + frac if frac else "")
    return ("-" if neg else "") + text + ("%" if percent else "")


def format_cell(value, fmt: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value, fmt)
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return "\n".join(" ".join(x.split()) for x in str(value).split("\n"))


def _row_line(cells: list[str]) -> str | None:
    """A row as one line of tab-separated cells; a layout row (one or two filled cells holding line
    breaks, as in the ND 30 header) as its cells' lines one under the other, like body text."""
    while cells and not cells[-1]:
        cells.pop()
    filled = [c.strip() for c in cells if c.strip()]
    if not filled:
        return None
    if len(filled) <= 2 and any("\n" in c for c in filled):
        return "\n".join(" ".join(x.split()) for c in filled for x in c.split("\n") if x.strip())
    return "\t".join(" ".join(c.split()) for c in cells)


def _cap_warning(limits: Limits, total: int | None) -> str:
    rest = f"; còn khoảng {total - limits.max_rows:,} dòng chưa đọc".replace(",", ".") if total else ""
    return (f"Chỉ đọc {limits.max_rows:,} dòng đầu của bảng tính".replace(",", ".") + rest
            + f" (row cap of {limits.max_rows} reached" + (f", about {total - limits.max_rows} rows left)"
                                                           if total else ")"))


def extract_xlsx(data: bytes, limits: Limits) -> Extracted:
    import openpyxl  # imported here: only spreadsheets pay for it
    from openpyxl.utils.exceptions import InvalidFileException

    open_zip(data, limits.max_unzipped).close()
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise BrokenFileError(f"openpyxl: {exc}") from None
    sheets: list[str] = []
    rows_read = 0
    total_rows = 0
    capped = False
    try:
        for ws in wb.worksheets:
            lines = [f"## {ws.title}"]
            try:
                total_rows += int(ws.max_row or 0)
            except (TypeError, ValueError):
                pass
            if not capped:
                for row in ws.iter_rows():
                    if rows_read >= limits.max_rows:
                        capped = True
                        break
                    rows_read += 1
                    line = _row_line([format_cell(getattr(c, "value", None), getattr(c, "number_format", None))
                                      for c in row])
                    if line:
                        lines.append(line)
            if len(lines) > 1:
                sheets.append("\n".join(lines))
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise BrokenFileError(f"openpyxl: {exc}") from None
    finally:
        wb.close()
    result = Extracted(format="xlsx", pages=["\n\n".join(sheets)])
    if capped:
        result.warnings.append(_cap_warning(limits, total_rows if total_rows > rows_read else None))
    return result


def _xls_format(book, xf_index: int | None) -> str | None:
    try:
        return book.format_map[book.xf_list[xf_index].format_key].format_str
    except (AttributeError, IndexError, KeyError, TypeError):
        return None


def extract_xls(data: bytes, limits: Limits) -> Extracted:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, formatting_info=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise EncryptedError(str(exc)) from None
        raise BrokenFileError(f"xlrd: {exc}") from None
    except (ValueError, AssertionError, IndexError, KeyError, OSError, EOFError) as exc:
        raise BrokenFileError(f"xlrd: {exc}") from None
    sheets: list[str] = []
    rows_read = 0
    total = 0
    capped = False
    try:
        for k in range(book.nsheets):
            sh = book.sheet_by_index(k)
            total += sh.nrows
            lines = [f"## {sh.name}"]
            for r in range(sh.nrows):
                if rows_read >= limits.max_rows:
                    capped = True
                    break
                rows_read += 1
                cells = []
                for c in sh.row(r):
                    if c.ctype == xlrd.XL_CELL_DATE:
                        try:
                            cells.append(format_cell(xlrd.xldate.xldate_as_datetime(c.value, book.datemode), None))
                        except (ValueError, OverflowError):
                            cells.append(str(c.value))
                    elif c.ctype == xlrd.XL_CELL_NUMBER:
                        cells.append(format_number(c.value, _xls_format(book, c.xf_index)))
                    elif c.ctype == xlrd.XL_CELL_BOOLEAN:
                        cells.append("TRUE" if c.value else "FALSE")
                    elif c.ctype == xlrd.XL_CELL_TEXT:
                        cells.append(" ".join(c.value.split()))
                    else:
                        cells.append("")
                line = _row_line(cells)
                if line:
                    lines.append(line)
            if len(lines) > 1:
                sheets.append("\n".join(lines))
            if capped:
                break
    finally:
        book.release_resources()
    result = Extracted(format="xls", pages=["\n\n".join(sheets)])
    if capped:
        result.warnings.append(_cap_warning(limits, total if total > rows_read else None))
    return result
