"""Generate a synthetic site for benchmarks: the real pages and data plus N paired Khmer/English articles.

Each synthetic article is a copy of a real article of the same language under a new slug, so the
text, links, glossary terms and contact placeholders are as heavy as the real ones, and the pair
(`bench-0001` in km and en) is a real translation pair.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
_RELATED = re.compile(r"^Related:.*$", re.M)
_TITLE = re.compile(r"^(Title:.*)$", re.M)


def real_articles(lang: str) -> list[Path]:
    """The real articles of `lang` that have a translation (the source texts to copy)."""
    other = "en" if lang == "km" else "km"
    return sorted(
        p
        for p in (CONTENT / "articles" / lang).rglob("*.md")
        if (CONTENT / "articles" / other / p.relative_to(CONTENT / "articles" / lang)).is_file()
    )


_TEMPLATE = re.compile(r"^Template:.*\n", re.M)


def make_site(target: Path, pairs: int, theme_templates: bool = True) -> Path:
    """Write a content folder with the real content plus `pairs` synthetic pairs; return its path.

    `theme_templates=False` drops the pages' `Template:` lines (help, glossary, facts), which
    only this site's theme has, so Pelican's default theme can build the same content.
    """
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(CONTENT, target)
    if not theme_templates:
        for page in (target / "pages").rglob("*.md"):
            page.write_text(_TEMPLATE.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
    sources = {lang: real_articles(lang) for lang in ("km", "en")}
    for n in range(pairs):
        slug = f"bench-{n:04d}"
        for lang in ("km", "en"):
            source = sources[lang][n % len(sources[lang])]
            audience_folder = source.parent.name
            text = source.read_text(encoding="utf-8")
            # Related pages point at the next synthetic articles, like a real cross-linked site.
            related = ", ".join(f"bench-{(n + k) % pairs:04d}" for k in (1, 2) if pairs > 2)
            text = _RELATED.sub(f"Related: {related}" if related else "Related:", text, count=1)
            text = text.replace("Related:\n", "")
            # Every page needs a title of its own (the accessibility check stops duplicates). Not a bare number:
            # "... phone (1121)" reads as a hotline's short code typed into the title, which stops the build.
            text = _TITLE.sub(lambda m, slug=slug: f"{m.group(1)} ({slug})", text, count=1)
            out = target / "articles" / lang / "bench" / audience_folder / f"{slug}.md"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
    return target


#: The sentence an editor adds to one article, per language.
ADDED = {"en": "One more sentence.", "km": "ប្រយោគមួយទៀត។"}


def touch_one_article(content: Path, lang: str = "en") -> Path:
    """Change one synthetic article's text (what an editor does between two incremental builds)."""
    path = sorted((content / "articles" / lang / "bench").rglob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8") + f"\n{ADDED[lang]}\n", encoding="utf-8")
    return path
