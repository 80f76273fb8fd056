"""Project-level promises: CI runs the README's commands, and the real content builds in both languages."""

import re
import subprocess
import sys

import pytest
from conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(?:sh|bash)\n(.+?)\n```", quick)


def test_readme_has_exactly_two_quick_start_commands_and_ci_runs_them():
    commands = readme_commands()
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in commands:
        assert "\n" + command + "\n" in ci


def test_real_site_home_pages_are_khmer_and_english(real_site):
    assert real_site.html("index.html").html["lang"] == "km"
    assert real_site.html("en/index.html").html["lang"] == "en"
    for hub in ("children", "parents", "practitioners"):
        assert (real_site.output / hub / "index.html").is_file()
        assert (real_site.output / "en" / hub / "index.html").is_file()


def test_every_real_page_has_its_translation(real_site):
    missing = []
    for rel in real_site.pages():
        soup = real_site.html(rel)
        switch = soup.select_one(".lang-switch")
        text = switch.get_text() if switch else ""
        if "not translated yet" in text or "មិនទាន់បានបកប្រែ" in text:
            missing.append(rel)
    assert missing == []


def test_every_real_hub_lists_at_least_one_article(real_site):
    for prefix in ("", "en/"):
        for hub in ("children", "parents", "practitioners"):
            items = real_site.html(f"{prefix}{hub}/index.html").select(".item-list a")
            assert items, f"{prefix}{hub}/ lists no article"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "--slug", "online-games"], "a file named online-games.md already exists"),
        (["translations", "--stamp", "README.md"], "README.md: not inside content/articles/<lang>/"),
    ],
)
def test_editor_tasks_explain_a_mistake_without_a_traceback(args, message):
    """An editor who repeats a slug or stamps the wrong file gets one plain line and a failing exit."""
    done = subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert message in done.stderr and "Traceback" not in done.stderr, done.stderr
