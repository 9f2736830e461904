"""The caps on one search request, in one place for the web, the JSON API, the CLI and exports.

Why one place: the web once allowed pages the searcher refused (``TRACUU_MAX_PER_PAGE=200`` or
page 1,001 gave a 400 "invalid query" after the web had accepted the parameters). Now the web
builds its :class:`Limits` here and hands the same object to the searcher it opens; the CLI
reads the same ``TRACUU_*`` variables through :meth:`Limits.from_env`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from search.model import SORTS, QueryError, SearchRequest

#: the environment variable (``TRACUU_`` + name) of each configurable limit
ENV_NAMES = {"max_query_chars": "MAX_QUERY_CHARS", "max_per_page": "MAX_PER_PAGE", "max_depth": "MAX_DEPTH"}


@dataclass(frozen=True)
class Limits:
    """Caps that keep one request cheap; each one is reported to the user by name when exceeded."""

    max_query_chars: int = 256
    max_per_page: int = 100
    max_depth: int = 10_000  # (page - 1) * per_page: deep paging is what the export is for
    max_filter_values: int = 20
    default_per_page: int = 10

    def __post_init__(self) -> None:
        # A site that caps pages at 5 results must not refuse its own default page of 10.
        if self.default_per_page > self.max_per_page:
            object.__setattr__(self, "default_per_page", self.max_per_page)

    @classmethod
    def from_config(cls, config: Mapping[str, object]) -> Limits:
        """From a mapping keyed by the upper-case names (``MAX_PER_PAGE``…); absent keys keep the
        defaults. Bad values raise ValueError naming the setting."""
        values: dict[str, int] = {}
        for attr, key in ENV_NAMES.items():
            raw = config.get(key)
            if raw is None or raw == "":
                continue
            try:
                value = int(raw)  # type: ignore[call-overload]
            except (TypeError, ValueError):
                raise ValueError(f"TRACUU_{key} phải là số nguyên, nhận được {raw!r} (not an integer)") from None
            if value < 1:
                raise ValueError(f"TRACUU_{key} phải ≥ 1, nhận được {value} (must be positive)")
            values[attr] = value
        return cls(**values)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """From ``TRACUU_MAX_QUERY_CHARS``, ``TRACUU_MAX_PER_PAGE``, ``TRACUU_MAX_DEPTH``."""
        env = os.environ if environ is None else environ
        return cls.from_config({key: env.get("TRACUU_" + key) for key in ENV_NAMES.values()})

    def check(self, req: SearchRequest) -> None:
        """Refuse a request beyond these limits with a :class:`QueryError` naming the part."""
        if req.sort not in SORTS:
            raise QueryError(f"Cách sắp xếp “{req.sort}” không hợp lệ; dùng một trong: {', '.join(SORTS)}. "
                             "(invalid sort)")
        if not isinstance(req.per_page, int) or not 1 <= req.per_page <= self.max_per_page:
            raise QueryError(f"Số kết quả mỗi trang phải từ 1 đến {self.max_per_page} (nhận được "
                             f"{req.per_page}). (invalid per_page)")
        if not isinstance(req.page, int) or req.page < 1 or req.page > self.max_page(req.per_page):
            raise QueryError(f"Số trang phải từ 1 đến {self.max_page(req.per_page)} (nhận được {req.page}); "
                             f"chỉ xem được {self.max_depth:,} kết quả đầu tiên, hãy thu hẹp tìm kiếm hoặc "
                             "xuất toàn bộ (invalid page)".replace(",", "."))
        if len(req.q or "") > self.max_query_chars:
            raise QueryError(f"Câu truy vấn quá dài ({len(req.q)} ký tự; tối đa {self.max_query_chars}). Hãy "
                             "rút gọn thành vài từ hoặc cụm từ đặc trưng. (query too long)")
        for y in req.year:
            if not isinstance(y, int) or not 1000 <= y <= 9999:
                raise QueryError(f"Năm “{y}” không hợp lệ. (invalid year)")
        if req.kind is not None and req.kind not in ("attachment", "page"):  # search.attachments.KINDS
            raise QueryError(f"Loại tài liệu “{req.kind}” không hợp lệ; dùng attachment hoặc page. (invalid kind)")

    def max_page(self, per_page: int) -> int:
        """The last page number a request of ``per_page`` results may ask for."""
        return max(1, -(-self.max_depth // max(1, per_page)))
