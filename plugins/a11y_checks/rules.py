"""The table of every rule the accessibility checks apply: id, WCAG success criterion, what it checks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One check. `scope` is "page" (run on every page), "site" (across pages) or "css" (the stylesheet)."""

    id: str
    wcag: str
    criterion: str
    checks: str
    scope: str = "page"
    severity: str = "error"

    def cite(self) -> str:
        return f"WCAG {self.wcag} {self.criterion}"


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("html-lang", "3.1.1", "Language of Page", "<html lang> present and one of the site's languages"),
        Rule("lang-valid", "3.1.2", "Language of Parts", "every lang attribute is a well-formed language tag"),
        Rule("lang-khmer-unmarked", "3.1.2", "Language of Parts", 'Khmer text outside Khmer pages is in lang="km"'),
        Rule("lang-english-unmarked", "3.1.2", "Language of Parts", 'English phrases in Khmer text are in lang="en"'),
        Rule("page-title", "2.4.2", "Page Titled", "exactly one non-empty <title>"),
        Rule("page-title-unique", "2.4.2", "Page Titled", "no two pages share a <title>", scope="site"),
        Rule("heading-h1", "1.3.1", "Info and Relationships", "exactly one <h1>"),
        Rule("heading-order", "1.3.1", "Info and Relationships", "no skipped heading levels"),
        Rule("heading-empty", "2.4.6", "Headings and Labels", "no empty headings"),
        Rule("landmark-main", "1.3.1", "Info and Relationships", "exactly one <main>"),
        Rule("landmark-banner", "1.3.1", "Info and Relationships", "exactly one page <header>"),
        Rule("landmark-contentinfo", "1.3.1", "Info and Relationships", "exactly one page <footer>"),
        Rule("landmark-nav-label", "1.3.1", "Info and Relationships", "every <nav> has its own label"),
        Rule("landmark-region", "1.3.1", "Info and Relationships", "all text sits inside a landmark"),
        Rule("skip-link", "2.4.1", "Bypass Blocks", "the first focusable element is a link to <main>"),
        Rule("img-alt", "1.1.1", "Non-text Content", "every image has alt text (role=img: a name)"),
        Rule("img-alt-filename", "1.1.1", "Non-text Content", "alt text is not the image's file name"),
        Rule("img-decorative", "1.1.1", "Non-text Content", 'decorative images have alt="" and no other label'),
        Rule("link-name", "2.4.4", "Link Purpose (In Context)", "every link has a name"),
        Rule("link-vague", "2.4.4", "Link Purpose (In Context)", 'no bare "click here" or "read more" links'),
        Rule("link-new-window", "3.2.5", "Change on Request", "links that open a new window say so"),
        Rule("id-duplicate", "4.1.2", "Name, Role, Value", "no id is used twice"),
        Rule("idref", "1.3.1", "Info and Relationships", "for= and aria-labelledby/-describedby/... ids exist"),
        Rule("form-label", "3.3.2", "Labels or Instructions", "every form control has a label"),
        Rule("button-name", "4.1.2", "Name, Role, Value", "every button has a name"),
        Rule("table-headers", "1.3.1", "Info and Relationships", "data tables have header cells"),
        Rule("iframe-title", "4.1.2", "Name, Role, Value", "every iframe has a title"),
        Rule("aria-role", "4.1.2", "Name, Role, Value", "role values are ARIA roles"),
        Rule("aria-attr", "4.1.2", "Name, Role, Value", "aria-* attributes exist and have valid values"),
        Rule("aria-hidden-focus", "4.1.2", "Name, Role, Value", "nothing focusable inside aria-hidden"),
        Rule("tabindex-positive", "2.4.3", "Focus Order", "no tabindex above 0", severity="warning"),
        Rule("meta-viewport", "1.4.4", "Resize Text", "the viewport lets people zoom"),
        Rule("contrast-text", "1.4.3", "Contrast (Minimum)", "text colour pairs of the theme", scope="css"),
        Rule("contrast-ui", "1.4.11", "Non-text Contrast", "graphics and control colours", scope="css"),
        Rule("contrast-focus", "2.4.7", "Focus Visible", "focus indicator colours", scope="css"),
    )
}
