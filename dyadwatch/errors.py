"""Errors users see. Each message has a number, says what was expected, where, and how to fix it."""


class DyadwatchError(Exception):
    """Base class: a problem the user can act on."""


class DictionaryError(DyadwatchError):
    """A dictionary file does not fit its documented format (E010-E019)."""


class InputError(DyadwatchError):
    """An input could not be read or decoded (E020-E029)."""


class StoreError(DyadwatchError):
    """The store was given something it cannot take (E030-E039)."""


class FilterError(StoreError):
    """A query filter value is malformed (E040-E049)."""


class UnsafeURLError(DyadwatchError):
    """A URL points at a private, loopback or link-local address (E050)."""
