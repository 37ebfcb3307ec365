"""Working days of the three countries, for legal deadlines that end on a non-working day.

Public holidays come from the `holidays` package (which also knows Russia's and Latvia's
substituted days off); weekends are Saturday and Sunday everywhere here.
"""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta
from functools import lru_cache

import holidays

COUNTRIES = ("EE", "RU", "LV")


@lru_cache(maxsize=64)
def _holidays(country: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, years=year).keys())


def is_working_day(day: date, country: str) -> bool:
    return day.weekday() < 5 and day not in _holidays(country, day.year)


def next_working_day(day: date, country: str) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day, country):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, n: int, country: str) -> date:
    """The n-th working day after `day` (n ≥ 0; 0 gives next_working_day(day))."""
    day = next_working_day(day, country)
    for _ in range(n):
        day = next_working_day(day + timedelta(days=1), country)
    return day


def working_days_between(start: date, end: date, country: str) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start, country)
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, country):
            count += 1
    return count


def add_months(day: date, months: int) -> date:
    """Same day number `months` later; the month's last day when it has no such day
    (31 January + 1 month = 28/29 February), as periods "of one month" are counted."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, _cal.monthrange(year, month)[1]))
