package bench

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/search/query"
	_ "modernc.org/sqlite" // the "sqlite" driver, for the plain FTS5 baseline

	"marsad/internal/document"
	"marsad/internal/store"
)

// Searcher is one system under comparison.
type Searcher interface {
	Name() string
	// Page runs q for the first page of n hits, best first, and returns how many it got.
	Page(ctx context.Context, q string, n int) (int, error)
	// All returns the ids of every document that matches q.
	All(ctx context.Context, q string) ([]string, error)
	Close() error
}

// Indexer builds a baseline index.
type Indexer interface {
	Add(ctx context.Context, docs []document.Document) error
	Close() error
}

// body is what the baselines index of a document: its title and text as one field,
// as Marsad's index holds both.
func body(d document.Document) string { return d.Title + "\n" + d.Text }

// FTS5 is the baseline a user of SQLite would set up: one FTS5 table holding the text,
// the unicode61 tokenizer (with marks kept inside words, as Marsad's table keeps them), and
// no Arabic analysis: a word matches only itself, up to case and Latin accents.
type FTS5 struct{ db *sql.DB }

// OpenFTS5 opens or creates the baseline table in the SQLite file path.
func OpenFTS5(ctx context.Context, path string) (*FTS5, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return nil, fmt.Errorf("fts5 baseline %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE IF NOT EXISTS plain USING fts5 (
		id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2 categories ''L* N* Co M*''')`); err != nil {
		db.Close()
		return nil, fmt.Errorf("fts5 baseline %s: %w", path, err)
	}
	return &FTS5{db}, nil
}

func (f *FTS5) Name() string { return "SQLite FTS5, no Arabic analysis" }

// Add inserts docs in one transaction.
func (f *FTS5) Add(ctx context.Context, docs []document.Document) error {
	tx, err := f.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT INTO plain (id, body) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, d := range docs {
		if _, err := st.ExecContext(ctx, d.ID, body(d)); err != nil {
			return fmt.Errorf("fts5 baseline: add %s: %w", d.ID, err)
		}
	}
	return tx.Commit()
}

// match writes q's words as quoted FTS5 terms side by side: all must occur.
func match(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(q, " ")
}

func (f *FTS5) Page(ctx context.Context, q string, n int) (int, error) {
	return countRows(ctx, f.db, `SELECT id FROM plain WHERE plain MATCH ? ORDER BY rank LIMIT ?`, match(strings.Fields(q)), n)
}

func (f *FTS5) All(ctx context.Context, q string) ([]string, error) {
	return ids(ctx, f.db, `SELECT id FROM plain WHERE plain MATCH ?`, match(strings.Fields(q)))
}

func (f *FTS5) Close() error { return f.db.Close() }

// MarsadIndex is Marsad's own search over a SQLite database `marsad ingest` wrote: Page
// is store.Search as users get it (the ranked page with snippets and the documents'
// events); All asks the same FTS5 index for every match of the analyzed query terms.
type MarsadIndex struct {
	st store.Store
	db *sql.DB
}

// OpenMarsad opens the Marsad database at path (SQLite) as st and read-only for All.
func OpenMarsad(st store.Store, path string) (*MarsadIndex, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return nil, fmt.Errorf("marsad index %s: %w", path, err)
	}
	return &MarsadIndex{st: st, db: db}, nil
}

func (m *MarsadIndex) Name() string { return "Marsad (SQLite FTS5 over its Arabic analyzer)" }

func (m *MarsadIndex) Page(ctx context.Context, q string, n int) (int, error) {
	hits, err := m.st.Search(ctx, store.SearchQuery{Text: q, Limit: n})
	return len(hits), err
}

// PageIDs returns the ids of the first n hits of store.Search with the given rank window
// (store.SearchQuery.Window: 0 the default, negative every match ranked together).
func (m *MarsadIndex) PageIDs(ctx context.Context, q string, n, window int) ([]string, error) {
	hits, err := m.st.Search(ctx, store.SearchQuery{Text: q, Limit: n, Window: window})
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.Doc.ID
	}
	return ids, err
}

// MarsadUnbounded is store.Search with every match ranked together (Window -1): Marsad's
// search before the rank window, timed beside it.
type MarsadUnbounded struct{ *MarsadIndex }

func (m MarsadUnbounded) Name() string {
	return "Marsad, every match ranked (no rank window)"
}

func (m MarsadUnbounded) Page(ctx context.Context, q string, n int) (int, error) {
	hits, err := m.st.Search(ctx, store.SearchQuery{Text: q, Limit: n, Window: -1})
	return len(hits), err
}

func (m *MarsadIndex) All(ctx context.Context, q string) ([]string, error) {
	terms, err := store.SearchQuery{Text: q}.Prepare()
	if err != nil {
		return nil, err
	}
	return ids(ctx, m.db, `SELECT d.id FROM search_fts JOIN documents d ON d.pk = search_fts.rowid
		WHERE search_fts MATCH ?`, match(terms))
}

func (m *MarsadIndex) Close() error { return m.db.Close() }

// MarsadRanked is the index side of Marsad's search alone: the first page of document ids
// ranked as store.Search ranks them (bm25, title twice the text), without the snippets
// and events a page of hits carries. It times what the baselines do.
type MarsadRanked struct{ *MarsadIndex }

func (m MarsadRanked) Name() string { return "Marsad, ranked ids only (no snippets, no events)" }

func (m MarsadRanked) Page(ctx context.Context, q string, n int) (int, error) {
	terms, err := store.SearchQuery{Text: q}.Prepare()
	if err != nil {
		return 0, err
	}
	// The same window as store.Search's first page: the best among the newest
	// DefaultRankWindow matches (all of them when there are fewer).
	return countRows(ctx, m.db, `SELECT d.id FROM search_fts JOIN documents d ON d.pk = search_fts.rowid
		WHERE search_fts MATCH ? AND search_fts.rowid >= COALESCE((SELECT rowid FROM search_fts
			WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?), 0)
		ORDER BY bm25(search_fts, 2.0, 1.0) LIMIT ?`, match(terms), match(terms), store.DefaultRankWindow-1, n)
}

// Bleve is the baseline a Go developer would reach for: a Bleve index (scorch) with
// Bleve's Arabic analyzer (normalization, stop words, light prefix and suffix stemming).
type Bleve struct{ idx bleve.Index }

type bleveDoc struct {
	Body string `json:"body"`
}

// OpenBleve opens the index at path, creating it when it does not exist.
func OpenBleve(path string) (*Bleve, error) {
	idx, err := bleve.Open(path)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		m := bleve.NewIndexMapping()
		dm := bleve.NewDocumentMapping()
		f := bleve.NewTextFieldMapping()
		f.Analyzer = ar.AnalyzerName
		f.Store = false        // the text lives in the corpus, as Marsad's index holds terms only
		f.IncludeInAll = false // one field: no composite copy of it
		f.IncludeTermVectors = false
		dm.AddFieldMappingsAt("body", f)
		m.DefaultMapping = dm
		m.DefaultAnalyzer = ar.AnalyzerName
		m.StoreDynamic = false
		m.IndexDynamic = false
		idx, err = bleve.New(path, m)
	}
	if err != nil {
		return nil, fmt.Errorf("bleve baseline %s: %w", path, err)
	}
	return &Bleve{idx}, nil
}

func (b *Bleve) Name() string { return "Bleve v2.5.7, Arabic analyzer" }

// Add indexes docs in one batch.
func (b *Bleve) Add(ctx context.Context, docs []document.Document) error {
	batch := b.idx.NewBatch()
	for _, d := range docs {
		if err := batch.Index(d.ID, bleveDoc{Body: body(d)}); err != nil {
			return fmt.Errorf("bleve baseline: add %s: %w", d.ID, err)
		}
	}
	return b.idx.Batch(batch)
}

func (b *Bleve) query(q string) query.Query {
	m := bleve.NewMatchQuery(q)
	m.SetField("body")
	m.SetOperator(query.MatchQueryOperatorAnd) // every word, as the other two systems
	return m
}

func (b *Bleve) Page(ctx context.Context, q string, n int) (int, error) {
	res, err := b.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(b.query(q), n, 0, false))
	if err != nil {
		return 0, err
	}
	return len(res.Hits), nil
}

func (b *Bleve) All(ctx context.Context, q string) ([]string, error) {
	req := bleve.NewSearchRequestOptions(b.query(q), 0, 0, false)
	res, err := b.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	req = bleve.NewSearchRequestOptions(b.query(q), int(res.Total), 0, false)
	req.SortBy([]string{"_id"}) // no scoring needed to list them
	if res, err = b.idx.SearchInContext(ctx, req); err != nil {
		return nil, err
	}
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.ID
	}
	return out, nil
}

func (b *Bleve) Close() error { return b.idx.Close() }

func countRows(ctx context.Context, db *sql.DB, q string, args ...any) (int, error) {
	got, err := ids(ctx, db, q, args...)
	return len(got), err
}

func ids(ctx context.Context, db *sql.DB, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// dirSize is the bytes of the files under path (a file or a directory).
func dirSize(path string) int64 {
	var n int64
	var walk func(string)
	walk = func(p string) {
		fi, err := os.Stat(p)
		if err != nil {
			return
		}
		if !fi.IsDir() {
			n += fi.Size()
			return
		}
		ents, _ := os.ReadDir(p)
		for _, e := range ents {
			walk(p + "/" + e.Name())
		}
	}
	walk(path)
	return n
}
