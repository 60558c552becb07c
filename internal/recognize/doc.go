// Package recognize finds mentions in an analyzed document: places, organisations,
// persons, dates and periods, numbers with their qualifiers. It reads the compiled lexicon
// and knows nothing of events.
package recognize

import (
	"strings"
	"time"

	"marsad/internal/lexicon"
	"marsad/internal/reuse"
	"marsad/internal/text"
)

// Doc is one document under recognition: the analysis, every lexicon match, and the
// mentions found so far. Build it with Recognize.
type Doc struct {
	A   *text.Analysis
	Lex *lexicon.Lexicon
	// Matches[i] holds the lexicon phrases starting at token i, shortest first.
	Matches [][]lexicon.Match
	// Published anchors relative dates; HasPub is false when the date is unknown.
	Published time.Time
	HasPub    bool

	Dates    []Date
	Numbers  []Number
	Entities []Entity
	// Country is the country the document is about (its home country), guessed from the
	// places it names; it resolves ambiguous names and tells partners from hosts.
	Country string

	// dateTok marks tokens that belong to a date, so they are not read as figures.
	dateTok []bool
	// none is the token tok returns out of range.
	none text.Token
	// flags holds each token's word flags (lexicon.Flag*), from the token or from the
	// token without its proclitics: one lookup with the phrase matching.
	flags []uint16
	// whole holds the word flags of each token as written, proclitics included.
	whole []uint16
	// tables holds, for each token, the lexicon.TableBit of every language table with a
	// phrase starting there: most tokens start none, and a lookup in a table can stop at
	// once without reading the token's matches.
	tables []uint16
	// sport is set for a story about sport: clubs named after their city are clubs.
	// sportWords counts the words with FlagSport (aboutSport).
	sport      bool
	sportWords int
	// kinds has bit 1<<k set for every payload kind k matched in the document: a pass
	// over every match for one kind (units, nationalities) is skipped when none is there.
	kinds uint32
	// entityPayloads counts the payloads of entityKinds: findEntities sizes its
	// candidates by it.
	entityPayloads int
	// info holds what the lexicon says of each token, for the name patterns
	// (tokenInfos).
	info []tokenInfo
	// named are the matches with a payload of namedKinds, in text order: the entity
	// rules read them, not every match.
	named []*lexicon.Match
	// buf holds the arrays this Doc borrows (see RecognizeWith).
	buf *Buffers
	// vs holds the clitic variants of token vsAt-1 (variants).
	vs   text.Variants
	vsAt int
}

// temporalTables are the tables a date or a number word starts with.
var temporalTables = lexicon.TableBit(lexicon.TMonth) | lexicon.TableBit(lexicon.TTime) | lexicon.TableBit(lexicon.TNumber)

// temporal reports a token where a month, time or number word starts: only there (and at
// digits) can a date start.
func (d *Doc) temporal(i int) bool { return d.tables[i]&temporalTables != 0 }

// starts reports whether a phrase of the language table starts at token i.
func (d *Doc) starts(i int, table string) bool {
	return i >= 0 && i < len(d.tables) && d.tables[i]&lexicon.TableBit(table) != 0
}

// Tables returns the lexicon.TableBit of every language table with a phrase starting at
// token i.
func (d *Doc) Tables(i int) uint16 {
	if i < 0 || i >= len(d.tables) {
		return 0
	}
	return d.tables[i]
}

// has reports a word flag on token i.
func (d *Doc) has(i int, f uint16) bool { return i >= 0 && i < len(d.flags) && d.flags[i]&f != 0 }

// HasFlag reports a word flag (lexicon.Flag...) on token i or on one of its clitic variants.
func (d *Doc) HasFlag(i int, f uint16) bool { return d.has(i, f) }

// Matched reports whether a payload of kind k was matched anywhere in the document.
func (d *Doc) Matched(k lexicon.Kind) bool { return d.kinds&(1<<k) != 0 }

// common reports a frequent word of the language at token i (the token or the token
// without its proclitics).
func (d *Doc) common(i int) bool { return d.has(i, lexicon.FlagCommon) }

// Recognize runs every recognizer over a. published is YYYY-MM-DD or empty.
func Recognize(lx *lexicon.Lexicon, a *text.Analysis, published string) *Doc {
	return RecognizeWith(lx, a, published, nil)
}

// Buffers holds the per-token arrays of a Doc, for a caller that recognizes many
// documents one after the other: passed to RecognizeWith, they are reused by the next
// document once the previous Doc is no longer used. The zero value is ready to use.
type Buffers struct {
	matches      [][]lexicon.Match
	all          []lexicon.Match
	dates        []bool
	flags, whole []uint16
	tables       []uint16
	cands        []candidate
	info         []tokenInfo
	// namedMatches holds indices into all while it is filled, namedPtrs the matches
	// they point to once it is
	namedMatches []int32
	namedPtrs    []*lexicon.Match
	// selectSpans' arrays (taken also linkSurnames' and resolveCityAnaphora's), and the
	// Entities it returns: a Doc's entities are read by the caller before the next
	// document (extract copies what its result keeps)
	order, keep []int
	taken       []bool
	refs        []entityRef
	entities    []Entity
	// lal holds the scan's ل + ال variant of the word at hand (text.Variants.SetIn)
	lal []byte
	// more holds the candidates of one rule of findEntities (appendMore)
	more []candidate
	// the Doc's dates and numbers
	dateList []Date
	numbers  []Number
	// doc is the Doc RecognizeWith returns
	doc Doc
}

// RecognizeWith is Recognize with the per-token arrays taken from buf (nil: allocated).
// The Doc returned is buf's, and uses buf until the next call with the same buf.
func RecognizeWith(lx *lexicon.Lexicon, a *text.Analysis, published string, buf *Buffers) *Doc {
	if buf == nil {
		buf = &Buffers{}
	}
	n := len(a.Tokens)
	buf.matches = reuse.Zeroed(buf.matches, n)
	buf.dates = reuse.Zeroed(buf.dates, n)
	buf.flags, buf.whole = reuse.Zeroed(buf.flags, n), reuse.Zeroed(buf.whole, n)
	buf.tables = reuse.Zeroed(buf.tables, n)
	buf.info = reuse.Zeroed(buf.info, n)
	d := &buf.doc
	*d = Doc{A: a, Lex: lx, Matches: buf.matches, buf: buf}
	if published != "" { // time.Parse("") would allocate its error for nothing
		if t, err := time.Parse("2006-01-02", published); err == nil {
			d.Published, d.HasPub = t, true
		}
	}
	d.flags, d.whole, d.tables, d.info = buf.flags, buf.whole, buf.tables, buf.info
	// All tokens' matches share one backing array (a quarter of tokens start a phrase,
	// mostly one-word language words): one allocation instead of one per matching token.
	all := buf.all[:0]
	if cap(all) < n/5+8 {
		all = make([]lexicon.Match, 0, n/5+8)
	}
	namedMatches := buf.namedMatches[:0]
	var vs text.Variants // an Arabic word's; Scan reads it for no other
	for i := range a.Tokens {
		t := &a.Tokens[i] // read in place: a token is 64 bytes
		if t.Script == text.Arabic {
			vs.SetIn(t.Key, &buf.lal)
		}
		start := len(all)
		d.flags[i], d.whole[i] = lx.M.Scan(&all, a.Tokens, i, &vs)
		if d.flags[i]&lexicon.FlagSport != 0 && t.Kind == text.Word {
			d.sportWords++
		}
		if len(all) > start {
			// capped, so that an append to one token's matches cannot overwrite the next's
			d.Matches[i] = all[start:len(all):len(all)]
		}
		var kinds uint32
		var tables uint16
		for k := start; k < len(all); k++ {
			m := &all[k]
			named := false
			for _, p := range m.Payloads {
				kinds |= 1 << p.Kind
				tables |= p.Table // 0 but for KWord
				if entityKinds&(1<<p.Kind) != 0 {
					d.entityPayloads++
				}
				named = named || namedKinds&(1<<p.Kind) != 0
				noteInfo(d.info, m, p, i)
			}
			if named {
				namedMatches = append(namedMatches, int32(k))
			}
		}
		d.kinds |= kinds
		d.tables[i] = tables
	}
	buf.all = all[:0]
	buf.namedMatches = namedMatches[:0]
	// all grew as it was filled: the indices are read in its final array
	d.named = buf.namedPtrs[:0]
	for _, k := range namedMatches {
		d.named = append(d.named, &all[k])
	}
	buf.namedPtrs = d.named[:0]
	d.dateTok = buf.dates
	d.Dates, d.Numbers = buf.dateList[:0], buf.numbers[:0]
	d.findDates()
	d.findNumbers()
	buf.dateList, buf.numbers = d.Dates, d.Numbers
	d.findEntities()
	return d
}

// word returns the longest match of a language table starting at token i.
func (d *Doc) word(i int, table string) (lexicon.Word, int, bool) {
	if !d.starts(i, table) {
		return lexicon.Word{}, 0, false
	}
	var best lexicon.Word
	end := -1
	bit := lexicon.TableBit(table)
	for _, m := range d.Matches[i] {
		if table == lexicon.TNumber && m.Stripped && m.Clitic != "و" && m.Clitic != "ف" && m.Clitic != "ب" && m.Clitic != "ل" {
			continue // "كمية" is not ك + "مية" (hundred); "بعشرين ألف" is ب + a number
		}
		for _, p := range m.Payloads {
			if p.Kind != lexicon.KWord || p.Table != bit {
				continue
			}
			if m.To > end {
				best, end = d.Lex.Words[p.Index], m.To
			}
		}
	}
	return best, end, end >= 0
}

// WordAt is word for other packages: the longest phrase of a language table at token i.
func (d *Doc) WordAt(i int, table string) (lexicon.Word, int, bool) { return d.word(i, table) }

// AboutSport reports a story about sport (several sport words).
func (d *Doc) AboutSport() bool { return d.sport }

// WordTagAt is WordAt restricted to rows whose Tag is one of tags.
func (d *Doc) WordTagAt(i int, table string, tags ...string) (lexicon.Word, int, bool) {
	return d.wordTag(i, table, tags...)
}

// wordTag is word restricted to rows whose Tag is one of tags.
func (d *Doc) wordTag(i int, table string, tags ...string) (lexicon.Word, int, bool) {
	if !d.starts(i, table) {
		return lexicon.Word{}, 0, false
	}
	var best lexicon.Word
	end := -1
	bit := lexicon.TableBit(table)
	for _, m := range d.Matches[i] {
		for _, p := range m.Payloads {
			if p.Kind != lexicon.KWord || p.Table != bit {
				continue
			}
			if m.To <= end {
				continue
			}
			w := &d.Lex.Words[p.Index]
			for _, t := range tags {
				if w.Tag == t {
					best, end = *w, m.To
					break
				}
			}
		}
	}
	return best, end, end >= 0
}

// wordEndingAt finds the longest phrase of table whose match ends exactly at token end.
func (d *Doc) wordEndingAt(end int, table string, maxLen int) (lexicon.Word, int, bool) {
	bit := lexicon.TableBit(table)
	for start := max(end-maxLen, 0); start < end; start++ {
		for _, m := range d.Matches[start] {
			if m.To != end {
				continue
			}
			for _, p := range m.Payloads {
				if p.Kind == lexicon.KWord && p.Table == bit {
					return d.Lex.Words[p.Index], start, true
				}
			}
		}
	}
	return lexicon.Word{}, 0, false
}

// spanKey is prefix and the folded key of tokens [from, to): the words' keys joined by
// spaces, punctuation left out — what text.NormalizeKey gives for the same text, without
// tokenizing it again. Measured first and written once: one allocation, where growing a
// builder word by word and adding the prefix after took three or four.
func (d *Doc) spanKey(prefix string, from, to int) string {
	n := len(prefix)
	for k := from; k < to; k++ {
		if t := &d.A.Tokens[k]; t.Kind != text.Punct {
			n += len(t.Key) + 1 // a space at most after each
		}
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(prefix)
	for k := from; k < to; k++ {
		t := &d.A.Tokens[k]
		if t.Kind == text.Punct {
			continue
		}
		if b.Len() > len(prefix) {
			b.WriteByte(' ')
		}
		b.WriteString(t.Key)
	}
	return b.String()
}

// tok returns token i, or a zero token when out of range (d.none: callers only read it).
func (d *Doc) tok(i int) *text.Token {
	if i < 0 || i >= len(d.A.Tokens) {
		return &d.none
	}
	return &d.A.Tokens[i] // in place: a token is 64 bytes, and the rules ask for many
}

// key returns the key of token i with Arabic proclitics و ف removed, for function words.
func (d *Doc) key(i int) string {
	t := d.tok(i)
	return t.Key
}

// is reports whether token i is one of keys, allowing a leading و / ف on Arabic words.
// variants returns the clitic variants of token i. The rules ask is() of one token
// several times in a row: the last token's variants are kept (vsAt is its index + 1).
func (d *Doc) variants(i int) *text.Variants {
	if d.vsAt != i+1 {
		d.vs.Set(d.A.Tokens[i].Key)
		d.vsAt = i + 1
	}
	return &d.vs
}

func (d *Doc) is(i int, keys ...string) bool {
	t := d.tok(i)
	if t.Text == "" {
		return false
	}
	for _, k := range keys {
		if t.Key == k {
			return true
		}
	}
	if t.Script == text.Arabic && text.ProcliticStart(t.Key) {
		vs := d.variants(i)
		for x := 1; x < vs.Len(); x++ {
			for _, k := range keys {
				if vs.At(x) == k {
					return true
				}
			}
		}
	}
	return false
}
