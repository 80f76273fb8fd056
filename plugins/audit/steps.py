"""What a step of the audit pass is, and the ordered list of steps a site runs.

A step lives in the plugin that owns the concern (`link_checker/step.py`, `page_budget/step.py`,
`a11y_checks/step.py`, `search/step.py`) and is a module with:

    NAME                       short name, used in the cache and the summary
    ERROR                      the SiteBuildError subclass raised when the step finds errors
    configure(settings)        the step's settings dict (merged over its documented defaults)
    fingerprint(config)        what a cached per-page result depends on besides the page (code, settings)
    check_page(page, config)   pure: one parsed page in, a small picklable result out
    finish(results, site, config) -> StepReport
                               site-wide checks from every page's result (links between pages, duplicate
                               titles, the search bundle), findings and summary lines
    FINISH_APART (optional)    True when `finish` only writes files and returns its report: it may run
                               in a process of its own beside the other steps' `finish` (search)
    needs_console(config)      (optional) True when `finish` draws on the build's console (the external
                               links' progress bar): the pass then runs in the build's own process

The pass runs in a process of its own (AUDIT["own_process"]), so a config, a result and a report
must pickle.

The list is explicit (AUDIT["steps"]) so the order is visible in one place; a step whose plugin is
not in PLUGINS stops the build with a message saying so, instead of silently checking nothing.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from sitekit.errors import SiteBuildError
from sitekit.findings import Finding


class AuditSetupError(SiteBuildError):
    """AUDIT names a step whose plugin is not enabled, or a module that is not a step."""


@dataclass
class StepReport:
    """What one step found over the whole site."""

    findings: list[Finding] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    # The step's report of its errors and of its warnings, as the build prints them ("" when none).
    errors: str = ""
    warnings: str = ""


REQUIRED = ("NAME", "ERROR", "configure", "fingerprint", "check_page", "finish")


def load_steps(names: list[str], plugins: list[str] | None = None) -> list:
    """The step modules for `names` (plugin names, in order); each plugin must be in `plugins` (PLUGINS),
    unless that is None (the build's own process checked it already)."""
    enabled = {str(p).split(".")[-1] for p in plugins} if plugins is not None else set(names)
    missing = [name for name in names if name not in enabled]
    if missing:
        raise AuditSetupError(
            f"AUDIT['steps'] runs {', '.join(map(repr, missing))}, but "
            f"{'that plugin is' if len(missing) == 1 else 'those plugins are'} not in PLUGINS (pelicanconf.py): "
            "add it to PLUGINS, or remove it from AUDIT['steps']"
        )
    steps = []
    for name in names:
        try:
            module = importlib.import_module(f"{name}.step")
        except ModuleNotFoundError as exc:
            raise AuditSetupError(f"AUDIT['steps']: plugin {name!r} has no step module ({name}/step.py)") from exc
        lacking = [attr for attr in REQUIRED if not hasattr(module, attr)]
        if lacking:
            raise AuditSetupError(f"{name}/step.py is not an audit step: it lacks {', '.join(lacking)}")
        steps.append(module)
    return steps
