"""Nothing on the site claims a check that did not happen: records, labels, claims in text, the publish gate."""

import datetime as dt
import os
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, article, build_site

from content_checks.claims import find_claims
from content_checks.records import age_basis, phone_check, record_problems, review_record

TODAY = dt.date(2026, 12, 2)


def problems(meta: dict, guide=False):
    lines = {key: n for n, key in enumerate(meta, start=2)}
    return record_problems(lambda k: meta.get(k, ""), lambda k: lines.get(k, 1), guide, TODAY)


# --- records in metadata ------------------------------------------------------------------


def test_a_review_needs_who_and_when_and_cannot_be_in_the_future():
    assert problems({"date": "2026-11-22", "reviewed": "2026-11-30", "reviewed-by": "Khmer-speaking editor"}) == []
    [(line, message)] = problems({"date": "2026-11-22", "reviewed": "2026-11-30"})
    assert line == 3 and "add `Reviewed-by:`" in message and "remove the line if nobody did" in message
    assert any("in the future" in m for _, m in problems({"reviewed": "2027-01-01", "reviewed-by": "Editor"}))
    assert any(
        "before the text was written" in m
        for _, m in problems({"date": "2026-11-22", "reviewed": "2026-11-01", "reviewed-by": "Editor"})
    )
    assert any("without `Reviewed:`" in m for _, m in problems({"reviewed-by": "Editor"}))
    assert any("`Review: done` needs the record" in m for _, m in problems({"review": "done"}))


def test_a_guide_is_checked_only_with_date_app_version_and_role():
    base = {"date": "2026-11-23", "app": "Telegram", "written-from": "the app's help pages"}
    assert problems(base, guide=True) == []
    missing = problems({**base, "checked": "2026-11-30"}, guide=True)
    assert {m.split(";")[1].strip().split(" ")[1] for _, m in missing} == {"`Checked-version:`", "`Checked-by:`"}
    complete = {
        **base,
        "checked": "2026-11-30",
        "checked-version": "Telegram 11.5 for Android",
        "checked-by": "Youth worker",
    }
    assert problems(complete, guide=True) == []
    assert phone_check(complete).version == "Telegram 11.5 for Android"
    assert age_basis(complete) == dt.date(2026, 11, 30)
    assert age_basis(base) == dt.date(2026, 11, 23)  # never tried: its age counts from the writing
    assert any("needs `Written-from:`" in m for _, m in problems({"date": "2026-11-23", "app": "X"}, guide=True))
    assert any("privacy guides" in m for _, m in problems({"checked": "2026-11-30"}, guide=False))
    assert any("`Verify:` is no longer used" in m for _, m in problems({**base, "verify": "pending"}, guide=True))


def test_a_page_awaiting_a_new_review_has_no_review_to_show():
    record = {"reviewed": "2026-11-30", "reviewed-by": "Editor"}
    assert review_record(record).by == "Editor"
    assert review_record({**record, "review": "pending"}) is None
    assert review_record({"reviewed": "2026-11-30"}) is None


# --- claims written into text ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Information last reviewed 22 November 2026.",
        "These steps were checked on a phone in November.",
        "We verified every number.",
        "The list is checked against each organisation's own page.",
        "Numbers confirmed with the organisation.",
        "ពិនិត្យចុងក្រោយនៅថ្ងៃទី ២២ ខែវិច្ឆិកា",
        "បញ្ជីដែលយើងផ្ទៀងផ្ទាត់ជាមួយទំព័ររបស់អង្គការ",
        "ជំហានទាំងនេះបានសាកល្បងលើទូរស័ព្ទ",
        "LAST CHECKED BY OUR TEAM",
        "Our Editors Reviewed it.",
    ],
)
def test_claims_of_checks_are_found_in_both_languages(text):
    assert find_claims(text)


def test_a_claim_is_quoted_as_written_whatever_letters_stand_before_it():
    # The English claims are looked for in the text in lower case; "İ" is two characters in lower case, so a
    # text holding one is matched as written (sitekit.patterns.lowered) and the phrase quoted is the right one.
    assert find_claims("İstanbul office: we have VERIFIED this.") == ["we have VERIFIED"]
    assert find_claims("Ａ: Last Checked today") == ["Last Checked"]


@pytest.mark.parametrize(
    "text",
    [
        "If a report is confirmed, the hotline passes it to the police.",
        "Check your privacy settings every few months.",
        "Verify with your friend in another way.",
        "Not yet confirmed with the organisation.",
        "Nobody has tried them on a phone yet.",
        "ផ្ទៀងផ្ទាត់ជាមួយមិត្តរបស់អ្នកតាមវិធីផ្សេង",
        "មិនទាន់បានបញ្ជាក់ជាមួយអង្គការ APLE នៅឡើយទេ",
        "ការផ្ទៀងផ្ទាត់ពីរជំហាន",
    ],
)
def test_advice_and_denials_are_not_claims(text):
    assert find_claims(text) == []


def test_a_claim_typed_into_an_article_stops_the_build_with_file_and_line(site):
    result = site(
        {
            "articles/en/children/a.md": article("A", "First line.\n\nThis advice was last checked on 1 May 2026."),
            "articles/km/children/a.md": article("ក", "អត្ថបទ។\n\nយើងបានផ្ទៀងផ្ទាត់លេខទាំងអស់។"),
        }
    )
    assert result.returncode != 0
    assert "content/articles/en/children/a.md:9: 'last checked' claims a check" in result.log
    assert "content/articles/km/children/a.md:9: 'យើងបានផ្ទៀងផ្ទាត់' claims a check" in result.log
    assert not (result.output / "index.html").exists()


def test_an_old_style_reviewed_date_without_a_reviewer_stops_the_build(site):
    result = site({"articles/en/children/a.md": article("A", "Text.", extra="Reviewed: 2026-11-22")})
    assert result.returncode != 0
    assert "content/articles/en/children/a.md:6: `Reviewed:` records that a person reviewed this text" in result.log


# --- labels the theme makes only from records -----------------------------------------------


GUIDE = "Type: privacy-guide\nApp: Telegram\nWritten-from: general knowledge of the app"


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    files = {
        "articles/en/children/reviewed.md": article(
            "Reviewed one", "Text.", extra="Reviewed: 2026-11-25\nReviewed-by: Child-protection adviser"
        ),
        "articles/km/children/reviewed.md": article("ពិនិត្យហើយ", "អត្ថបទ។", extra="Review: pending"),
        "articles/en/children/plain.md": article("Plain one", "Text."),
        "articles/en/apps/telegram-privacy-guide.md": article("Telegram guide", "1. Open Settings.", extra=GUIDE),
        "articles/en/apps/line-privacy-guide.md": article(
            "Line guide",
            "1. Open Settings.",
            extra=GUIDE.replace("Telegram", "Line")
            + "\nChecked: 2026-11-28\nChecked-version: LINE 14.1 for Android\nChecked-by: Youth volunteer",
        ),
    }
    site = build_site(tmp_path_factory.mktemp("labels"), files)
    assert site.returncode == 0, site.log
    return site


def test_a_review_label_appears_only_with_its_record(labelled):
    meta = labelled.html("en/reviewed/index.html").select_one(".meta")
    label = meta.select_one("[data-claim=page-reviewed]")
    assert label.get_text(" ", strip=True) == "Reviewed by Child-protection adviser on 25 November 2026"
    assert "Written 22 November 2026" in meta.get_text(" ", strip=True)
    plain = labelled.html("en/plain/index.html").select_one(".meta").get_text(" ", strip=True)
    assert "review" not in plain.lower()
    km = labelled.html("reviewed/index.html").select_one(".meta")
    assert km.select_one("[data-claim]") is None


def test_a_guide_says_it_was_not_tried_on_a_phone_until_it_was(labelled):
    notice = labelled.html("en/telegram-privacy-guide/index.html").select_one(".notice")
    text = notice.get_text(" ", strip=True)
    assert "written on 22 November 2026 from general knowledge of the app" in text
    assert "Nobody has tried them on a phone yet" in text
    assert not notice.has_attr("data-claim")
    checked = labelled.html("en/line-privacy-guide/index.html").select_one(".notice[data-claim=guide-checked]")
    assert "tried on a phone with LINE 14.1 for Android on 28 November 2026" in checked.get_text(" ", strip=True)


# --- contacts: where read, and confirmed only from a record ----------------------------------


def _contacts(confirm: set[str], read: set[str] = frozenset()) -> str:
    """The real contacts file with a `confirmed:` record added to the contacts in `confirm`, and a day
    someone read the live source page to those in `read`."""
    data = yaml.safe_load((ROOT / "content/data/contacts.yaml").read_text(encoding="utf-8"))
    for entry in data["contacts"]:
        if entry["id"] in confirm:
            entry["confirmed"] = {"date": dt.date(2026, 12, 1), "how": "called", "by": "Programme officer"}
        if entry["id"] in read:
            entry["source_read"] = dt.date(2026, 11, 30)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def half_confirmed(tmp_path_factory):
    contacts = _contacts({"child-helpline"}, read={"police-hotline"})
    site = build_site(tmp_path_factory.mktemp("confirmed"), {"data/contacts.yaml": contacts})
    assert site.returncode == 0, site.log
    return site


def test_help_page_says_confirmed_only_for_the_confirmed_contact(half_confirmed):
    soup = half_confirmed.html("en/help/index.html")
    claims = soup.select("[data-claim^=contact-confirmed]")
    assert [c["data-claim"] for c in claims] == ["contact-confirmed:child-helpline"] * len(claims) and claims
    helpline = soup.find(id="child-helpline").find_parent("section").get_text(" ", strip=True)
    assert "Confirmed with Child Helpline Cambodia on 1 December 2026" in helpline
    police = soup.find(id="police-hotline").find_parent("section").get_text(" ", strip=True)
    assert "Published by VietnamPlus" in police and "Read there on 30 November 2026" in police
    assert "Not yet confirmed with the Cambodian National Police" in police


def test_help_strip_names_sources_or_confirmations_on_every_page(half_confirmed):
    for rel in ("index.html", "en/index.html", "en/help/index.html"):
        note = half_confirmed.html(rel).select_one(".help-strip .strip-note")
        assert note.select_one("[data-claim='contact-confirmed:child-helpline']"), rel
    text = half_confirmed.html("en/index.html").select_one(".strip-note").get_text(" ", strip=True)
    assert "1280: confirmed with Child Helpline Cambodia on 1 December 2026" in text
    assert "117: as published by VietnamPlus, read on 30 November 2026" in text
    assert "not yet confirmed with the services" in text


def test_a_contact_confirmed_long_ago_is_a_build_warning_at_its_line(tmp_path):
    contacts = _contacts({"child-helpline"}).replace("date: 2026-12-01", "date: 2020-01-05")
    line = contacts.splitlines().index("    date: 2020-01-05") + 1
    site = build_site(tmp_path, {"data/contacts.yaml": contacts})
    assert site.returncode == 0, site.log
    assert (
        f"warning: content/data/contacts.yaml:{line}: contact 'child-helpline' was confirmed on 2020-01-05, "
        "more than 180 days ago; confirm it with the organisation again"
    ) in site.log


def test_a_number_nobody_read_on_the_live_page_shows_no_read_date(half_confirmed):
    """Only a `source_read:` record gives a "read on" date; without one the page says it came from a copy."""
    soup = half_confirmed.html("en/help/index.html")
    aple = soup.find(id="aple-hotline").find_parent("section").get_text(" ", strip=True)
    assert "Published by Action Pour Les Enfants (APLE) Cambodia" in aple and "Read there on" not in aple
    assert "Taken from a saved copy of that page; nobody has yet read it on the live page." in aple
    police = soup.find(id="police-hotline").find_parent("section").get_text(" ", strip=True)
    assert "saved copy" not in police


# --- the publish gate ---------------------------------------------------------------------


def _project(tmp_path, contacts: str, require: str = '["contacts"]'):
    """A copy of the real content with these contacts, and settings like publishconf.py."""
    site = build_site(tmp_path, {"data/contacts.yaml": contacts}, settings=f"PUBLISH_GATE = {{'require': {require}}}")
    conf = tmp_path / "publishfixture.py"
    conf.write_text((tmp_path / "fixtureconf.py").read_text(encoding="utf-8") + "SITEURL = 'https://example.org'\n")
    return site, conf


def _invoke(*args, cwd=ROOT):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"))
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False
    )


def test_publish_refuses_while_a_contact_is_unconfirmed_and_lists_each(tmp_path):
    site, conf = _project(tmp_path, _contacts({"child-helpline"}))
    assert site.returncode == 0, site.log
    assert "Publishing: 4 item(s) block publishing (4 contacts)" in site.log  # the build says how many
    target = tmp_path / "public"
    result = _invoke("publish", "--settings", str(conf), "--output", str(tmp_path / "out"), "--target", f"dir:{target}")
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "4 item(s) to do first" in out
    for cid in ("police-hotline", "aple-hotline", "internet-hotline-cambodia", "take-it-down"):
        assert f"contact {cid!r}" in out
    assert "contact 'child-helpline'" not in out
    assert "content/data/contacts.yaml:" in out and "add `confirmed:` with date, how and by" in out
    assert not target.exists() and not (tmp_path / "out").exists()


def test_publish_deploys_when_every_contact_is_confirmed(tmp_path):
    everyone = {"police-hotline", "child-helpline", "aple-hotline", "internet-hotline-cambodia", "take-it-down"}
    site, conf = _project(tmp_path, _contacts(everyone))
    assert "Publishing: nothing blocks publishing" in site.log
    target = tmp_path / "public"
    result = _invoke("publish", "--settings", str(conf), "--output", str(tmp_path / "out"), "--target", f"dir:{target}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "index.html").is_file() and (target / "en" / "help" / "index.html").is_file()
    assert 'href="https://example.org/en/help/"' in (target / "en/index.html").read_text(encoding="utf-8")


def test_the_gate_can_also_require_reviewed_khmer_pages_and_tried_guides(tmp_path):
    everyone = {"police-hotline", "child-helpline", "aple-hotline", "internet-hotline-cambodia", "take-it-down"}
    files = {
        "articles/km/apps/line-privacy-guide.md": article("ណែនាំ", "1. បើក។", extra=GUIDE + "\nReview: pending"),
        "articles/en/apps/line-privacy-guide.md": article("Line guide", "1. Open.", extra=GUIDE),
        "data/contacts.yaml": _contacts(everyone),
    }
    require = '["contacts", "khmer-review", "guides-checked"]'
    site = build_site(tmp_path, files, settings=f"PUBLISH_GATE = {{'require': {require}}}")
    assert site.returncode == 0, site.log
    result = subprocess.run(
        [sys.executable, "-m", "publish_gate.cli", "-s", str(tmp_path / "fixtureconf.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "plugins")),
        check=False,
    )
    assert result.returncode == 1
    assert "content/articles/km/apps/line-privacy-guide.md: Khmer page awaiting review" in result.stdout
    assert "content/articles/en/apps/line-privacy-guide.md: privacy guide whose steps nobody has tried" in result.stdout
    assert "content/articles/km/apps/line-privacy-guide.md: privacy guide whose steps nobody has tried" in result.stdout


# --- dates are facts: none after today, wherever the editor is ----------------------------


def test_today_is_the_latest_date_anywhere_so_a_record_from_phnom_penh_this_morning_is_not_in_the_future():
    from sitekit.dates import latest_today

    # 06:30 on 4 December in Phnom Penh (UTC+7) is 23:30 on 3 December on a UTC build machine.
    machine = dt.datetime(2026, 12, 3, 23, 30, tzinfo=dt.UTC)
    today = latest_today(machine)
    assert today == dt.date(2026, 12, 4)
    record = {"date": "2026-11-22", "reviewed": "2026-12-04", "reviewed-by": "Khmer-speaking editor"}
    assert record_problems(lambda k: record.get(k, ""), lambda k: 1, False, today) == []
    record["reviewed"] = "2026-12-05"
    assert any("in the future" in m for _, m in record_problems(lambda k: record.get(k, ""), lambda k: 1, False, today))


@pytest.mark.parametrize(
    ("case", "dates", "line", "message"),
    [
        ("written in the future", ("2099-05-01", "2099-05-01"), 2, "`Date: 2099-05-01` is in the future"),
        ("changed in the future", ("2026-11-22", "2099-05-01"), 3, "`Modified: 2099-05-01` is in the future"),
        ("changed before it was written", ("2026-11-22", "2026-11-02"), 3, "`Modified: 2026-11-02` is before"),
    ],
)
def test_a_date_the_page_would_show_falsely_stops_the_build(tmp_path, case, dates, line, message):
    from content_checks.hooks import DEFAULTS
    from content_checks.scan import scan_content

    text = article().replace("Date: 2026-11-22\nModified: 2026-11-22\n", f"Date: {dates[0]}\nModified: {dates[1]}\n")
    path = tmp_path / "content" / "articles" / "en" / "children" / "x.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    found = scan_content(tmp_path / "content", DEFAULTS, ["km", "en"])[0]
    assert any(problem.startswith(f"content/articles/en/children/x.md:{line}: {message}") for problem in found), found


def test_a_percentage_or_a_law_is_fine_once_the_page_names_its_source_and_everyday_numbers_need_none():
    from content_checks.citations import uncited_claims

    read = ["Title: Phones", "", "In 2021, 78% of children used a phone (Article 38 of the law)."]
    assert [line for line, _ in uncited_claims(read, "")] == [3]
    assert uncited_claims(read, "ihc-children") == []
    everyday = ["Title: Steps", "", "It takes 3 steps and 24 hours. I am 100 percent sure.", "```", "50% code", "```"]
    assert uncited_claims(everyday, "") == []
