// Package extract runs one document through clean → text → recognize → event: what
// `marsad extract` prints and what `marsad ingest` stores.
package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	"marsad/data"
	"marsad/internal/clean"
	"marsad/internal/document"
	"marsad/internal/event"
	"marsad/internal/lexicon"
	"marsad/internal/recognize"
	"marsad/internal/reuse"
	"marsad/internal/text"
)

// BatchGCPercent is the collector's setting for a run that extracts many documents
// (`marsad extract`, `marsad ingest`, `marsad bench extract`): extraction allocates many
// short-lived objects per article and keeps little, and a sparser collector trades a few
// MB of heap for a fifth less CPU (BenchmarkExtract, docs/benchmarks.md).
const BatchGCPercent = 400

// Extractor holds the compiled lexicons; build it once and share it between goroutines.
type Extractor struct {
	lex *lexicon.Lexicon
	// scratch holds per-document arrays (tokens, matches, word flags) for reuse by the
	// next document: they are a third of what a document allocates, and allocating them
	// anew costs their zeroing and a share of the collector's time. It is an allocation
	// of its own: the runtime holds every pool used since the last collection, and one
	// inside the Extractor kept the whole of it (78 MB) alive one collection longer than
	// its last user (TestReleasedTablesGoAtTheNextCollection).
	scratch *sync.Pool
}

// scratch is what one Extract call borrows from the pool.
type scratch struct {
	toks  []text.Token
	clean clean.Cleaner
	tz    text.Tokenizer
	a     text.Analysis // the document's, which the recognized Doc points to
	rec   recognize.Buffers
	ev    event.Buffers
	// sha hashes the text: sha256.Sum256 allocates a digest for every document
	sha hash.Hash
	sum [sha256.Size]byte
	// aliases holds, by the address of their first element, the lexicon's alias lists
	// sorted and without repeats, as Entities lists them (sortedAliases): sorting each
	// place's dozens of names in every document that names it was 2% of extraction. One
	// cache per scratch, read and filled by one goroutine at a time: a sync.Map shared by
	// all was 1.5% of extraction by the CPU profile, most of it walking its trie.
	aliases map[*string]aliasList
	ew      entityWork
}

// aliasList is a lexicon alias list sorted and without repeats, with the length of the
// list it was made from.
type aliasList struct {
	n      int
	sorted []string
}

// maxPooledTokens bounds the token array kept for reuse, so that one very large document
// does not pin its arrays for the rest of the run.
const maxPooledTokens = 1 << 18

// New compiles the embedded lexicons and gazetteers.
func New() (*Extractor, error) {
	lx, err := lexicon.Load(data.FS)
	if err != nil {
		return nil, fmt.Errorf("extract: load lexicons: %w", err)
	}
	return &Extractor{lex: lx, scratch: &sync.Pool{}}, nil
}

// Lazy extracts with an Extractor it compiles on the first call. A server that is seldom
// posted documents then does not hold the compiled tables (78 MB of heap) from its start;
// the first document posted waits for them, about a second. With Idle set, the tables are
// let go once no call has come for that long, and compiled again at the next one: a
// server at a million documents held 599 MB instead of 415 MB after one post. The zero
// value is ready and keeps the tables once compiled.
type Lazy struct {
	Idle time.Duration
	// OnRelease, if set, is called (on a goroutine of its own) once the tables are let go:
	// a server has the collector free them and give the memory back.
	OnRelease func()

	mu       sync.Mutex
	x        *Extractor
	running  int       // calls in progress
	last     time.Time // when the last call ended
	timer    *time.Timer
	compiled int // how many times the tables were compiled
}

// Extract compiles the extractor if it is not held, then reads doc as Extractor.Extract.
func (l *Lazy) Extract(ctx context.Context, doc document.Document) (Result, error) {
	x, err := l.acquire()
	if err != nil {
		return Result{}, err
	}
	defer l.release()
	return x.Extract(ctx, doc)
}

func (l *Lazy) acquire() (*Extractor, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.x == nil {
		// Compiled under the lock: calls that arrive meanwhile wait for this one.
		x, err := New()
		if err != nil {
			return nil, err
		}
		l.x = x
		l.compiled++
	}
	l.running++
	return l.x, nil
}

func (l *Lazy) release() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.running--
	l.last = time.Now()
	if l.Idle <= 0 || l.running > 0 {
		return
	}
	if l.timer == nil {
		l.timer = time.AfterFunc(l.Idle, l.drop)
	} else {
		l.timer.Reset(l.Idle)
	}
}

// Release lets the tables go now unless a call is running (it then keeps them until the
// idle time after the last call, as before). A server calls it before a step that needs
// the memory more than the next post needs the tables, such as a slow rebuild of its view.
func (l *Lazy) Release() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.running > 0 || l.x == nil {
		return
	}
	l.letGo()
}

// letGo drops the tables; l.mu is held.
func (l *Lazy) letGo() {
	l.x = nil
	if l.OnRelease != nil {
		go l.OnRelease()
	}
}

// drop lets the tables go if no call came since the timer was set.
func (l *Lazy) drop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.running > 0 || l.x == nil {
		return
	}
	if wait := l.Idle - time.Since(l.last); wait > 0 {
		l.timer.Reset(wait) // a call ended after the timer was set
		return
	}
	l.letGo()
}

// Lexicon returns the compiled lexicon the extractor uses.
func (x *Extractor) Lexicon() *lexicon.Lexicon { return x.lex }

// Extract reads one document. It fails only on a document it cannot read at all; a bug
// met on one document's text is reported as that document's error, not a crash of the run.
func (x *Extractor) Extract(ctx context.Context, doc document.Document) (res Result, err error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	defer func() {
		if r := recover(); r != nil {
			res, err = Result{}, fmt.Errorf("extract %s: internal error: %v (please report it with this document)", doc.ID, r)
		}
	}()
	sc, _ := x.scratch.Get().(*scratch)
	if sc == nil {
		sc = &scratch{sha: sha256.New()}
	}
	doc, err = sc.clean.Document(doc)
	if err != nil {
		x.scratch.Put(sc)
		return Result{}, fmt.Errorf("extract %s: %w", doc.ID, err)
	}
	body := withTitle(doc.Title, doc.Text)
	// The text's bytes as they are, not a copy: the hash only reads them, and copying
	// each text was an allocation and a pass over it of its own.
	sc.sha.Reset()
	sc.sha.Write(unsafe.Slice(unsafe.StringData(body), len(body)))
	var hexSum [2 * sha256.Size]byte
	hex.Encode(hexSum[:], sc.sha.Sum(sc.sum[:0]))
	sc.a = text.AnalyzeInto(sc.toks, &sc.tz, body, doc.Lang)
	a := &sc.a
	d := recognize.RecognizeWith(x.lex, a, doc.Published, &sc.rec)
	published := doc.Published
	if !d.HasPub {
		// An article without metadata often carries its date on a line of its own
		// ("8 مايو 2025"): it anchors the relative dates of the text.
		if p, ok := dateline(d); ok {
			published = p
			d = recognize.RecognizeWith(x.lex, a, published, &sc.rec)
		}
	}
	res = Result{
		Doc: doc.ID, Lang: a.Lang, Title: doc.Title, Published: published, URL: doc.URL, Source: doc.Source,
		Hash: string(hexSum[:]), Text: body,
		Events:   event.ExtractWith(d, &sc.ev),
		Entities: sc.entities(d),
	}
	// The result holds strings of the body and values of its own, nothing of d: the
	// arrays go back for the next document (unless a very large one grew them).
	if cap(a.Tokens) <= maxPooledTokens {
		sc.toks = a.Tokens
		x.scratch.Put(sc)
	}
	return res, nil
}

// withTitle puts the headline before the body when the body does not already start with
// it: headlines carry the place and the gist of the story ("الكاف : إحباط تهريب بنزين").
func withTitle(title, body string) string {
	title = strings.TrimSpace(title)
	if title == "" || strings.HasPrefix(strings.TrimSpace(body), title) {
		return body
	}
	return title + "\n\n" + body
}

// keyIndex maps the keys of a document's entities to their numbers. A document names a
// few entities (4.5 on average in ANT), which are found faster by reading them than in a
// map, and without allocating one; past smallIndex keys, a map takes over.
type keyIndex struct {
	keys  []string
	byKey map[string]int
}

const smallIndex = 16

func (x *keyIndex) find(key string) (int, bool) {
	if x.byKey != nil {
		k, ok := x.byKey[key]
		return k, ok
	}
	for k, have := range x.keys {
		if have == key {
			return k, true
		}
	}
	return 0, false
}

// add records key, which must not be there yet, and returns its number: the number of
// keys before it.
func (x *keyIndex) add(key string) int {
	k := len(x.keys)
	x.keys = append(x.keys, key)
	switch {
	case x.byKey != nil:
		x.byKey[key] = k
	case len(x.keys) > smallIndex:
		x.byKey = make(map[string]int, 2*len(x.keys))
		for k, key := range x.keys {
			x.byKey[key] = k
		}
	}
	return k
}

// mergeSorted appends to out the union of a and b, each sorted and without repeats,
// sorted and without repeats. a is the few names a document shows, b the many of the
// lexicon: each of a is placed in b by halves, and b copied between them, so that few of
// b's strings are read.
func mergeSorted(out, a, b []string) []string {
	for _, s := range a {
		i, found := slices.BinarySearch(b, s)
		out = append(out, b[:i]...)
		if found {
			i++ // b's copy of s: s is appended below
		}
		b = b[i:]
		out = append(out, s)
	}
	return append(out, b...)
}

// dateline finds a full date standing alone on one of the first lines.
func dateline(d *recognize.Doc) (string, bool) {
	for _, dt := range d.Dates {
		if !dt.Dateline {
			continue
		}
		if d.A.SentenceOf(dt.From) > 6 {
			break
		}
		if p := dt.Period; p.From == p.To && p.From.D != 0 {
			return p.From.String(), true
		}
	}
	// "تكتب نهار 26 ديسمبر، 2023": a date inside a short header line
	for _, dt := range d.Dates {
		si := d.A.SentenceOf(dt.From)
		if si > 3 {
			break
		}
		se := d.A.Sentences[si]
		if p := dt.Period; p.From == p.To && p.From.D != 0 && se.To-se.From <= 14 && !dt.Relative {
			return p.From.String(), true
		}
	}
	return "", false
}

// Entities lists every distinct person, organisation and place of the document once, in
// the order of their first mention, with the surface forms seen and the lexicon's other
// names.
func Entities(d *recognize.Doc) []event.Entity {
	return entities(d, nil, &entityWork{})
}

// entities is Entities with the alias lists sorted once per scratch.
func (sc *scratch) entities(d *recognize.Doc) []event.Entity {
	return entities(d, sc.sortedAliases, &sc.ew)
}

// sortedAliases returns aliases sorted and without repeats: from the cache for a list of
// the lexicon's, which stays as it is while the Extractor lives. A mention's aliases are
// the lexicon's own list when it names no parent body (recognize.Entity.ParentKey); a
// local unit's are made for the document, and are not kept.
func (sc *scratch) sortedAliases(m *recognize.Entity) []string {
	if m.ParentKey != "" || len(m.Aliases) == 0 {
		return nil
	}
	// keyed by the first element's address, the length checked on the way out
	first := &m.Aliases[0]
	l, ok := sc.aliases[first]
	if !ok {
		if sc.aliases == nil {
			sc.aliases = map[*string]aliasList{}
		}
		l = aliasList{len(m.Aliases), sortedSet(m.Aliases)}
		sc.aliases[first] = l
	}
	if l.n == len(m.Aliases) {
		return l.sorted
	}
	return sortedSet(m.Aliases) // a shorter or longer list from the same first element
}

// sortedSet returns a new array of the strings of s, sorted and without repeats.
func sortedSet(s []string) []string {
	return slices.Clip(slices.Compact(slices.Sorted(slices.Values(s))))
}

// entities lists the entities of d; sorted, if not nil, gives a mention's aliases sorted
// and without repeats, or nil to have them sorted here.
func entities(d *recognize.Doc, sorted func(*recognize.Entity) []string, w *entityWork) []event.Entity {
	// Everything is gathered in a few arrays for the whole document (first mentions,
	// names, coordinates): an allocation per entity and per name was a sixth of what a
	// document allocates.
	// each at once at the most the mentions can make of it: grown from nothing, the three
	// were two fifths of the stage's allocations (55,000 of an ANT pass's)
	n := len(d.Entities)
	// The working arrays are w's, kept from document to document; what the result holds
	// (names, coordinates, entities) is allocated for it.
	index := keyIndex{keys: slices.Grow(w.keys[:0], n)} // key → entity
	first := slices.Grow(w.first[:0], n)                // entity → index in d.Entities of its first mention
	names := slices.Grow(w.names[:0], n)
	for i := range d.Entities {
		m := &d.Entities[i]
		if m.Generic || m.Hidden {
			continue
		}
		k, ok := index.find(m.Key)
		if !ok {
			k = index.add(m.Key)
			first = append(first, i)
		}
		if m.Surface != "" && !m.Anaphor {
			names = append(names, entityName{k, m.Surface})
		}
	}
	// a local unit carries its parent's names only when the parent is not named in the
	// document itself (then it is an entity of its own)
	withAliases := func(m *recognize.Entity) bool {
		_, named := index.find(m.ParentKey)
		return m.ParentKey == "" || !named
	}
	// An entity's aliases are taken sorted where the caller has them so (ready[k]), and
	// merged with the names seen; the others are sorted with those names below.
	var ready [][]string
	if sorted != nil {
		ready = reuse.Zeroed(w.ready, len(first))
	}
	geo, aliases := 0, 0
	for k, i := range first {
		if m := &d.Entities[i]; withAliases(m) {
			if ready != nil {
				ready[k] = sorted(m)
			}
			if ready == nil || ready[k] == nil {
				aliases += len(m.Aliases)
			}
		}
	}
	// a place has its names in several languages: room for them all at once
	names = slices.Grow(names, aliases)
	for k, i := range first {
		m := &d.Entities[i]
		if withAliases(m) && (ready == nil || ready[k] == nil) {
			for _, n := range m.Aliases {
				names = append(names, entityName{k, n})
			}
		}
		if m.HasGeo {
			geo++
		}
	}
	// Each entity's names in a segment of one array (placed by entity, then sorted
	// segment by segment: cheaper than sorting every pair by entity and name).
	start := reuse.Zeroed(w.start, len(first)+1)
	for _, nm := range names {
		start[nm.entity+1]++
	}
	for k := range first {
		start[k+1] += start[k]
	}
	// the merged lists of the entities whose aliases came sorted go after the names, in
	// the same array: one allocation for every list of the result
	size := 0
	if ready != nil {
		for k := range first {
			if ready[k] != nil {
				size += start[k+1] - start[k] + len(ready[k])
			}
		}
	}
	lists := make([]string, len(names)+size)
	all := lists[:len(names):len(names)]
	var merged []string
	if ready != nil {
		merged = lists[len(names):len(names)]
	}
	next := append(w.next[:0], start[:len(first)]...)
	for _, nm := range names {
		all[next[nm.entity]] = nm.name
		next[nm.entity]++
	}
	coords := make([]float64, 2*geo)
	res := make([]event.Entity, len(first))
	for k, i := range first {
		m := &d.Entities[i]
		e := event.Entity{Type: m.Type, Name: m.Name, ID: m.Key}
		if m.Type == "place" {
			e.Country = m.Country
		}
		if m.HasGeo {
			coords[0], coords[1] = m.Lat, m.Lon
			e.Lat, e.Lon = &coords[0], &coords[1]
			coords = coords[2:]
		}
		own := all[start[k]:start[k+1]:start[k+1]]
		slices.Sort(own)
		own = slices.Compact(own)
		if ready != nil && ready[k] != nil {
			from := len(merged)
			merged = mergeSorted(merged, own, ready[k])
			own = merged[from:len(merged):len(merged)]
		}
		if j, found := slices.BinarySearch(own, e.Name); found {
			own = slices.Delete(own, j, j+1)
		}
		e.Names = slices.Clip(own)
		res[k] = e
	}
	w.keys, w.first, w.names, w.ready, w.start, w.next = index.keys, first, names, ready, start, next
	return res
}

// entityWork holds the working arrays of entities, for reuse by the next document (they
// keep strings of the last one, as the scratch's tokens do).
type entityWork struct {
	keys        []string
	first       []int
	names       []entityName
	ready       [][]string
	start, next []int
}

// entityName is one name of entity number entity.
type entityName struct {
	entity int
	name   string
}
