"""Legacy formats: Word 97–2003 ``.doc`` with Debian's antiword (catdoc as the fallback) and RTF.

antiword reads Word 97+ and prints UTF-8; catdoc also reads Word 6/95, which antiword refuses. Old
Vietnamese Word files often use TCVN3 (.VnTime) or VNI fonts, whose text comes out as Latin-1
look-alikes; the common repair step (``ingest.textfix``) turns it back into Vietnamese.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile

from ingest.attachments.errors import BrokenFileError, EncryptedError, TimeLimitError, ToolMissingError
from ingest.attachments.model import Extracted

_ANSICPG_RE = re.compile(rb"\\ansicpg(\d+)")
_TABLE_RULE_RE = re.compile(r"^[|+\-=\s]*$")


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(cmd, capture_output=True, timeout=max(1.0, timeout), check=False,
                              env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    except subprocess.TimeoutExpired as exc:
        raise TimeLimitError(f"{cmd[0]} quá thời gian (timed out)") from exc


def _doc_lines(text: str) -> list[str]:
    """antiword/catdoc output → one paragraph per line; table rows (``|a|b|``) → tab-separated cells."""
    out: list[str] = []
    cur: list[str] = []
    for raw in text.replace("\r", "\n").replace("\x0c", "\n").split("\n"):
        line = raw.strip()
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            if cur:
                out.append(" ".join(cur))
                cur = []
            cells = [" ".join(c.split()) for c in line.strip("|").split("|")]
            if any(cells):
                out.append("\t".join(cells) if sum(1 for c in cells if c) > 1 else next(c for c in cells if c))
            continue
        if not line or _TABLE_RULE_RE.match(line):
            if cur:
                out.append(" ".join(cur))
                cur = []
            continue
        cur.append(line)
    if cur:
        out.append(" ".join(cur))
    return [" ".join(p.split()) for p in out if p.strip()]


def extract_doc(data: bytes, deadline_left: float) -> Extracted:
    antiword, catdoc = shutil.which("antiword"), shutil.which("catdoc")
    if not antiword and not catdoc:
        raise ToolMissingError("cần antiword hoặc catdoc (apt-get install antiword catdoc) "
                               "(antiword or catdoc is needed for .doc)")
    with tempfile.NamedTemporaryFile(suffix=".doc") as tmp:
        tmp.write(data)
        tmp.flush()
        errors = []
        if antiword:
            proc = _run([antiword, "-m", "UTF-8.txt", "-w", "0", tmp.name], deadline_left)
            err = proc.stderr.decode("utf-8", "replace").strip()
            if proc.returncode == 0 and proc.stdout.strip():
                return Extracted(format="doc", pages=["\n".join(_doc_lines(proc.stdout.decode("utf-8", "replace")))])
            if "encrypt" in err.lower():
                raise EncryptedError("tệp Word được đặt mật khẩu (password-protected Word file)")
            errors.append(f"antiword: {err[:200]}")
        if catdoc:
            proc = _run([catdoc, "-d", "utf-8", "-w", tmp.name], deadline_left)
            if proc.returncode == 0 and proc.stdout.strip():
                return Extracted(format="doc", pages=["\n".join(_doc_lines(proc.stdout.decode("utf-8", "replace")))])
            errors.append(f"catdoc: {proc.stderr.decode('utf-8', 'replace').strip()[:200]}")
        if proc.returncode == 0:               # both read it and found nothing: an empty document
            return Extracted(format="doc", pages=[""])
    raise BrokenFileError("; ".join(errors) or "không đọc được tệp .doc")


def extract_rtf(data: bytes) -> Extracted:
    """RTF with striprtf; ``\\'xx`` bytes decoded in the document's own ``\\ansicpg`` code page."""
    from striprtf.striprtf import rtf_to_text

    m = _ANSICPG_RE.search(data[:4096])
    encoding = f"cp{int(m.group(1))}" if m else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except (ValueError, IndexError, KeyError, RecursionError) as exc:
        raise BrokenFileError(f"RTF: {exc}") from None
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    lines = [line.replace(" |", "\t").strip("|\t ") if line.count("|") >= 2 else line for line in lines]
    return Extracted(format="rtf", pages=["\n".join(line for line in lines if line)])
