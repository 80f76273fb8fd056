"""The health report's shape (sections of findings) and its two renderings: terminal text and Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field

from sitekit.annotations import markdown_cell
from sitekit.findings import Finding, errors, warnings

#: A Markdown list longer than this is folded under <details>.
FOLD_AFTER = 10


@dataclass
class Section:
    """One area of the report.

    Findings with severity "error" need a person; "warning" ones are worth a look and do not fail the
    report. `unchecked` says why the area could not be checked when that itself needs a person (the
    site does not build); `skipped` why it was left out when nobody needs to act (offline); `notes`
    say what else a reader should know.
    """

    key: str
    title: str
    todo: str
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unchecked: str = ""
    skipped: str = ""

    @property
    def actions(self) -> list[Finding]:
        return sorted(errors(self.findings), key=_order)

    @property
    def looks(self) -> list[Finding]:
        return sorted(warnings(self.findings), key=_order)

    @property
    def needs_action(self) -> bool:
        return bool(self.actions or self.unchecked)


def _order(finding: Finding) -> tuple:
    return (finding.source, finding.line or 0, finding.message)


def needs_action(sections: list[Section]) -> bool:
    return any(section.needs_action for section in sections)


def action_count(sections: list[Section]) -> int:
    return sum(len(s.actions) + (1 if s.unchecked else 0) for s in sections)


def headline(sections: list[Section], today: str) -> str:
    count = action_count(sections)
    if not count:
        return f"Site health on {today}: nothing needs a person"
    return f"Site health on {today}: {count} item{'s' if count != 1 else ''} need{'' if count != 1 else 's'} a person"


# --- terminal -----------------------------------------------------------------------------------


def render_text(sections: list[Section], today: str) -> str:
    lines = [headline(sections, today)]
    for section in sections:
        lines += ["", f"{section.title}: {_counts(section)}"]
        if section.unchecked or section.skipped:
            lines.append(f"  not checked: {section.unchecked or section.skipped}")
        lines += [f"  {f.location()}: {f.message}" for f in section.actions]
        if section.actions and section.todo:
            lines.append(f"  to do: {section.todo}")
        if section.looks:
            lines.append("  worth a look (not counted):")
            lines += [f"    {f.location()}: {f.message}" for f in section.looks]
        lines += [f"  note: {note}" for note in section.notes]
    return "\n".join(lines)


def _counts(section: Section) -> str:
    if section.unchecked or section.skipped:
        return "not checked"
    text = f"{len(section.actions)} to do"
    if section.looks:
        text += f", {len(section.looks)} worth a look"
    return text


# --- Markdown (job summary) -------------------------------------------------------------------------


def render_markdown(sections: list[Section], today: str) -> str:
    lines = [
        f"## {markdown_cell(headline(sections, today))}",
        "",
        "| area | to do | worth a look |",
        "| --- | ---: | ---: |",
    ]
    for section in sections:
        todo = "not checked" if section.unchecked or section.skipped else str(len(section.actions))
        lines.append(f"| {markdown_cell(section.title)} | {todo} | {len(section.looks)} |")
    lines.append("")
    for section in sections:
        if not (section.needs_action or section.looks or section.notes or section.skipped):
            continue
        lines += [f"### {markdown_cell(section.title)}", ""]
        if section.unchecked or section.skipped:
            lines += [f"**Not checked:** {markdown_cell(section.unchecked or section.skipped)}", ""]
        if section.actions:
            if section.todo:
                lines += [f"**To do:** {markdown_cell(section.todo)}", ""]
            lines += _md_list(section.actions)
        if section.looks:
            lines += ["Worth a look (not counted):", ""]
            lines += _md_list(section.looks)
        lines += [f"Note: {markdown_cell(note)}" for note in section.notes]
        if section.notes:
            lines.append("")
    return "\n".join(lines)


def _md_list(findings: list[Finding]) -> list[str]:
    """One bullet per finding; a long list folded so the summary's other sections stay in view."""
    items = [f"- `{f.location()}`: {markdown_cell(f.message)}" for f in findings]
    if len(items) <= FOLD_AFTER:
        return [*items, ""]
    return [f"<details><summary>{len(items)} items</summary>", "", *items, "", "</details>", ""]
