"""The error a11y_checks stops the build with (the checks run as a step of the audit pass: step.py)."""

from __future__ import annotations

from sitekit.errors import SiteBuildError


class A11yCheckError(SiteBuildError):
    """At least one page (or the theme's colours) fails an accessibility rule."""
