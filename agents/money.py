"""Comparing money across currencies with the approximate FX table used for prices."""

from __future__ import annotations

from retrieval.schema import Money
from retrieval.signals.pricing import FX_TO_USD


def to_usd(amount: float, currency: str) -> float | None:
    rate = FX_TO_USD.get(currency.upper())
    return None if rate is None else amount * rate


def money_usd(money: Money | None) -> float | None:
    return None if money is None else to_usd(money.amount, money.currency)


def from_usd(amount_usd: float, currency: str) -> float | None:
    rate = FX_TO_USD.get(currency.upper())
    return None if not rate else amount_usd / rate
