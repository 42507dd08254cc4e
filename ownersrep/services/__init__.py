"""Use cases. Each public method is one transaction and returns plain data (frozen
dataclasses) plus a `Changes` value; no ORM object or session leaves this package."""
