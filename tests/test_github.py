"""GitHub Actions: the workflow files (schema, thin invoke-only steps, pinned official actions, what each
workflow does) and the build's annotations on the right file and line, with the job summary."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, article, build_site

from sitekit import annotations
from sitekit.findings import Finding

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))
#: The only commands a step may run besides invoke tasks: installing the pinned requirements.
PIP_INSTALL = re.compile(r"^python -m pip install -r requirements(-test)?\.txt$")
INVOKE = re.compile(r"^invoke (?P<task>[a-z0-9-]+)(?: --[a-z-]+(?: [A-Za-z0-9_./-]+)?)*$")
OFFICIAL = {"checkout", "setup-python", "cache", "upload-artifact", "configure-pages", "upload-pages-artifact",
            "deploy-pages"}  # fmt: skip


def load(name: str) -> dict:
    # PyYAML reads the key `on:` as True (YAML 1.1); give it its name back.
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def check_jsonschema(*files: Path) -> subprocess.CompletedProcess:
    schema = ["--builtin-schema", "vendor.github-workflows"]
    command = [sys.executable, "-m", "check_jsonschema", *schema, *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


# --- the workflow files ---------------------------------------------------------------------------------


def test_the_three_workflows_exist():
    assert [p.name for p in WORKFLOW_FILES] == ["deploy.yml", "health.yml", "pull-request.yml"]


def test_workflows_match_githubs_workflow_schema_offline():
    result = check_jsonschema(*WORKFLOW_FILES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path):
    broken = (WORKFLOWS / "health.yml").read_text(encoding="utf-8").replace("runs-on:", "run-on:")
    (tmp_path / "broken.yml").write_text(broken, encoding="utf-8")
    result = check_jsonschema(tmp_path / "broken.yml")
    assert result.returncode != 0 and "runs-on" in result.stdout + result.stderr


def test_every_run_step_is_an_invoke_task_or_the_pip_install():
    listed = subprocess.run(
        [sys.executable, "-m", "invoke", "--list", "--list-format=json"], cwd=ROOT, capture_output=True, text=True
    )
    tasks = {t["name"] for t in json.loads(listed.stdout)["tasks"]}
    runs = []
    for path in WORKFLOW_FILES:
        for job_id, step in steps(load(path.name)):
            assert ("run" in step) != ("uses" in step), f"{path.name} {job_id}: {step}"
            if "run" not in step:
                continue
            command = step["run"].strip()
            runs.append(command)
            if PIP_INSTALL.match(command):
                continue
            match = INVOKE.match(command)
            assert match, f"{path.name} {job_id}: {command!r} is not `invoke TASK [--option value]`"
            assert match["task"] in tasks, f"{path.name}: no invoke task {match['task']!r}"
    assert "invoke build" in runs and "invoke test" in runs and "invoke health" in runs


def test_only_official_actions_pinned_to_a_commit_with_their_version():
    for path in WORKFLOW_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" not in line:
                continue
            match = re.search(r"uses: actions/(?P<name>[a-z-]+)@(?P<sha>[0-9a-f]{40}) # v\d+\.\d+\.\d+$", line)
            assert match, f"{path.name}: {line.strip()!r} is not an official action pinned to a commit and version"
            assert match["name"] in OFFICIAL


def test_pull_requests_build_attach_the_site_summarise_and_test_in_debian():
    workflow = load("pull-request.yml")
    assert "pull_request" in workflow["on"]
    build = workflow["jobs"]["build"]["steps"]
    runs = [s.get("run") for s in build]
    assert runs.index("invoke build") < runs.index("invoke ci-summary")
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "output/"
    setup = next(s for s in build if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["cache"] == "pip"
    test = workflow["jobs"]["test"]
    assert "bookworm" in test["container"]["image"]  # apt-get gives Debian's chromium and fonts-noto-core
    assert [s.get("run") for s in test["steps"]][-1] == "invoke test"
    assert any(s.get("uses", "").startswith("actions/cache@") for s in test["steps"])


def test_main_deploys_only_through_the_publish_gate_one_at_a_time():
    workflow = load("deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["cancel-in-progress"] is False
    build = workflow["jobs"]["build"]
    assert build["env"]["SITEURL"] == "${{ vars.SITEURL }}"
    order = [s.get("run") or s["uses"].split("@")[0] for s in build["steps"]]
    gate, publish = order.index("invoke publish-check"), order.index("invoke publish-pages --folder _site")
    upload = order.index("actions/upload-pages-artifact")
    assert gate < publish < upload  # a refused gate or a failed check stops the job before the upload
    assert not any("if" in s for s in build["steps"])  # no step runs after a failure
    upload_step = build["steps"][upload]
    assert upload_step["with"]["path"] == "_site/"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {"contents": "read"}


def test_the_health_report_runs_weekly_and_on_demand():
    workflow = load("health.yml")
    assert "workflow_dispatch" in workflow["on"]
    (schedule,) = workflow["on"]["schedule"]
    assert schedule["cron"].split()[2:] == ["*", "*", "1"]  # every Monday
    assert [s.get("run") for s in workflow["jobs"]["health"]["steps"]][-1] == "invoke health"


def test_publish_pages_refuses_without_a_public_address():
    env = {"PATH": "/usr/bin:/bin", "SITEURL": "", "PYTHONPATH": str(ROOT / "plugins")}
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "publish-pages"], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert result.returncode != 0
    assert "set the repository variable SITEURL" in result.stderr and "Nothing was built or deployed" in result.stderr


# --- annotations ----------------------------------------------------------------------------------------


def test_a_build_in_github_actions_puts_each_error_on_its_file_and_line(tmp_path):
    files = {
        "articles/en/children/one.md": article("One", "Text.\n\n<script>alert(1)</script>\n"),
        "articles/km/children/one.md": article("មួយ", "អត្ថបទ។"),
        "articles/en/children/two.md": article("Two", "Text.", audience="teens"),
        "articles/km/children/two.md": article("ពីរ", "អត្ថបទ។"),
    }
    summary = tmp_path / "summary.md"
    built = build_site(tmp_path, files, env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert built.returncode == 1
    assert [line for line in built.log.splitlines() if line.startswith("::error")] == [
        "::error file=content/articles/en/children/one.md,line=9,title=Build stopped::"
        "raw <script> is not allowed in Markdown; remove it",
        "::error file=content/articles/en/children/two.md,line=5,title=Build stopped::"
        "unknown audience 'teens'; use: children, parents, practitioners",
    ]
    assert "content/articles/en/children/one.md:9: raw <script> is not allowed" in built.log  # the plain log too
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Build failed (exit 1)")
    assert "| `content/articles/en/children/one.md:9` | raw &lt;script&gt; is not allowed" in text
    assert "| `content/articles/en/children/two.md:5` | unknown audience 'teens'" in text


def test_outside_github_actions_the_build_prints_no_workflow_commands(tmp_path):
    files = {"articles/en/children/two.md": article("Two", "Text.", audience="teens")}
    built = build_site(tmp_path, files)
    assert built.returncode == 1 and "content/articles/en/children/two.md:5: unknown audience" in built.log
    assert "::" not in built.log


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"kind": "error", "message": "100% sure\r\nnext line", "file": "a.md", "line": 3, "title": "t"},
         "::error file=a.md,line=3,title=t::100%25 sure%0D%0Anext line"),
        ({"kind": "warning", "message": "a: b, c", "file": "dir/a,b:c.md", "title": "rule: x, y"},
         "::warning file=dir/a%2Cb%3Ac.md,title=rule%3A x%2C y::a: b, c"),
        ({"kind": "error", "message": "no file", "line": 4}, "::error::no file"),
        ({"kind": "notice", "message": "50%", "title": "100%"}, "::notice title=100%25::50%25"),
    ],
)  # fmt: skip
def test_workflow_commands_escape_data_and_properties_like_githubs_toolkit(kwargs, expected):
    assert annotations.command(**kwargs) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("content/articles/en/x.md:12: missing title",
         Finding("content/articles/en/x.md", 12, "", "missing title")),
        ("  content/articles/en/x.md:7: [en/x/index.html] link “a” -> /y/: no such file (internal-link)",
         Finding("content/articles/en/x.md", 7, "internal-link", "link “a” -> /y/: no such file", "en/x/index.html")),
        ("theme/templates/base.html: [en/index.html] warning: no label (on 3 pages) (link-name)",
         Finding("theme/templates/base.html", None, "link-name", "no label (on 3 pages)", "en/index.html", "warning")),
        ("warning: content/data/glossary.yaml:66: discouraged term 'x' (concept 'csam')",
         Finding("content/data/glossary.yaml", 66, "", "discouraged term 'x' (concept 'csam')", "", "warning")),
        ("3 problem(s) in the content; fix each line below and build again:", None),
        ("https://example.org/x: broken", None),
        ("  by rule: internal-link: 2", None),
    ],
)  # fmt: skip
def test_message_lines_that_name_a_file_become_findings(line, expected):
    assert annotations.parse_line(line) == expected


def test_a_finding_becomes_an_annotation_on_its_file_and_line():
    finding = Finding("content/a.md", 4, "img-alt", "image without alt text", "en/a/index.html")
    assert annotations.annotation(finding) == (
        "::error file=content/a.md,line=4,title=img-alt::image without alt text (page en/a/index.html)"
    )
    template = Finding("theme/templates/base.html", None, "", "no skip link", severity="warning")
    expected = "::warning file=theme/templates/base.html,title=Build warning::no skip link"
    assert annotations.annotation(template) == expected


class _Stop(Exception):
    pass


def test_more_errors_than_github_shows_are_all_in_the_log_and_the_job_summary(tmp_path):
    report = annotations.BuildReport()
    report.records += [
        "Link check: 3 pages, 10 links, 4 unique targets, 12 failures, 1 warning (0.01 s)",
        "warning: content/g.md:2: discouraged term 'x'",
        "Accessibility checks: 3 pages; 0 errors\n  rule  WCAG\n  img-alt  1.1.1",
        "Page budget: 3 pages weighed; median 7.0 KB gzip",
    ]
    error = _Stop("12 problems:\n" + "\n".join(f"content/a.md:{n}: problem {n} | pipe" for n in range(1, 13)))
    out, summary = io.StringIO(), tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_SERVER_URL": "https://github.com",
           "GITHUB_REPOSITORY": "ngo/site", "GITHUB_SHA": "abc123"}  # fmt: skip
    assert annotations.finish(report, 1, error, out=out, environ=env) == 1
    printed = out.getvalue().splitlines()
    assert len([p for p in printed if p.startswith("::error file=content/a.md,line=")]) == 12
    assert printed[12] == "::warning file=content/g.md,line=2,title=Build warning::discouraged term 'x'"
    assert printed[-1].startswith("12 errors: GitHub shows the first 10 as annotations")
    text = summary.read_text(encoding="utf-8")
    assert "### Errors: fix each and push again (12)" in text
    link = "[`content/a.md:12`](https://github.com/ngo/site/blob/abc123/content/a.md#L12)"
    assert f"| {link} | problem 12 \\| pipe |" in text
    assert "| Link check | 3 pages, 10 links, 4 unique targets, 12 failures, 1 warning (0.01 s) |" in text
    assert "| Page budget | 3 pages weighed; median 7.0 KB gzip |" in text
    assert "### Warnings (the build still passes) (1)" in text
    assert "<details><summary>Accessibility checks: details</summary>" in text and "img-alt  1.1.1" in text


def test_an_error_without_a_file_still_gets_one_annotation(tmp_path):
    out = io.StringIO()
    annotations.finish(annotations.BuildReport(), 1, RuntimeError("Pelican stopped"), out=out, environ={})
    assert out.getvalue() == "::error title=Build stopped::RuntimeError: Pelican stopped\n"


def test_without_github_actions_there_is_no_report():
    assert annotations.BuildReport.start({}) is None
    assert annotations.finish(None, 3, RuntimeError("x")) == 3
