-- The names documents gave each entity, folded, once per entity instead of once per
-- document: entity_name_keys replaces the index entity_names_key (name_key, entity_id),
-- which held a row for every name of every document (18 a document on the news corpora,
-- the lexicon's aliases of each entity named). The schema is SQLite's (its migration
-- 0005), whose writer this spares a third of its time at 100,000 documents; both
-- backends run the same statements on it.
--
-- docs counts the stored documents that gave entity_id the name (folded to name_key), so
-- a row goes when the last of them is replaced (sqlstore's putTx keeps the count): the
-- place filter finds an entity by a name exactly when some stored document gives it that
-- name, as it did through the index.
CREATE TABLE entity_name_keys (
    name_key  TEXT NOT NULL,
    entity_id BIGINT NOT NULL REFERENCES entities (id),
    docs      INTEGER NOT NULL,
    PRIMARY KEY (name_key, entity_id)
);
INSERT INTO entity_name_keys (name_key, entity_id, docs)
    SELECT name_key, entity_id, COUNT(DISTINCT doc_pk) FROM entity_names GROUP BY name_key, entity_id;
DROP INDEX entity_names_key;
