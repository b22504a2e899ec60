"""Arithmetic of the BuT participation budget (soziale und kulturelle Teilhabe).

The benefit is a monthly amount (master data `ButRate`, 15 € since August 2019) for every month
of the approval period in which the child is not yet 18 — a month counts when the child is under
18 on its first day. Unused months can be saved up within the approval period, so the budget of
the whole period is available, minus what was already paid from it.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from .models import ButCategory, ButRate

ZERO = Decimal("0.00")


def month_starts(first: datetime.date, last: datetime.date) -> Iterator[datetime.date]:
    """The first day of every month from `first`'s month to `last`'s month, inclusive."""
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month + datetime.timedelta(days=32)).replace(day=1)


def rate_on(day: datetime.date, rates: Iterable[ButRate]) -> Decimal:
    """The monthly amount valid on `day`: the rate with the latest `valid_from` not after it."""
    valid = [r for r in rates if r.valid_from <= day]
    return max(valid, key=lambda r: r.valid_from).monthly_amount if valid else ZERO


def participation_rates() -> list[ButRate]:
    return list(ButRate.objects.filter(category=ButCategory.PARTICIPATION))


@dataclass(frozen=True)
class Budget:
    months: int  # months of the period in which the child is entitled
    total: Decimal  # the budget of the whole approval period
    accrued: Decimal  # of which the months begun by today
    used: Decimal

    @property
    def left(self) -> Decimal:
        return self.total - self.used

    @property
    def overspent(self) -> bool:
        return self.used > self.total


def participation_budget(
    *,
    child,
    period_from: datetime.date,
    period_until: datetime.date,
    rates: Iterable[ButRate],
    used: Decimal = ZERO,
    today: datetime.date | None = None,
) -> Budget:
    today = today or timezone.localdate()
    rates = list(rates)
    months = 0
    total = accrued = ZERO
    for month in month_starts(period_from, period_until):
        if child.age_on(month) >= 18:
            continue
        amount = rate_on(month, rates)
        months += 1
        total += amount
        if month <= today:
            accrued += amount
    return Budget(months=months, total=total, accrued=accrued, used=used or ZERO)


def budget_for(application, rates: Iterable[ButRate], *, used: Decimal | None = None, today=None) -> Budget | None:
    """The budget of an approved participation application; None for other applications.
    `used` defaults to the sum of the prefetched `expenses`."""
    if not application.has_budget:
        return None
    if used is None:
        used = sum((e.amount for e in application.expenses.all()), ZERO)
    return participation_budget(
        child=application.child,
        period_from=application.period_from,
        period_until=application.period_until,
        rates=rates,
        used=used,
        today=today,
    )
