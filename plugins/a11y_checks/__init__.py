"""Accessibility checks: every written page against WCAG 2.2 rules, and the theme's colour contrast.

The check runs as a step of the audit pass (`a11y_checks/step.py`, AUDIT["steps"]).
"""


def register():
    """Nothing to connect: the audit plugin runs this plugin's step (step.py) in its one pass."""
