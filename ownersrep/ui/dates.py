"""Dates between Python and Qt, and the one date format every view and editor uses."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

DATE_FORMAT = "dd MMM yyyy"  # 21 Nov 2026: unambiguous for US and European readers


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(value: date, parent: QWidget | None = None) -> QDateEdit:
    """A date editor with a calendar popup, in the house format."""
    edit = QDateEdit(to_qdate(value), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    return edit
