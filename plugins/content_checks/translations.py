"""Translation status: which pages exist in each language, which translations are outdated or await review."""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field

# Lines that change when a translation is stamped or reviewed, not when its text changes.
_VOLATILE = re.compile(r"^(translated-from|review|reviewed|reviewed-by)\s*:", re.I)


def text_hash(text: str) -> str:
    """A short fingerprint of a file's text, ignoring stamping and review lines."""
    kept = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n") if not _VOLATILE.match(line)]
    return hashlib.sha256("\n".join(kept).strip().encode("utf-8")).hexdigest()[:10]


@dataclass
class FileInfo:
    """What the status report needs to know about one content file."""

    path: str
    kind: str
    lang: str
    slug: str
    hash: str
    translated_from: tuple[str, str] | None = None
    review_pending: bool = False
    # Privacy guides only: the date their age counts from, and whether a person tried them on a phone.
    checked: str = ""
    guide: bool = False
    phone_checked: bool = False


@dataclass
class PairStatus:
    """One slug across the site's languages."""

    kind: str
    slug: str
    files: dict[str, FileInfo] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    unstamped: list[str] = field(default_factory=list)

    @property
    def state(self) -> str:
        if self.orphaned:
            return "source missing"
        if self.missing:
            return "missing " + ", ".join(self.missing)
        if self.outdated:
            return "outdated " + ", ".join(self.outdated)
        if self.unstamped:
            return "not stamped " + ", ".join(self.unstamped)
        return "up to date"


def translation_status(files: list[FileInfo], languages: list[str]) -> list[PairStatus]:
    """The status of every slug: missing languages, translations whose source changed since stamping."""
    pairs: dict[tuple[str, str], PairStatus] = {}
    for info in files:
        pair = pairs.setdefault((info.kind, info.slug), PairStatus(info.kind, info.slug))
        pair.files[info.lang] = info
    for pair in pairs.values():
        pair.missing = [lang for lang in languages if lang not in pair.files]
        for lang, info in pair.files.items():
            if info.translated_from is None:
                continue
            source_lang, stamped = info.translated_from
            source = pair.files.get(source_lang)
            if source is None:
                pair.orphaned.append(lang)
            elif source.hash != stamped:
                pair.outdated.append(lang)
        if not pair.missing and not any(i.translated_from for i in pair.files.values()):
            pair.unstamped = sorted(pair.files)[1:]
    return sorted(pairs.values(), key=lambda p: (p.kind, p.slug))


def summary_line(pairs: list[PairStatus], files: list[FileInfo]) -> str:
    missing = sum(1 for p in pairs if p.missing)
    outdated = sum(1 for p in pairs if p.outdated)
    pending = sum(1 for f in files if f.review_pending)
    return (
        f"Translations: {len(pairs)} pages, {missing} missing a language, {outdated} outdated, "
        f"{pending} files awaiting review by a native-speaking editor (details: invoke translations)"
    )


def near_names(pairs: list[PairStatus]) -> dict[str, PairStatus]:
    """For a page missing a language, the page of a close name that has only that language, by slug.

    A translation saved as `online-game.md` beside `online-games.md` shows as two pages missing a
    language each; the report names the likely pair so the editor renames one file.
    """
    found: dict[str, PairStatus] = {}
    for pair in pairs:
        if not pair.missing or not pair.files:
            continue
        others = {
            other.slug: other
            for other in pairs
            if other is not pair and other.kind == pair.kind and set(other.files) <= set(pair.missing)
        }
        close = difflib.get_close_matches(pair.slug, list(others), n=1, cutoff=0.8)
        if close:
            found[pair.slug] = others[close[0]]
    return found


def report(pairs: list[PairStatus], files: list[FileInfo]) -> str:
    """The full report `invoke translations` prints."""
    lines = [f"{'kind':8} {'slug':42} state"]
    near = near_names(pairs)
    for pair in pairs:
        lines.append(f"{pair.kind:8} {pair.slug:42} {pair.state}")
        for lang in pair.outdated:
            info = pair.files[lang]
            lines.append(f"         {info.path}: its source changed since it was translated; update it, then stamp it")
        if pair.slug in near:
            other = next(iter(near[pair.slug].files.values()))
            lines.append(
                f"         {other.path} may be its {other.lang} version under another name: give both files "
                "the same name"
            )
    pending = [f.path for f in files if f.review_pending]
    lines.append("")
    lines.append(f"Awaiting review by a native-speaking editor ({len(pending)}):")
    lines.extend(f"  {path}" for path in sorted(pending))
    lines.append("")
    lines.append(summary_line(pairs, files))
    return "\n".join(lines)
