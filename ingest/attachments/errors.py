"""Why an attachment could not be extracted: one exception class per cause, each with a stable code.

The import pipeline writes ``code`` and ``message`` into its JSONL error report and carries on with
the page and the other attachments, so every message names the cause in Vietnamese first and then in
English, and says what the user can do about it where there is something to do.
"""

from __future__ import annotations


class AttachmentError(Exception):
    """Base class: ``code`` is machine-readable, ``str(err)`` is the Vietnamese + English message."""

    code = "attachment-error"
    vi = "Không trích xuất được văn bản đính kèm"
    en = "could not extract the attachment"

    def __init__(self, detail: str | None = None, *, vi: str | None = None, en: str | None = None) -> None:
        self.detail = detail
        self.vi_message = vi or self.vi
        self.en_message = en or self.en
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.vi_message} ({self.en_message})"
        return f"{text}: {self.detail}" if self.detail else text

    @property
    def reason(self) -> str:
        """Alias of ``code`` for report writers that call the cause a reason."""
        return self.code

    def __reduce__(self):                           # survive pickling from the worker process
        return (_rebuild, (type(self), self.detail, self.vi_message, self.en_message))


def _rebuild(cls, detail, vi, en):
    return cls(detail, vi=vi, en=en)


class EncryptedError(AttachmentError):
    code = "encrypted"
    vi = "Tệp PDF được bảo vệ bằng mật khẩu, không đọc được nội dung"
    en = "the PDF is password-protected"


class BrokenFileError(AttachmentError):
    code = "broken-file"
    vi = "Tệp bị hỏng hoặc không đầy đủ"
    en = "the file is damaged or truncated"


class ZipBombError(AttachmentError):
    code = "zip-bomb"
    vi = "Tệp nén giải ra quá lớn (nghi là zip bomb), đã bỏ qua"
    en = "the archive expands to more than the allowed size (zip bomb?)"


class UnsupportedTypeError(AttachmentError):
    code = "unsupported-type"
    vi = "Định dạng tệp không được hỗ trợ"
    en = "unsupported file type"


class MismatchedTypeError(UnsupportedTypeError):
    """The bytes are not what the name or Content-Type claims (an HTML error page saved as .pdf)."""

    code = "mismatched-type"
    vi = "Nội dung tệp không khớp với đuôi tên tệp"
    en = "the content does not match the file type"


class TooLargeError(AttachmentError):
    code = "too-large"
    vi = "Tệp vượt quá dung lượng cho phép"
    en = "the file is larger than the size limit"


class TimeLimitError(AttachmentError):
    code = "time-limit"
    vi = "Trích xuất quá thời gian cho phép, đã dừng"
    en = "extraction exceeded the time limit"


class MemoryLimitError(AttachmentError):
    code = "memory-limit"
    vi = "Trích xuất dùng quá bộ nhớ cho phép, đã dừng"
    en = "extraction exceeded the memory limit"


class ToolMissingError(AttachmentError):
    code = "tool-missing"
    vi = "Thiếu chương trình cần để đọc định dạng này"
    en = "a program needed for this format is not installed"
