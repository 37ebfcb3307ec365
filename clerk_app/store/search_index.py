"""Candidate retrieval for person search: SQLite FTS5 on workstations, a GIN text[] index on
PostgreSQL. Both index the same folded tokens, so both return the same candidates."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from clerk_app.core.search_types import Candidate, SearchFilters, SearchHit
from clerk_app.search.fold import FOLD_VERSION
from clerk_app.store import models
from clerk_app.store.records_repo import search_keys

_REC = models.PersonRecord.__table__


def _filter_sql(filters: SearchFilters, params: dict[str, object], dialect: str) -> str:
    clauses: list[str] = []
    if filters.born_from is not None:
        clauses.append("r.birth_year >= :born_from")
        params["born_from"] = filters.born_from
    if filters.born_to is not None:
        clauses.append("r.birth_year <= :born_to")
        params["born_to"] = filters.born_to
    if filters.types:
        names = []
        for i, t in enumerate(sorted(filters.types)):
            params[f"type{i}"] = t.value
            names.append(f":type{i}")
        clauses.append(f"r.record_type IN ({', '.join(names)})")
    if filters.enterprise:
        fold = "casefold" if dialect == "sqlite" else "lower"
        clauses.append(f"{fold}(r.enterprise) LIKE :enterprise")
        params["enterprise"] = f"%{filters.enterprise.casefold()}%"
    if filters.period_from is not None:
        clauses.append("r.period_to >= :period_from")
        params["period_from"] = filters.period_from
    if filters.period_to is not None:
        clauses.append("r.period_from <= :period_to")
        params["period_to"] = filters.period_to
    return "".join(f" AND {c}" for c in clauses)


class SqlSearchIndex:
    def __init__(self, session: Session) -> None:
        self._s = session
        self._dialect = session.get_bind().dialect.name

    def vocabulary(self) -> list[str]:
        return list(self._s.execute(select(models.NameVocab.token)).scalars())

    def vocabulary_size(self) -> int:
        return self._s.execute(select(func.count()).select_from(models.NameVocab)).scalar_one()

    def candidates(
        self, groups: Sequence[Sequence[str]], filters: SearchFilters, min_groups: int, limit: int
    ) -> list[Candidate]:
        if not groups:
            return []
        params: dict[str, object] = {"limit": limit}
        where = _filter_sql(filters, params, self._dialect)
        cols = (
            "r.id, r.search_tokens, r.birth_year, "
            "(CASE WHEN r.given_name IS NULL THEN 0 ELSE 1 END) "
            "+ (CASE WHEN r.patronymic IS NULL THEN 0 ELSE 1 END) + 1"
        )
        if self._dialect == "sqlite":
            params["match"] = _fts_expression(groups, min_groups)
            sql = (
                f"SELECT {cols} FROM person_fts JOIN person_record r ON r.id = person_fts.rowid "
                f"WHERE person_fts MATCH :match{where} ORDER BY bm25(person_fts) LIMIT :limit"
            )
        else:
            tok = "string_to_array(r.search_tokens, ' ')"
            hits = []
            for i, group in enumerate(groups):
                params[f"g{i}"] = list(group)
                hits.append(f"({tok} && CAST(:g{i} AS text[]))::int")
            params["all"] = sorted({t for g in groups for t in g})
            exact = [f"({tok} && CAST(:e{i} AS text[]))::int" for i in range(len(groups))]
            for i, group in enumerate(groups):
                params[f"e{i}"] = list(group[:1])
            sql = (
                f"SELECT {cols} FROM person_record r WHERE {tok} && CAST(:all AS text[]) "
                f"AND ({' + '.join(hits)}) >= :min_groups{where} "
                f"ORDER BY ({' + '.join(hits)}) + ({' + '.join(exact)}) DESC, r.id LIMIT :limit"
            )
            params["min_groups"] = min_groups
        return [
            Candidate(rid, tuple(tokens.split()), present, year)
            for rid, tokens, year, present in self._s.execute(text(sql), params)
        ]

    def hits(self, ids: Sequence[int]) -> dict[int, SearchHit]:
        if not ids:
            return {}
        r, f, i, fo, a = (
            models.PersonRecord,
            models.FileUnit,
            models.Inventory,
            models.Fonds,
            models.Archive,
        )
        rows = self._s.execute(
            select(r, f.number, i.number, fo.number, a.code)
            .join(f, f.id == r.file_unit_id)
            .join(i, i.id == f.inventory_id)
            .join(fo, fo.id == i.fonds_id)
            .join(a, a.id == fo.archive_id)
            .where(r.id.in_(ids))
        )
        out: dict[int, SearchHit] = {}
        for rec, file_no, inv_no, fonds_no, archive in rows:
            out[rec.id] = SearchHit(
                record_id=rec.record_id,
                record_type=rec.record_type,
                score=0.0,
                surname=rec.surname,
                given_name=rec.given_name,
                patronymic=rec.patronymic,
                maiden_name=rec.maiden_name,
                birth_date=rec.birth_date,
                script=rec.script,
                archive=archive,
                fonds=fonds_no,
                inventory=inv_no,
                file=file_no,
                sheets=rec.sheets,
                enterprise=rec.enterprise,
            )
        return out

    def rebuild(self, force: bool = False) -> int:
        """Recompute search keys made by an older fold (or all), the vocabulary and the index."""
        stale = select(
            _REC.c.id, _REC.c.surname, _REC.c.given_name, _REC.c.patronymic, _REC.c.maiden_name
        )
        if not force:
            stale = stale.where(_REC.c.fold_version != FOLD_VERSION)
        changed = 0
        batch: list[dict[str, object]] = []
        conn = self._s.connection()
        update_sql = text(
            "UPDATE person_record SET name_key = :k, search_tokens = :t, fold_version = :v "
            "WHERE id = :id"
        )
        for rid, surname, given, patr, maiden in self._s.execute(stale).all():
            key, tokens = search_keys(surname, given, patr, maiden)
            batch.append({"id": rid, "k": key, "t": tokens, "v": FOLD_VERSION})
            if len(batch) >= 5000:
                conn.execute(update_sql, batch)
                changed += len(batch)
                batch.clear()
        if batch:
            conn.execute(update_sql, batch)
            changed += len(batch)
        self._s.execute(models.NameVocab.__table__.delete())
        conn.execute(
            text(
                "INSERT INTO name_vocab(token) SELECT DISTINCT t FROM ("
                + (
                    "SELECT value AS t FROM person_record, json_each('[\"' || "
                    "replace(search_tokens, ' ', '\",\"') || '\"]')"
                    if self._dialect == "sqlite"
                    else "SELECT unnest(string_to_array(search_tokens, ' ')) AS t "
                    "FROM person_record"
                )
                + ") v WHERE t <> ''"
            )
        )
        if self._dialect == "sqlite":
            conn.execute(text("INSERT INTO person_fts(person_fts) VALUES ('rebuild')"))
        return changed


def _fts_expression(groups: Sequence[Sequence[str]], min_groups: int) -> str:
    ors = ["(" + " OR ".join(f'"{t}"' for t in group) + ")" for group in groups]
    if min_groups >= len(ors):
        return " AND ".join(ors)
    return " OR ".join(
        "(" + " AND ".join(combo) + ")" for combo in combinations(ors, max(min_groups, 1))
    )
