"""Plan the leaflet pages: one per guide and per audience in each language, and a list page per language."""

from __future__ import annotations

from dataclasses import dataclass, field

from i18n.languages import PageI18n, page_i18n, prefixed
from i18n.sitemap import absolute
from sitekit.errors import SiteBuildError
from sitekit.paths import display_path


class LeafletError(SiteBuildError):
    """The leaflets cannot be planned: a clash of addresses or an unusable setting."""


@dataclass
class Leaflet:
    """One leaflet in one language. `target_url` is the online page its QR code leads to."""

    key: str
    kind: str  # "guide" or "audience"
    lang: str
    url: str
    save_as: str
    target_url: str
    qr_url: str
    guide: object = None
    audience: str | None = None
    #: Audience leaflets: the audience's guides and its other articles, in hub order.
    guides: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    #: Guides and articles left off an audience leaflet so it stays one A4 page (the hub lists them all).
    more: int = 0
    i18n: PageI18n | None = None
    #: The same leaflet in the site's other languages (for the list page).
    others: list = field(default_factory=list)


@dataclass
class LeafletIndex:
    """The page that lists every leaflet of one language."""

    lang: str
    url: str
    save_as: str
    leaflets: list
    i18n: PageI18n | None = None


def audience_target(audience: str, lang: str, languages: dict) -> str:
    """The online page an audience leaflet's QR code leads to: the audience's hub in that language."""
    return prefixed(f"{audience}/", lang, languages)


def expected_qr_urls(articles: list, config: dict, languages: dict, audiences: list[str], site_url: str) -> list[str]:
    """The addresses `plan_leaflets` will give the QR codes, worked out from the articles as Pelican read
    them (before the i18n plugin gives them `type` and `audiences`), so their codes can be made early.

    Only a head start: a leaflet whose address is not in this list makes its code when it is written.
    """
    guide_type = config["guide_type"]
    urls = [absolute(site_url, audience_target(a, lang, languages)) for lang in languages for a in audiences]
    for article in articles:
        kind = str(article.metadata.get("type", "")).strip()
        if kind == guide_type and article.lang in languages:
            urls.append(absolute(site_url, article.url))
    return list(dict.fromkeys(urls))


def plan_leaflets(
    articles_by_lang: dict, config: dict, languages: dict, audiences: list[str], site_url: str, content_root: str = ""
):
    """(leaflets, indexes) for every language; raises LeafletError when two leaflets want one address."""
    path = config["path"].strip("/") + "/"
    guide_type = config["guide_type"]
    planned: dict[tuple[str, str], Leaflet] = {}

    def add(key: str, kind: str, lang: str, target: str, **extra) -> None:
        url = prefixed(f"{path}{key}/", lang, languages)
        if (lang, key) in planned:
            guide = extra.get("guide")
            shown = display_path(getattr(guide, "source_path", "") or key, content_root)
            raise LeafletError(
                f"{shown}: the file name {key!r} is also the name of the {key!r} audience, so both leaflets "
                f"would be at /{url}; rename this file and its translation"
            )
        planned[(lang, key)] = Leaflet(
            key, kind, lang, url, url + "index.html", target, absolute(site_url, target), **extra
        )

    for lang in languages:
        items = articles_by_lang.get(lang, [])
        for audience in audiences:
            guides = [a for a in items if audience in a.audiences and a.type == guide_type]
            articles = [a for a in items if audience in a.audiences and a.type in config["article_types"]]
            # One sheet of paper, and one network round trip, whatever the size of the site.
            shown_guides, shown_articles = (
                guides[: config["audience_guides_max"]],
                articles[: config["audience_articles_max"]],
            )
            add(
                audience,
                "audience",
                lang,
                audience_target(audience, lang, languages),
                audience=audience,
                guides=shown_guides,
                articles=shown_articles,
                more=len(guides) + len(articles) - len(shown_guides) - len(shown_articles),
            )
        for guide in items:
            if guide.type == guide_type:
                add(guide.slug, "guide", lang, guide.url, guide=guide)

    leaflets = list(planned.values())
    for leaflet in leaflets:
        versions = {lang: planned[(lang, leaflet.key)].url for lang in languages if (lang, leaflet.key) in planned}
        leaflet.i18n = page_i18n(leaflet.lang, leaflet.url, versions, languages)
        leaflet.others = [planned[(lang, leaflet.key)] for lang in versions if lang != leaflet.lang]

    index_urls = {lang: prefixed(path, lang, languages) for lang in languages}
    indexes = [
        LeafletIndex(
            lang,
            index_urls[lang],
            index_urls[lang] + "index.html",
            [lf for lf in leaflets if lf.lang == lang],
            page_i18n(lang, index_urls[lang], index_urls, languages),
        )
        for lang in languages
    ]
    return leaflets, indexes
