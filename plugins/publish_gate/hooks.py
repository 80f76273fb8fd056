"""Signal handler of the publish gate: every build ends by saying how many items block publishing."""

from __future__ import annotations

import contacts.hooks
import content_checks.hooks
from sitekit.summary import say

from .gate import blockers, gate_config


def report_blockers(pelican) -> None:
    settings = pelican.settings
    # The contacts file and the content were read earlier in this build: the gate reuses them.
    found = blockers(settings, contacts.hooks.loaded_data(), content_checks.hooks.scanned_infos())
    require = gate_config(settings)["require"]
    if found:
        by_kind = {}
        for b in found:
            by_kind[b.requirement] = by_kind.get(b.requirement, 0) + 1
        detail = ", ".join(f"{n} {kind}" for kind, n in by_kind.items())
        say(
            "Publishing: %d item(s) block publishing (%s); `invoke publish` refuses until a person has done them "
            "(list: invoke publish-check)",
            len(found),
            detail,
        )
    else:
        say("Publishing: nothing blocks publishing (required: %s)", ", ".join(require))
