"""Dates and numbers in the page's language, with Khmer digits on Khmer pages (Babel keeps Latin ones)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as babel_format_date

_KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")

#: Languages whose pages show numbers in their own digits.
NATIVE_DIGITS = {"km": _KHMER_DIGITS}


def native_digits(text: str, lang: str) -> str:
    table = NATIVE_DIGITS.get(lang)
    return text.translate(table) if table else text


def parse_date(value) -> dt.date:
    """A date from a datetime, a date or an ISO `YYYY-MM-DD` string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def format_date(value, lang: str, fmt: str = "long") -> str:
    """`15 មករា ២០២៥` on Khmer pages, `15 January 2025` on English ones."""
    locale = "en_GB" if lang == "en" else lang
    return native_digits(babel_format_date(parse_date(value), fmt, locale=locale), lang)
