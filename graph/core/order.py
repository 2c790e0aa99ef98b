"""One total order for facts, dataclasses and their optional fields: a missing value sorts first.

Facts have optional fields (an inspection's year and inspectorate, a departure's role, reason and
date, an entity's kind of body), and Python cannot order ``None`` against a value: two inspections
told in one sentence, one with its year and one without, made ``sorted()`` raise, and one article
stopped a whole build. Every ordering of facts goes through :func:`order_key`, or through
:class:`NoneFirst`, the comparisons the model's dataclasses inherit in place of ``order=True``.

Where no field is missing, the order is the one ``order=True`` gave (fields compared in turn, as a
tuple), so outputs built before are unchanged; a missing value sorts before any value, and two
missing values are equal.
"""

from __future__ import annotations

import dataclasses
from typing import Any

__all__ = ["NoneFirst", "order_key"]


_FIELDS: dict[type, tuple[str, ...]] = {}


def _compared_fields(cls: type) -> tuple[str, ...]:
    """The fields a dataclass compares (``field(compare=False)`` ones left out), in order."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls) if f.compare)
    return names


def order_key(value: Any) -> tuple[Any, ...]:
    """A key that orders any value ``None``-first, total over missing fields.

    ``None`` -> ``(0,)``; a dataclass -> its compared fields' keys; a tuple or list -> its
    items' keys; a set -> its items' keys, sorted (sets themselves are only partially ordered);
    anything else -> ``(1, value)``. Two values with equal keys are equal."""
    if value is None:
        return (0,)
    if isinstance(value, (str, int, float)):  # the common case first
        return (1, value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (1, tuple(order_key(getattr(value, name)) for name in _compared_fields(type(value))))
    if isinstance(value, (tuple, list)):
        return (1, tuple(order_key(v) for v in value))
    if isinstance(value, (set, frozenset)):
        return (1, tuple(sorted(order_key(v) for v in value)))
    return (1, value)


class NoneFirst:
    """``<``, ``<=``, ``>``, ``>=`` for a dataclass: its compared fields in turn, as ``order=True``
    compares them, the first that differs deciding by :func:`order_key` (so a missing value sorts
    first). Nothing is computed past that field: sorting many records costs what ``order=True``
    did. Instances of different classes are not ordered, as with ``order=True``.

    Declare the dataclass without ``order=True``: ``@dataclass(frozen=True) class X(NoneFirst)``."""

    __slots__ = ()

    def _compare(self, other: object) -> int:
        for name in _compared_fields(type(self)):
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine == theirs:
                continue
            a, b = order_key(mine), order_key(theirs)
            if a != b:
                return -1 if a < b else 1
        return 0

    def __lt__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compare(other) < 0

    def __le__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compare(other) <= 0

    def __gt__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compare(other) > 0

    def __ge__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compare(other) >= 0
