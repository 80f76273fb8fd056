"""Rules for the text of a Markdown file: no active content, nothing from other origins, not empty."""

from __future__ import annotations

import difflib
import re

from sitekit.patterns import FENCE, KHMER_LETTER, LATIN_LETTER, LineFinder, latin_digits, outside_fences

from .metadata import SHOWN_KEYS

_FORBIDDEN_TAG = re.compile(r"<\s*(script|iframe|object|embed|style|form|frame|frameset|applet|base|meta|link)\b", re.I)
_EVENT_ATTR = re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.I)
_JS_URL = re.compile(r"(?:\]\(\s*<?|=\s*[\"']?)\s*(javascript|vbscript|data:text/html)", re.I)
_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)")
# An image address with a space in it (a title in quotes after the address is allowed): Markdown keeps it,
# but the resized copies' srcset separates its candidates with spaces, so the picture breaks.
_IMAGE_WITH_SPACE = re.compile(
    r"!\[[^\]]*\]\(\s*<?(?P<src>[^)\s<>\"']+(?:[ \t]+[^)\s<>\"']+)+)>?(?:\s+[\"'][^)]*)?\s*\)"
)
_HTML_MEDIA = re.compile(
    r"<\s*(img|video|audio|source|track|picture)\b[^>]*?\s(?:src|srcset|poster)\s*=\s*[\"']?(?P<src>[^\"'\s>]+)", re.I
)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
#: The link prefixes Pelican fills in (`{filename}/articles/...`); any other word in braces at the start of an
#: address stops Pelican with a warning and a traceback instead of a message an editor can act on.
LINK_PREFIXES = ("filename", "static", "attach", "category", "tag", "author", "index")
_LINK_PREFIX = re.compile(
    r"""(?:\]\(\s*<?|(?:href|src)\s*=\s*["']?)(?P<open>[{|])(?P<what>[^{}|()\s"'<>:]*)(?P<close>[}|])""", re.I
)
_INTERNAL_LINK = re.compile(r"[{|](?P<kind>filename|static|attach)[}|](?P<target>[^)\s\"'>#?]+)")
# An inline style: the site's Content-Security-Policy blocks it, so the browser silently ignores it.
# A contact placeholder, `{tel:ID}` or `{contact:ID}` (filled in by the contacts plugin, in the text only).
_PLACEHOLDER = re.compile(r"\{(?:tel|contact):[^}]*\}")
_STYLE_ATTR = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
# A link to a Markdown file without {filename}: Pelican leaves the address as typed, and the .md file is
# not published (an address with a scheme, such as a README on GitHub, is another site's page).
_BARE_MARKDOWN_LINK = re.compile(
    r"\]\(\s*<?(?P<target>(?![a-z][a-z0-9+.-]*:|//|\|)[^)\s<>{}]+\.md)(?:#[^)\s>]*)?>?(?:\s+[\"'][^)]*)?\s*\)", re.I
)
# A Markdown link's address, as typed.
_LINK_ADDRESS = re.compile(r"\]\(\s*<?(?P<address>[^)\s>]+)")
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
# A web address without its scheme: a host name (letters, a dot, a top-level domain) first, e.g.
# `www.example.org` or `example.org/help`, but not a file name such as `photo.png` or `guide.md`.
_HOST_FIRST = re.compile(
    r"^(?:www\.[\w-]+|[\w-]+(?:\.[\w-]+)*\.(?!(?:md|html?|png|jpe?g|gif|webp|svg|pdf|css|js|txt|xml|json|zip|mp[34])(?:[/?#]|$))[a-z]{2,})(?:[/?#]|$)",
    re.I,
)
# A link with a space between its text and its address: Markdown shows "[text] (address)" as typed.
_SPLIT_LINK = re.compile(
    r"\[[^\[\]\n]+\][ \t]+\((?=\s*<?(?:https?://|www\.|mailto:|\{(?:filename|static|attach)\}|/|\.\./|#))"
)
# A link or image address that only works on the editor's own computer: a file (file:, a Windows drive or
# network share), or a server on that computer.
_LOCAL_URL = re.compile(
    r"(?:\]\(\s*<?|(?:href|src)\s*=\s*[\"']?|<)\s*(?P<url>(?:file:|[a-z]:[\\/]|\\\\"
    r"|(?:https?:)?//(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\])(?=[:/\s)\"'>]|$))[^)\s\"'>]*)",
    re.I,
)
# Phone numbers as people type them in Cambodia: mobile and landline numbers (8-10 digits, with or
# without +855 and spaces) and the short codes of hotlines (3 or 4 digits starting 11 or 12).
# A short code counts only after a word about calling, so "128 reports" stays a figure.
# Each alternative starts by looking at the first character (a number starts with + or a digit, a
# word about calling with one of its first letters): the regular expression otherwise tries fifteen
# words at every character of every file, a third of the content checks' time.
_LONG_PHONE = r"(?=[+\d])(?<![A-Za-z0-9_/.,-])(?:\+?855[ -]?)?0?\d{2}[ -]?\d{3}[ -]?\d{3,4}(?![A-Za-z0-9_]|[,.]\d)"
_SHORT_CODE = (
    r"(?=[cdhnprstហលទស])(?:\b(?:call|calls|calling|dial|ring|phone|text|sms|hotline|number|tel)\b|ហៅ|លេខ|ទូរស័ព្ទ|សារ)"
    r"\W{0,3}(?:\w+\W+){0,4}?(?<![\d/.,-])1[12]\d{1,2}(?![\d%]|[,.]\d)"
)
_PHONE = re.compile(f"{_LONG_PHONE}|{_SHORT_CODE}", re.I)
# The words about calling are still tried at most letters of the text: a text without "11" or "12" followed
# by a digit has no short code, and only the numbers are looked for in it (the same matches, three times
# faster: nearly every page). Written here to start with the "+" or digit it consumes (then looking back at
# what stands before it): a pattern that starts with a look-ahead is tried at every character, one that
# starts with a set of characters lets `re` skip straight to them (the same matches, 40 % less time).
_LAST_SIX = r"[ -]?\d{3}[ -]?\d{3,4}(?![A-Za-z0-9_]|[,.]\d)"  # after the first two digits (0 and +855 aside)
_PHONE_NO_SHORT_CODE = re.compile(
    r"[+\d](?<![A-Za-z0-9_/.,-].)(?:"
    rf"(?<=\+)855[ -]?0?\d{{2}}{_LAST_SIX}|(?<=8)55[ -]?0?\d{{2}}{_LAST_SIX}"  # +855 or 855 first
    rf"|(?<=0)\d{{2}}{_LAST_SIX}|(?<=\d)\d{_LAST_SIX})"  # a 0 and two digits, or two digits
)
_SHORT_CODE_DIGITS = re.compile(r"1[12]\d")
_DIGITS_AT_END = re.compile(r"(?:\+?855[ -]?)?[\d][\d -]*$")
_YEAR = re.compile(r"(?:19|20)\d\d")


def check_body(lines: list[str], start: int, allow_local_links: bool = False) -> list[tuple[int, str]]:
    """(line, message) for every problem in the text that begins at line `start` (1-based)."""
    problems: list[tuple[int, str]] = []
    in_fence = False
    has_text = False
    for number, line in enumerate(lines[start - 1 :], start=start):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            has_text = True
            continue
        if line.strip():
            has_text = True
        # Each rule needs a character most lines lack ("<", "=", "](" or "!["): tested first, a line of
        # plain text costs four substring tests instead of seven regular expressions.
        tag, attribute, link = "<" in line, "=" in line, "](" in line
        if tag and (m := _FORBIDDEN_TAG.search(line)):
            problems.append((number, f"raw <{m.group(1).lower()}> is not allowed in Markdown; remove it"))
        if tag and (m := _EVENT_ATTR.search(line)):
            problems.append((number, f"the event attribute {m.group(1)}= runs script; remove it"))
        if (link or attribute) and (m := _JS_URL.search(line)):
            problems.append((number, f"a {m.group(1).lower()} link runs script; link to a page instead"))
        for m in _MD_IMAGE.finditer(line) if "![" in line else ():
            if _EXTERNAL.match(m.group("src")):
                problems.append(
                    (number, f"image {m.group('src')!r} comes from another website; save it under content/images/")
                )
            if not m.group("alt").strip():
                problems.append(
                    (number, "image without alt text: describe it inside the [ ], e.g. ![A phone's privacy menu](...)")
                )
        for m in _IMAGE_WITH_SPACE.finditer(line) if "![" in line else ():
            name = m.group("src").rsplit("/", 1)[-1]
            better = re.sub(r"[^a-z0-9.]+", "-", name.lower()).strip("-")
            problems.append(
                (
                    number,
                    f"the image file name {name!r} has a space, which breaks the picture (its resized copies are "
                    f"listed with spaces between them); rename the file without spaces, e.g. {better!r}, and "
                    "change this line",
                )
            )
        for m in _BARE_MARKDOWN_LINK.finditer(line) if link else ():
            problems.append(
                (
                    number,
                    f"the link ({m.group('target')}) points to a Markdown file, which is not published as it is: "
                    f"write {{filename}} in front, ({{filename}}{m.group('target')}), and the site links to its page",
                )
            )
        for m in _LINK_PREFIX.finditer(line) if (link or attribute) and ("{" in line or "|" in line) else ():
            if m.group("what") not in LINK_PREFIXES:
                close = difflib.get_close_matches(m.group("what").lower(), LINK_PREFIXES, n=1, cutoff=0.6)
                problems.append(
                    (
                        number,
                        f"{m.group('open')}{m.group('what')}{m.group('close')} is not a link prefix the site knows, "
                        "so this link is not made; write "
                        f"{{{close[0] if close else 'filename'}}} (a page: {{filename}}/articles/en/children/x.md, "
                        "a file: {static}/images/x.png)",
                    )
                )
        for m in _LINK_ADDRESS.finditer(line) if link else ():
            if message := address_problem(m.group("address")):
                problems.append((number, message))
        if "]" in line and _SPLIT_LINK.search(line):
            problems.append(
                (
                    number,
                    "a space between ] and ( breaks this link: the page shows the brackets and the address as "
                    "text; remove the space, e.g. [get help]({filename}/pages/en/help.md)",
                )
            )
        if tag and _STYLE_ATTR.search(line):
            problems.append(
                (
                    number,
                    'inline style="..." is blocked by the site\'s Content-Security-Policy, so browsers ignore it '
                    "(often pasted from a word processor); remove it, the site's stylesheet styles the text",
                )
            )
        for m in _LOCAL_URL.finditer(line) if (tag or attribute or link) and not allow_local_links else ():
            problems.append(
                (
                    number,
                    f"'{m.group('url')}' only works on the computer it was written on; link to the page on the "
                    "site (e.g. {filename}/articles/en/children/x.md) or to its public https:// address",
                )
            )
        for m in _HTML_MEDIA.finditer(line) if tag else ():
            if _EXTERNAL.match(m.group("src")):
                problems.append(
                    (number, f"media {m.group('src')!r} comes from another website; save it under content/")
                )
    if not has_text:
        problems.append((start, "the page has no text after its metadata; write the article or remove the file"))
    return problems


def internal_links(lines: list[str], start: int) -> list[tuple[int, str, str]]:
    """(line, kind, target) of every `{filename}path`, `{static}path` or `{attach}path` from line `start` on
    (or `|filename|path`, Pelican's older spelling)."""
    return [
        (number, m.group("kind"), m.group("target"))
        for number, line in enumerate(lines[start - 1 :], start=start)
        if "}" in line or "|" in line
        for m in _INTERNAL_LINK.finditer(line)
    ]


def internal_link_problems(links: list[tuple[int, str, str]], exists) -> list[tuple[int, str]]:
    """(line, message) for every internal link (as `internal_links` gives them) whose file does not exist.

    `exists(target)` answers for a target as written (a leading `/` means the content folder).
    Reported before any page is written, because Pelican only logs such a link as a warning,
    buried in a traceback when warnings are fatal.
    """
    return [
        (
            number,
            f"the link {{{kind}}}{target} points to a file that does not exist; "
            "check the path (it starts at the content folder, e.g. /articles/en/children/x.md)",
        )
        for number, kind, target in links
        if not exists(target)
    ]


def metadata_placeholder_problems(read: list[str], body_start: int) -> list[tuple[int, str]]:
    """(line, message) for a `{tel:ID}` or `{contact:ID}` in the title or summary, which would be shown as typed;
    `read` is the file with every metadata line but those two blanked (scan.py)."""
    return [
        (
            number,
            f"{m.group(0)} is filled in only in the page's text: in the title or summary it would be shown as "
            'typed; name the service instead ("call the Child Helpline")',
        )
        for number, line in enumerate(read[: body_start - 1], start=1)
        for m in _PLACEHOLDER.finditer(line)
    ]


def typed_number_problems(lines: list[str], start: int, known: dict[str, str]) -> list[tuple[int, str]]:
    """(line, message) for every phone number typed into the text instead of taken from the contacts file.

    `known` maps the digits of each number in content/data/contacts.yaml to its contact id, so the
    message can name the placeholder to write instead.
    """
    problems = []
    latin = "\n".join(lines[start - 1 :])
    latin = latin_digits(latin)  # one character for one: offsets stay
    if "{tel:" in latin or "{contact:" in latin:
        latin = _PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), latin)
    where = LineFinder(latin, start)
    phone = _PHONE if _SHORT_CODE_DIGITS.search(latin) else _PHONE_NO_SHORT_CODE
    for m in phone.finditer(latin):
        number = where.line(m.start())
        typed = _DIGITS_AT_END.search(m.group(0)).group(0).strip()
        if _YEAR.fullmatch(typed):
            continue
        digits = re.sub(r"\D", "", typed).removeprefix("855")
        cid = known.get(digits) or known.get("0" + digits)
        hint = (
            f"write {{tel:{cid}}} (or {{contact:{cid}}})"
            if cid
            else "add the number to content/data/contacts.yaml with the source that publishes it, then use {tel:ID}"
        )
        if lines[number - 1].lower().startswith(SHOWN_KEYS):
            # Placeholders are filled in the text only: in a title or summary one would be shown as typed.
            hint = 'name the service instead ("call the Child Helpline"); the page\'s text gives the number'
        problems.append(
            (
                number,
                f"phone number {typed!r} typed into the text: every number comes from content/data/contacts.yaml, "
                f"so it can be checked and changed in one place; {hint}",
            )
        )
    return problems


#: What is not the page's prose when counting letters: link addresses, placeholders, tags, web addresses, code.
_NOT_PROSE = re.compile(r"\]\([^)]*\)|\{[^}]*\}|<[^>]*>|https?://\S+|www\.\S+|`[^`]*`")
_KHMER_LETTERS = re.compile(f"[{KHMER_LETTER}]+")
_LATIN_LETTERS = re.compile(f"[{LATIN_LETTER}]+")
_NOT_ASCII_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())
#: Fewer letters than this in the text and the page is too short to tell its language by counting.
MIN_LETTERS = 200


def folder_language_problems(lines: list[str], start: int, lang: str) -> list[tuple[int, str]]:
    """(line, message) when most of the text is in another script than the folder's language: an English text
    in `articles/km/` (copied there to be translated, or saved in the wrong folder), or a Khmer one in `en/`.

    Readers would get the page under the wrong language, and the accessibility check would ask for every
    sentence to be marked as the other language. Khmer pages name apps and web sites in Latin letters (a
    fifth of their letters at most on this site), so the rule asks for more of the other script than of the
    folder's own.
    """
    body = "\n".join(lines[start - 1 :])
    if "```" in body or "~~~" in body:  # code blocks are not prose
        body = "\n".join(line for _number, line in outside_fences(lines, start))
    text = _NOT_PROSE.sub(" ", body)
    # A first look in C: ASCII letters, and Khmer letters as the bytes of characters beyond ASCII (three bytes
    # each in UTF-8). Only a page where the two are not far apart is counted letter by letter.
    ascii_only = text.encode("ascii", "ignore")
    latin = len(ascii_only.translate(None, _NOT_ASCII_LETTER))
    khmer = (len(text.encode("utf-8")) - len(ascii_only)) // 3
    if khmer + latin < MIN_LETTERS or (lang == "km" and 2 * latin < khmer) or (lang != "km" and 2 * khmer < latin):
        return []
    khmer = sum(map(len, _KHMER_LETTERS.findall(text)))
    latin = sum(map(len, _LATIN_LETTERS.findall(text)))
    if khmer + latin < MIN_LETTERS:
        return []
    if lang == "km" and latin > khmer:
        found, other = latin, "English (Latin letters)"
    elif lang != "km" and khmer > latin:
        found, other = khmer, "Khmer"
    else:
        return []
    first = next((n for n, line in enumerate(lines[start - 1 :], start=start) if line.strip()), start)
    return [
        (
            first,
            f"this file is in the '{lang}' folder, but most of its text ({found} of {khmer + latin} letters) is "
            f"{other}: translate it before it is published, or move it to the folder of its language",
        )
    ]


def address_problem(address: str) -> str | None:
    """What is wrong with a link's address as typed, when the browser would not go where the editor meant: an
    e-mail address without `mailto:`, a web address without `https://` (both read as a page of this site),
    or one between curly quotes pasted from a word processor."""
    if address[:1] in "“”‘’\"'" or address[-1:] in "“”‘’\"'":
        bare = address.strip("“”‘’\"'")
        return f"the address {address} has quotes around it, so the link leads nowhere; remove them: ({bare})"
    if _EMAIL.match(address):
        return (
            f"the address ({address}) is an e-mail address written as a page of this site, so the link leads "
            f"nowhere; write (mailto:{address})"
        )
    if _HOST_FIRST.match(address) and not address.startswith(("{", "/", ".", "#")):
        return (
            f"the address ({address}) has no https:// in front, so it is read as a page of this site and the "
            f"link leads nowhere; write (https://{address})"
        )
    return None
