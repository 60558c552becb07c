// Package store keeps extracted documents, entities, events and figures, and answers
// questions about them. Store is the contract every backend (store/sqlite, store/postgres)
// implements; store/storetest is the conformance suite that holds them all to it, and
// store/search the text analyzer they all index and query with.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"marsad/internal/event"
	"marsad/internal/extract"
)

// Store is a database of extracted documents. Implementations are safe for concurrent use:
// reads may run while a Put is in progress and see either all or nothing of it.
type Store interface {
	// Put stores one extracted document, its entities, events and figures in one
	// transaction. It is idempotent by content hash: a Result whose Hash is already stored
	// (under any id) stores nothing and returns inserted=false. A Result whose Doc id is
	// stored with a different hash is a new version of that document: it replaces the
	// old version's text, entities, events and figures in the same transaction and
	// returns inserted=true.
	Put(ctx context.Context, res extract.Result) (inserted bool, err error)

	// PutBatch stores several Results in one transaction, each as Put would, and says
	// per Result what became of it: a Result the store refuses (an error in its
	// PutOutcome) is left out and the others are stored. A non-nil error means the
	// transaction as a whole failed and none of them was stored. A process killed during
	// PutBatch loses that batch, never part of a document.
	PutBatch(ctx context.Context, res []extract.Result) ([]PutOutcome, error)

	// Get returns a stored document as it was put, with entities carrying the store's
	// canonical name and coordinates (the first document to name an entity sets them),
	// each entity once, and a place's names being all the names this document gave it
	// (as an entity or as an event's place).
	// It returns an error wrapping ErrNotFound when no document has that id.
	Get(ctx context.Context, docID string) (extract.Result, error)

	// Events lists stored events matching f, ordered by the start of their period
	// (undated events last), then by id.
	Events(ctx context.Context, f EventFilter) ([]StoredEvent, error)

	// Relist lists every event light (EventFilter.Light), in the order of Events, for a
	// reader that holds them all (the server's resolved view). Given the listing it made
	// before, it takes from it every event still stored as it was then and reads only the
	// others: a listing after a change reads what changed, not the whole store. The events
	// of prev are shared with the new listing, not modified; with prev nil it reads all.
	Relist(ctx context.Context, prev *Listing) (*Listing, error)

	// Evidence returns, for each event id it is given that is stored (others are left
	// out), what a light listing (EventFilter.Light) leaves out of it.
	Evidence(ctx context.Context, ids []int64) (map[int64]Evidence, error)

	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)

	// Generation is a number that every committed change of the stored documents (a Put
	// or PutBatch that stored something, from any process) makes larger; an equal number
	// means nothing changed. Unlike Stats it costs one lookup by key, and unlike counts it
	// sees a new version of a document that left them as they were.
	Generation(ctx context.Context) (int64, error)

	// Search finds the documents whose title or text hold every term of q.Text (as
	// search.Terms reads it, so clitics, plurals and inflections match), best first, with
	// a snippet and the document's events that pass q's filters. It returns an error
	// wrapping ErrNoSearchTerms when q.Text has no word to search for.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)

	Close() error
}

// EventFilter selects events. Zero fields do not filter.
type EventFilter struct {
	Type string // an event type of the contract (event.Types)
	// Year keeps events whose period overlaps that calendar year. Undated events never match:
	// the store does not guess a date the text did not fix.
	Year int
	// Place keeps events with a place whose canonical name or any name a document used for
	// it matches, ignoring case and diacritics (Config.Key).
	Place  string
	Limit  int // 0: no limit
	Offset int
	// Light leaves out what only a page that shows an event needs: the evidence sentence
	// (Evidence.Text is empty, its offsets are kept) and the figures' offsets (zero). Equal
	// periods, figure sets, place lists and name lists are then shared among the events,
	// which must not be modified. The listing of every event that the server resolves and
	// keeps (Relist gives it so) is then half as large; Evidence reads what a page that
	// shows events needs.
	Light bool
}

// StoredEvent is an event with its store id and the document it was read from.
type StoredEvent struct {
	ID int64
	// Doc is shared by the events of one document in a listing (a million documents'
	// events held 80 bytes each of it): it must not be modified.
	Doc   *DocRef
	Event event.Event
}

// Listing is every stored event, light, in the order of Store.Events, as Relist gives it.
type Listing struct {
	// Events are shared with the listings made from this one: they must not be modified.
	Events []*StoredEvent
	// Read is how many of Events were read from the database; the others were taken from
	// the previous listing.
	Read int
	// Mark is what the store needs to know, at the next Relist, which events it may take
	// from this listing; only the store that made it reads it.
	Mark any
}

// Evidence is what a light listing leaves out of an event: its evidence sentence and where
// each of its figures lies.
type Evidence struct {
	Sentence string
	Figures  map[string]FigureSpan // by figure key
}

// FigureSpan is where a figure lies in the cleaned text, in rune offsets.
type FigureSpan struct{ Start, End int }

// Whole returns e, listed light, as a whole listing gives it. The figure set of e, which
// light events share, is not modified: the copy has its own.
func (ev Evidence) Whole(e StoredEvent) StoredEvent {
	e.Event.Evidence.Text = ev.Sentence
	if e.Event.Figures != nil {
		figs := make(map[string]event.Figure, len(e.Event.Figures))
		for k, f := range e.Event.Figures {
			if sp, ok := ev.Figures[k]; ok {
				f.Start, f.End = sp.Start, sp.End
			}
			figs[k] = f
		}
		e.Event.Figures = figs
	}
	return e
}

// DocRef is what a listing shows of an event's source document.
type DocRef struct {
	ID        string
	Title     string
	URL       string
	Source    string
	Published string
}

// PutOutcome is what became of one Result of a PutBatch.
type PutOutcome struct {
	Inserted bool  // as Put's inserted
	Err      error // the Result was refused; nothing of it is stored
}

// SearchQuery is a full-text search with optional filters. Zero fields do not filter.
type SearchQuery struct {
	Text string // words, all of which must occur
	// Type keeps documents with an event of this type.
	Type string
	// From and To (YYYY, YYYY-MM or YYYY-MM-DD, inclusive) keep documents published in that
	// range or with an event whose period overlaps it; an undated event is dated by its
	// document.
	From, To string
	// Place keeps documents with an event at this place (matched as EventFilter.Place).
	Place string
	// Limit is the number of hits wanted (0: DefaultSearchLimit); Offset skips the best
	// ones first, to page through.
	Limit, Offset int
	// Window bounds the ranking (0: DefaultRankWindow; negative: no bound). The matching
	// documents (words and filters) are taken newest stored first in windows of Window
	// documents; hits are ranked by score within a window, and every hit of a window comes
	// before any hit of the next, older one. So the first page is the best matches among
	// the Window most recently stored matches, not the best of all matches: the price of
	// not scoring every match of frequent words on a large store (docs/benchmarks.md, "At
	// scale"). Paging still reaches every match, each exactly once. A query with Window or
	// fewer matches is ranked as a whole.
	Window int
}

// DefaultSearchLimit is the page size of a SearchQuery without a Limit.
const DefaultSearchLimit = 20

// DefaultRankWindow is the Window of a SearchQuery without one. On SQLite at a million
// documents (docs/benchmarks.md, "At scale") the first page of the benchmark queries took
// 38–40 ms at the 95th percentile with 5,000, 48–58 ms with 10,000 and 350–430 ms with
// every match ranked, and 5,000 showed as many of the fully ranked first page's articles
// as 10,000 did (96%; all of them at 100,000 documents).
const DefaultRankWindow = 5000

// RankWindow is the number of matches ranked together, or 0 when all are.
func (q SearchQuery) RankWindow() int {
	switch {
	case q.Window < 0:
		return 0
	case q.Window == 0:
		return DefaultRankWindow
	}
	return q.Window
}

// SnippetWords is the length of a hit's snippet, in words.
const SnippetWords = 30

// SearchHit is one document found by Search.
type SearchHit struct {
	Doc DocRef
	// Score ranks the hits of one search (higher is better); it is not comparable across
	// searches or backends.
	Score float64
	// Snippet is a passage of the text around the hits, the matched words between
	// search.MarkStart and search.MarkEnd.
	Snippet string
	// Events are the document's events that pass the query's filters (all of them when
	// there is no filter), in document order.
	Events []StoredEvent
}

// ErrNoSearchTerms is wrapped by Search when the query has no word to look for.
var ErrNoSearchTerms = errors.New("no word to search for")

// Stats are counts over the whole store.
type Stats struct {
	Documents    int
	Entities     int
	Events       int
	Figures      int
	EventsByType map[string]int
}

// ErrNotFound is wrapped by lookups that find nothing.
var ErrNotFound = errors.New("not found")

// ErrNoDatabase is wrapped by Open when Config.MustExist is set and there is no database.
var ErrNoDatabase = errors.New("no database")

// Config is what every backend is opened with.
type Config struct {
	// Normalize folds names for lookups beyond case and diacritics (Arabic letter
	// variants). Nil means identity. Full-text search does not use it: it has its own
	// analyzer (store/search), recorded with the index. Keys stored with one
	// Normalize are only found with the same one, so a database keeps the one it was
	// built with.
	Normalize func(string) string
	// MustExist makes Open fail with ErrNoDatabase instead of creating an empty database:
	// commands that only read want to say "ingest first", not create a file.
	MustExist bool
	Logger    *slog.Logger // nil: discard
}

// Log returns the configured logger or one that discards.
func (c Config) Log() *slog.Logger {
	if c.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Logger
}

// Check rejects Results no backend can store faithfully. Backends call it first in Put so
// they all refuse the same things.
func Check(res extract.Result) error {
	switch {
	case res.Doc == "":
		return errors.New("result has no document id")
	case res.Hash == "":
		return fmt.Errorf("document %s: result has no content hash", res.Doc)
	}
	for i, e := range res.Entities {
		if e.Name == "" {
			return fmt.Errorf("document %s: entity %d has no name", res.Doc, i)
		}
	}
	for i, ev := range res.Events {
		if ev.Type == "" {
			return fmt.Errorf("document %s: event %d has no type", res.Doc, i)
		}
		for j, p := range ev.Places {
			if p.Name == "" {
				return fmt.Errorf("document %s: event %d: place %d has no name", res.Doc, i, j)
			}
		}
		for key := range ev.Figures {
			if key == "" {
				return fmt.Errorf("document %s: event %d has a figure without a key", res.Doc, i)
			}
		}
	}
	return nil
}

// RoleList is one of an event's lists of names with the role it is stored under. The four
// lists have the same shape, so backends keep them in one table with a role column: one
// insert, one query to load them back, and a new role needs no new table.
type RoleList struct {
	Role   string // actor | participant | partner | affiliation
	Values *[]string
}

// RoleLists returns ev's role lists in the order Event declares them, pointing into ev so a
// backend can fill them when loading.
func RoleLists(ev *event.Event) [4]RoleList {
	return [4]RoleList{
		{"actor", &ev.Actors},
		{"participant", &ev.Participants},
		{"partner", &ev.Partners},
		{"affiliation", &ev.Affiliations},
	}
}
