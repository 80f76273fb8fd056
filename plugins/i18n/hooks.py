"""Pelican signal handlers of the i18n plugin; each one hands its work to the pure modules."""

from __future__ import annotations

from pathlib import Path

from jinja2 import TemplateNotFound, pass_context
from markupsafe import Markup
from pelican.urlwrappers import Category

from sitekit.errors import SiteBuildError

from .catalogs import lang_of_context, load_translations, make_gettext_callables
from .config import load_config
from .dates import format_date, native_digits
from .generator import I18nPagesGenerator
from .languages import (
    UnknownLanguageError,
    content_versions,
    home_url,
    language_problems,
    page_i18n,
    path_language_problems,
    prefixed,
    strip_tags_keep_lang,
    wrap_foreign,
)
from .listings import group_by_lang, resolve_related, split_list


class RelatedPageError(SiteBuildError, ValueError):
    """A `Related:` line names a page that does not exist."""


# Loaded once per build by check_settings(); generators read it when they set up Jinja.
_state: dict = {}


def check_settings(pelican) -> None:
    """Fail early on bad settings or misplaced files, and load the catalogues once per build."""
    _load_state(pelican.settings)
    content = Path(pelican.settings["PATH"])
    rel_paths = [
        p.relative_to(content).as_posix()
        for folder in pelican.settings["ARTICLE_PATHS"] + pelican.settings["PAGE_PATHS"]
        for p in (content / folder).rglob("*")
        if p.is_file() and not p.name.startswith(".")
    ]
    problems = path_language_problems(rel_paths, _state["config"]["languages"], content.name)
    if problems:
        raise UnknownLanguageError("\n".join(problems))


def _load_state(settings) -> None:
    config = load_config(settings)
    catalog_dir = Path(settings["THEME"]) / config["catalog_dir"]
    translations = {
        lang: load_translations(catalog_dir, lang, config["catalog_domain"], config["source_language"])
        for lang in config["languages"]
    }
    _state.clear()
    _state["config"] = config
    _state["gettext"] = make_gettext_callables(translations, config["default_lang"])


def install_in_jinja(generator) -> None:
    """Give every generator's Jinja environment gettext, local dates and language-aware URLs."""
    if "config" not in _state:
        _load_state(generator.settings)
    config = _state["config"]
    default = config["default_lang"]
    gettext, ngettext = _state["gettext"]
    env = generator.env
    env.install_gettext_callables(gettext, ngettext, newstyle=True)

    @pass_context
    def local_date(context, value, fmt="long"):
        return format_date(value, lang_of_context(context, default), fmt)

    @pass_context
    def digits(context, value):
        return native_digits(str(value), lang_of_context(context, default))

    @pass_context
    def lang_url(context, url=""):
        lang = lang_of_context(context, default)
        return home_url(lang, config["languages"]) if url == "" else prefixed(url, lang, config["languages"])

    @pass_context
    def tr(context, value):
        """A `{km: ..., en: ...}` value in the page's language (data files hold both)."""
        return value[lang_of_context(context, default)] if isinstance(value, dict) else value

    @pass_context
    def lang_wrap(context, text):
        return Markup(wrap_foreign(str(text), lang_of_context(context, default)))

    @pass_context
    def page_lang(context):
        return lang_of_context(context, default)

    once: dict[tuple, Markup] = {}

    @pass_context
    def same_for_language(context, name):
        """The partial `name`, for a part of the page that is the same on every page of a language and
        address (the help strip): rendered once per build, not for each of the site's thousand pages
        (about 0.2 s of a cold 2 x 500 build). Nothing when the theme has no such partial."""
        key = (name, lang_of_context(context, default), context.get("SITEURL"))
        if key not in once:
            try:
                template = context.environment.get_template(name)
            except TemplateNotFound:
                once[key] = Markup("")
            else:
                once[key] = Markup(template.render(context.get_all()))
        return once[key]

    env.filters["local_date"] = local_date
    env.filters["digits"] = digits
    env.filters["tr"] = tr
    env.filters["lang_wrap"] = lang_wrap
    env.filters["inline_summary"] = lambda html: Markup(strip_tags_keep_lang(str(html or "")))
    env.globals["lang_url"] = lang_url
    env.globals["page_lang"] = page_lang
    env.globals["same_for_language"] = same_for_language
    env.globals["I18N_LANGUAGES"] = config["languages"]
    env.globals["AUDIENCES"] = config["audiences"]
    env.globals["TYPE_HUBS"] = config["type_hubs"]


def _prepare(generator, items, all_key: str, by_lang_key: str, unlisted=()) -> None:
    """What the theme needs of each item (`items`, listed, and `unlisted`: written but in no listing)."""
    config = _state.get("config") or load_config(generator.settings)
    problems = language_problems([*items, *unlisted], config["languages"], generator.settings["PATH"])
    if problems:
        raise UnknownLanguageError("\n".join(problems))
    for item in [*items, *unlisted]:
        item.audiences = split_list(item.metadata.get("audience"))
        item.type = str(item.metadata.get("type", "article")).strip() or "article"
        item.topics = split_list(item.metadata.get("topics"))
        item.i18n = page_i18n(item.lang, item.url, content_versions(item), config["languages"])
    problems = resolve_related([*items, *unlisted], generator.settings["PATH"])
    if problems:
        raise RelatedPageError("\n".join(problems))
    generator.context[all_key] = items
    generator.context[by_lang_key] = group_by_lang(items, config["languages"])


def prepare_articles(generator) -> None:
    items = list(generator.articles) + list(generator.translations)
    # `Status: hidden`: written like any article but listed nowhere (it had no i18n and stopped the build).
    hidden = [*getattr(generator, "hidden_articles", []), *getattr(generator, "hidden_translations", [])]
    _prepare(generator, items, "articles_all", "articles_by_lang", unlisted=hidden)


def drafts_without_category(generator) -> None:
    """Give every draft article a category: this site has none (CATEGORY_SAVE_AS is empty, so Pelican sets
    none), and Pelican's `generate_drafts` reads `draft.category` and its slug even though no draft is
    written (DRAFT_SAVE_AS is empty): any `Status: draft` article, as `invoke new` makes them, stopped the
    build with an AttributeError."""
    for draft in [*getattr(generator, "drafts", []), *getattr(generator, "drafts_translations", [])]:
        if getattr(draft, "category", None) is None:
            draft.category = Category("drafts", generator.settings)


def prepare_pages(generator) -> None:
    items = list(generator.pages) + list(generator.translations) + list(generator.hidden_pages)
    items += list(getattr(generator, "hidden_translations", []))
    _prepare(generator, items, "pages_all", "pages_by_lang")


def add_generator(pelican):
    return I18nPagesGenerator
