"""The search's evaluation sets (tests/search/queries/), read by the tests and the benchmark.

- tuning.tsv: queries the search may be tuned on, with the accepted matters or bundles;
- heldout.tsv: queries written before tuning and never tuned on;
- out_of_scope.tsv: needs outside the catalogue, which must be answered with no matter;
- out_of_scope_probe.tsv: everyday needs outside the catalogue that name no
  known out-of-scope word (tuning; reported, not yet floored);
- heldout_fresh.tsv and out_of_scope_fresh.tsv: a second held-out set (issue #20),
  written and committed before any change of that round, never tuned on;
- heldout_third.tsv and out_of_scope_third.tsv: a third held-out set (issue #20,
  third round), in hotline, Q&A, complaint, spoken, elderly, dialect and initials
  styles, written and committed before any change of that round, never tuned on;
- heldout_fourth.tsv and out_of_scope_fourth.tsv: a fourth held-out set (issue #20,
  seventh round), with typing slips as well, written and committed before any change
  of that round, never tuned on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

DIR = Path(__file__).with_name("queries")
TOP = 3


@dataclass(frozen=True)
class Row:
    query: str
    accepted: frozenset[str]  # empty for an out-of-scope need
    style: str
    part: str  # "tuning" or "heldout"


def _lines(name: str) -> Iterable[list[str]]:
    for line in (DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def in_scope(part: str) -> list[Row]:
    """The queries of ``part`` ("tuning", "heldout", "heldout_fresh",
    "heldout_third" or "heldout_fourth") with their accepted codes."""
    return [
        Row(query, frozenset(codes.split("|")), style, part)
        for query, codes, style in _lines(f"{part}.tsv")
    ]


def out_of_scope(part: str | None = None) -> list[Row]:
    rows = [Row(query, frozenset(), style, p) for query, p, style in _lines("out_of_scope.tsv")]
    return [row for row in rows if part is None or row.part == part]


def _needs(name: str, part: str) -> list[Row]:
    """Out-of-scope needs listed one a line (query, style) in ``name``.tsv, as ``part``."""
    return [Row(query, frozenset(), style, part) for query, style in _lines(f"{name}.tsv")]


def out_of_scope_fresh() -> list[Row]:
    """The out-of-scope needs of the second held-out set."""
    return _needs("out_of_scope_fresh", "heldout_fresh")


def out_of_scope_third() -> list[Row]:
    """The out-of-scope needs of the third held-out set."""
    return _needs("out_of_scope_third", "heldout_third")


def out_of_scope_fourth() -> list[Row]:
    """The out-of-scope needs of the fourth held-out set."""
    return _needs("out_of_scope_fourth", "heldout_fourth")


def out_of_scope_probe() -> list[Row]:
    """Everyday out-of-scope needs that name no known out-of-scope word (tuning)."""
    return _needs("out_of_scope_probe", "tuning")


@dataclass
class Score:
    hits: int
    total: int
    misses: list[str]

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 0.0


def top_three(search: Callable[[str], list[str]], rows: list[Row]) -> Score:
    """How many queries have an accepted code among the first three results."""
    misses = []
    for row in rows:
        codes = search(row.query)[:TOP]
        if not row.accepted & set(codes):
            misses.append(f"{row.query} → {codes} (accepted {'|'.join(sorted(row.accepted))})")
    return Score(len(rows) - len(misses), len(rows), misses)


def answered_with_nothing(search: Callable[[str], list[str]], rows: list[Row]) -> Score:
    """How many out-of-scope needs get no matter at all."""
    misses = [f"{row.query} → {codes}" for row in rows if (codes := search(row.query))]
    return Score(len(rows) - len(misses), len(rows), misses)
