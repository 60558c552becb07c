-- doc_entities_entity indexed which documents name an entity, a question no query asks:
-- documents' entities are read by document (the table's key), events' places through
-- event_places, and entities are never deleted (no foreign-key check needs it either).
-- The same as SQLite's migration 0007, which spares its writer an index insert for each
-- entity of each document stored.
DROP INDEX IF EXISTS doc_entities_entity;
