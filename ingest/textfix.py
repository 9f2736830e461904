# TEMPORARY local dev stub (never committed): replaced by helper "dates"' module on main.
import unicodedata


def normalize_unicode(text):
    text = unicodedata.normalize("NFC", text)
    for ch in "\u00ad\u200b\u200c\u200d\ufeff":
        text = text.replace(ch, "")
    return text.replace("\xa0", " ").replace("Ð", "Đ").replace("ð", "đ")
def repair_text(text):
    return normalize_unicode(text), []
