"""Colour contrast of the theme, computed from its CSS: every text/background pair, light and dark scheme.

The stylesheet keeps its colours in custom properties on `:root`, overridden inside
`@media (prefers-color-scheme: dark)`. For each scheme every rule that sets a colour is paired with the
background it is drawn on:

- a rule that sets both `color` and `background` is one pair (a button, the help strip);
- a rule that sets only `color` is drawn on the background of a rule matching one of its ancestors or
  itself (`.help-strip a` on `.help-strip`), or else on every page surface: the background of `html`,
  `body` or `:root` and of every rule that sets a background but no colour (cards, notices);
- `fill` and `stroke` are graphics (3:1), except a fill on SVG text (`text`, `tspan`, a class with "text");
- borders of form controls are UI components (3:1);
- in `:focus` rules, at least one colour of `outline` or `box-shadow` must reach 3:1 on every surface.

Rules inside `@media print` are skipped. Text is large (3:1) when the same rule makes it at least 24 px,
or bold and at least 18.66 px.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tinycss2
from tinycss2 import color4

from sitekit.findings import Finding

SCHEMES = ("light", "dark")
_PAGE_SELECTORS = {"html", "body", ":root"}
_FORM_CONTROL = re.compile(r"(^|[\s>+~,(])(input|select|textarea|button)\b")
_PSEUDO = re.compile(r"::?[\w-]+(\([^)]*\))?")
_SIMPLE = re.compile(r"[.#]?[\w-]+|\[[^\]]*\]")


@dataclass
class Rule:
    """A style rule: its selectors, colour-related declarations (name -> (tokens, line)) and media scheme."""

    selector: str
    declarations: dict[str, tuple[list, int]]
    line: int
    scheme: str = ""  # "" (both), "light" or "dark"


@dataclass(frozen=True)
class Pair:
    """One checked combination: what is drawn on what, in which scheme, and the contrast it has."""

    scheme: str
    kind: str  # "text", "large text", "graphic", "control", "focus"
    foreground: str
    background: str
    ratio: float
    required: float
    selector: str
    line: int

    @property
    def passes(self) -> bool:
        return self.ratio + 1e-9 >= self.required


@dataclass
class Stylesheet:
    rules: list[Rule] = field(default_factory=list)
    variables: dict[str, dict[str, tuple[list, int]]] = field(default_factory=dict)


# --- colour arithmetic ----------------------------------------------------------------------------


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance of an sRGB colour with channels in 0..1."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(max(0.0, min(1.0, c))) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG contrast ratio of two opaque sRGB colours (1 to 21)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    lighter, darker = max(la, lb), min(la, lb)
    return (lighter + 0.05) / (darker + 0.05)


def blend(top: tuple[float, float, float, float], below: tuple[float, float, float]) -> tuple[float, float, float]:
    """A colour with alpha drawn over an opaque one."""
    alpha = top[3]
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(top[:3], below, strict=True))


def parse_colour(value) -> tuple[float, float, float, float] | None:
    """RGBA (0..1) of a CSS colour string or token, or None (not a colour, or `currentcolor`)."""
    colour = color4.parse_color(value)
    if colour is None or isinstance(colour, str):
        return None
    try:
        r, g, b = colour.to("srgb").coordinates
    except NotImplementedError:
        x, y, z = colour.to("xyz-d65").coordinates
        linear = (
            3.2409699 * x - 1.5373832 * y - 0.4986108 * z,
            -0.9692436 * x + 1.8759675 * y + 0.0415551 * z,
            0.0556301 * x - 0.2039770 * y + 1.0569715 * z,
        )
        r, g, b = (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in linear)
    return (r, g, b, colour.alpha)


def hex_of(rgb) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb[:3])


# --- parsing ----------------------------------------------------------------------------------------


def parse(css: str) -> Stylesheet:
    """The style rules and, per scheme, the custom properties set on `:root` / `html`."""
    sheet = Stylesheet(variables={"light": {}, "dark": {}})
    _collect(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), "", sheet)
    for name, value in sheet.variables["light"].items():
        sheet.variables["dark"].setdefault(name, value)
    return sheet


def _collect(nodes, scheme: str, sheet: Stylesheet) -> None:
    for node in nodes:
        if node.type == "at-rule" and node.lower_at_keyword == "media" and node.content is not None:
            media = tinycss2.serialize(node.prelude).lower()
            if "print" in media and "screen" not in media:
                continue
            inner = scheme
            if "prefers-color-scheme" in media:
                inner = "dark" if "dark" in media else "light"
            _collect(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True), inner, sheet)
        elif node.type == "at-rule" and node.lower_at_keyword == "supports" and node.content is not None:
            _collect(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True), scheme, sheet)
        elif node.type == "qualified-rule":
            selector = " ".join(tinycss2.serialize(node.prelude).split())
            declarations = {}
            for decl in tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True):
                if decl.type != "declaration":
                    continue
                if decl.name.startswith("--"):
                    if {s.strip() for s in selector.split(",")} & {":root", "html"}:
                        target = ("light", "dark") if scheme == "" else (scheme,)
                        for s in target:
                            sheet.variables[s][decl.name] = (_strip(decl.value), decl.source_line)
                    continue
                declarations[decl.lower_name] = (_strip(decl.value), decl.source_line)
            sheet.rules.append(Rule(selector, declarations, node.source_line, scheme))


def _strip(tokens) -> list:
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def colours_in(tokens, variables: dict, seen: frozenset = frozenset()) -> list[tuple[str, tuple] | None]:
    """(label, rgba) of every colour in a value, following `var()`; None for a variable that cannot be resolved."""
    found: list = []
    for token in tokens:
        if token.type == "function" and token.lower_name == "var":
            args = _strip(token.arguments)
            name = args[0].value if args and args[0].type == "ident" else ""
            if name in variables and name not in seen:
                for label_colour in colours_in(variables[name][0], variables, seen | {name}):
                    found.append((name, label_colour[1]) if label_colour else None)
            elif len(args) > 2:  # var(--x, fallback)
                found += colours_in(args[2:], variables, seen)
            else:
                found.append(None)
            continue
        rgba = parse_colour(token)
        if rgba is not None:
            found.append((tinycss2.serialize([token]), rgba))
    return found


# --- pairing ----------------------------------------------------------------------------------------


def _compounds(selector: str) -> list[set[str]]:
    """`.help-strip a:visited` -> [{".help-strip"}, {"a"}]: simple selectors of each compound, pseudos removed."""
    parts = re.split(r"\s*[>+~]\s*|\s+", _PSEUDO.sub("", selector).strip())
    return [set(_SIMPLE.findall(p)) for p in parts if p]


def _context_matches(background_selector: str, selector: str, itself: bool = True) -> bool:
    """Whether an element matched by `selector` sits in (or, with `itself`, is) one matched by `background_selector`."""
    for own_option in selector.split(","):
        own = _compounds(own_option) if itself else _compounds(own_option)[:-1]
        for option in background_selector.split(","):
            compounds = _compounds(option)
            if compounds and compounds[-1] and any(compounds[-1] <= c for c in own):
                return True
    return False


def _is_large(rule: Rule) -> bool:
    size = rule.declarations.get("font-size")
    px = _px(size[0]) if size else None
    weight = rule.declarations.get("font-weight")
    bold = bool(weight) and tinycss2.serialize(weight[0]).strip().lower() in ("bold", "bolder", "700", "800", "900")
    last = _compounds(rule.selector.split(",")[-1])
    bold = bold or bool(last and last[-1] & {"strong", "b", "h1", "h2", "h3", "h4", "h5", "h6", "th"})
    return px is not None and (px >= 24 or (bold and px >= 18.66))


def _px(tokens) -> float | None:
    for token in tokens:
        if token.type == "dimension":
            unit = token.lower_unit
            if unit == "px":
                return token.value
            if unit in ("rem", "em"):
                return token.value * 16
            if unit == "pt":
                return token.value * 4 / 3
    return None


def _is_svg_text(selector: str) -> bool:
    return bool(re.search(r"(^|[\s>,])(text|tspan)\b", selector)) or "text" in selector.lower()


def check_pairs(sheet: Stylesheet, min_text: float, min_large: float) -> tuple[list[Pair], list[tuple[str, int, str]]]:
    """Every colour pair the stylesheet uses, per scheme, and (scheme, line, what) for colours it cannot resolve."""
    pairs: list[Pair] = []
    unresolved: list[tuple[str, int, str]] = []
    for scheme in SCHEMES:
        pairs += _SchemePairs(sheet, scheme, unresolved).pairs(min_text, min_large)
    return pairs, unresolved


class _SchemePairs:
    """The colour pairs of one scheme (light or dark)."""

    def __init__(self, sheet: Stylesheet, scheme: str, unresolved: list):
        self.scheme = scheme
        self.variables = sheet.variables[scheme]
        self.rules = [r for r in sheet.rules if r.scheme in ("", scheme)]
        self.unresolved = unresolved
        page_bg = None
        surfaces: list[tuple[str, tuple]] = []
        self.backgrounds: list[tuple[Rule, tuple[str, tuple]]] = []  # non-page rules that paint a background
        for rule in self.rules:
            bg = self.background(rule)
            if bg is None:
                continue
            if _is_page(rule):
                page_bg = page_bg or bg
                surfaces.append(bg)
                continue
            self.backgrounds.append((rule, bg))
            if "color" not in rule.declarations:
                surfaces.append(bg)
        self.base = blend(page_bg[1], (1.0, 1.0, 1.0)) if page_bg else (1.0, 1.0, 1.0)
        self.surfaces = _unique([(label, blend(rgba, self.base)) for label, rgba in surfaces]) or [("white", self.base)]

    def colours(self, rule: Rule, prop: str) -> tuple[list, int]:
        tokens, line = rule.declarations[prop]
        found = colours_in(tokens, self.variables)
        if any(item is None for item in found):
            what = f"{prop}: {tinycss2.serialize(tokens)} in {rule.selector}"
            self.unresolved.append((self.scheme, line, what))
        return [item for item in found if item is not None], line

    def background(self, rule: Rule):
        for prop in ("background-color", "background"):
            if prop in rule.declarations:
                found, _line = self.colours(rule, prop)
                if found:
                    return found[0]
        return None

    def contexts(self, rule: Rule, own_background: bool = True) -> list:
        """The backgrounds `rule`'s element is drawn on: its own, a matching ancestor's, or every surface."""
        if _is_page(rule):
            return self.surfaces
        own = self.background(rule) if own_background else None
        if own is not None:
            return [(own[0], blend(own[1], self.base))]
        matched = [
            (bg[0], blend(bg[1], self.base))
            for other, bg in self.backgrounds
            if other is not rule and _context_matches(other.selector, rule.selector, itself=own_background)
        ]
        return _unique(matched) or self.surfaces

    def pair(self, rule: Rule, kind: str, fg, bg, required: float, line: int) -> Pair:
        rgb = blend(fg[1], bg[1])
        return Pair(
            self.scheme,
            kind,
            _label(fg[0], rgb),
            _label(bg[0], bg[1]),
            contrast_ratio(rgb, bg[1]),
            required,
            rule.selector,
            line,
        )

    def pairs(self, min_text: float, min_large: float) -> list[Pair]:
        pairs = []
        # A focus ring is drawn around an element, on what surrounds it, not on the element's own background.
        focus_backgrounds = list(self.surfaces)
        for rule in self.rules:
            if "color" in rule.declarations:
                found, line = self.colours(rule, "color")
                large = _is_large(rule)
                kind, required = ("large text", min_large) if large else ("text", min_text)
                pairs += [
                    self.pair(rule, kind, fg, bg, required, line) for fg in found[:1] for bg in self.contexts(rule)
                ]
                around = self.contexts(rule, own_background=False)
                focus_backgrounds += [bg for bg in around if bg not in focus_backgrounds]
            for prop in ("fill", "stroke"):
                if prop in rule.declarations:
                    found, line = self.colours(rule, prop)
                    text = prop == "fill" and _is_svg_text(rule.selector)
                    kind, required = ("text", min_text) if text else ("graphic", min_large)
                    pairs += [
                        self.pair(rule, kind, fg, bg, required, line) for fg in found[:1] for bg in self.contexts(rule)
                    ]
            if _FORM_CONTROL.search(rule.selector):
                for prop in [p for p in rule.declarations if p.startswith("border") and "radius" not in p]:
                    found, line = self.colours(rule, prop)
                    pairs += [
                        self.pair(rule, "control", fg, bg, min_large, line)
                        for fg in found[:1]
                        for bg in self.contexts(rule)
                    ]
        for rule in self.rules:
            if ":focus" in rule.selector:
                pairs += self.focus_pairs(rule, focus_backgrounds, min_large)
        return pairs

    def focus_pairs(self, rule: Rule, backgrounds: list, required: float) -> list[Pair]:
        """The best colour of the focus indicator (outline or box-shadow) on each background."""
        indicator, line = [], rule.line
        for prop in ("outline", "outline-color", "box-shadow"):
            if prop in rule.declarations:
                found, line = self.colours(rule, prop)
                indicator += found
        pairs = []
        for bg in backgrounds if indicator else []:
            best = max(indicator, key=lambda c, bg=bg: contrast_ratio(blend(c[1], bg[1]), bg[1]))
            pairs.append(self.pair(rule, "focus", best, bg, required, line))
        return pairs


def _is_page(rule: Rule) -> bool:
    return bool({s.strip() for s in rule.selector.split(",")} & _PAGE_SELECTORS)


def _unique(items):
    seen, result = set(), []
    for label, rgb in items:
        key = (label, tuple(round(c, 4) for c in rgb[:3]))
        if key not in seen:
            seen.add(key)
            result.append((label, rgb))
    return result


def _label(name: str, rgb) -> str:
    code = hex_of(rgb)
    return f"{name} ({code})" if name.startswith("--") else code


RULE_OF_KIND = {
    "text": "contrast-text",
    "large text": "contrast-text",
    "graphic": "contrast-ui",
    "control": "contrast-ui",
    "focus": "contrast-focus",
}


def check_css(css: str, shown: str, min_text: float = 4.5, min_large: float = 3.0) -> tuple[list[Finding], int]:
    """Findings for every colour pair below its minimum, and the number of pairs checked."""
    pairs, unresolved = check_pairs(parse(css), min_text, min_large)
    findings = []
    for pair in pairs:
        if pair.passes:
            continue
        what = {"focus": "the focus indicator", "graphic": "graphics", "control": "the control border"}
        findings.append(
            Finding(
                shown,
                pair.line,
                RULE_OF_KIND[pair.kind],
                f"{pair.scheme} scheme: {what.get(pair.kind, pair.kind)} {pair.foreground} on {pair.background} "
                f"({pair.selector}) has contrast {pair.ratio:.2f}:1; it needs at least {pair.required:g}:1",
            )
        )
    for scheme, line, what in unresolved:
        findings.append(
            Finding(
                shown,
                line,
                "contrast-text",
                f"{scheme} scheme: cannot work out the colour of {what} (unknown custom property?)",
                severity="warning",
            )
        )
    unique_pairs = {(p.scheme, p.kind, p.foreground, p.background) for p in pairs}
    return findings, len(unique_pairs)
