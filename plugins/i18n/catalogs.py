"""Load the theme's gettext catalogues with Babel; Jinja's gettext follows the page's language."""

from __future__ import annotations

import gettext as stdlib_gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context

from sitekit.errors import SiteBuildError


class CatalogError(SiteBuildError, ValueError):
    """A translation catalogue is missing, unreadable or incomplete."""


def catalog_path(catalog_dir: str | Path, lang: str, domain: str) -> Path:
    return Path(catalog_dir) / lang / "LC_MESSAGES" / f"{domain}.po"


def catalog_problems(po_path: Path, lang: str) -> list[str]:
    """Messages for entries an editor still has to translate (empty or fuzzy)."""
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        where = f"{po_path.as_posix()}:{message.lineno}" if message.lineno else po_path.as_posix()
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        empty = not message.string or (isinstance(message.string, tuple) and not all(message.string))
        if empty:
            problems.append(f"{where}: no {lang} translation for {msgid!r}; write it in the msgstr line")
        elif message.fuzzy:
            problems.append(
                f"{where}: the {lang} translation of {msgid!r} is marked fuzzy; check it and remove the '#, fuzzy' line"
            )
    return problems


def load_translations(catalog_dir: str | Path, lang: str, domain: str, source_language: str):
    """Compile `<lang>.po` in memory (so a stale .mo can never be used) and return a Translations."""
    if lang == source_language:
        return NullTranslations()
    po_path = catalog_path(catalog_dir, lang, domain)
    if not po_path.exists():
        raise CatalogError(f"{po_path.as_posix()}: no catalogue for language {lang!r}; run `invoke i18n-init {lang}`")
    try:
        problems = catalog_problems(po_path, lang)
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{po_path.as_posix()}: cannot read the catalogue: {exc}") from exc
    if problems:
        raise CatalogError("\n".join(problems))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=domain)


def lang_of_context(context, default_lang: str) -> str:
    """The language of the page being rendered, read from its context."""
    for name in ("i18n", "article", "page"):
        obj = context.get(name)
        lang = getattr(obj, "lang", None)
        if isinstance(lang, str) and lang:
            return lang
    return default_lang


def make_gettext_callables(translations: dict[str, stdlib_gettext.NullTranslations], default_lang: str):
    """gettext / ngettext for jinja2.ext.i18n that pick the catalogue of the page being rendered."""

    @pass_context
    def gettext(context, message):
        return translations[lang_of_context(context, default_lang)].gettext(message)

    @pass_context
    def ngettext(context, singular, plural, n):
        return translations[lang_of_context(context, default_lang)].ngettext(singular, plural, n)

    return gettext, ngettext
