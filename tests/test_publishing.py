"""Maintainers' promises: security headers, pages that work under the CSP, same bytes twice, safe builds."""

import base64
import hashlib
import subprocess
import sys

import pytest
from conftest import ROOT, article, build_site

FILES = {
    "articles/en/children/a.md": article("A", "Call {contact:child-helpline}.", extra="Sources: kiripost-2022"),
    "articles/km/children/a.md": article("ក", "ហៅ {contact:child-helpline}។"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = build_site(tmp_path_factory.mktemp("publish"), FILES)
    assert site.returncode == 0, site.log
    return site


def test_headers_file_has_strict_policy(built):
    headers = (built.output / "_headers").read_text(encoding="utf-8")
    # WebAssembly is allowed by the header; each page's <meta> policy allows it on search pages only.
    assert "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'sha256-" in (headers)
    assert "frame-ancestors 'none'" in headers
    assert "Referrer-Policy: no-referrer" in headers
    assert "X-Content-Type-Options: nosniff" in headers
    assert "Permissions-Policy: camera=(), microphone=(), geolocation=()" in headers
    assert "/assets/*\n  Cache-Control: public, max-age=31536000, immutable" in headers
    # Every path matches at most one Cache-Control rule (Cloudflare Pages joins overlapping ones).
    rules = [block.splitlines() for block in headers.strip().split("\n\n")]
    cached = [r[0] for r in rules if any("Cache-Control" in line for line in r[1:])]
    assert "/*" not in cached and "/" in cached and "/en/*" in cached and "/sitemap.xml" in cached
    # the search index, written by the audit pass at the end of the build, is revalidated like the pages
    assert "/search-index/*" in cached
    assert "/assets/*" in cached and not any(path.startswith("/assets") for path in cached[:-1])
    redirects = (built.output / "_redirects").read_text(encoding="utf-8")
    assert "/en/*  /en/404.html  404" in redirects


def test_every_page_works_under_the_policy(built):
    headers = (built.output / "_headers").read_text(encoding="utf-8")
    for rel in built.pages():
        soup = built.html(rel)
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert "frame-ancestors" not in meta, rel  # ignored in <meta>, and browsers log an error
        assert soup.find("meta", attrs={"name": "referrer"})["content"] == "no-referrer"
        for style in soup.find_all("style"):
            digest = base64.b64encode(hashlib.sha256(style.string.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in meta and f"'sha256-{digest}'" in headers, rel
        for script in soup.find_all("script"):
            assert script.get("src") and not script.string, f"{rel}: inline script"
        for tag in soup.find_all(True):
            assert "style" not in tag.attrs, f"{rel}: style attribute on <{tag.name}>"
            assert not [a for a in tag.attrs if a.startswith("on")], f"{rel}: event attribute on <{tag.name}>"
        for tag in soup.find_all(["img", "script", "link", "iframe", "source", "audio", "video"]):
            url = tag.get("src") or (tag.get("href") if tag.name == "link" and tag.get("rel") != ["alternate"] else "")
            if url and tag.get("rel") != ["canonical"]:
                assert not url.startswith(("http:", "https:", "//")), f"{rel}: {url} from another origin"


def test_two_builds_of_the_same_input_are_identical(tmp_path, built):
    again = build_site(tmp_path, FILES)
    assert again.returncode == 0, again.log
    first = {p.relative_to(built.output): p.read_bytes() for p in built.output.rglob("*") if p.is_file()}
    second = {p.relative_to(again.output): p.read_bytes() for p in again.output.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [str(k) for k in first if first[k] != second[k]] == []


def _safe_build(tmp_path, files):
    site_dir = tmp_path / "site"
    site_dir.mkdir(exist_ok=True)
    build_site(site_dir, files)  # writes content/ and fixtureconf.py
    output = tmp_path / "output"
    code = (
        "import sys; sys.path.insert(0, {!r}); import tasks; from pathlib import Path; "
        "tasks.safe_build({!r}, Path({!r}))".format(str(ROOT), str(site_dir / "fixtureconf.py"), str(output))
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    return proc, output


def test_failed_build_keeps_the_last_good_site_and_leaves_nothing_half_written(tmp_path):
    proc, output = _safe_build(tmp_path, FILES)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    good = (output / "en" / "a" / "index.html").read_bytes()
    broken = {**FILES, "articles/en/children/b.md": article("B", "See [the map](/en/nowhere/#x).", audience="teens")}
    proc, output = _safe_build(tmp_path, broken)
    assert proc.returncode != 0
    assert "nothing was published; output/ still holds the last good build" in proc.stderr
    assert (output / "en" / "a" / "index.html").read_bytes() == good
    assert not (output / "en" / "b").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output", "site"]


def test_publish_dry_run_prints_the_plan_and_runs_nothing():
    proc = subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--dry-run", "--target", "rsync:deploy@example.org:/srv/site"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "every check must pass" in proc.stdout
    assert "rsync -rlvz --delete --checksum -e ssh" in proc.stdout and "deploy@example.org:/srv/site/" in proc.stdout


def test_publish_refuses_an_unknown_target():
    proc = subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--target", "ftp://x"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode != 0 and "Unknown deploy target" in proc.stderr


def test_cname_file_is_written_for_a_github_pages_domain(site):
    from conftest import article

    files = {"articles/en/children/a.md": article("A", "Text."), "articles/km/children/a.md": article("ក", "អ។")}
    built = site(files, settings='HOST_FILES = {"cname": "onlinesafety.example.org"}\n')
    assert built.returncode == 0, built.log
    assert (built.output / "CNAME").read_text() == "onlinesafety.example.org\n"


def test_a_content_cache_written_with_other_settings_does_not_stop_the_build(tmp_path):
    # An editor's cache/ from before GZIP_CACHE changed (or from another Python) cannot be read:
    # Pelican starts with an empty one, and the build must not fail on its warning.
    old = build_site(tmp_path, FILES, settings="GZIP_CACHE = True")
    assert old.returncode == 0, old.log
    assert (tmp_path / "cache" / "ArticlesGenerator-Readers").read_bytes()[:2] == b"\x1f\x8b"  # gzip
    now = build_site(tmp_path, FILES)
    assert now.returncode == 0, now.log
    assert (tmp_path / "cache" / "ArticlesGenerator-Readers").read_bytes()[:2] != b"\x1f\x8b"
