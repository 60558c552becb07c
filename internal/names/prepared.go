package names

// Comparing a new name with many known ones (resolve does it for every name no table knows)
// costs one alignment per pair, and up to 2·2^6 more for the parts of long names: the
// organisation names of court and police reports ("فرقة الأبحاث والتفتيش للحرس الوطني
// بالمهدية") run to 40 phones. So a name is read once into a Name, and most pairs are
// decided without an alignment, by a bound from the consonant classes of the two names:
// a consonant of one name that the other name lacks costs the alignment at least the
// cheapest thing that can be done with it, so too many of them put the pair below the
// threshold whatever the alignment. The bound never decides a pair the alignment would have
// decided otherwise: it only skips alignments that cannot reach the threshold.
//
// Names are not put in blocks by equal keys (a consonant skeleton, a first or last word):
// the matcher accepts what such keys separate (ق as q, k or g; one consonant skipped in a
// long name; حموشي as a part of Abdellatif Hammouchi), so blocks would change decisions.
// Comparing the counts of two names costs tens of nanoseconds; aligning them, microseconds.

// Name is a name read once for many comparisons: its words and phones, the table entries
// that list it, and its consonant classes.
type Name struct {
	text string
	name
	entries     []Entry
	cons        consonants
	wordCons    []consonants // by word, when its parts are tried: a part's are their sum
	distinctive bool         // one of its words identifies someone on its own (Matcher.distinct)
}

// Prepare reads s for comparisons with SameName.
func (m *Matcher) Prepare(s string) *Name {
	n := &Name{text: s, name: toWords(s), entries: m.Lookup(s)}
	if partsTried(n.words) {
		n.wordCons = make([]consonants, len(n.words))
	}
	for i := range n.words {
		n.words[i].distinct = m.distinct(n.words[i])
		if n.wordCons != nil {
			n.wordCons[i].add(n.words[i : i+1])
		}
	}
	n.cons.add(n.words)
	n.distinctive = distinctive(n.words)
	return n
}

// String returns the name as given to Prepare.
func (n *Name) String() string { return n.text }

// SameName reports whether a and b name the same entity: Same(a.String(), b.String()),
// without aligning the pairs whose consonants already put them below the threshold.
func (m *Matcher) SameName(a, b *Name) bool {
	return m.sameName(&aligner{mc: &m.minCost}, a, b)
}

// sameName is SameName aligning with al.
func (m *Matcher) sameName(al *aligner, a, b *Name) bool {
	if sharesEntry(a.entries, b.entries) {
		return 1 >= m.threshold // as Score
	}
	// Names two tables give to different entities of one kind score half their
	// transliteration (Score): twice the threshold is needed of it.
	need := m.threshold
	if len(a.entries) > 0 && len(b.entries) > 0 && oneKind(a.entries, b.entries) {
		need *= 2
	}
	if m.bound(a, b) < need-boundSlack {
		return false
	}
	return m.transliteration(al, a, b, need) >= need
}

// boundSlack absorbs the rounding of the bounds, so that a pair whose bound and score are
// equal in exact arithmetic is still aligned.
const boundSlack = 1e-9

// consonants counts the consonant classes of a name or of a part of it: what no spelling
// convention drops, and so what bounds how close two names can come before they are aligned.
type consonants struct {
	n [128]uint8 // by phone symbol: all symbols are ASCII
	// sym[:nsym] are the symbols counted, once each: at most the 18 consonant classes of
	// phones.go, held in place so that reading a name allocates nothing more.
	sym  [24]byte
	nsym uint8
	// weight is the sum of the phones' weights: the denominator of a similarity (align).
	weight float64
	// artL and final: the name has an article's l or an Arabic final ة or ه, which a
	// consonant of the other name may be read as for less than it costs to read it as another
	// consonant (l as the article's l, t and h as ة).
	artL, final bool
	// full: a class counted past 255, or more classes than sym holds; the counts bound
	// nothing then (excess is 0).
	full bool
}

// count adds k consonants of class s.
func (c *consonants) count(s byte, k int) {
	if c.n[s] == 0 {
		if int(c.nsym) == len(c.sym) {
			c.full = true
			return
		}
		c.sym[c.nsym] = s
		c.nsym++
	}
	sum := int(c.n[s]) + k
	c.full = c.full || sum > 255
	c.n[s] = uint8(min(sum, 255))
}

// syms returns the classes counted.
func (c *consonants) syms() []byte { return c.sym[:c.nsym] }

// add counts the phones of ws.
func (c *consonants) add(ws []word) {
	for _, w := range ws {
		for _, p := range w.phones {
			c.weight += p.weight()
			switch p.kind {
			case artL:
				c.artL = true
			case final:
				c.final = true
			case cons:
				c.count(p.sym, 1)
			}
		}
	}
}

// merge adds the counts of o to c. The weights are added in another order than add would
// add them, which the bounds' slack absorbs.
func (c *consonants) merge(o *consonants) {
	for _, s := range o.syms() {
		c.count(s, int(o.n[s]))
	}
	c.weight += o.weight
	c.artL = c.artL || o.artL
	c.final = c.final || o.final
	c.full = c.full || o.full
}

// reset empties c for reuse, keeping its buffer.
func (c *consonants) reset() {
	for _, s := range c.syms() {
		c.n[s] = 0
	}
	*c = consonants{n: c.n}
}

// flags indexes Matcher.minCost by what c offers a consonant of the other name.
func (c *consonants) flags() int {
	f := 0
	if c.artL {
		f |= 1
	}
	if c.final {
		f |= 2
	}
	return f
}

// minCosts returns, for each consonant symbol and each flags value of the other name, the
// least an alignment pays for that consonant when the other name has no consonant of the same
// class to match it with: skipping it, reading it as another consonant class, or as the other
// name's article l or final ة when it has them. Derived from skip and subst, so that it
// follows any change of the costs.
func minCosts() [4][128]float64 {
	var out [4][128]float64
	for s := range 128 {
		c := phone{sym: byte(s), kind: cons}
		least := c.skip(false)
		for o := range 128 {
			if o != s {
				least = min(least, consSubst(byte(s), byte(o)))
			}
		}
		for f := range out {
			v := least
			if f&1 != 0 {
				v = min(v, subst(c, phone{sym: symArtL, kind: artL, ar: true}))
			}
			if f&2 != 0 {
				v = min(v, subst(c, phone{sym: symFinal, kind: final, ar: true}))
			}
			out[f][s] = v
		}
	}
	return out
}

// excess is a lower bound on the cost of aligning x with y, from x's side: every consonant
// of x beyond the number of its class in y is matched with nothing of its class, and costs at
// least minCost. Each step of an alignment involves at most one phone of x, so these costs
// add up.
func (m *Matcher) excess(x, y *consonants) float64 {
	if x.full || y.full {
		return 0
	}
	mc := &m.minCost[y.flags()]
	c := 0.0
	for _, s := range x.syms() {
		if d := int(x.n[s]) - int(y.n[s]); d > 0 {
			c += float64(d) * mc[s]
		}
	}
	return c
}

// wholeBound is a similarity x and y cannot exceed: similarity is at most max(0, 1 -
// cost/norm).
func (m *Matcher) wholeBound(x, y *consonants) float64 {
	norm := max(x.weight, y.weight)
	if norm == 0 {
		return 0
	}
	return max(0, 1-max(m.excess(x, y), m.excess(y, x))/norm)
}

// bound is a score Transliteration(a, b) cannot exceed. The whole names and their rotations
// have the same consonants. A part of a, compared with b, has fewer consonants and fewer
// article l's and final ة's than a, so b's consonants cost it at least what they cost a,
// and its norm is at most the pair's: 1 - excess(b, a)/norm bounds it.
func (m *Matcher) bound(a, b *Name) float64 {
	if len(a.words) == 0 || len(b.words) == 0 {
		return 0
	}
	norm := max(a.cons.weight, b.cons.weight)
	if norm == 0 {
		return 0
	}
	ab, ba := m.excess(&a.cons, &b.cons), m.excess(&b.cons, &a.cons)
	u := 1 - max(ab, ba)/norm
	if a.distinctive && b.distinctive {
		if partsTried(a.words) {
			u = max(u, partFactor*(1-ba/norm))
		}
		if partsTried(b.words) {
			u = max(u, partFactor*(1-ab/norm))
		}
	}
	return max(0, u) * ordinalFactor(a.ordinal, b.ordinal)
}

func sharesEntry(a, b []Entry) bool {
	for _, x := range a {
		for _, y := range b {
			if x.ID == y.ID {
				return true
			}
		}
	}
	return false
}

// Index holds names (the canonical names of entities no table knows) and finds the first of
// them that is the same as a new name. Only the pairs the consonant bound lets through are
// aligned, and each name is read once, when it is added.
//
// An Index is used by one goroutine at a time: it keeps the buffer its alignments share.
type Index struct {
	m     *Matcher
	names []*Name
	al    aligner
}

// NewIndex returns an empty Index comparing with m.
func (m *Matcher) NewIndex() *Index { return &Index{m: m, al: aligner{mc: &m.minCost}} }

// Add appends n; its position is the Len before the call.
func (x *Index) Add(n *Name) { x.names = append(x.names, n) }

// Len returns the number of names added.
func (x *Index) Len() int { return len(x.names) }

// First returns the position of the first name added that accept takes and that is the
// same as n, or -1. Names are tried in the order they were added, so that a name like two
// known ones joins the older, whatever the index.
func (x *Index) First(n *Name, accept func(i int) bool) int {
	for i, k := range x.names {
		if accept(i) && x.m.sameName(&x.al, n, k) {
			return i
		}
	}
	return -1
}
