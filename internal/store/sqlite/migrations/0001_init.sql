-- Documents, entities, events and figures as `marsad extract` reads them.
--
-- Optional text is NULL when unknown, so ranges and counts skip it; the store returns it
-- as "". Offsets are Unicode code points in documents.text.

-- One row per article version. pk is the internal key (integer, for foreign keys and the
-- full-text rowid); id is the document id users see; hash (sha256 of the cleaned text) is
-- the identity of idempotent ingest.
CREATE TABLE documents (
    pk          INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    hash        TEXT NOT NULL UNIQUE,
    url         TEXT,
    source      TEXT,
    title       TEXT,
    published   TEXT,
    lang        TEXT,
    text        TEXT NOT NULL,
    ingested_at TEXT NOT NULL
) STRICT;
CREATE INDEX documents_published ON documents (published);

-- One row per distinct canonical entity. key is its identity: the lexicon id when the
-- extractor recognised it from project data, else type|country|folded name. Merging the
-- same entity across scripts (حموشي = Hammouchi) is entity resolution's job, which will
-- link rows rather than rewrite them.
CREATE TABLE entities (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    country    TEXT,
    lat        REAL,
    lon        REAL,
    lexicon_id TEXT UNIQUE
) STRICT;
CREATE INDEX entities_name_key ON entities (name_key);

-- Which documents name which entity (ord keeps the document's order).
CREATE TABLE doc_entities (
    doc_pk    INTEGER NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    ord       INTEGER NOT NULL,
    PRIMARY KEY (doc_pk, entity_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX doc_entities_entity ON doc_entities (entity_id);

-- Surface names of an entity, each with the document that used it: an alias is a claim
-- with a source like a figure, and a replaced document takes its aliases with it.
CREATE TABLE entity_names (
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    doc_pk    INTEGER NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    name_key  TEXT NOT NULL,
    ord       INTEGER NOT NULL,
    PRIMARY KEY (entity_id, doc_pk, name)
) STRICT, WITHOUT ROWID;
CREATE INDEX entity_names_key ON entity_names (name_key, entity_id);
CREATE INDEX entity_names_doc ON entity_names (doc_pk);

-- One row per event read from a document. Clusters of events across documents will be a
-- table of their own pointing here; an event row stays what one document said.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    doc_pk         INTEGER NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
    ord            INTEGER NOT NULL,
    type           TEXT NOT NULL,
    date_from      TEXT,
    date_to        TEXT,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    evidence_text  TEXT NOT NULL,
    UNIQUE (doc_pk, ord)
) STRICT;
CREATE INDEX events_type_date ON events (type, date_from);
CREATE INDEX events_date ON events (date_from);

CREATE TABLE event_places (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    ord       INTEGER NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    PRIMARY KEY (event_id, ord)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_places_entity ON event_places (entity_id);

-- Actors, participants, partners and affiliations: four lists of names of the same shape,
-- so one table with a role column.
CREATE TABLE event_roles (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('actor', 'participant', 'partner', 'affiliation')),
    ord      INTEGER NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (event_id, role, ord)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_roles_value ON event_roles (role, value);

-- A figure is a claim: a number one document states about one event, with the span it
-- was read from. doc_pk is repeated from the event so claims about the same fact from
-- several sources can be compared without a join.
CREATE TABLE figures (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    doc_pk     INTEGER NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    value      REAL NOT NULL,
    qualifier  TEXT NOT NULL,
    unit       TEXT,
    item       TEXT,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    UNIQUE (event_id, key)
) STRICT;
CREATE INDEX figures_key ON figures (key, value);
CREATE INDEX figures_doc ON figures (doc_pk);

-- Full-text index over documents. Contentless: the text lives once, in documents; the
-- index holds only terms, keyed by documents.pk. title and text are indexed with
-- diacritics removed (store.IndexText); norm holds the analyzer's form
-- (store.Config.NormText), empty when no analyzer is configured. Mn counts as a token
-- character so a stray mark never splits a word in two.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text, norm,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2 categories ''L* N* Co Mn'''
);
