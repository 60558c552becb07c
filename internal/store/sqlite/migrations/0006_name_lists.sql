-- The names a document gave an entity, as one list shared by every document that gave the
-- same ones, instead of a row per name and document. News documents give the lexicon's
-- aliases of each entity they name, the same list every time: 18 rows of entity_names a
-- document (about 1.1 KB) came to 4.5 (doc_names, 24 bytes each), with 385,000 lists of
-- 100,000 documents being 6,200 distinct ones; entity_names was the largest part of the
-- writer's inserts and as large as the index of documents' text.
--
-- name_lists.names is a JSON array of the names in the order the document gave them
-- (each once: entity_names' key dropped repeats), keys the same of their name_keys. Lists
-- are never deleted (like entities), so the writer can remember their ids. A document's
-- names are read back through doc_names, its lists; entity_name_keys (migration 0005)
-- still counts the documents giving each entity each name.
CREATE TABLE name_lists (
    id        INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    names     TEXT NOT NULL,
    keys      TEXT NOT NULL
) STRICT;
CREATE INDEX name_lists_entity ON name_lists (entity_id);

CREATE TABLE doc_names (
    doc_pk    INTEGER NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    list_id   INTEGER NOT NULL REFERENCES name_lists (id),
    PRIMARY KEY (doc_pk, entity_id)
) STRICT, WITHOUT ROWID;

-- Each document's lists are read twice from entity_names, in the order of its key (a
-- document's names, entity by entity, so no sort), rather than kept in a temporary table:
-- the writer keeps temporary tables in memory, and the lists of a million documents would
-- take gigabytes of it.
INSERT INTO name_lists (entity_id, names, keys)
    SELECT DISTINCT entity_id, names, keys FROM (
        SELECT entity_id, json_group_array(name ORDER BY ord) AS names,
            json_group_array(name_key ORDER BY ord) AS keys
        FROM entity_names GROUP BY doc_pk, entity_id);
INSERT INTO doc_names (doc_pk, entity_id, list_id)
    SELECT doc_pk, entity_id, (SELECT l.id FROM name_lists l
            WHERE l.entity_id = d.entity_id AND l.names = d.names AND l.keys = d.keys)
    FROM (
        SELECT doc_pk, entity_id, json_group_array(name ORDER BY ord) AS names,
            json_group_array(name_key ORDER BY ord) AS keys
        FROM entity_names GROUP BY doc_pk, entity_id) d;
DROP TABLE entity_names;
