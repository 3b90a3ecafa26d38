"""The one error the records layer raises: a store that cannot be used, in one line."""

from __future__ import annotations


class StoreError(RuntimeError):
    """A store that is locked, read-only, unreachable or from a newer callsim.

    The message is one line meant for the trainee or trainer; callers print it
    and go on (a call is still played and its transcript still written)."""
