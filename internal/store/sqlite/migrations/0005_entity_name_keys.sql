-- The names documents gave each entity, folded, once per entity instead of once per
-- document: entity_name_keys replaces the index entity_names_key (name_key, entity_id),
-- which held a row for every name of every document (18 a document on the news corpora,
-- the lexicon's aliases of each entity named) in about 20,000 distinct (name, entity)
-- pairs. Each document's inserts landed beside the earlier ones of each pair, a page
-- apiece, so the pages a batch dirtied spread over the whole index, which outgrew the
-- writer's cache: at 100,000 documents these inserts were a third of the writer's time.
--
-- docs counts the stored documents that gave entity_id the name (folded to name_key), so
-- a row goes when the last of them is replaced (sqlstore's putTx keeps the count): the
-- place filter finds an entity by a name exactly when some stored document gives it that
-- name, as it did through the index. entity_names keeps every name of every document,
-- for reading documents and events back.
CREATE TABLE entity_name_keys (
    name_key  TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    docs      INTEGER NOT NULL,
    PRIMARY KEY (name_key, entity_id)
) STRICT, WITHOUT ROWID;
INSERT INTO entity_name_keys (name_key, entity_id, docs)
    SELECT name_key, entity_id, COUNT(DISTINCT doc_pk) FROM entity_names
    GROUP BY name_key, entity_id ORDER BY name_key, entity_id;
DROP INDEX entity_names_key;
