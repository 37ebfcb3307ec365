"""The typed questions and answers of a person search."""

from __future__ import annotations

from dataclasses import dataclass, field

from clerk_app.core.records import CIVIL_STATUS_TYPES, RecordType


@dataclass(frozen=True)
class SearchFilters:
    born_from: int | None = None
    born_to: int | None = None
    types: frozenset[RecordType] = frozenset()
    enterprise: str | None = None  # case-insensitive substring
    period_from: int | None = None  # the record speaks about some year in [from, to]
    period_to: int | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            k: v for k, v in self.__dict__.items() if v not in (None, frozenset())
        }
        if self.types:
            out["types"] = sorted(t.value for t in self.types)
        return out


@dataclass(frozen=True)
class TokenMatch:
    """Which index rows a retrieval tier wants: those whose tokens satisfy any alternative;
    an alternative is an AND of groups, a group an OR of tokens."""

    alternatives: tuple[tuple[tuple[str, ...], ...], ...]


@dataclass(frozen=True)
class Candidate:
    """A row the index proposes, with just enough to rerank it."""

    id: int
    tokens: tuple[str, ...]  # the record's search tokens
    fields_present: int  # how many of surname / given name / patronymic the record has
    birth_year: int | None


@dataclass(frozen=True)
class Match:
    query_word: str
    record_token: str
    similarity: float


@dataclass(frozen=True)
class RankedCandidate:
    id: int
    score: float
    matches: tuple[Match, ...]


@dataclass(frozen=True)
class SearchHit:
    record_id: str
    record_type: str
    score: float
    surname: str
    given_name: str | None
    patronymic: str | None
    maiden_name: str | None
    birth_date: str | None
    script: str
    archive: str
    fonds: str
    inventory: str
    file: str
    sheets: str
    enterprise: str | None
    matches: tuple[Match, ...] = ()

    def citation(self) -> str:
        return f"{self.archive} {self.fonds}/{self.inventory}/{self.file}, {self.sheets}"


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[SearchHit] = field(default_factory=list)
    expanded: dict[str, list[str]] = field(default_factory=dict)  # query word -> keys tried
    relaxed: bool = False  # the fallback (looser typo threshold) was used


def record_types(names: list[str] | tuple[str, ...]) -> frozenset[RecordType]:
    """Parse type names; 'civil' stands for birth, marriage and death records."""
    out: set[RecordType] = set()
    for name in names:
        out |= set(CIVIL_STATUS_TYPES) if name == "civil" else {RecordType(name)}
    return frozenset(out)
