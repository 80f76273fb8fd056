"""Create the pair of files for a new page, one per language, with every required metadata line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitekit.errors import SiteBuildError
from sitekit.patterns import SLUG

from .stamping import set_metadata_line
from .translations import text_hash

PLACEHOLDER = {
    "km": ("ចំណងជើងថ្មី", "សេចក្តីសង្ខេបមួយ ឬពីរប្រយោគ។", "សរសេរអត្ថបទនៅទីនេះ។"),
    "en": ("New title", "A one or two sentence summary.", "Write the text here."),
}


#: Where each kind of article lives (the folder only keeps content/ tidy).
KIND_FOLDERS = {"what-to-do": "guides", "privacy-guide": "apps"}


class ScaffoldError(SiteBuildError, ValueError):
    """The new page's slug is not valid or already exists."""


def app_name(slug: str) -> str:
    """`bigo-live-privacy-guide` -> `Bigo Live`: a first guess at the app's name for `App:`."""
    return slug.removesuffix("-privacy-guide").replace("-", " ").title()


# What a new guide's steps are written from until the editor says better (shown on the page).
WRITTEN_FROM = {"en": "the app's own help pages", "km": "ទំព័រជំនួយរបស់កម្មវិធីនេះផ្ទាល់"}


def create_pair(content: Path, slug: str, audience: str, kind: str, page: bool, languages, default_lang):
    if not SLUG.match(slug):
        raise ScaffoldError(f"{slug!r}: use lower-case letters, digits and hyphens, e.g. online-games")
    today = dt.date.today().isoformat()
    folder = "pages" if page else "articles"
    subfolder = "" if page else KIND_FOLDERS.get(kind, audience)
    paths = {lang: content / folder / lang / subfolder / f"{slug}.md" for lang in languages}
    for lang in languages:
        if list((content / folder / lang).rglob(f"{slug}.md")):
            raise ScaffoldError(f"{folder}/{lang}: a file named {slug}.md already exists")
    source_lang = "en" if "en" in languages else languages[0]
    texts = {}
    for lang in languages:
        title, summary, body = PLACEHOLDER.get(lang, PLACEHOLDER["en"])
        # The day the text is started is a fact; a review or a check on a phone is added only when it happens.
        lines = [f"Title: {title}", f"Date: {today}", f"Summary: {summary}"]
        if not page:
            lines += [f"Audience: {audience}", f"Type: {kind}", "Topics:", "Sources:", "Related:"]
            if kind == "privacy-guide":
                # Until someone tries each step on a phone and records Checked/Checked-version/Checked-by.
                lines += [f"App: {app_name(slug)}", f"Written-from: {WRITTEN_FROM.get(lang, WRITTEN_FROM['en'])}"]
        # New pages stay drafts (not published) until an editor removes this line.
        lines += ["Status: draft"]
        if lang == "km":
            lines += ["Review: pending"]
        texts[lang] = "\n".join(lines) + f"\n\n{body}\n"
    for lang in languages:
        if lang != source_lang:
            texts[lang] = set_metadata_line(
                texts[lang], "Translated-from", f"{source_lang} {text_hash(texts[source_lang])}"
            )
    for lang, path in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[lang], encoding="utf-8")
    return list(paths.values())


def unwritten_problems(header, lines: list[str]) -> list[tuple[int, str]]:
    """(line, message) for each text `create_pair` wrote that is still there in a page that is no longer a
    draft: the page would go out as "New title" / "Write the text here."."""
    if header.get("status").strip().lower() == "draft":
        return []  # a draft is being written: it is not published
    found = []
    for title, summary, body in PLACEHOLDER.values():
        for key, text in (("title", title), ("summary", summary)):
            if header.get(key).strip() == text:
                found.append((header.line(key), f"`{key.capitalize()}:` is still the text `invoke new` wrote"))
        for number, line in enumerate(lines[header.body_start - 1 :], start=header.body_start):
            if line.strip() == body:
                found.append((number, f"{body!r} is still the text `invoke new` wrote"))
    return [
        (number, f"{message}: write the page's own, or put `Status: draft` back until it is written")
        for number, message in found
    ]
