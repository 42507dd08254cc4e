"""Checks on pay applications and on what a commitment has billed.

Each check raises ValidationError naming the field the user would change, with both
amounts in the message, so the rep sees at once by how much the figure is off.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ownersrep.domain.cost.amounts import ZERO, net_payment, total
from ownersrep.domain.errors import ValidationError
from ownersrep.domain.money import format_money


@dataclass(frozen=True)
class PayFigures:
    """One pay application's amounts (retainage held already worked out)."""

    claimed: Decimal
    certified: Decimal
    retainage_held: Decimal
    retainage_released: Decimal
    paid: bool = False

    @property
    def net(self) -> Decimal:
        """Certified − retainage held + retainage released: what the owner pays for it."""
        return net_payment(self.certified, self.retainage_held, self.retainage_released)


@dataclass(frozen=True)
class Billing:
    """What a commitment has billed to date: sums over its pay applications.

    `paid` is the net payment of the applications that are paid; `unpaid` the net
    payment of the ones that are not yet. Outstanding retainage is what was held and not
    yet released. By construction certified = paid + unpaid + outstanding retainage."""

    claimed: Decimal = ZERO
    certified: Decimal = ZERO
    retainage_held: Decimal = ZERO
    retainage_released: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def retainage(self) -> Decimal:
        return self.retainage_held - self.retainage_released

    @property
    def unpaid(self) -> Decimal:
        return self.certified - self.retainage - self.paid

    @classmethod
    def of(cls, pays: list[PayFigures]) -> Billing:
        return cls(
            claimed=total(p.claimed for p in pays),
            certified=total(p.certified for p in pays),
            retainage_held=total(p.retainage_held for p in pays),
            retainage_released=total(p.retainage_released for p in pays),
            paid=total(p.net for p in pays if p.paid),
        )


def check_not_negative(amount: Decimal, field: str) -> Decimal:
    if amount < 0:
        raise ValidationError(field, f"must not be negative, not {format_money(amount)}")
    return amount


def check_certified_within_claimed(claimed: Decimal, certified: Decimal) -> None:
    """The rep certifies at most what the contractor claimed for the period."""
    if certified > claimed:
        raise ValidationError(
            "Certified",
            f"{format_money(certified)} is more than the {format_money(claimed)} claimed",
        )


def check_billing(revised_commitment: Decimal, billing: Billing, field: str | None = None) -> None:
    """Claims and certificates to date stay within the revised commitment.

    `field` names what the user changed when it was not the pay application itself (the
    commitment's amount, a change order's cost or status)."""
    for name, to_date in (("Claimed", billing.claimed), ("Certified", billing.certified)):
        if to_date > revised_commitment:
            what = "claims" if name == "Claimed" else "certificates"
            raise ValidationError(
                field or name,
                f"billing beyond the revised commitment: {what} to date would be "
                f"{format_money(to_date)} against a revised commitment of "
                f"{format_money(revised_commitment)}",
            )


def check_release(billing: Billing, field: str = "Retainage released") -> None:
    """Retainage released to date never exceeds the retainage held to date."""
    if billing.retainage_released > billing.retainage_held:
        raise ValidationError(
            field,
            f"releases to date would be {format_money(billing.retainage_released)}, more "
            f"than the {format_money(billing.retainage_held)} of retainage held",
        )


def check_contingency(code: str, remaining: Decimal, field: str) -> None:
    """A contingency line is never drawn below zero."""
    if remaining < 0:
        raise ValidationError(
            field,
            f"contingency {code} would be overdrawn by {format_money(-remaining)}",
        )
