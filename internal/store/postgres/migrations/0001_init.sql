-- Documents, entities, events and figures as `marsad extract` reads them: the SQLite
-- schema (store/sqlite/migrations) in PostgreSQL's types, so the shared queries of
-- store/sqlstore run on both. Comments there say why each table is shaped as it is.
--
-- Dates (YYYY, YYYY-MM or YYYY-MM-DD) are text compared bytewise, as SQLite compares
-- them: COLLATE "C", whatever the database's locale, so that "2023~" sorts after every
-- day of 2023 (store.FilterSQL) and ORDER BY puts them in time order.

CREATE TABLE documents (
    pk          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    hash        TEXT NOT NULL UNIQUE,
    url         TEXT,
    source      TEXT,
    title       TEXT,
    published   TEXT COLLATE "C",
    lang        TEXT,
    text        TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published);

CREATE TABLE entities (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    country    TEXT,
    lat        DOUBLE PRECISION,
    lon        DOUBLE PRECISION,
    lexicon_id TEXT UNIQUE
);
CREATE INDEX entities_name_key ON entities (name_key);

CREATE TABLE doc_entities (
    doc_pk    BIGINT NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
    entity_id BIGINT NOT NULL REFERENCES entities (id),
    ord       INTEGER NOT NULL,
    PRIMARY KEY (doc_pk, entity_id)
);
CREATE INDEX doc_entities_entity ON doc_entities (entity_id);

CREATE TABLE entity_names (
    entity_id BIGINT NOT NULL REFERENCES entities (id),
    doc_pk    BIGINT NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    name_key  TEXT NOT NULL,
    ord       INTEGER NOT NULL,
    PRIMARY KEY (entity_id, doc_pk, name)
);
CREATE INDEX entity_names_key ON entity_names (name_key, entity_id);
CREATE INDEX entity_names_doc ON entity_names (doc_pk);

CREATE TABLE events (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_pk         BIGINT NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
    ord            INTEGER NOT NULL,
    type           TEXT NOT NULL,
    date_from      TEXT COLLATE "C",
    date_to        TEXT COLLATE "C",
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    evidence_text  TEXT NOT NULL,
    UNIQUE (doc_pk, ord)
);
CREATE INDEX events_type_date ON events (type, date_from);
CREATE INDEX events_date ON events (date_from);

CREATE TABLE event_places (
    event_id  BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ord       INTEGER NOT NULL,
    entity_id BIGINT NOT NULL REFERENCES entities (id),
    PRIMARY KEY (event_id, ord)
);
CREATE INDEX event_places_entity ON event_places (entity_id);

CREATE TABLE event_roles (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('actor', 'participant', 'partner', 'affiliation')),
    ord      INTEGER NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (event_id, role, ord)
);
CREATE INDEX event_roles_value ON event_roles (role, value);

CREATE TABLE figures (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    doc_pk     BIGINT NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    value      DOUBLE PRECISION NOT NULL,
    qualifier  TEXT NOT NULL,
    unit       TEXT,
    item       TEXT,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    UNIQUE (event_id, key)
);
CREATE INDEX figures_key ON figures (key, value);
CREATE INDEX figures_doc ON figures (doc_pk);

-- Full-text search over the analyzer's terms (store/search): the title weighs A, the
-- body B. The 'simple' configuration only lower-cases and splits, which leaves the
-- analyzer's terms as they are; the query is analyzed by the same Go code and matched
-- with plainto_tsquery('simple', ...), so both sides agree. A table of its own rather
-- than a column of documents: re-indexing rewrites only these rows.
CREATE TABLE doc_search (
    doc_pk BIGINT PRIMARY KEY REFERENCES documents (pk) ON DELETE CASCADE,
    tsv    TSVECTOR NOT NULL
);
CREATE INDEX doc_search_tsv ON doc_search USING GIN (tsv);

-- 'analyzer' is the search.Version the index was built with (see store/sqlstore).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
