"""Data files and their JSON Schemas: every file points editors at its schema, and mistakes name file and line."""

import datetime as dt
import json
import re
import string

import pytest
from conftest import ROOT
from jsonschema import Draft202012Validator

from contacts.schema import validate_contacts
from facts.data import validate_facts
from glossary.terms import validate_terms
from sitekit.yamldata import SCHEMA_DIR, DataFileError, as_json, load_with_lines
from sources.registry import validate_sources
from terminology.concepts import parse_concepts

NAMES = ("contacts", "sources", "glossary", "facts", "terminology")
LANGS = ["km", "en"]
TODAY = dt.date(2026, 11, 22)
#: The fields a message template (`x-message`) may use (sitekit.yamldata._render).
TEMPLATE_FIELDS = {"value", "parent", "name", "field", "n", "path", "known", "choices", "explained", "expected"}


def real_source_ids():
    data, _ = load_with_lines(ROOT / "content/data/sources.yaml", "content/data/sources.yaml")
    return {s["id"] for s in data["sources"]}


@pytest.mark.parametrize("name", NAMES)
def test_each_data_file_names_its_schema_on_its_first_line(name):
    path = ROOT / "content/data" / f"{name}.yaml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schemas/{name}.schema.json"
    # The reference is relative to the YAML file, as the editor resolves it.
    assert (path.parent / first.split("=", 1)[1]).resolve() == SCHEMA_DIR / f"{name}.schema.json"


@pytest.mark.parametrize("name", NAMES)
def test_each_schema_is_a_valid_draft_2020_12_schema_with_help_for_every_property(name):
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def walk(node, where):
        if isinstance(node, dict):
            for prop, sub in node.get("properties", {}).items():
                # Editors see title/description on hover (a $ref'd definition may carry it).
                target = sub
                if "$ref" in sub and not ({"title", "description"} & sub.keys()):
                    target = schema["$defs"][sub["$ref"].rsplit("/", 1)[1]]
                if not ({"title", "description"} & target.keys()) and not _is_conditional(where):
                    missing.append(f"{where}/properties/{prop}")
            for key, sub in node.items():
                walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}/{i}")

    missing = []
    walk(schema, "#")
    assert missing == []


def _is_conditional(where):
    # Properties inside if/then/anyOf/dependentSchemas refine a property described elsewhere.
    return bool(re.search(r"/(if|then|else|anyOf|allOf|oneOf|dependentSchemas)(/|$)", where))


@pytest.mark.parametrize("name", NAMES)
def test_message_templates_use_only_known_fields(name):
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    templates = []

    def walk(node):
        if isinstance(node, dict):
            message = node.get("x-message")
            templates.extend([message] if isinstance(message, str) else (message or {}).values())
            for sub in node.values():
                walk(sub)
        elif isinstance(node, list):
            for sub in node:
                walk(sub)

    walk(schema)
    assert templates
    for template in templates:
        used = {re.split(r"[\[.]", field)[0] for _, field, _, _ in string.Formatter().parse(template) if field}
        assert used <= TEMPLATE_FIELDS, template


def test_the_real_data_files_are_valid():
    ids = real_source_ids()

    def load(name):
        return load_with_lines(ROOT / "content/data" / f"{name}.yaml", f"content/data/{name}.yaml")

    for name in NAMES:
        data, _ = load(name)
        schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
        errors = list(
            Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(as_json(data))
        )
        assert [e.message for e in errors] == [], name
    shown = "content/data/{}.yaml".format
    assert validate_contacts(*load("contacts"), LANGS, dt.date.today(), ids) == []
    assert validate_sources(*load("sources"), shown("sources")) == []
    assert validate_terms(*load("glossary"), shown("glossary"), LANGS) == []
    assert validate_facts(*load("facts"), shown("facts"), LANGS, ids) == []
    assert parse_concepts(*load("terminology"), shown("terminology"), LANGS)[1] == []


CONTACTS = """\
contacts:
  - id: child-helpline
    name: {km: ជំនួយកុមារ, en: Child Helpline}
    organisation: {km: ជំនួយកុមារ, en: Child Helpline Cambodia}
    description: {km: និយាយ។, en: Talk.}
    needs: [talk]
    channels:
      - {type: phone, value: "1280"}
      - {type: email, value: help@example.org}
    source: chc
    source_read: 2026-11-01
"""
SOURCES = """\
sources:
  - id: chc
    publisher: Child Helpline Cambodia
    title: Organisational Overview
    kind: web page
    url: https://example.org/
  - id: news
    publisher: A paper
    title: A story
    date: "2022"
    kind: news article
"""
GLOSSARY = """\
terms:
  - id: grooming
    term: {en: Grooming, km: ការលួងលោម}
    match: {en: [grooming], km: [ការលួងលោម]}
    definition: {en: Building trust to abuse., km: ការកសាងទំនុកចិត្ត។}
"""
FACTS = """\
figures:
  - id: reports-2021
    figure: {en: "128", km: "១២៨"}
    label: {en: reports, km: របាយការណ៍}
    year: 2021
    source: news
    shows: {en: Reports., km: របាយការណ៍។}
    limits: {en: Not all., km: មិនទាំងអស់។}
charts:
  - id: users
    kind: bar
    title: {en: Users, km: អ្នកប្រើ}
    unit: {en: million, km: លាន}
    source: news
    points:
      - {label: {en: "2017", km: "២០១៧"}, value: 10.8}
      - {label: {en: "2019", km: "២០១៩"}, value: 15.8}
"""
TERMINOLOGY = """\
concepts:
  - id: online
    meaning: on the internet
    reason: one form
    km:
      preferred: តាមអ៊ីនធឺណិត
      discouraged:
        - {term: អនឡាញ, reason: loanword}
"""


def problems(name, text, tmp_path):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    shown = f"content/data/{name}.yaml"
    data, lines = load_with_lines(path, shown)
    if name == "contacts":
        return [p.format(shown) for p in validate_contacts(data, lines, LANGS, TODAY, {"chc", "news"})]
    if name == "sources":
        return validate_sources(data, lines, shown)
    if name == "glossary":
        return validate_terms(data, lines, shown, LANGS)
    if name == "facts":
        return validate_facts(data, lines, shown, LANGS, {"chc", "news"})
    return parse_concepts(data, lines, shown, LANGS)[1]


VALID = {"contacts": CONTACTS, "sources": SOURCES, "glossary": GLOSSARY, "facts": FACTS, "terminology": TERMINOLOGY}


@pytest.mark.parametrize("name", NAMES)
def test_the_small_valid_files_pass(name, tmp_path):
    assert problems(name, VALID[name], tmp_path) == []


@pytest.mark.parametrize(("name", "noun"), [("sources", "source"), ("glossary", "term"), ("terminology", "concept")])
def test_an_entry_copied_twice_is_named_at_the_copy(name, noun, tmp_path):
    text = VALID[name]
    lines = text.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("  - id: "))
    end = next((i for i in range(first + 1, len(lines)) if lines[i].startswith("  - ")), len(lines))
    ident = lines[first].split(": ", 1)[1].strip()
    found = problems(name, text + "".join(lines[first:end]), tmp_path)
    assert found == [f"content/data/{name}.yaml:{len(lines) + 1}: {noun} {ident!r} is listed twice"]


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "contacts",
            "help@example.org",
            "help-at-example",
            "content/data/contacts.yaml:9: contact 'child-helpline', field 'channels[1].value': 'help-at-example' is "
            "not an e-mail address",
        ),
        (
            "contacts",
            "    needs: [talk]\n",
            "    needs: [talk]\n    colour: red\n",
            "content/data/contacts.yaml:7: contact 'child-helpline', field 'colour': unknown field; known fields: id, "
            "name, organisation, description, short, hours, cost, needs, channels, languages, urgent, source, "
            "source_read, more_sources, confirmed",
        ),
        (
            "contacts",
            "  - id: child-helpline\n",
            "  - id: Child Helpline\n",
            "content/data/contacts.yaml:2: contact 'Child Helpline', field 'id': 'Child Helpline' must be lower-case "
            "letters, digits and hyphens",
        ),
        (
            "contacts",
            "    source_read: 2026-11-01\n",
            "    source_read:\n",
            "content/data/contacts.yaml:11: contact 'child-helpline', field 'source_read': missing: a date, YYYY-MM-DD",
        ),
        (
            "contacts",
            "    source_read: 2026-11-01\n",
            "    source_read: 2026-11-01\n    confirmed: {date: 2026-11-20, how: called, by: Volunteer, name: Dara}\n",
            "content/data/contacts.yaml:12: contact 'child-helpline', field 'confirmed.name': unknown field; a "
            "confirmation has date, how and by",
        ),
        (
            "sources",
            "    kind: web page\n",
            "    kind: website\n",
            "content/data/sources.yaml:5: source 'chc': kind 'website' is not one of web page, news article, "
            "blog post, report, press release (the page names the kind in the reader's language)",
        ),
        (
            "sources",
            '    date: "2022"\n',
            '    date: "May 2022"\n',
            "content/data/sources.yaml:10: source 'news': date must be YYYY or YYYY-MM-DD",
        ),
        (
            "sources",
            '    date: "2022"\n',
            '    date: "2022"\n    date_note: {en: guessed, km: ទាយ}\n',
            "content/data/sources.yaml:11: source 'news': give either the source's own date or a date_note saying "
            "how the date was established, not both",
        ),
        (
            "sources",
            "    title: A story\n",
            "    title: A story\n    titel: A story\n",
            "content/data/sources.yaml:10: source 'news': unknown field 'titel'; known: id, publisher, title, kind, "
            "date, date_note, url, note",
        ),
        (
            "glossary",
            "match: {en: [grooming], km: [ការលួងលោម]}",
            "match: {en: [grooming], km: []}",
            "content/data/glossary.yaml:4: term 'grooming': field 'match.km' is missing or empty",
        ),
        (
            "glossary",
            "match: {en: [grooming], km: [ការលួងលោម]}",
            "match: {en: [grooming, Q&A], km: [ការលួងលោម]}",
            "content/data/glossary.yaml:4: term 'grooming': field 'match.en[1]': 'Q&A' has <, > or & in it, and a "
            "glossary word with one of those signs never gets its link; leave the sign out (e.g. write 'Q and A')",
        ),
        (
            "glossary",
            "  - id: grooming\n",
            "  - id: Grooming\n",
            "content/data/glossary.yaml:2: term 'Grooming': id must be lower-case letters, digits and hyphens",
        ),
        (
            "facts",
            '    figure: {en: "128", km: "១២៨"}',
            '    figure: {en: "138", km: "១២៨"}',
            "content/data/facts.yaml:3: figure 'reports-2021': the languages give different numbers: en '138' (138), "
            "km '១២៨' (128); a figure changed in one language only? write the same number in each",
        ),
        (
            "facts",
            '    figure: {en: "128", km: "១២៨"}',
            "    figure: {en: 12.8 thousand, km: ១២,៨ ពាន់}",
            "content/data/facts.yaml:3: figure 'reports-2021': '៨ ពាន់' is not a language: a comma inside {...} ends "
            'the text before it (as in a Khmer decimal, "១៥,៨"); put that text in quotes, e.g. km: "១៥,៨ លាននាក់"',
        ),
        (
            "facts",
            "    year: 2021\n",
            "    year: 2201\n",
            "content/data/facts.yaml:5: figure 'reports-2021': the year 2201 has not come yet; give the year the "
            "figure is about",
        ),
        (
            "glossary",
            "definition: {en: Building trust to abuse., km: ការកសាងទំនុកចិត្ត។}",
            "definition: {en: Building trust, then abuse., km: ការកសាងទំនុកចិត្ត។}",
            "content/data/glossary.yaml:5: term 'grooming': 'then abuse.' is not a language: a comma inside {...} "
            'ends the text before it; put the whole text in quotes, e.g. en: "Talk, listen and help"',
        ),
        (
            "contacts",
            "name: {km: ជំនួយកុមារ, en: Child Helpline}",
            "name: {km: ជំនួយកុមារ, en: Child Helpline, Cambodia}",
            "content/data/contacts.yaml:3: contact 'child-helpline', field 'name.Cambodia': 'Cambodia' is not a "
            "language: a comma inside "
            '{...} ends the text before it; put the whole text in quotes, e.g. en: "Talk, listen and help"',
        ),
        (
            "facts",
            "    year: 2021\n",
            '    year: "2021"\n',
            "content/data/facts.yaml:5: figure 'reports-2021': give the year, e.g. 2021",
        ),
        (
            "facts",
            "value: 15.8}",
            'value: "15.8"}',
            "content/data/facts.yaml:17: chart 'users': point 2 needs a number `value` of 0 or more",
        ),
        (
            "facts",
            "    source: news\n    points:",
            "    source: the paper\n    points:",
            "content/data/facts.yaml:14: chart 'users': source 'the paper' is not in content/data/sources.yaml",
        ),
        (
            "terminology",
            "{term: អនឡាញ, reason: loanword}",
            "{term: អនឡាញ}",
            "content/data/terminology.yaml:8: concept 'online', km: say why 'អនឡាញ' is discouraged",
        ),
        (
            "terminology",
            "    reason: one form\n",
            "",
            "content/data/terminology.yaml:2: concept 'online': say in `reason:` why the preferred form was chosen",
        ),
        (
            "terminology",
            "      preferred: តាមអ៊ីនធឺណិត\n",
            "      prefered: តាមអ៊ីនធឺណិត\n",
            "content/data/terminology.yaml:5: concept 'online', km: give the `preferred:` term",
        ),
    ],
)
def test_a_mistake_gives_one_message_on_its_line(name, old, new, expected, tmp_path):
    assert old in VALID[name]
    assert problems(name, VALID[name].replace(old, new, 1), tmp_path) == [expected]


@pytest.mark.parametrize("name", NAMES)
def test_an_empty_file_says_what_it_must_hold(name, tmp_path):
    found = problems(name, "# nothing yet\n", tmp_path)
    assert len(found) == 1
    assert re.fullmatch(
        rf"content/data/{name}\.yaml: (field '\w+': )?the file must hold a (non-empty )?list `\w+:`.*", found[0]
    )


def test_a_date_the_calendar_does_not_have_names_its_line(tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text(CONTACTS.replace("2026-11-01", "2026-11-31"), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_with_lines(path, "content/data/contacts.yaml")
    assert str(caught.value).startswith("content/data/contacts.yaml:11: '2026-11-31' is not a real date")


@pytest.mark.parametrize("name", ["contacts", "sources", "glossary", "facts", "terminology"])
def test_a_key_written_twice_names_both_lines_instead_of_dropping_the_first(name, tmp_path):
    # YAML itself keeps the last of two equal keys: a second `channels:` replaced a contact's number.
    text = (ROOT / f"content/data/{name}.yaml").read_text(encoding="utf-8")
    match = re.search(r"^(  - )(\w+): (.*)\n", text, re.MULTILINE)
    first = text[: match.start()].count("\n") + 1
    doubled = text[: match.end()] + f"    {match.group(2)}: {match.group(3)}\n" + text[match.end() :]
    path = tmp_path / f"{name}.yaml"
    path.write_text(doubled, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_with_lines(path, f"content/data/{name}.yaml")
    assert str(caught.value) == (
        f"content/data/{name}.yaml:{first + 1}: `{match.group(2)}:` is written twice in the same block (first on "
        f"line {first}); YAML would keep only this one and drop the other without a word: remove one, or merge them"
    )


def test_a_contact_with_two_channel_lists_stops_the_build(site):
    text = (ROOT / "content/data/contacts.yaml").read_text(encoding="utf-8")
    once = '    channels:\n      - type: phone\n        value: "117"\n'
    assert once in text
    result = site(
        {"data/contacts.yaml": text.replace(once, once + '    channels:\n      - type: phone\n        value: "1288"\n')}
    )
    assert result.returncode != 0
    assert "content/data/contacts.yaml:" in result.log and "`channels:` is written twice" in result.log
    assert "Traceback" not in result.log


def test_a_broken_data_file_stops_the_build_at_its_line(site):
    text = (ROOT / "content/data/sources.yaml").read_text(encoding="utf-8")
    broken = text.replace("    kind: news article\n", "    kind: newspaper\n", 1)
    line = text[: text.index("    kind: news article\n")].count("\n") + 1
    sid = re.findall(r"^  - id: (\S+)$", text[: text.index("    kind: news article\n")], re.MULTILINE)[-1]
    result = site({"data/sources.yaml": broken})
    assert result.returncode != 0
    assert f"content/data/sources.yaml:{line}: source {sid!r}: kind 'newspaper' is not one of" in result.log


#: Schema keywords whose failure an editor can meet; jsonschema's own wording for them shows regexes and
#: Python values, so each needs a message of the schema's own (`required`, `enum`, `type` and unknown
#: fields have the plugin's defaults).
NEEDS_A_MESSAGE = {
    "pattern", "minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "format", "const", "not", "uniqueItems", "anyOf", "oneOf", "minProperties",
}  # fmt: skip


def _rules_without_a_message(node, root, where, seen):
    """Every (place, keyword) reachable from `node` that can fail without an editor's message; the
    conditions of `if` never fail and are skipped."""
    if not isinstance(node, dict):
        return []
    found = []
    message = node.get("x-message")
    for keyword in NEEDS_A_MESSAGE & set(node):
        has = isinstance(message, str) or (isinstance(message, dict) and keyword in message)
        has = has or (keyword == "pattern" and "patternErrorMessage" in node)
        if not (has or "errorMessage" in node or "deprecationMessage" in node):
            found.append((where, keyword))
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/") and ref not in seen:
        seen.add(ref)
        found += _rules_without_a_message(root["$defs"][ref.removeprefix("#/$defs/")], root, ref, seen)
    for key, value in node.items():
        if key in ("if", "x-message", "$defs"):
            continue
        for index, child in enumerate(value if isinstance(value, list) else [value]):
            found += _rules_without_a_message(child, root, f"{where}/{key}/{index}", seen)
    return found


@pytest.mark.parametrize("name", NAMES)
def test_every_rule_an_editor_can_break_has_a_plain_message(name):
    root = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert _rules_without_a_message(root, root, "#", set()) == []
