"""Plan the pages Pelican core does not make per language: home, audience hubs, type hubs and 404."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sitekit.attribution import find_line
from sitekit.paths import display_path

from .languages import PageI18n, home_url, page_i18n, prefixed


@dataclass
class ListingPage:
    """One generated page in one language."""

    key: str
    lang: str
    url: str
    save_as: str
    template: str
    items: list = field(default_factory=list)
    audience: str | None = None
    type_hub: str | None = None
    i18n: PageI18n | None = None
    in_sitemap: bool = True
    #: 1-based position among the pages of a paginated hub, and the URLs of its neighbours.
    page_number: int = 1
    page_count: int = 1
    previous_url: str | None = None
    next_url: str | None = None


def split_list(value) -> list[str]:
    """`"a, b"` -> `["a", "b"]`; lists pass through; empty values give []."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def listing_order(item) -> tuple:
    """Hubs sort by `Order:` (lower first), then by slug: the same order in every language."""
    try:
        order = int(getattr(item, "order", 100))
    except (TypeError, ValueError):
        order = 100
    return (order, item.slug)


def group_by_lang(items, languages) -> dict[str, list]:
    grouped: dict[str, list] = {code: [] for code in languages}
    for item in items:
        grouped.setdefault(item.lang, []).append(item)
    for code in grouped:
        grouped[code].sort(key=listing_order)
    return grouped


def chunk(items: list, size: int) -> list[list]:
    """`items` cut into pages of `size` (at least one page, possibly empty); size 0 means one page."""
    if size <= 0 or len(items) <= size:
        return [items]
    return [items[i : i + size] for i in range(0, len(items), size)]


def page_rel(rel: str, number: int) -> str:
    """`children/` for the first page of a hub, `children/page/2/` for the next ones."""
    return rel if number == 1 else f"{rel}page/{number}/"


def plan_listing_pages(articles_by_lang: dict[str, list], config: dict) -> list[ListingPage]:
    """Every listing page of every language, each knowing its translations.

    Audience and type hubs are cut into pages of `hub_page_size` articles. Page N of a hub links
    to page N in the other language when that exists.
    """
    languages = config["languages"]
    type_hub_types = set(config["type_hubs"].values())
    specs = [("home", "", "index", None, None, True)]
    specs += [(f"hub:{a}", f"{a}/", "hub", a, None, True) for a in config["audiences"]]
    specs += [(f"type:{folder}", f"{folder}/", "type_hub", None, folder, True) for folder in config["type_hubs"]]
    specs += [("404", "404.html", "404", None, None, False)]
    size = config["hub_page_size"]

    pages = []
    for key, rel, template, audience, folder, in_sitemap in specs:
        chunks = {}
        for lang in languages:
            items = articles_by_lang.get(lang, [])
            if audience:
                items = [a for a in items if audience in a.audiences and a.type not in type_hub_types]
            elif folder:
                wanted = config["type_hubs"][folder]
                items = [a for a in items if a.type == wanted]
            else:
                items = list(items)
            chunks[lang] = chunk(items, size) if (audience or folder) else [items]

        def url_of(lang: str, number: int, rel=rel, key=key) -> str:
            if key == "home":
                return home_url(lang, languages)
            return prefixed(page_rel(rel, number), lang, languages)

        for lang in languages:
            count = len(chunks[lang])
            for number, items in enumerate(chunks[lang], start=1):
                # A page number the other language does not reach has no translation (hreflang
                # must point back); its language switch falls back to that language's home page.
                versions = {other: url_of(other, number) for other in languages if number <= len(chunks[other])}
                url = versions[lang]
                save_as = (url + "index.html") if (url.endswith("/") or url == "") else url
                pages.append(
                    ListingPage(
                        key=key if number == 1 else f"{key}:page{number}",
                        lang=lang,
                        url=url,
                        save_as=save_as,
                        template=template,
                        items=items,
                        audience=audience,
                        type_hub=folder,
                        i18n=page_i18n(lang, url, versions, languages),
                        in_sitemap=in_sitemap,
                        page_number=number,
                        page_count=count,
                        previous_url=url_of(lang, number - 1) if number > 1 else None,
                        next_url=url_of(lang, number + 1) if number < count else None,
                    )
                )
    return pages


def resolve_related(items, content_root: str) -> list[str]:
    """Set `item.related_items` from its `Related:` slugs, in the item's own language.

    A slug that exists in no language is a typo: it is reported. A slug that exists only in the
    other language is skipped here (the translation report shows the missing page).
    """
    by_lang_slug = {(item.lang, item.slug): item for item in items}
    known_slugs = {item.slug for item in items}
    problems = []
    for item in items:
        related = []
        for slug in split_list(item.metadata.get("related")):
            target = by_lang_slug.get((item.lang, slug))
            if target is not None:
                related.append(target)
            elif slug not in known_slugs:
                shown = display_path(item.source_path, content_root)
                line = find_line(shown, ("Related:", "related:", slug), str(Path(content_root).parent))
                problems.append(
                    f"{shown}{f':{line}' if line else ''}: Related: no page has the slug "
                    f"{slug!r}; use the file name (without .md) of an existing page"
                )
        item.related_items = related
    return problems
