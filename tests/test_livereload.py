"""`invoke livereload` keeps one Pelican object for all its rebuilds: each rebuild must read the files again."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import ROOT, article, write_site

#: Runs Pelican as `pelican --autoreload` does (one object, `run()` again after each change) and reports
#: what each run printed or raised.
_AUTORELOAD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from pelican import Pelican
    from pelican.settings import read_settings

    conf, content, output, steps = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), json.loads(sys.argv[4])
    pelican = Pelican(read_settings(conf, override={"PATH": str(content), "OUTPUT_PATH": str(output)}))
    results = []
    for changes in steps:
        for rel, text in changes.items():
            (content / rel).write_text(text, encoding="utf-8")
        try:
            pelican.run()
            results.append("ok")
        except Exception as exc:
            results.append(f"{type(exc).__name__}: {exc}")
    print(json.dumps(results))
    """
)


def run_like_livereload(tmp_path, files, steps) -> tuple[list[str], Path]:
    content, conf = write_site(tmp_path, files)
    output = tmp_path / "output"
    proc = subprocess.run(
        [sys.executable, "-c", _AUTORELOAD, str(conf), str(content), str(output), json.dumps(steps)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT / "plugins")},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1]), output


PAIR = {
    "articles/km/children/chat.md": article("ជជែក", "ជជែកដោយសុវត្ថិភាព។", extra="Review: pending"),
    "articles/en/children/chat.md": article("Chat", "Chat safely."),
}


def test_an_edited_data_file_shows_in_the_next_livereload_build(tmp_path):
    content, _ = write_site(tmp_path / "probe", PAIR)
    original = (content / "data" / "glossary.yaml").read_text(encoding="utf-8")
    edited = original.replace("Threats to share sexual pictures.", "Threats to share private pictures unless paid.")
    assert edited != original
    results, output = run_like_livereload(tmp_path, PAIR, [{}, {"data/glossary.yaml": edited}])
    assert results == ["ok", "ok"]
    glossary_page = (output / "en" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "Threats to share private pictures unless paid." in glossary_page
    assert "Threats to share sexual pictures." not in glossary_page


def test_a_mistake_typed_during_livereload_stops_the_next_build_with_file_and_line(tmp_path):
    mistake = article("Chat", "Chat safely.\n\nCall 012 345 678 now.")
    results, _ = run_like_livereload(tmp_path, PAIR, [{}, {"articles/en/children/chat.md": mistake}])
    assert results[0] == "ok"
    assert results[1].startswith("ContentCheckError"), results[1]
    assert "content/articles/en/children/chat.md:" in results[1]
