"""The rotation rule, on synthetic times: 5 newest + newest per day (7 days) + newest per
ISO week (5 weeks)."""

from __future__ import annotations

from datetime import datetime, timedelta

from ownersrep.db.backup import rotation_keep

# Wednesday of ISO week 48, 2026.
NOW = datetime(2026, 11, 25, 18, 0)


def kept(times: list[datetime], now: datetime = NOW) -> list[datetime]:
    return sorted((times[i] for i in rotation_keep(times, now)), reverse=True)


def test_few_backups_are_all_kept() -> None:
    times = [NOW - timedelta(days=400), NOW - timedelta(days=90), NOW - timedelta(hours=1)]
    assert rotation_keep(times, NOW) == {0, 1, 2}


def test_empty() -> None:
    assert rotation_keep([], NOW) == set()


def test_many_today_keeps_the_five_newest() -> None:
    times = [NOW.replace(hour=0) + timedelta(minutes=30 * i) for i in range(30)]
    assert kept(times) == sorted(times, reverse=True)[:5]


def test_one_a_day_for_two_months() -> None:
    times = [datetime(2026, 11, 25, 12) - timedelta(days=d) for d in range(60)]
    expected_days = [25, 24, 23, 22, 21, 20, 19]  # the last 7 calendar days
    # Newest of each earlier ISO week: Sun 15 Nov, Sun 8 Nov, Sun 1 Nov. The weeks of
    # 23 Nov and 16 Nov are covered by the daily ones (25 and 22 Nov).
    expected = [datetime(2026, 11, d, 12) for d in [*expected_days, 15, 8, 1]]
    assert kept(times) == expected


def test_several_a_day_keeps_only_the_newest_of_older_days() -> None:
    times = [
        datetime(2026, 11, 25, 17),
        datetime(2026, 11, 25, 16),
        datetime(2026, 11, 25, 15),
        datetime(2026, 11, 25, 14),
        datetime(2026, 11, 25, 13),  # five newest end here
        datetime(2026, 11, 25, 12),  # same day, not among the five: dropped
        datetime(2026, 11, 24, 20),  # newest of the 24th: kept
        datetime(2026, 11, 24, 9),  # dropped
        datetime(2026, 11, 18, 23),  # 7 days back: outside the daily window; newest of
        datetime(2026, 11, 18, 8),  # ISO week 47 is the 18th 23:00 -> kept; this dropped
    ]
    assert kept(times) == [
        datetime(2026, 11, 25, 17),
        datetime(2026, 11, 25, 16),
        datetime(2026, 11, 25, 15),
        datetime(2026, 11, 25, 14),
        datetime(2026, 11, 25, 13),
        datetime(2026, 11, 24, 20),
        datetime(2026, 11, 18, 23),
    ]


def test_weeks_start_on_monday_and_span_the_new_year() -> None:
    # Wednesday of ISO week 1 of 2027 (Mon 4 Jan). 2026 has 53 ISO weeks: week 53 runs
    # from Mon 28 Dec to Sun 3 Jan, so the five weeks kept start on 4 Jan, 28 Dec,
    # 21 Dec, 14 Dec and 7 Dec.
    now = datetime(2027, 1, 6, 12)
    times = [
        datetime(2027, 1, 6, 9),
        datetime(2027, 1, 6, 8),
        datetime(2027, 1, 6, 7),
        datetime(2027, 1, 6, 6),
        datetime(2027, 1, 6, 5),
        datetime(2026, 12, 27, 22),  # Sunday of week 52: newest of its week -> kept
        datetime(2026, 12, 21, 1),  # Monday of week 52: older in the same week -> dropped
        datetime(2026, 12, 20, 23),  # Sunday of week 51 -> kept
        datetime(2026, 12, 7, 0, 30),  # Monday of week 50, 4 weeks back -> kept
        datetime(2026, 12, 6, 23, 30),  # Sunday of week 49, 5 weeks back -> dropped
    ]
    assert set(kept(times, now)) == set(times) - {
        datetime(2026, 12, 21, 1),
        datetime(2026, 12, 6, 23, 30),
    }


def test_iso_week_53_and_the_week_after() -> None:
    now = datetime(2027, 1, 13, 12)  # Wednesday of ISO week 2, 2027
    times = [now - timedelta(minutes=i) for i in range(5)] + [
        datetime(2026, 12, 31, 12),  # Thursday of ISO week 53 of 2026 -> kept
        datetime(2026, 12, 28, 12),  # Monday of week 53 -> dropped (older, same week)
        datetime(2027, 1, 3, 12),  # Sunday, still week 53 -> newest of week 53: kept
    ]
    result = set(kept(times, now))
    assert datetime(2027, 1, 3, 12) in result
    assert datetime(2026, 12, 31, 12) not in result
    assert datetime(2026, 12, 28, 12) not in result


def test_future_backups_from_a_clock_set_back_are_kept() -> None:
    future = [NOW + timedelta(days=3, minutes=i) for i in range(6)]
    old = [NOW - timedelta(days=100)]
    result = kept(future + old)
    assert NOW - timedelta(days=100) not in result
    assert len(result) == 5  # the five newest; the sixth future one shares their day
    assert result == sorted(future, reverse=True)[:5]


def test_input_order_does_not_matter() -> None:
    times = [datetime(2026, 11, 25, 12) - timedelta(days=d) for d in range(60)]
    shuffled = times[::-1]
    assert kept(shuffled) == kept(times)
    assert len(rotation_keep(shuffled, NOW)) == 10


def test_window_sizes_are_parameters() -> None:
    times = [datetime(2026, 11, 25, 12) - timedelta(days=d) for d in range(10)]
    keep = rotation_keep(times, NOW, recent=1, days=2, weeks=0)
    assert sorted(times[i] for i in keep) == [
        datetime(2026, 11, 24, 12),
        datetime(2026, 11, 25, 12),
    ]
