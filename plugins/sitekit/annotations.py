"""GitHub Actions output: build problems as annotations on their file and line, and the job summary.

Pure functions turn a Finding, or a message line in the build's `path:LINE: message` form, into a
workflow command (`::error file=...,line=...,title=...::message`). The runner calls `BuildReport`
only when GITHUB_ACTIONS is "true"; everywhere else the build prints exactly what it always did.
"""

from __future__ import annotations

import html
import logging
import os
import re
import sys
from collections.abc import Iterable, Mapping

from sitekit.findings import Finding
from sitekit.summary import summary_logger

#: GitHub shows at most this many annotations of each kind per step (and 50 per job); the log and the
#: job summary carry the full list.
SHOWN_PER_STEP = 10
#: Problems listed in the job summary at most (a summary may hold 1 MiB).
SUMMARY_LIMIT = 200

# `content/articles/en/x.md:12: message`, `theme/templates/base.html: [en/index.html] message (rule)`,
# also after a `warning: ` label. The path has an extension and no colon, so `https://...` never matches.
_LOCATION = re.compile(
    r"^\s*(?:(?P<label>warning|error):\s+)?"
    r"(?P<file>[^\s:\[\]()'\"`<>]+\.[A-Za-z0-9]+)(?::(?P<line>\d+))?:\s+(?P<rest>\S.*)$"
)
_PAGE = re.compile(r"^\[(?P<page>[^\]\s]+)\]\s*")
_LABEL = re.compile(r"^(?P<label>warning|error):\s+")
_RULE = re.compile(r"\s\((?P<rule>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)\)$")
# A summary line of the build: `Link check: 122 pages, ...`.
_SUMMARY = re.compile(r"^(?P<check>[A-Z][A-Za-z ]{1,40}): (?P<result>\S.*)$")


# --- workflow commands ---------------------------------------------------------------------------


def escape_data(text: str) -> str:
    """The message part of a workflow command: `%`, CR and LF escaped (GitHub's toolkit rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): as the message, and `:` and `,` too, which separate properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, file: str = "", line: int | None = None, title: str = "") -> str:
    """`::error file=F,line=N,title=T::message` (kind: error, warning or notice)."""
    props = [f"file={escape_property(file)}"] if file else []
    if file and line:
        props.append(f"line={int(line)}")
    if title:
        props.append(f"title={escape_property(title)}")
    return f"::{kind}{' ' + ','.join(props) if props else ''}::{escape_data(message)}"


def annotation(finding: Finding, title: str = "") -> str:
    """The workflow command for one finding: on its file and line, titled by its rule."""
    kind = {"error": "error", "warning": "warning"}.get(finding.severity, "notice")
    message = finding.message
    if finding.page and finding.page != finding.source:
        message += f" (page {finding.page})"
    default = "Build stopped" if kind == "error" else "Build warning"
    return command(kind, message, finding.source, finding.line, title or finding.rule or default)


def parse_line(text: str, severity: str = "error") -> Finding | None:
    """A Finding from one message line that starts with a file (and line), or None.

    A `warning:` label before the path or the message makes it a warning; a trailing `(rule)` in
    lower-case-with-hyphens becomes the rule; a leading `[page]` the output page.
    """
    match = _LOCATION.match(text)
    if match is None:
        return None
    rest = match["rest"].strip()
    page = ""
    if page_match := _PAGE.match(rest):
        page, rest = page_match["page"], rest[page_match.end() :]
    label = match["label"]
    if label_match := _LABEL.match(rest):
        label, rest = label_match["label"], rest[label_match.end() :]
    rule = ""
    if rule_match := _RULE.search(rest):
        rule, rest = rule_match["rule"], rest[: rule_match.start()]
    if label:
        severity = label
    line = int(match["line"]) if match["line"] else None
    return Finding(_relative(match["file"]), line, rule, rest.strip(), page, severity)


def findings_in(text: str, severity: str = "error") -> list[Finding]:
    """Every line of `text` that names a file, as findings (other lines are left out)."""
    return [f for line in text.splitlines() if (f := parse_line(line, severity)) is not None]


def _relative(path: str) -> str:
    """GitHub places annotations by paths relative to the repository: make absolute ones relative."""
    if os.path.isabs(path):
        try:
            return os.path.relpath(path).replace(os.sep, "/")
        except ValueError:
            return path
    return path


# --- the job summary ----------------------------------------------------------------------------


def markdown_cell(text: str) -> str:
    """Text for a Markdown table cell or list item: no raw HTML, no broken table."""
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


def _where(finding: Finding, environ: Mapping[str, str]) -> str:
    """`content/x.md:12`, linked to that line of the commit when the run says which commit it is."""
    shown = f"`{finding.location()}`"
    server, repo, sha = (environ.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if not (server and repo and sha) or os.path.isabs(finding.source) or "://" in finding.source:
        return shown
    anchor = f"#L{finding.line}" if finding.line else ""
    return f"[{shown}]({server}/{repo}/blob/{sha}/{finding.source}{anchor})"


def _problem_table(title: str, findings: list[Finding], environ: Mapping[str, str]) -> list[str]:
    if not findings:
        return []
    lines = [f"### {title} ({len(findings)})", "", "| where | problem |", "| --- | --- |"]
    for finding in findings[:SUMMARY_LIMIT]:
        rule = f" ({finding.rule})" if finding.rule else ""
        page = f" [{finding.page}]" if finding.page and finding.page != finding.source else ""
        lines.append(f"| {_where(finding, environ)} | {markdown_cell(finding.message + rule + page)} |")
    if len(findings) > SUMMARY_LIMIT:
        lines.append(f"| ... | and {len(findings) - SUMMARY_LIMIT} more: see the log |")
    return [*lines, ""]


def job_summary(
    status: int,
    summary_records: Iterable[str],
    errors: list[Finding],
    unplaced_error: str = "",
    environ: Mapping[str, str] = os.environ,
) -> str:
    """Markdown for the job summary: the verdict, every error, the checks table, warnings, details."""
    rows, details, warnings, notes = [], [], [], []
    for record in summary_records:
        first, _, more = record.partition("\n")
        found = findings_in(record, "warning")
        if found:
            warnings += found
            continue
        match = _SUMMARY.match(first)
        if match is None:
            notes.append(record)
            continue
        rows.append(f"| {markdown_cell(match['check'])} | {markdown_cell(match['result'])} |")
        if more.strip():
            details.append((match["check"], more.rstrip()))
    verdict = "Build passed every check" if status == 0 else f"Build failed (exit {status})"
    lines = [f"## {verdict}", ""]
    if errors:
        if len(errors) > SHOWN_PER_STEP:
            lines += [
                f"GitHub shows the first {SHOWN_PER_STEP} as annotations on the files; all {len(errors)} are below.",
                "",
            ]
        lines += _problem_table("Errors: fix each and push again", errors, environ)
    elif unplaced_error:
        lines += ["```", unplaced_error.strip()[:20000], "```", ""]
    if rows:
        lines += ["### Checks", "", "| check | result |", "| --- | --- |", *rows, ""]
    lines += _problem_table("Warnings (the build still passes)", warnings, environ)
    for check, text in details:
        lines += [
            f"<details><summary>{markdown_cell(check)}: details</summary>",
            "",
            "```",
            text,
            "```",
            "",
            "</details>",
            "",
        ]
    if notes:
        lines += ["### Notes", "", *(f"- {markdown_cell(note)}" for note in notes), ""]
    return "\n".join(lines)


# --- one build run in GitHub Actions -------------------------------------------------------------


class BuildReport(logging.Handler):
    """Collects the build's summary lines and warnings (sitekit.summary) while Pelican runs."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())

    @classmethod
    def start(cls, environ: Mapping[str, str] = os.environ) -> BuildReport | None:
        """A report listening to the summary logger when running in GitHub Actions, else None."""
        if environ.get("GITHUB_ACTIONS") != "true":
            return None
        report = cls()
        summary_logger().addHandler(report)  # after summary_logger() has set up its own console handler
        return report


def finish(report: BuildReport | None, status: int, exc: BaseException | None = None, out=None, environ=None) -> int:
    """Print the annotations and append the job summary (only with a report); return `status` unchanged."""
    if report is None:
        return status
    out = out or sys.stdout
    environ = os.environ if environ is None else environ
    summary_logger().removeHandler(report)
    errors = findings_in(str(exc), "error") if exc is not None else []
    unplaced = ""
    if exc is not None and not errors:
        unplaced = f"{type(exc).__name__}: {exc}"
    warnings = [f for record in report.records for f in findings_in(record, "warning")]
    lines = [annotation(f) for f in errors]
    if unplaced:
        lines.append(command("error", unplaced, title="Build stopped"))
    lines += [annotation(f) for f in warnings]
    if len(errors) > SHOWN_PER_STEP:
        lines.append(
            f"{len(errors)} errors: GitHub shows the first {SHOWN_PER_STEP} as annotations; "
            "the log above and the job summary list all of them."
        )
    if lines:
        print("\n".join(lines), file=out, flush=True)
    path = environ.get("GITHUB_STEP_SUMMARY")
    if path:
        try:
            with open(path, "a", encoding="utf-8") as summary:
                summary.write(job_summary(status, report.records, errors, unplaced, environ) + "\n")
        except OSError as exc:  # the summary is a convenience; the build's verdict must still come through
            print(f"could not write the job summary to {path}: {exc}", file=out)
    return status
