// Package names decides whether two names, in Arabic or Latin script and in any of the
// spellings the press uses, name the same person, place or organisation: حموشي, الحموشي,
// Hammouchi and Hamouchi; إنزكان أيت ملول and Inezgane-Aït Melloul; داعش, Daech and ISIS.
//
// Two sources of evidence are combined. Alias tables (the lexicon: gazetteer, organisations,
// persons) settle the names they list, translations and acronyms included. Every other name
// is compared by transliteration: both are reduced to phones (consonant classes and vowels
// with their length, see phones.go) and aligned with a weighted edit distance whose costs
// say what the spelling conventions allow (align.go). Multi-word names are compared as a
// whole, with their words in another order, and as a part of the other (a family name
// alone), when that part is distinctive.
package names

import (
	"strings"

	"marsad/internal/text"
)

// DefaultThreshold is the score from which Marsad takes two names for the same. It was set
// on data/names/pairs-tune.tsv; docs/benchmarks.md gives the accuracy it reaches there and on
// the held-out pairs.
const DefaultThreshold = 0.82

// Entry is one entity of an alias table.
type Entry struct {
	ID    string // unique across tables: "place:MA.01.511", "org:dgst", "person:hammouchi"
	Kind  string // place | org | person
	Names []string
}

// Tables are what a Matcher is compiled from.
type Tables struct {
	Entries []Entry
	// Common lists words that do not identify anyone on their own: given names, particles
	// (بن, ould, Aït), generic place words (سيدي, Oued). A name is matched as a part of a
	// longer one only through a word not in this list.
	Common []string
	// Threshold overrides DefaultThreshold when positive.
	Threshold float64
}

// Matcher compares names. It is read-only after New and safe to share between goroutines.
type Matcher struct {
	threshold float64
	entries   []Entry
	byKey     map[string][]int32 // folded name → entries listing it
	common    map[string]bool    // folded word keys (wordKey)
	minCost   [4][128]float64    // see minCosts
}

// New compiles tables into a Matcher. A Matcher from zero Tables compares by transliteration
// alone.
func New(t Tables) *Matcher {
	m := &Matcher{threshold: DefaultThreshold, entries: t.Entries, byKey: map[string][]int32{},
		common: map[string]bool{}, minCost: minCosts()}
	if t.Threshold > 0 {
		m.threshold = t.Threshold
	}
	for i, e := range t.Entries {
		for _, n := range e.Names {
			for _, k := range tableKeys(n) {
				if ids := m.byKey[k]; len(ids) == 0 || ids[len(ids)-1] != int32(i) {
					m.byKey[k] = append(ids, int32(i))
				}
			}
		}
	}
	for _, w := range append(GenericWords(), t.Common...) {
		for _, raw := range splitWords(w) {
			m.common[wordKey(raw)] = true
		}
	}
	return m
}

// GenericWords returns the words of place and person names that name no one on their own:
// saints and princes (سيدي, Moulay), landforms and settlements (عين, Oued, Ksar), tribes
// (بني, Ouled). A new slice on every call: callers may append to it.
func GenericWords() []string {
	return []string{
		"سيدي", "sidi", "مولاي", "moulay", "mulay", "لالة", "للا", "lalla",
		"عين", "ain", "بني", "beni", "bni", "اولاد", "أولاد", "ouled", "oulad", "وادي", "واد", "oued", "wadi",
		"راس", "رأس", "ras", "بئر", "bir", "دار", "dar", "قصر", "ksar", "ksour", "باب", "bab",
		"تيزي", "tizi", "جبل", "jbel", "djebel", "jebel", "سوق", "souk", "suq", "حد", "had",
		"عبد", "abd", "abdel", "abdul", "ابو", "أبو", "abu", "abou", "بو", "bou", "بن", "ben", "bin",
		"ابن", "ibn", "ولد", "ould", "آيت", "أيت", "ait", "ال", "al", "el",
		"مدينة", "ville", "city", "ولاية", "wilaya", "إقليم", "province", "عمالة", "prefecture",
	}
}

// Threshold is the score from which Same is true.
func (m *Matcher) Threshold() float64 { return m.threshold }

// Same reports whether a and b name the same entity at the Matcher's threshold.
func (m *Matcher) Same(a, b string) bool { return m.Score(a, b) >= m.threshold }

// Score returns how likely a and b are to name the same entity, in [0, 1]. Names an alias
// table gives to one entity score 1; names the tables give to different entities of the same
// kind score at most half their transliteration similarity; other names score their
// transliteration similarity.
func (m *Matcher) Score(a, b string) float64 {
	na, nb := m.Prepare(a), m.Prepare(b)
	if sharesEntry(na.entries, nb.entries) {
		return 1
	}
	t := m.transliteration(&aligner{mc: &m.minCost}, na, nb, 0)
	if len(na.entries) > 0 && len(nb.entries) > 0 && oneKind(na.entries, nb.entries) {
		return t / 2
	}
	return t
}

// oneKind reports whether every entry of both lists has the same kind: only then do two
// tables' answers exclude each other (a person and a place may share a name).
func oneKind(a, b []Entry) bool {
	k := a[0].Kind
	for _, e := range a {
		if e.Kind != k {
			return false
		}
	}
	for _, e := range b {
		if e.Kind != k {
			return false
		}
	}
	return true
}

// Lookup returns the table entries that list name, ignoring case, accents, Arabic letter
// variants and the article.
func (m *Matcher) Lookup(name string) []Entry {
	keys := tableKeys(name)
	for _, k := range keys {
		if ids := m.byKey[k]; len(ids) > 0 {
			out := make([]Entry, len(ids))
			for i, id := range ids {
				out[i] = m.entries[id]
			}
			return out
		}
	}
	return nil
}

// tableKeys are the keys a name is indexed and looked up under: its folded form, then the
// same without articles (القاعدة / Al-Qaïda / Qaida).
func tableKeys(name string) []string {
	k := text.NormalizeKey(name)
	if k == "" {
		return nil
	}
	words := strings.Fields(k)
	bare := words[:0:0]
	for _, w := range words {
		switch {
		case w == "al" || w == "el" || w == "l'" || w == "d'" || w == "the":
			continue
		case strings.HasPrefix(w, "al-") || strings.HasPrefix(w, "el-"):
			w = w[3:]
		}
		bare = append(bare, text.StripArticle(w))
	}
	if b := strings.Join(bare, " "); b != "" && b != k {
		return []string{k, b}
	}
	return []string{k}
}

// wordKey folds one word for the Common list: lower case, no accents, Arabic variants
// folded, without the Arabic article.
func wordKey(w string) string {
	if isArabicWord(w) {
		k := arabicKey(foldArabicWord(w))
		if strings.HasPrefix(k, "ال") && len([]rune(k)) > 3 {
			k = strings.TrimPrefix(k, "ال")
		}
		return k
	}
	return foldLatin(w)
}

// Transliteration compares a and b by sound alone, without the alias tables: 1 for names
// that read the same, 0 for names with nothing in common.
func (m *Matcher) Transliteration(a, b string) float64 {
	return m.transliteration(&aligner{mc: &m.minCost}, m.Prepare(a), m.Prepare(b), 0)
}

// transliteration is Transliteration on names already read. The parts of long names cost
// up to 2^6 alignments each way: a part whose consonant bound cannot beat the best score so
// far, nor reach need, is not aligned. With need 0 the score is exact; with need > 0 a
// score below need may come out lower than exact, which is all SameName asks.
func (m *Matcher) transliteration(al *aligner, na, nb *Name, need float64) float64 {
	wa, wb := na.words, nb.words
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	var best float64
	factor := ordinalFactor(na.ordinal, nb.ordinal)
	// Below least, a score decides nothing: it is neither need nor better than best. Each
	// comparison is told what it must reach to count, and may give up short of it.
	least := func() float64 { return max(best, need/factor) }
	best = al.similarity(wa, wb, least())
	// Family name first (Hammouchi Abdellatif): rotate either side.
	const orderPenalty = 0.03
	if len(wa) > 1 {
		best = max(best, al.similarity(al.rotate(wa), wb, least()+orderPenalty)-orderPenalty)
	}
	if len(wb) > 1 {
		best = max(best, al.similarity(wa, al.rotate(wb), least()+orderPenalty)-orderPenalty)
	}
	// One name a distinctive part of the other (حموشي, Abdellatif Hammouchi).
	if best < 1 && na.distinctive && nb.distinctive {
		if s := m.bestPart(al, na, nb, least()/partFactor); s*partFactor > best {
			best = s * partFactor
		}
		if s := m.bestPart(al, nb, na, least()/partFactor); s*partFactor > best {
			best = s * partFactor
		}
	}
	return best * factor
}

// ordinalFactor scales the score of two names by their ordinals: they are numbers, so
// Mohammed V is not محمد السادس, and Hassan II not any Hassan.
func ordinalFactor(a, b int) float64 {
	switch {
	case a != b && a > 0 && b > 0:
		return 0.5
	case a != b:
		return 0.8
	}
	return 1
}

// rotate moves the last word first, into the aligner's buffer: valid until the next call.
func (x *aligner) rotate(ws []word) []word {
	x.rot = append(append(x.rot[:0], ws[len(ws)-1]), ws[:len(ws)-1]...)
	return x.rot
}

// maxPartWords bounds the words of a name whose parts are tried (2^n alignments).
const maxPartWords = 6

// partFactor scales the score of a part of a name matched with the whole of another.
const partFactor = 0.9

// partsTried reports whether bestPart tries the parts of ws.
func partsTried(ws []word) bool { return len(ws) >= 2 && len(ws) <= maxPartWords }

// bestPart returns the best similarity of a proper part of long (its words in order, at
// least one distinctive) with the whole of other, when it is above floor; parts that cannot
// be above floor, nor above the best part so far, are not aligned, so a result at or below
// floor may be lower than the best.
//
// What a part cannot reach is told by consonants (see prepared.go): a part scores at most
// 1 - excess/norm, its norm is at most the larger of long's and other's weights, and its
// excess over other is at least that of each of its words. So a word whose consonants alone
// keep it below floor is in no part worth aligning, and when the words left lack too many
// of other's consonants, no part is.
func (m *Matcher) bestPart(al *aligner, name, other *Name, floor float64) float64 {
	long := name.words
	n := len(long)
	if !partsTried(long) {
		return 0
	}
	norm := max(name.cons.weight, other.cons.weight)
	if norm == 0 {
		return 0
	}
	below := func(excess float64) bool { return 1-excess/norm <= floor-boundSlack }
	ok := 0 // mask of the words that may be in a part above floor
	var cons consonants
	for i := range long {
		if !below(m.excess(&name.wordCons[i], &other.cons)) {
			ok |= 1 << i
			cons.merge(&name.wordCons[i])
		}
	}
	if below(m.excess(&other.cons, &cons)) {
		return 0
	}
	best := 0.0
	part := al.part[:0]
	defer func() { al.part = part[:0] }()
	for mask := 1; mask < 1<<n-1; mask++ {
		if mask&^ok != 0 {
			continue
		}
		part = part[:0]
		cons.reset()
		for i := 0; i < n; i++ {
			if mask&(1<<i) != 0 {
				part = append(part, long[i])
				cons.merge(&name.wordCons[i])
			}
		}
		if !distinctive(part) {
			continue
		}
		least := max(floor, best)
		if m.wholeBound(&cons, &other.cons) <= least-boundSlack {
			continue
		}
		best = max(best, al.similarity(part, other.words, least))
	}
	return best
}

// distinctive reports whether one of ws identifies someone on its own.
func distinctive(ws []word) bool {
	for _, w := range ws {
		if w.distinct {
			return true
		}
	}
	return false
}

// distinct reports whether w is not a common word and is long enough to tell names apart.
func (m *Matcher) distinct(w word) bool {
	k := w.key
	if w.ar {
		k = wordKey(k)
	} else {
		k = strings.TrimPrefix(k, "al ")
	}
	return !m.common[k] && len(w.phones) >= 3
}

// similarity compares two word lists as wholes: the words of each side are read as one
// string, since word boundaries differ between spellings (عبد اللطيف, Abdellatif). A name is
// no closer than its worst word allows: one wrong word in a long name (Abdellatif Hamdouchi)
// must not be averaged away by the words that agree. It is in [0, 1].
//
// A similarity below least may come out lower than it is, down to 0: the alignment gives up
// as soon as it cannot reach least (align).
func (x *aligner) similarity(a, b []word, least float64) float64 {
	var arA, arB bool
	x.pa, arA = concat(x.pa[:0], a)
	x.pb, arB = concat(x.pb[:0], b)
	al, ok := x.align(x.pa, x.pb, arA, arB, least)
	if !ok || al.norm == 0 {
		return 0
	}
	whole := max(0, 1-al.cost/al.norm)
	worst := 1.0
	for _, side := range []struct {
		ws   []word
		cost []float64
	}{{a, al.costA}, {b, al.costB}} {
		k := 0
		for _, w := range side.ws {
			var c, wt float64
			for _, p := range w.phones {
				c += side.cost[k]
				wt += p.weight()
				k++
			}
			if wt >= 1 {
				worst = min(worst, 1-c/wt)
			}
		}
	}
	// A word charged more than its weight (a long word against a short one) would make the
	// similarity negative, and Score promises [0, 1].
	return max(0, min(whole, worst+wordSlack))
}

// wordSlack is how much better than its worst word a name may score: a word is short, so
// one unusual spelling costs it a larger share than it costs the name.
const wordSlack = 0.05

// concat appends the phones of ws to out and tells whether they are mostly Arabic.
func concat(out []phone, ws []word) ([]phone, bool) {
	ar := 0
	for _, w := range ws {
		if w.ar {
			ar++
		}
	}
	for _, w := range ws {
		out = append(out, w.phones...)
	}
	if len(out) > 0 {
		out[len(out)-1].end = true
	}
	return out, 2*ar > len(ws)
}
