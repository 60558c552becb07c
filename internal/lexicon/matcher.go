package lexicon

import (
	"slices"
	"strings"
	"unicode"

	"marsad/internal/text"
)

// Kind says which table a payload points into.
type Kind uint8

const (
	KPlace Kind = iota + 1
	KOrg
	KOrgTitle // a person's office that names an org ("المدير العام للأمن الوطني")
	KUnit     // a local unit type ("مفوضية الأمن") that forms an org with a following place
	KPerson
	KTitle // a title or role that announces a person name
	KNationality
	KGivenAr
	KGivenLatin
	KParticle
	KWord // a word of the language tables (months, numbers, qualifiers, triggers, ...)
)

// Payload is what one surface form stands for.
type Payload struct {
	Index int32 // index into the table of that kind
	Kind  Kind
	// Weak forms are ambiguous alone (a common word, or a name shared by several bodies):
	// the recognizer accepts them only with a cue or a context.
	Weak bool
	// ArticleOK marks words that may be read through the Arabic article (a trigger
	// "زيارة" in "الزيارة", a count noun "خلية" in "الخلية"); names and numbers may not
	// ("الثلاثة" is not the number word "ثلاثة" in the same sense).
	ArticleOK bool
	// Case says how a Latin-script phrase was written in the lexicon, which the folded key
	// forgets: a capitalized name ("Tours") must be capitalized in the text too, and an
	// acronym ("WHO", "AU", "EU") must be written in capitals ("who", "au", "eu" are words).
	Case Case
	// Table is, for a KWord payload, the TableBit of its word's table: the recognizer
	// asks it of every match, and reading it here spares a load from the word table.
	Table uint16
}

// Case is the letter case a Latin phrase requires in the text.
type Case uint8

const (
	AnyCase Case = iota
	Capitalized
	AllCaps
)

// CaseOf classifies how a phrase is written.
func CaseOf(phrase string) Case {
	letters, upper := 0, 0
	first := true
	capital := false
	for _, r := range phrase {
		if !unicode.IsLetter(r) {
			continue
		}
		if r >= 0x0600 && r <= 0x06FF {
			return AnyCase // Arabic has no case
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
		}
		if first {
			capital = unicode.IsUpper(r)
			first = false
		}
	}
	switch {
	case letters > 0 && letters <= 6 && upper == letters:
		return AllCaps
	case capital:
		return Capitalized
	}
	return AnyCase
}

// CaseOK reports whether the tokens [from, to) are written the way c requires.
func CaseOK(toks []text.Token, from, to int, c Case) bool {
	switch c {
	case Capitalized:
		return toks[from].Script != text.Latin || toks[from].IsUpper()
	case AllCaps:
		for k := from; k < to; k++ {
			t := &toks[k]
			if t.Script != text.Latin {
				continue
			}
			for _, r := range t.Text {
				if unicode.IsLetter(r) && !unicode.IsUpper(r) {
					return false
				}
			}
		}
	}
	return true
}

// node is one word of a phrase. Its continuations are a slice sorted by key, not a map:
// four in five nodes end a phrase and most others continue it one way (of the 199,000
// words of the compiled lexicon's phrases, 159,000 have no continuation and 32,000 one),
// and a map of one entry cost about 250 bytes and a hashed lookup where a slice costs 24
// and a comparison (the compiled lexicon: 81.3 → 75.6 MB of heap).
type node struct {
	kids     []child
	payloads []Payload
}

type child struct {
	key string
	n   *node
}

// linearKids is the number of continuations read one by one; a node with more is
// searched by halves.
const linearKids = 8

// child returns the continuation of n by the word key, nil if none.
func (n *node) child(key string) *node {
	kids := n.kids
	if len(kids) <= linearKids {
		for i := range kids {
			if kids[i].key == key {
				return kids[i].n
			}
		}
		return nil
	}
	if i, found := slices.BinarySearchFunc(kids, key, compareChild); found {
		return kids[i].n
	}
	return nil
}

// addChild returns the continuation of n by the word key, added if it was not there.
func (n *node) addChild(key string) *node {
	i, found := slices.BinarySearchFunc(n.kids, key, compareChild)
	if found {
		return n.kids[i].n
	}
	c := &node{}
	n.kids = slices.Insert(n.kids, i, child{key, c})
	return c
}

func compareChild(c child, key string) int { return strings.Compare(c.key, key) }

// Word flags: facts about a single word that the recognizer asks for every token. They
// live in the matcher's first-word table so that one lookup per word answers both "which
// phrases start here" and "what kind of word is this".
const (
	FlagCommon    uint16 = 1 << iota // a frequent word of the language (data/lang/common-ar.txt)
	FlagPlaceNoun                    // announces a place name: "مدينة X"
	FlagLandmark                     // starts a building's name: "جامع X"
	FlagPlaceCue                     // after it an ambiguous place name is a place: "بمدينة", "in"
	FlagOrgHead                      // heads an organisation's name: "وزارة"
	FlagSport                        // tells a story about sport
	FlagSpeech                       // a verb of saying: "قال", "أضاف"
	// FlagEnglishHead marks an organisation head of English and not of French: it may end
	// a name ("Number Theory Foundation") and is not followed by lowercase adjectives
	// ("Foundation aurait" is no name, "Forces armées royales" is).
	FlagEnglishHead
)

// WordFlags returns the word flags of one folded word key.
func (m *Matcher) WordFlags(key string, s text.Script) uint16 {
	if e := m.root[rootOf(s)].find(key); e != nil {
		return e.flags
	}
	return 0
}

// SetFlags records word flags for a one-word phrase.
func (m *Matcher) SetFlags(word string, f uint16) {
	m.scratch = m.tz.Append(m.scratch[:0], word)
	toks := m.scratch
	if len(toks) != 1 || toks[0].Kind == text.Punct {
		return
	}
	m.root[rootOf(toks[0].Script)].add(toks[0].Key).flags |= f
}

// Matcher finds lexicon phrases in a token stream. Phrases are stored as sequences of
// token keys (text.Key), so matching is insensitive to Arabic letter variants, marks,
// Latin case and accents; soft punctuation (hyphens, apostrophes, abbreviation dots) is
// skipped on both sides; Arabic proclitics are tried off the first word.
type Matcher struct {
	// Phrases are rooted by the script of their first word: an Arabic word is looked up
	// among the (few ten thousand) Arabic phrases, not among the hundred thousand Latin
	// place names of the gazetteer, which keeps the hot lookups in cache.
	root [2]wordTable
	size int
	// scratch holds the tokens of the phrase being added, tz the buffers their keys are
	// built in: the compiler adds a few hundred thousand phrases, one at a time (Add is
	// not safe for concurrent use; Scan is).
	scratch []text.Token
	tz      text.Tokenizer
}

func rootOf(s text.Script) int {
	if s == text.Arabic {
		return 1
	}
	return 0
}

// Add stores phrase with payload p. Empty phrases are ignored. The phrase's letter case
// is recorded in the payload (see Case).
func (m *Matcher) Add(phrase string, p Payload) {
	p.Case = CaseOf(phrase)
	m.scratch = m.tz.Append(m.scratch[:0], phrase)
	toks := m.scratch
	var n *node
	for _, t := range toks {
		switch {
		case t.Kind == text.Punct:
		case n == nil:
			e := m.root[rootOf(t.Script)].add(t.Key)
			if e.n == nil {
				e.n = &node{}
			}
			n = e.n
		default:
			n = n.addChild(t.Key)
		}
	}
	if n == nil {
		return
	}
	for _, q := range n.payloads {
		if q == p {
			return
		}
	}
	n.payloads = append(n.payloads, p)
	m.size++
}

// Len is the number of (phrase, payload) pairs stored.
func (m *Matcher) Len() int { return m.size }

// Match is one phrase found in the tokens [From, To).
type Match struct {
	From, To int
	Payloads []Payload
	// Stripped is set when the first word matched only without its proclitics
	// ("بمدينة" → "مدينة"); Clitic is what was removed, for cues like بـ "in".
	Stripped bool
	Clitic   string
	// Article is set when the first word matched only without its article ال.
	Article bool
}

// MatchAt returns every phrase that starts at token i, shortest first.
func (m *Matcher) MatchAt(toks []text.Token, i int) []Match {
	var vs text.Variants
	if toks[i].Script == text.Arabic {
		vs = text.VariantsOf(toks[i].Key)
	}
	return m.MatchAtVariants(toks, i, &vs)
}

// MatchAtVariants is MatchAt for a caller that has already computed the variants of
// token i (text.VariantsOf; the zero value for a non-Arabic token).
func (m *Matcher) MatchAtVariants(toks []text.Token, i int, vs *text.Variants) []Match {
	var out []Match
	m.Scan(&out, toks, i, vs)
	return out
}

// Scan appends to *out the phrases starting at token i, and returns the word flags of
// the token or of any of its clitic variants (anyFlags), and those of the token as
// written (whole). Appending lets a caller keep every token's matches in one backing
// array; out is a pointer so that the loop below does not carry the slice in registers
// (4,248 -> 4,201 M instructions per ANT pass).
func (m *Matcher) Scan(out *[]Match, toks []text.Token, i int, vs *text.Variants) (anyFlags, whole uint16) {
	t := &toks[i] // read in place: a token is 64 bytes
	root := &m.root[rootOf(t.Script)]
	if t.Kind == text.Punct || len(root.entries) == 0 {
		return 0, 0
	}
	// Only Arabic words carry proclitics; other words are looked up as they are.
	nv := 1
	if t.Script == text.Arabic {
		nv = vs.Len()
	}
	for vi := 0; vi < nv; vi++ {
		v := t.Key
		if vi > 0 {
			v = vs.At(vi)
		}
		e := root.find(v)
		if e == nil {
			continue
		}
		anyFlags |= e.flags
		if vi == 0 {
			whole = e.flags
		}
		n := e.n
		if n == nil {
			continue
		}
		stripped := vi > 0
		clitic := ""
		if stripped {
			clitic = cliticOf(t.Key, v)
		}
		article := vi > 0 && vi == vs.Article()
		if ps := readable(n.payloads, article); len(ps) > 0 {
			*out = append(*out, Match{From: i, To: i + 1, Payloads: ps, Stripped: stripped, Clitic: clitic, Article: article})
		}
		j := i + 1
		for len(n.kids) > 0 && j < len(toks) {
			tj := &toks[j]
			if tj.Kind == text.Punct {
				if tj.Soft() && !tj.Break {
					j++
					continue
				}
				break
			}
			if tj.Para {
				break
			}
			c := n.child(tj.Key)
			if c == nil {
				break
			}
			n = c
			j++
			if ps := readable(n.payloads, article); len(ps) > 0 {
				*out = append(*out, Match{From: i, To: j, Payloads: ps, Stripped: stripped, Clitic: clitic, Article: article})
			}
		}
	}
	return anyFlags, whole
}

// readable returns the payloads of ps that may be read where the word matched: all of them,
// or, when it matched only without its article, those that allow it (Payload.ArticleOK).
func readable(ps []Payload, article bool) []Payload {
	if !article {
		return ps
	}
	// most often all of them or none: the node's own array then, or nothing, without
	// making a new one
	ok := 0
	for _, p := range ps {
		if p.ArticleOK {
			ok++
		}
	}
	switch ok {
	case len(ps):
		return ps
	case 0:
		return nil
	}
	out := make([]Payload, 0, ok)
	for _, p := range ps {
		if p.ArticleOK {
			out = append(out, p)
		}
	}
	return out
}

// cliticOf returns the letters removed from word to get variant, as written in keys
// (so "لل" + "امن" gives "ل").
func cliticOf(word, variant string) string {
	if len(variant) <= len(word) && word[len(word)-len(variant):] == variant {
		return word[:len(word)-len(variant)]
	}
	// للامن → الامن: the article's alef was added back; the clitic is what precedes "ل".
	if len(variant) > 2 {
		tail := variant[len("ا"):]
		if len(tail) <= len(word) && word[len(word)-len(tail):] == tail {
			return word[:len(word)-len(tail)-len("ل")]
		}
	}
	return ""
}
