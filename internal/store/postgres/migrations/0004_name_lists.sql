-- The names a document gave an entity, as one list shared by every document that gave the
-- same ones, instead of a row per name and document: SQLite's migration 0006, which says
-- why. names and keys are JSON arrays written as Go writes them (no spaces), so that the
-- lists migrated here are the ones the writer looks up.
CREATE TABLE name_lists (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_id BIGINT NOT NULL REFERENCES entities (id),
    names     TEXT NOT NULL,
    keys      TEXT NOT NULL
);
CREATE INDEX name_lists_entity ON name_lists (entity_id);

CREATE TABLE doc_names (
    doc_pk    BIGINT NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
    entity_id BIGINT NOT NULL REFERENCES entities (id),
    list_id   BIGINT NOT NULL REFERENCES name_lists (id),
    PRIMARY KEY (doc_pk, entity_id)
);

CREATE TEMP TABLE migrate_doc_lists ON COMMIT DROP AS
    SELECT doc_pk, entity_id,
        '[' || string_agg(to_json(name)::text, ',' ORDER BY ord) || ']' AS names,
        '[' || string_agg(to_json(name_key)::text, ',' ORDER BY ord) || ']' AS keys
    FROM entity_names GROUP BY doc_pk, entity_id;
INSERT INTO name_lists (entity_id, names, keys)
    SELECT DISTINCT entity_id, names, keys FROM migrate_doc_lists ORDER BY entity_id, names, keys;
INSERT INTO doc_names (doc_pk, entity_id, list_id)
    SELECT d.doc_pk, d.entity_id, l.id FROM migrate_doc_lists d
    JOIN name_lists l ON l.entity_id = d.entity_id AND l.names = d.names AND l.keys = d.keys;
DROP TABLE entity_names;
