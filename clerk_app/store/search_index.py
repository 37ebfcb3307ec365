"""Candidate retrieval for person search: SQLite FTS5 on workstations, a GIN text[] index on
PostgreSQL. Both index the same folded tokens, so both return the same candidates."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Sequence

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from clerk_app.core.search_types import Candidate, SearchFilters, SearchHit, TokenMatch
from clerk_app.search.fold import FOLD_VERSION
from clerk_app.search.neighbours import variant_rows
from clerk_app.store import models
from clerk_app.store.rows import search_keys

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


_HIT_COLUMNS = (
    "r.id, r.record_id, r.record_type, r.surname, r.given_name, r.patronymic, r.maiden_name, "
    "r.birth_date, r.script, a.code, fo.number, i.number, f.number, r.sheets, r.enterprise"
)
_HIT_JOINS = (
    "person_record r JOIN file_unit f ON f.id = r.file_unit_id "
    "JOIN inventory i ON i.id = f.inventory_id JOIN fonds fo ON fo.id = i.fonds_id "
    "JOIN archive a ON a.id = fo.archive_id"
)
_CANDIDATE_COLUMNS = (
    "r.id, r.search_tokens, r.birth_year, "
    "(CASE WHEN r.given_name IS NULL THEN 0 ELSE 1 END) "
    "+ (CASE WHEN r.patronymic IS NULL THEN 0 ELSE 1 END) + 1"
)
# the expression the GIN index of migration 0001 is built on: must be written the same way
_PG_TOKENS = "string_to_array(r.search_tokens, ' ')"


class SqlSearchIndex:
    """Queries go to the session's driver connection (same transaction): SQLAlchemy's
    statement handling cost more per query than the index lookups themselves."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self._dialect = session.get_bind().dialect.name

    def _run(self, sql: str, params: dict[str, object]) -> list[tuple]:  # type: ignore[type-arg]
        """Run SQL written with :name parameters on the driver; all rows."""
        if self._dialect != "sqlite":
            sql = re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql)
        cursor = self._s.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, params)
            return cursor.fetchall()
        finally:
            cursor.close()

    def _id_set(self, column: str, name: str, ids: Collection[object], params: dict) -> str:  # type: ignore[type-arg]
        """`column IN values` as one parameter (a JSON list on SQLite, an array on PostgreSQL)."""
        if self._dialect == "sqlite":
            params[name] = json.dumps(list(ids))
            return f"{column} IN (SELECT value FROM json_each(:{name}))"
        params[name] = list(ids)
        return f"{column} = ANY(:{name})"

    def neighbours(self, variants: Collection[str]) -> list[str]:
        if not variants:
            return []
        params: dict[str, object] = {}
        where = self._id_set("variant", "v", variants, params)
        return [
            t
            for (t,) in self._run(f"SELECT DISTINCT token FROM name_variant WHERE {where}", params)
        ]

    def candidates(
        self,
        match: TokenMatch,
        filters: SearchFilters,
        limit: int,
        exclude: Collection[int] = (),
    ) -> list[Candidate]:
        if not match.alternatives or limit <= 0:
            return []
        params: dict[str, object] = {"limit": limit}
        where = _filter_sql(filters, params, self._dialect)
        if exclude:
            where += " AND NOT " + self._id_set("r.id", "exclude", exclude, params)
        if self._dialect == "sqlite":
            params["match"] = _fts_expression(match)
            sql = (
                f"SELECT {_CANDIDATE_COLUMNS} FROM person_fts "
                "JOIN person_record r ON r.id = person_fts.rowid "
                f"WHERE person_fts MATCH :match{where} ORDER BY person_fts.rowid LIMIT :limit"
            )
        else:
            alternatives = []
            for a, groups in enumerate(match.alternatives):
                ands = []
                for g, group in enumerate(groups):
                    params[f"a{a}g{g}"] = list(group)
                    ands.append(f"{_PG_TOKENS} && CAST(:a{a}g{g} AS text[])")
                alternatives.append("(" + " AND ".join(ands) + ")")
            sql = (
                f"SELECT {_CANDIDATE_COLUMNS} FROM person_record r "
                f"WHERE ({' OR '.join(alternatives)}){where} ORDER BY r.id LIMIT :limit"
            )
        return [
            Candidate(rid, tuple(tokens.split()), present, year)
            for rid, tokens, year, present in self._run(sql, params)
        ]

    def hits(self, ids: Sequence[int]) -> dict[int, SearchHit]:
        if not ids:
            return {}
        params: dict[str, object] = {}
        where = self._id_set("r.id", "ids", ids, params)
        out: dict[int, SearchHit] = {}
        for row in self._run(f"SELECT {_HIT_COLUMNS} FROM {_HIT_JOINS} WHERE {where}", params):
            (rid, record_id, rtype, surname, given, patr, maiden, born, script, archive, fonds,
             inventory, file_no, sheets, enterprise) = row  # fmt: skip
            out[rid] = SearchHit(
                record_id=record_id,
                record_type=rtype,
                score=0.0,
                surname=surname,
                given_name=given,
                patronymic=patr,
                maiden_name=maiden,
                birth_date=born,
                script=script,
                archive=archive,
                fonds=fonds,
                inventory=inventory,
                file=file_no,
                sheets=sheets,
                enterprise=enterprise,
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
        self._s.execute(models.NameVariant.__table__.delete())
        tokens = [t for (t,) in conn.execute(text("SELECT token FROM name_vocab"))]
        rows = variant_rows(tokens)
        for start in range(0, len(rows), 20_000):
            conn.execute(
                text("INSERT INTO name_variant (variant, token) VALUES (:v, :t)"),
                [{"v": v, "t": t} for v, t in rows[start : start + 20_000]],
            )
        return changed


def _fts_expression(match: TokenMatch) -> str:
    """FTS5 query text; tokens are folded a-z words, so quoting them is enough."""
    return " OR ".join(
        "("
        + " AND ".join("(" + " OR ".join(f'"{t}"' for t in group) + ")" for group in groups)
        + ")"
        for groups in match.alternatives
    )
