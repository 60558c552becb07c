-- Search over analyzed text (store/search). The first index held the text with diacritics
-- removed and left matching to the tokenizer, which knows no Arabic clitics, plurals or
-- French and English inflections; this one holds the analyzer's terms, so FTS5 only
-- counts and ranks them, and a query is analyzed the same way before it is matched.
--
-- Contentless: the text lives once, in documents; the index holds terms keyed by
-- documents.pk. Terms are letters, digits and marks separated by single spaces, which
-- unicode61 splits as they are (no case or diacritic folding left for it to do).
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE search_fts USING fts5 (
    title, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0 categories ''L* N* Co M*'''
);

-- Settings of the database itself. 'analyzer' is the search.Version the index was built
-- with; when it differs from the running marsad's, Open re-indexes every document (the
-- index is empty after this migration, so the first Open fills it).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
