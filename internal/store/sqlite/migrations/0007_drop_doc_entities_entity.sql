-- doc_entities_entity indexed which documents name an entity, a question no query asks:
-- documents' entities are read by document (the table's key), events' places through
-- event_places, and entities are never deleted (no foreign-key check needs it either).
-- Each stored document added about 4.5 rows to it at random places; without it, adding
-- 20,000 documents to a 100,000-document store ran 1.01–1.15× as fast (docs/benchmarks.md).
DROP INDEX IF EXISTS doc_entities_entity;
