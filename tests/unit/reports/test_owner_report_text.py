"""Text for the page: escaping, font runs by glyph coverage, Arabic shaping."""

from __future__ import annotations

from ownersrep.domain.health.rag import Rag
from ownersrep.reports.owner_report.fonts import FALLBACK, REGULAR
from ownersrep.reports.owner_report.rag import trend, word
from ownersrep.reports.owner_report.text import escape, fit, markup, runs, visual


def test_escape_and_markup_of_plain_text():
    assert escape("a & b < c > d") == "a &amp; b &lt; c &gt; d"
    assert markup("<b>not bold</b>") == "&lt;b&gt;not bold&lt;/b&gt;"


def test_cjk_runs_go_to_the_fallback_font():
    assert runs("Owner 王建国 signs") == (
        (REGULAR, "Owner "),
        (FALLBACK, "王建国 "),
        (REGULAR, "signs"),
    )
    assert markup("李明 & co") == f'<font name="{FALLBACK}">李明 &amp; </font>co'
    assert runs("Δήμητρα") == ((REGULAR, "Δήμητρα"),)


def test_arabic_is_joined_and_right_to_left():
    shown = visual("محمد")
    assert shown != "محمد"
    assert all(0xFE70 <= ord(ch) <= 0xFEFF for ch in shown)  # presentation forms, joined
    assert visual("Plain text") == "Plain text"


def test_fit_cuts_with_an_ellipsis():
    assert fit("short", REGULAR, 8, 200) == "short"
    cut = fit("a very long header text " * 10, REGULAR, 8, 100)
    assert cut.endswith("…") and len(cut) < 40


def test_rag_word_and_trend():
    assert word(Rag.RED) == "Red" and word(None) == "Not rated"
    assert trend(Rag.GREEN, Rag.AMBER) == "↑ better"
    assert trend(Rag.RED, Rag.AMBER) == "↓ worse"
    assert trend(Rag.AMBER, Rag.AMBER) == "→ same"
    assert trend(Rag.AMBER, None) == "–"
