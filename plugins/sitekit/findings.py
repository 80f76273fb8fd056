"""One shape for every problem a check reports, and the text editors read in the build log."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Finding:
    """A problem found by a check.

    `source` is the file an editor should open (Markdown file, data file or template) and `line` the
    line in it when known; `page` is the written output page, relative to the output folder.
    """

    source: str
    line: int | None
    rule: str
    message: str
    page: str = ""
    severity: str = "error"
    detail: str = field(default="", compare=False)

    def location(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    def format(self) -> str:
        where = self.location()
        page = f" [{self.page}]" if self.page and self.page != self.source else ""
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}:{page} {label}{self.message} ({self.rule})"


def errors(findings) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def warnings(findings) -> list[Finding]:
    return [f for f in findings if f.severity != "error"]


def format_report(title: str, findings, limit: int = 200) -> str:
    """A block of text: one line per finding, sorted by file and line, then a count by rule."""
    findings = sorted(set(findings), key=lambda f: (f.source, f.line or 0, f.rule, f.message))
    lines = [f.format() for f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"... and {len(findings) - limit} more")
    by_rule = Counter(f.rule for f in findings)
    counts = ", ".join(f"{rule}: {n}" for rule, n in sorted(by_rule.items()))
    return f"{title}\n" + "\n".join("  " + line for line in lines) + (f"\n  by rule: {counts}" if counts else "")
