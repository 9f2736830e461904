"""Opening Office/ODF zip containers without letting them expand without bound (zip bombs).

Python's ``zipfile`` never returns more bytes for an entry than its declared size (it stops there and
then checks the CRC), so checking the declared sizes against a budget before reading bounds what an
extractor can be made to inflate. Entries are read through ``read_member`` only.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from ingest.attachments.errors import BrokenFileError, ZipBombError

_MB = 1024 * 1024


def open_zip(data: bytes, budget: int) -> zipfile.ZipFile:
    """The zip, after checking that its entries' declared sizes fit ``budget`` bytes in total."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BrokenFileError(f"tệp nén hỏng (corrupt zip): {exc}") from None
    infos = zf.infolist()
    if len(infos) > 20_000:
        raise ZipBombError(f"{len(infos)} mục trong tệp nén (entries)")
    total = sum(i.file_size for i in infos)
    if total > budget:
        raise ZipBombError(f"giải nén ra {total / _MB:,.0f} MB, giới hạn {budget / _MB:,.0f} MB "
                           f"(expands to {total / _MB:,.0f} MB, limit {budget / _MB:,.0f} MB)")
    return zf


def read_member(zf: zipfile.ZipFile, name: str, missing_ok: bool = False) -> bytes | None:
    """One entry's bytes; a corrupt or truncated entry is a ``BrokenFileError`` naming it."""
    try:
        return zf.read(name)
    except KeyError:
        if missing_ok:
            return None
        raise BrokenFileError(f"thiếu phần «{name}» (missing part)") from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise BrokenFileError(f"phần «{name}» bị hỏng (corrupt part): {exc}") from None
