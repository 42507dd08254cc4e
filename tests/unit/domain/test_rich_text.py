"""The narrative's HTML subset: sanitising, reading into blocks, writing back."""

from __future__ import annotations

from ownersrep.domain.rich_text import TextBlock, TextRun, blocks_of, html_of, sanitize_html
from ownersrep.services import report_types

# What QTextEdit.toHtml() writes for "Pour **done** and *__late__*", a list and a link.
QT_HTML = (
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0//EN" '
    '"http://www.w3.org/TR/REC-html40/strict.dtd">\n'
    '<html><head><meta name="qrichtext" content="1" /><meta charset="utf-8" />'
    '<style type="text/css">\np, li { white-space: pre-wrap; }\n'
    "hr { height: 1px; border-width: 0; }\n</style></head>"
    "<body style=\" font-family:'Sans Serif'; font-size:10pt; font-weight:400; "
    'font-style:normal;">\n'
    '<p style=" margin-top:0px; margin-bottom:0px; -qt-block-indent:0; text-indent:0px;">'
    'Pour <span style=" font-weight:700;">done</span> and '
    '<span style=" font-style:italic; text-decoration: underline;">late</span></p>\n'
    '<ul style="margin-top: 0px; margin-bottom: 0px; -qt-list-indent: 1;">'
    '<li style=" margin-top:12px;">Level 2 slab</li>\n'
    '<li style=" margin-top:0px;">Roof <span style=" font-weight:600;">dry-in</span></li>'
    "</ul>\n"
    '<p style=" margin-top:0px;"><a href="https://example.com">'
    '<span style=" text-decoration: underline; color:#0000ff;">site</span></a> photos</p>'
    "</body></html>"
)


def test_qt_html_keeps_only_the_subset() -> None:
    assert sanitize_html(QT_HTML) == (
        "<p>Pour <b>done</b> and <i><u>late</u></i></p>"
        "<ul><li>Level 2 slab</li><li>Roof <b>dry-in</b></li></ul>"
        "<p><u>site</u> photos</p>"
    )


def test_qt_html_reads_as_blocks_of_runs() -> None:
    blocks = blocks_of(QT_HTML)
    assert blocks[0] == TextBlock(
        "p",
        (
            TextRun("Pour "),
            TextRun("done", bold=True),
            TextRun(" and "),
            TextRun("late", italic=True, underline=True),
        ),
    )
    assert [b.kind for b in blocks] == ["p", "li", "li", "p"]
    assert blocks[2].runs == (TextRun("Roof "), TextRun("dry-in", bold=True))


def test_scripts_styles_and_attributes_are_dropped() -> None:
    dirty = (
        '<p onclick="steal()" class="x">Safe<script>alert("x")</script> text'
        "<style>p{color:red}</style><img src=x onerror=alert(1)></p>"
        '<iframe src="evil">inside</iframe><b style="color:red">bold</b>'
    )
    assert sanitize_html(dirty) == "<p>Safe text</p><p><b>bold</b></p>"


def test_text_is_escaped_and_line_breaks_kept() -> None:
    assert sanitize_html("<p>a &lt; b &amp; c<br>next</p>") == "<p>a &lt; b &amp; c<br>next</p>"
    assert blocks_of("<p>a<br/>b</p>") == (TextBlock("p", (TextRun("a\nb"),)),)


def test_plain_text_and_empty_input() -> None:
    assert sanitize_html("just words") == "<p>just words</p>"
    assert sanitize_html("") == ""
    assert blocks_of("   ") == ()
    assert sanitize_html("<p> </p><p></p>") == ""


def test_html_of_round_trips_the_subset() -> None:
    blocks = (
        TextBlock("p", (TextRun("A "), TextRun("b", bold=True, italic=True))),
        TextBlock("li", (TextRun("one"),)),
        TextBlock("li", (TextRun("two", underline=True),)),
    )
    text = html_of(blocks)
    assert text == "<p>A <b><i>b</i></b></p><ul><li>one</li><li><u>two</u></li></ul>"
    assert blocks_of(text) == blocks
    assert sanitize_html(text) == text


def test_report_types_re_exports_the_same_classes() -> None:
    assert report_types.TextRun is TextRun
    assert report_types.TextBlock is TextBlock
