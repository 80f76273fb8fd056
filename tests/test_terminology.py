"""Terminology: the agreed words, wrong terms stop the build, discouraged ones warn, the glossary follows."""

import yaml
from conftest import FIXTURE_DATA, ROOT, article

from terminology.concepts import parse_concepts
from terminology.scan import find_terms, glossary_problems, term_matcher

LANGS = ["km", "en"]
DATA = """\
concepts:
  - id: online
    meaning: on the internet
    reason: one form
    km:
      preferred: តាមអ៊ីនធឺណិត
      accepted: [ហ្គេមអនឡាញ]
      discouraged:
        - {term: អនឡាញ, reason: loanword}
  - id: ihc
    meaning: a web form
    reason: it has no number
    glossary: hotline
    km:
      preferred: ទម្រង់រាយការណ៍តាមអ៊ីនធឺណិត
      wrong:
        - {term: ខ្សែទូរស័ព្ទអ៊ីនធឺណិតកម្ពុជា, reason: not a phone line}
    en:
      preferred: Internet Hotline Cambodia
      wrong:
        - {term: call Internet Hotline Cambodia, reason: not a phone line}
"""


def concepts_of(text):
    concepts, problems = parse_concepts(yaml.safe_load(text), {}, "terminology.yaml", LANGS)
    return concepts, problems


def test_the_longest_term_wins_so_an_accepted_compound_hides_a_discouraged_word():
    concepts, problems = concepts_of(DATA)
    assert problems == []
    km = term_matcher(concepts, "km")
    lines = ["លេងហ្គេមអនឡាញជាមួយមិត្ត", "ជជែកអនឡាញ", "រាយការណ៍ទៅខ្សែទូរស័ព្ទអ៊ីនធឺណិតកម្ពុជា", "ទម្រង់រាយការណ៍តាមអ៊ីនធឺណិត"]
    hits = [(h.line, h.term, h.kind) for h in find_terms(lines, km)]
    assert hits == [(2, "អនឡាញ", "discouraged"), (3, "ខ្សែទូរស័ព្ទអ៊ីនធឺណិតកម្ពុជា", "wrong")]


def test_a_discouraged_term_in_quotation_marks_is_a_mention_but_a_wrong_one_is_still_reported():
    concepts, _ = concepts_of(DATA)
    km = term_matcher(concepts, "km")
    assert find_terms(["គេហៅវាថា «អនឡាញ» ក្នុងភាសានិយាយ"], km) == []
    assert [h.kind for h in find_terms(["មិនមែន «ខ្សែទូរស័ព្ទអ៊ីនធឺណិតកម្ពុជា» ទេ"], km)] == ["wrong"]


def test_an_invisible_space_does_not_hide_a_term_and_latin_terms_match_whole_words():
    concepts, _ = concepts_of(DATA)
    assert find_terms(["ខ្សែទូរស័ព្ទ\u200bអ៊ីនធឺណិតកម្ពុជា"], term_matcher(concepts, "km"))
    en = term_matcher(concepts, "en")
    assert [h.kind for h in find_terms(["Please Call Internet Hotline Cambodia today."], en)] == ["wrong"]
    assert find_terms(["Report to Internet Hotline Cambodia (an online form)."], en) == []


def test_the_file_is_checked_and_each_problem_named():
    broken = DATA.replace("        - {term: អនឡាញ, reason: loanword}", "        - {term: អនឡាញ}")
    broken = broken.replace("    meaning: a web form\n", "")
    _, problems = concepts_of(broken)
    assert any("say why 'អនឡាញ' is discouraged" in p for p in problems)
    assert any("concept 'ihc': say in `meaning:`" in p for p in problems)
    _, problems = concepts_of(DATA.replace("    reason: one form\n", ""))
    assert any("concept 'online': say in `reason:`" in p for p in problems)


def test_glossary_match_words_must_follow_the_concept():
    concepts, _ = concepts_of(DATA)
    glossary = {"hotline": {"match": {"km": ["ខ្សែទូរស័ព្ទអ៊ីនធឺណិតកម្ពុជា"], "en": ["Internet Hotline Cambodia"]}}}
    problems = glossary_problems(concepts, glossary, "km")
    assert ("hotline", "km match words must include ទម្រង់រាយការណ៍តាមអ៊ីនធឺណិត (terminology concept 'ihc')") in problems
    assert any("must not include ខ្សែទូរស័ព្ទអ៊ីនធឺណិតកម្ពុជា" in p for _, p in problems)
    assert glossary_problems(concepts, glossary, "en") == []


def test_a_wrong_term_stops_the_build_and_a_discouraged_one_warns_with_file_and_line(site):
    discouraged = article("ក", "អត្ថបទ។\n\nការគំរាមកំហែងជំរិតផ្លូវភេទ។")
    result = site({"articles/km/children/a.md": discouraged})
    assert result.returncode == 0, result.log
    assert "warning: content/articles/km/children/a.md:9: discouraged term 'ការគំរាមកំហែងជំរិតផ្លូវភេទ'" in result.log
    wrong = article("ខ", "អត្ថបទ។\n\nរាយការណ៍ទៅខ្សែទូរស័ព្ទអ៊ីនធឺណិតកម្ពុជា។")
    result = site({"articles/km/children/b.md": wrong})
    assert result.returncode != 0
    assert "content/articles/km/children/b.md:9: wrong term 'ខ្សែទូរស័ព្ទអ៊ីនធឺណិតកម្ពុជា'" in result.log
    assert "it is a web form with no phone number" in result.log


def test_a_glossary_entry_that_does_not_follow_its_concept_is_named_at_its_line(site):
    glossary = FIXTURE_DATA["data/glossary.yaml"].replace("km: [ការគំរាមកំហែងផ្លូវភេទ]", "km: [ការគំរាម]")
    line = glossary.splitlines().index("  - id: sextortion") + 1
    result = site({"data/glossary.yaml": glossary})
    assert result.returncode != 0
    assert f"content/data/glossary.yaml:{line}: glossary entry 'sextortion': km match words must include" in result.log


def test_the_real_terminology_file_settles_each_concept_the_review_asked_for():
    data = yaml.safe_load((ROOT / "content/data/terminology.yaml").read_text(encoding="utf-8"))
    concepts, problems = parse_concepts(data, {}, "content/data/terminology.yaml", LANGS)
    assert problems == []
    by_id = {c.id: c for c in concepts}
    for cid in ("online", "stranger", "trusted-adult", "profile", "police", "sextortion", "internet-hotline-cambodia"):
        assert by_id[cid].terms["km"].preferred and by_id[cid].reason.strip(), cid
    assert by_id["online"].terms["km"].preferred == "តាមអ៊ីនធឺណិត"
    wrong = [v.term for v in by_id["internet-hotline-cambodia"].terms["km"].variants if v.kind == "wrong"]
    assert "ខ្សែទូរស័ព្ទអ៊ីនធឺណិតកម្ពុជា" in wrong
    glossary = yaml.safe_load((ROOT / "content/data/glossary.yaml").read_text(encoding="utf-8"))
    entries = {e["id"]: e for e in glossary["terms"]}
    assert glossary_problems(concepts, entries, "km") == []
    assert "មនុស្សធំដែលអ្នកទុកចិត្ត" in entries["trusted-adult"]["match"]["km"]


def test_the_real_khmer_content_has_no_wrong_term():
    from pathlib import Path

    from terminology.hooks import DEFAULTS, scan_site

    data = yaml.safe_load((ROOT / "content/data/terminology.yaml").read_text(encoding="utf-8"))
    concepts, _ = parse_concepts(data, {}, "terminology.yaml", LANGS)
    matchers = {lang: term_matcher(concepts, lang) for lang in LANGS}
    findings = scan_site(Path(ROOT / "content"), DEFAULTS, matchers)
    assert [f for f in findings if f[2] == "wrong"] == []
