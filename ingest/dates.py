# TEMPORARY local dev stub (never committed): replaced by helper "dates"' module on main.
import re
from datetime import datetime
from ingest.document import VN_TZ
_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d))?")
_DMY = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:\s*(?:\||-|,|lúc)?\s*(\d{1,2}):(\d\d)(?::(\d\d))?\s*(SA|CH|AM|PM)?)?", re.I)
def parse_datetime(text):
    m = _ISO.search(text)
    if m:
        y, mo, d, h, mi, s = (int(x or 0) for x in m.groups())
        return datetime(y, mo, d, h, mi, s, tzinfo=VN_TZ)
    m = _DMY.search(text)
    if not m:
        return None
    d, mo, y, h, mi, s, ap = m.groups()
    h = int(h or 0)
    if ap:
        ap = ap.upper()
        h = h % 12 + (12 if ap in ("CH", "PM") else 0)
    return datetime(int(y), int(mo), int(d), h, int(mi or 0), int(s or 0), tzinfo=VN_TZ)
