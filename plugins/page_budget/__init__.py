"""Page budget: every page renders from its first round trip (size, blocking requests, scripts, images, origins).

The check runs as a step of the audit pass (`page_budget/step.py`, AUDIT["steps"]).
"""


def register():
    """Nothing to connect: the audit plugin runs this plugin's step (step.py) in its one pass."""
