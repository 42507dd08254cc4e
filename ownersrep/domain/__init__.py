"""Pure rules: no Qt, no database. Everything here is testable with plain values."""
