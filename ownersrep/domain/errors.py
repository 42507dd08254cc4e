"""Errors whose message is written for the user, never a traceback."""

from __future__ import annotations


class OwnersRepError(Exception):
    """Base of every error whose text may be shown to the user as is."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class ValidationError(OwnersRepError):
    """A value the user entered is not acceptable. Names the field that is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


class NotFoundError(OwnersRepError):
    """The record the user acted on no longer exists (deleted elsewhere, or undone)."""

    def __init__(self, entity: str, entity_id: object) -> None:
        super().__init__(f"The {entity} #{entity_id} no longer exists.")
        self.entity = entity
        self.entity_id = entity_id


class WorkspaceError(OwnersRepError):
    """A workspace file cannot be opened or used; the file is left untouched."""


class WorkspaceLockedError(WorkspaceError):
    """Another OwnersRep window or process already has this workspace open."""
