"""The build's summary lines and warnings for editors: always shown, never fatal.

Pelican hides INFO messages unless run with --verbose, and with --fatal warnings every WARNING stops
the build. Summaries (translation status, page weights, links checked) and soft warnings (a stale
privacy guide) must be seen in every build without failing it, so they go through their own logger
with its own handler at INFO level.
"""

from __future__ import annotations

import logging
import sys

NAME = "site.summary"


def summary_logger() -> logging.Logger:
    logger = logging.getLogger(NAME)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


def say(message: str, *args) -> None:
    """Print one summary line (%-style arguments, like logging)."""
    summary_logger().info(message, *args)
