"""The day a date must not be after to count as past: the latest calendar date anywhere on Earth.

An editor in Phnom Penh (UTC+7) who records a review at 6 in the morning writes today's date,
which is still yesterday on a build machine running on UTC (GitHub's runners): compared with the
machine's own date, a true record would be "in the future" and stop the build. A date later than
the current date in the easternmost time zone (UTC+14) is in the future for everyone.
"""

from __future__ import annotations

import datetime as dt

#: The easternmost time zone in use (Line Islands, Kiribati): its date is the latest on Earth.
EASTERNMOST = dt.timezone(dt.timedelta(hours=14))


def latest_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date where it is latest (`now`, an aware datetime, for tests)."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(EASTERNMOST).date()
