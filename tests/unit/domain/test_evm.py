"""Earned value: the budget spread, PV, EV and every derived figure, worked by hand.

Dates: Monday 23 Nov 2026 to Tuesday 1 Dec 2026 on a Monday–Friday week.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ownersrep.domain.evm import (
    EacMethod,
    EvmFigures,
    SCurve,
    Step,
    TaskBudget,
    actual_cost,
    budget_at_completion,
    choose_step,
    earned_value,
    figures_as_of,
    period_end,
    period_ends,
    planned_value,
    planned_value_curve,
    pv_at,
    s_curve,
    spread_budget,
)
from ownersrep.domain.workdays import is_workday

D = Decimal
MON = date(2026, 11, 23)
TUE, WED, THU, FRI = (MON + timedelta(days=n) for n in range(1, 5))
SAT, SUN = date(2026, 11, 28), date(2026, 11, 29)
NEXT_MON, NEXT_TUE = date(2026, 11, 30), date(2026, 12, 1)


# -- spreading one budget ---------------------------------------------------------------


def test_spread_is_even_and_the_remainder_goes_to_the_last_day() -> None:
    # 100.00 ÷ 3 = 33.333… → 33.33, 33.33 and the rest, 33.34, on the last day.
    assert spread_budget(D("100"), MON, WED, is_workday) == {
        MON: D("33.33"),
        TUE: D("33.33"),
        WED: D("33.34"),
    }


def test_spread_skips_non_working_days() -> None:
    # Mon 23 – Tue 1 Dec holds 7 working days: 700.00 ÷ 7 = 100.00 each, none at the weekend.
    spread = spread_budget(D("700.00"), MON, NEXT_TUE, is_workday)
    assert spread == dict.fromkeys([MON, TUE, WED, THU, FRI, NEXT_MON, NEXT_TUE], D("100.00"))


def test_a_milestone_or_a_weekend_span_puts_everything_on_its_finish() -> None:
    assert spread_budget(D("500"), WED, WED, is_workday) == {WED: D("500.00")}
    assert spread_budget(D("500"), SAT, SAT, is_workday) == {SAT: D("500.00")}
    assert spread_budget(D("500"), SAT, SUN, is_workday) == {SUN: D("500.00")}
    # A finish before the start (bad data) is treated the same way, not lost.
    assert spread_budget(D("500"), FRI, MON, is_workday) == {MON: D("500.00")}


def test_spread_of_small_negative_and_sub_cent_budgets() -> None:
    # 0.05 over 10 days: 0.00 a day, the 5 cents on the last day.
    spread = spread_budget(D("0.05"), MON, date(2026, 12, 4), is_workday)
    assert len(spread) == 10
    assert spread[date(2026, 12, 4)] == D("0.05")
    assert sum(spread.values()) == D("0.05")
    # A credit spreads like a cost: -100.00 → -33.33, -33.33, -33.34.
    assert list(spread_budget(D("-100"), MON, WED, is_workday).values()) == [
        D("-33.33"),
        D("-33.33"),
        D("-33.34"),
    ]
    # 10.005 is rounded half up to 10.01 first: 5.00 + 5.01.
    assert spread_budget(D("10.005"), MON, TUE, is_workday) == {MON: D("5.00"), TUE: D("5.01")}


@settings(max_examples=200, deadline=None, database=None)
@given(
    cents=st.integers(min_value=-(10**11), max_value=10**11),
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    length=st.integers(min_value=-3, max_value=500),
    week=st.sets(st.integers(min_value=0, max_value=6)),
)
def test_spread_always_sums_to_the_budget_to_the_cent(
    cents: int, start: date, length: int, week: set[int]
) -> None:
    budget = D(cents) / 100
    finish = start + timedelta(days=length)

    def is_working(day: date) -> bool:
        return day.weekday() in week

    spread = spread_budget(budget, start, finish, is_working)
    assert sum(spread.values()) == budget
    assert all(amount == amount.quantize(D("0.01")) for amount in spread.values())
    days = sorted(spread)
    if len(days) == 1 and not (start <= days[0] <= finish and is_working(days[0])):
        assert days == [finish]  # no working day: all on the finish
        return
    assert all(start <= day <= finish and is_working(day) for day in days)
    per_day = spread[days[0]]
    assert all(spread[day] == per_day for day in days[:-1])
    # The last day carries the remainder: fewer cents than there are days.
    assert abs(spread[days[-1]] - per_day) < D(len(days)) / 100


# -- planned value ----------------------------------------------------------------------

# A: 1,000 over Mon–Fri (5 days → 200/day); B: 600 over Wed–Tue (Wed Thu Fri Mon Tue,
# 5 days → 120/day). C has no baseline: it counts in BAC and EV, never in PV.
TASK_A = TaskBudget(D("1000"), MON, FRI, percent_complete=60)
TASK_B = TaskBudget(D("600"), WED, NEXT_TUE, percent_complete=20)
TASK_C = TaskBudget(D("400"), None, None, percent_complete=50)


def test_planned_value_curve_is_cumulative_by_day() -> None:
    # Mon 200; Tue 400; Wed 400+200+120 = 720; Thu 1,040; Fri 1,360; Mon 1,480; Tue 1,600.
    assert planned_value_curve([TASK_A, TASK_B, TASK_C], is_workday) == [
        (MON, D("200.00")),
        (TUE, D("400.00")),
        (WED, D("720.00")),
        (THU, D("1040.00")),
        (FRI, D("1360.00")),
        (NEXT_MON, D("1480.00")),
        (NEXT_TUE, D("1600.00")),
    ]
    assert planned_value_curve([], is_workday) == []


def test_the_calendar_is_asked_once_per_day() -> None:
    asked: list[date] = []

    def is_working(day: date) -> bool:
        asked.append(day)
        return is_workday(day)

    planned_value_curve([TASK_A, TASK_B, TASK_A], is_working)
    assert sorted(asked) == sorted(set(asked))  # Mon 23 – Tue 1: 9 days, each once
    assert len(asked) == 9


_TASKS = st.builds(
    TaskBudget,
    budget=st.integers(min_value=-(10**8), max_value=10**8).map(lambda c: D(c) / 100),
    baseline_start=st.dates(min_value=MON, max_value=MON + timedelta(days=60)),
    baseline_finish=st.dates(min_value=MON - timedelta(days=3), max_value=date(2027, 2, 1)),
)


@settings(max_examples=100, deadline=None, database=None)
@given(tasks=st.lists(_TASKS, max_size=8), offset=st.integers(min_value=-5, max_value=80))
def test_planned_value_at_a_date_matches_the_curve(tasks: list[TaskBudget], offset: int) -> None:
    day = MON + timedelta(days=offset)
    curve = planned_value_curve(tasks, is_workday)
    assert planned_value(tasks, day, is_workday) == pv_at(curve, day)


def test_planned_value_at_a_date() -> None:
    # Thursday 26 Nov: A has 4 of 5 days done (800), B 2 of 5 (240): 1,040. C never counts.
    assert planned_value([TASK_A, TASK_B, TASK_C], THU, is_workday) == D("1040.00")
    # Tue 1 Dec: everything (1,600); the Friday before: A whole 1,000 + B 3 × 120 = 1,360.
    assert planned_value([TASK_A, TASK_B], NEXT_TUE, is_workday) == D("1600.00")
    assert planned_value([TASK_A, TASK_B], FRI, is_workday) == D("1360.00")
    # A task ending on a Sunday is whole once its last working day (Friday) is done.
    week = TaskBudget(D("100"), MON, SUN)  # 5 days: 20.00 each
    assert planned_value([week], FRI, is_workday) == D("100.00")
    assert planned_value([week], WED, is_workday) == D("60.00")


def test_pv_at_reads_the_end_of_a_day() -> None:
    curve = planned_value_curve([TASK_A, TASK_B], is_workday)
    assert pv_at(curve, MON - timedelta(days=1)) == D("0.00")  # before the start
    assert pv_at(curve, MON) == D("200.00")  # that day's work counts
    assert pv_at(curve, SUN) == D("1360.00")  # the weekend holds Friday's value
    assert pv_at(curve, date(2027, 1, 1)) == D("1600.00")  # after the end: BAC
    assert pv_at([], MON) == D("0.00")


# -- earned value, BAC and AC -----------------------------------------------------------


def test_earned_value_is_budget_times_percent_complete() -> None:
    # 1,000 × 60 % + 600 × 20 % + 400 × 50 % = 600 + 120 + 200 = 920.00.
    assert earned_value([TASK_A, TASK_B, TASK_C]) == D("920.00")
    # Summed exactly, rounded once: 10,000 × 50 % + 3,333.33 × 33 % = 5,000 + 1,099.9989.
    tasks = [TaskBudget(D("10000"), MON, FRI, 50), TaskBudget(D("3333.33"), MON, FRI, 33)]
    assert earned_value(tasks) == D("6100.00")
    assert earned_value([]) == D("0.00")  # no progress yet


def test_bac_and_actual_cost() -> None:
    assert budget_at_completion([TASK_A, TASK_B, TASK_C]) == D("2000.00")
    assert budget_at_completion([]) == D("0.00")
    assert actual_cost([TASK_A, TASK_B]) is None  # none given: AC comes from elsewhere
    tasks = [TaskBudget(D("10"), MON, FRI, actual_cost=D("7.50")), TASK_A]
    assert actual_cost(tasks) == D("7.50")


@pytest.mark.parametrize("pct", [-1, 101, D("100.01")])
def test_percent_complete_must_be_0_to_100(pct: int | Decimal) -> None:
    with pytest.raises(ValueError, match="between 0 and 100"):
        TaskBudget(D("1"), MON, FRI, pct)


def test_percent_complete_is_held_as_a_decimal() -> None:
    assert TaskBudget(D("1"), MON, FRI, 12.5).percent_complete == D("12.5")  # type: ignore[arg-type]
    assert TaskBudget(D("200"), MON, FRI, 33).earned == D("66.00")


# -- the figures ------------------------------------------------------------------------

# The textbook case: BAC 100,000; PV 50,000; EV 40,000; AC 50,000.
TEXTBOOK = EvmFigures(bac=D("100000"), pv=D("50000"), ev=D("40000"), ac=D("50000"))


def test_variances_and_indices() -> None:
    assert TEXTBOOK.cv == D("-10000.00")  # EV − AC = 40,000 − 50,000
    assert TEXTBOOK.sv == D("-10000.00")  # EV − PV = 40,000 − 50,000
    assert TEXTBOOK.cpi == D("0.80")  # 40,000 ÷ 50,000
    assert TEXTBOOK.spi == D("0.80")  # 40,000 ÷ 50,000


def test_eac_by_each_formula() -> None:
    assert TEXTBOOK.eacs() == {
        EacMethod.CPI: D("125000.00"),  # 100,000 ÷ 0.80
        EacMethod.BUDGET_RATE: D("110000.00"),  # 50,000 + (100,000 − 40,000)
        EacMethod.CPI_SPI: D("143750.00"),  # 50,000 + 60,000 ÷ (0.80 × 0.80 = 0.64)
        EacMethod.BOTTOM_UP: None,  # no bottom-up ETC entered
    }


def test_figures_by_the_chosen_method() -> None:
    # By CPI: EAC 125,000 → ETC 75,000; VAC −25,000 = −25.0 % of BAC.
    assert TEXTBOOK.method is EacMethod.CPI
    assert (TEXTBOOK.eac, TEXTBOOK.etc, TEXTBOOK.vac) == (
        D("125000.00"),
        D("75000.00"),
        D("-25000.00"),
    )
    assert TEXTBOOK.vac_percent == D("-25.0")
    # TCPI to BAC: (100,000 − 40,000) ÷ (100,000 − 50,000) = 1.20;
    # to EAC: 60,000 ÷ (125,000 − 50,000) = 0.80.
    assert (TEXTBOOK.tcpi, TEXTBOOK.tcpi_eac) == (D("1.20"), D("0.80"))
    # At the budgeted rate: EAC 110,000, ETC 60,000, VAC −10,000 (−10.0 %), TCPI(EAC) 1.00.
    rate = TEXTBOOK.with_method(EacMethod.BUDGET_RATE)
    assert (rate.eac, rate.etc, rate.vac, rate.vac_percent, rate.tcpi_eac) == (
        D("110000.00"),
        D("60000.00"),
        D("-10000.00"),
        D("-10.0"),
        D("1.00"),
    )
    assert rate.tcpi == D("1.20")  # TCPI to BAC does not depend on the method


def test_bottom_up_eac() -> None:
    # ETC entered 70,000 → EAC 50,000 + 70,000 = 120,000; VAC −20,000;
    # TCPI(EAC) 60,000 ÷ 70,000 = 0.857… → 0.86.
    figures = EvmFigures(
        D("100000"), D("50000"), D("40000"), D("50000"), EacMethod.BOTTOM_UP, D("70000")
    )
    assert (figures.eac, figures.etc, figures.vac, figures.tcpi_eac) == (
        D("120000.00"),
        D("70000.00"),
        D("-20000.00"),
        D("0.86"),
    )
    assert TEXTBOOK.with_method(EacMethod.BOTTOM_UP).etc is None


def test_nothing_done_and_nothing_spent_yet() -> None:
    # BAC 100,000 and nothing else: no index, no EAC that needs one.
    figures = EvmFigures(D("100000"), D("0"), D("0"), D("0"))
    assert (figures.cv, figures.sv) == (D("0.00"), D("0.00"))
    assert (figures.cpi, figures.spi) == (None, None)
    assert figures.eac_by(EacMethod.CPI) is None
    assert figures.eac_by(EacMethod.CPI_SPI) is None
    assert figures.eac_by(EacMethod.BUDGET_RATE) == D("100000.00")  # 0 + 100,000 − 0
    assert (figures.etc, figures.vac, figures.vac_percent, figures.tcpi_eac) == (None,) * 4
    assert figures.tcpi == D("1.00")  # 100,000 ÷ 100,000


def test_no_budget_at_all() -> None:
    figures = EvmFigures(D("0"), D("0"), D("0"), D("0"), EacMethod.BUDGET_RATE)
    assert figures.eac == D("0.00")
    assert figures.vac == D("0.00")
    assert figures.vac_percent is None  # 0 ÷ 0 BAC
    assert figures.tcpi is None  # BAC − AC = 0
    assert figures.tcpi_eac is None  # EAC − AC = 0


def test_cost_without_progress_and_progress_without_cost() -> None:
    # AC 5,000, EV 0: CPI 0.00, and BAC ÷ 0 has no answer.
    spent = EvmFigures(D("100000"), D("10000"), D("0"), D("5000"))
    assert (spent.cpi, spent.spi, spent.eac) == (D("0.00"), D("0.00"), None)
    # EV 1,000, AC 0: CPI has no answer, so neither has BAC ÷ CPI nor the CPI × SPI form.
    earned = EvmFigures(D("100000"), D("1000"), D("1000"), D("0"))
    assert (earned.cpi, earned.spi) == (None, D("1.00"))
    assert earned.eac_by(EacMethod.CPI) is None
    assert earned.eac_by(EacMethod.CPI_SPI) is None


def test_overspent_budget_has_no_tcpi() -> None:
    # BAC 100,000; EV 90,000; AC 120,000: BAC − AC < 0, no efficiency finishes within it.
    figures = EvmFigures(D("100000"), D("100000"), D("90000"), D("120000"))
    assert figures.tcpi is None
    # EAC = 100,000 × 120,000 ÷ 90,000 = 133,333.33; TCPI(EAC) = 10,000 ÷ 13,333.33 = 0.75.
    assert figures.eac == D("133333.33")
    assert figures.tcpi_eac == D("0.75")


def test_indices_round_half_up_to_2_places_and_eac_uses_the_exact_ratio() -> None:
    # 94,950 ÷ 100,000 = 0.9495 → 0.95.
    assert EvmFigures(D("1"), D("100000"), D("94950"), D("100000")).cpi == D("0.95")
    # EV 2,000, AC 3,000: CPI 0.666… → 0.67, but EAC = 100,000 × 3,000 ÷ 2,000 = 150,000.00,
    # not 100,000 ÷ 0.67 = 149,253.73.
    figures = EvmFigures(D("100000"), D("3000"), D("2000"), D("3000"))
    assert figures.cpi == D("0.67")
    assert figures.eac == D("150000.00")


def test_eac_methods_are_named() -> None:
    assert [m.value for m in EacMethod] == ["cpi", "budget_rate", "cpi_spi", "bottom_up"]
    assert EacMethod("cpi_spi").formula == "AC + (BAC − EV) ÷ (CPI × SPI)"
    assert all(m.label and m.formula for m in EacMethod)


def test_figures_as_of_the_status_date() -> None:
    # Thursday 26 Nov: BAC 2,000 (A + B + C); PV 1,040 (see the curve); EV 920; AC 1,000.
    # CPI 920 ÷ 1,000 = 0.92; SPI 920 ÷ 1,040 = 0.8846 → 0.88.
    figures = figures_as_of([TASK_A, TASK_B, TASK_C], THU, is_workday, D("1000"))
    assert (figures.bac, figures.pv, figures.ev, figures.ac) == (
        D("2000.00"),
        D("1040.00"),
        D("920.00"),
        D("1000.00"),
    )
    assert (figures.cpi, figures.spi) == (D("0.92"), D("0.88"))


# -- S-curve sampling -------------------------------------------------------------------


def test_period_ends() -> None:
    assert period_end(MON, Step.WEEK) == SUN
    assert period_end(SUN, Step.WEEK) == SUN
    assert period_end(date(2028, 2, 3), Step.MONTH) == date(2028, 2, 29)  # a leap year
    assert period_ends(date(2026, 11, 15), date(2027, 1, 2), Step.MONTH) == [
        date(2026, 11, 30),
        date(2026, 12, 31),
        date(2027, 1, 31),
    ]
    assert period_ends(MON, NEXT_TUE, Step.WEEK) == [SUN, date(2026, 12, 6)]
    assert choose_step(MON, MON + timedelta(days=100)) is Step.WEEK
    assert choose_step(MON, MON + timedelta(days=400)) is Step.MONTH


def test_s_curve_aligns_the_three_series() -> None:
    pv = planned_value_curve([TASK_A, TASK_B], is_workday)
    ev = [(FRI, D("700")), (MON, D("0"))]  # unsorted on purpose
    ac = [(THU, D("800"))]
    curve = s_curve(pv, ev, ac, Step.WEEK)
    # Samples: the first day, the Sundays, and the last EV and AC dates as measured.
    assert curve.dates == (MON, THU, FRI, SUN, date(2026, 12, 6))
    assert curve.pv == (D("200.00"), D("1040.00"), D("1360.00"), D("1360.00"), D("1600.00"))
    assert curve.ev == (D("0"), D("0"), D("700"), None, None)  # a gap after the status date
    assert curve.ac == (None, D("800"), None, None, None)  # unknown before its first point
    assert not curve.is_empty


def test_s_curve_of_nothing_is_empty() -> None:
    assert s_curve([], [], [], Step.MONTH) == SCurve()
    assert SCurve().is_empty


def test_figures_take_ints_and_stored_method_names_but_never_floats() -> None:
    figures = EvmFigures(100000, 50000, 40000, 50000, "budget_rate")  # type: ignore[arg-type]
    assert figures.bac == D("100000.00")
    assert figures.method is EacMethod.BUDGET_RATE
    assert figures.eac_by("cpi") == D("125000.00")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="float"):
        EvmFigures(D("1"), D("1"), 0.5, D("1"))  # type: ignore[arg-type]
