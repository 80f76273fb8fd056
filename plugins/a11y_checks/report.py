"""The end-of-build table: which rules ran on how many pages (or colour pairs) and what each found."""

from __future__ import annotations

from collections import Counter

from sitekit.findings import errors, format_report, warnings

from .rules import RULES


def summary_table(result) -> str:
    """A plain-text table (one row per rule) headed by the totals; fits an 80-column terminal."""
    errs = Counter(f.rule for f in errors(result.findings))
    warns = Counter(f.rule for f in warnings(result.findings))
    pages = len(result.pages)
    header = (
        f"Accessibility checks: {pages} pages, {len(result.rules)} rules, {result.contrast_pairs} colour pairs; "
        f"{sum(errs.values())} errors, {sum(warns.values())} warnings"
    )
    rows = [("rule", "WCAG", "checked", "errors", "warnings")]
    for rule_id in result.rules:
        rule = RULES[rule_id]
        checked = f"{result.contrast_pairs} pairs" if rule.scope == "css" else f"{pages} pages"
        rows.append((rule.id, rule.wcag, checked, str(errs[rule.id]), str(warns[rule.id])))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [header]
    for n, row in enumerate(rows):
        cells = [row[i].ljust(widths[i]) if i < 3 else row[i].rjust(widths[i]) for i in range(5)]
        lines.append("  " + "  ".join(cells))
        if n == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def error_report(result) -> str:
    return format_report(
        "Accessibility: these problems must be fixed (file:line: [page] problem (rule))", errors(result.findings)
    )


def warning_report(result) -> str:
    return format_report("Accessibility warnings (the build goes on)", warnings(result.findings))
