package recognize

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"marsad/internal/lexicon"
	"marsad/internal/reuse"
	"marsad/internal/text"
)

// Entity is a person, organisation or place mention.
type Entity struct {
	From, To int    // tokens
	Type     string // place | org | person
	// Key identifies the real-world entity within Marsad: "place:<gazetteer id>",
	// "org:<lexicon id>", "person:<lexicon id>" or, for names found by pattern,
	// "person:~<folded name>" / "org:~<folded name>".
	Key     string
	Name    string // canonical name
	Surface string // as written, without proclitics
	Country string
	Lat     float64
	Lon     float64
	HasGeo  bool
	Kind    string // gazetteer kind (city, country, ...) or org kind (police, group, ...)
	Rank    int
	Actor   bool // an org that carries out security operations
	Group   bool // an armed or terrorist group (event affiliation)
	// Aliases are the lexicon's other names for the entity.
	Aliases []string
	// ViaTitle is set for an org named only through an office ("المدير العام للأمن الوطني").
	ViaTitle bool
	// Locative is set for a place written with the preposition بـ ("بطنجة": in Tangier).
	Locative bool
	// Generic is set for a body named without its country ("الشرطة", "وزير الداخلية"):
	// it can act in an event but is not listed as an entity of its own.
	Generic bool
	// Hidden is set for names that are read only so that no pattern misreads them
	// (an outlet's name): neither entities nor actors.
	Hidden bool
	// Anaphor is set for a mention that only refers back to a place named before ("la
	// ville", "the city", "المدينة"): it places events, it adds no name to the entity.
	Anaphor bool
	// ParentKey is, for a local unit ("مفوضية الأمن بأصيلة"), the key of the body it
	// belongs to; the unit carries that body's names only when the text does not name it.
	ParentKey string
}

// candidate is one reading of a span before overlaps are resolved.
type candidate struct {
	Entity
	weak     bool
	priority int
	nested   *Entity // a place inside a local-unit org ("بالمهدية" in "منطقة الشرطة بالمهدية")
	stripped bool    // read only once proclitics were removed: "وجدة" as و + "جدة"
	pattern  bool    // found by a pattern, not a list: a list reading of the same span wins
	// keyPrefix, when set, stands for Key until the candidate is kept (selectSpans): the
	// key of a name found by pattern is its prefix and its words' keys, and most such
	// candidates lose to another reading, so it is written only for those kept.
	keyPrefix string
}

const (
	prioPlace = iota + 1
	prioOrg
	prioPerson
)

func (d *Doc) findEntities() {
	// One candidate per payload at most: sized once, since a candidate is a few hundred
	// bytes and regrowing the slice was a large share of the recognizer's allocations.
	cands := d.buf.cands[:0]
	if n := d.entityPayloads; cap(cands) < n {
		cands = make([]candidate, 0, n)
	}
	for _, m := range d.named {
		cands = d.appendLexCandidates(cands, *m) // skips the payloads of other kinds
	}
	d.Country = d.homeCountry(cands)
	d.sport = d.aboutSport()
	cands = d.resolvePlaces(cands)
	cands = d.appendMore(cands, d.unitOrgs(cands))
	info := d.tokenInfos(cands)
	cands = d.appendMore(cands, d.patternPlaces(cands, info))
	cands = d.appendMore(cands, d.patternPersons(cands, info))
	cands = d.appendMore(cands, d.patternOrgs(cands, info))
	d.Entities = d.selectSpans(cands)
	d.buf.cands = cands[:0] // the entities are copies: the candidates' array serves the next document
	d.placeUnknownTowns()
	d.linkSurnames()
	d.linkPatternOrgs()
	d.resolveCityAnaphora()
}

// entityKinds has bit 1<<k set for the payload kinds that give entity candidates;
// namedKinds adds those the entity rules also read: nationalities (homeCountry) and
// local units (unitOrgs).
const (
	entityKinds = 1<<lexicon.KPlace | 1<<lexicon.KOrg | 1<<lexicon.KOrgTitle | 1<<lexicon.KPerson
	namedKinds  = entityKinds | 1<<lexicon.KNationality | 1<<lexicon.KUnit
)

// appendLexCandidates appends the entity candidates of one lexicon match to out.
func (d *Doc) appendLexCandidates(out []candidate, m lexicon.Match) []candidate {
	lx := d.Lex
	toks := d.A.Tokens
	first := toks[m.From]
	// Most matches are words of the language, with no entity reading: the surface is
	// cut only for a match that gives a candidate.
	surface, cut := "", false
	for _, p := range m.Payloads {
		switch p.Kind {
		case lexicon.KPlace, lexicon.KOrg, lexicon.KOrgTitle, lexicon.KPerson:
		default:
			continue
		}
		// A name written with capitals in the lexicon must be written so in the text:
		// "Tours" the city, not "tours"; "WHO", not "who".
		if first.Script == text.Latin && !lexicon.CaseOK(toks, m.From, m.To, p.Case) {
			continue
		}
		if !cut {
			surface, cut = d.surface(m), true
		}
		c := candidate{Entity: Entity{From: m.From, To: m.To, Surface: surface, Locative: m.Clitic == "ب" || strings.HasSuffix(m.Clitic, "ب")}, weak: p.Weak, stripped: m.Stripped}
		if p.Kind == lexicon.KPlace && m.To-m.From == 1 && first.Script == text.Arabic && d.Tables(m.From)&functionWords != 0 {
			// a town spelled like a function word ("كان": Caen, Cannes; and "was") is a
			// town only where a cue says so
			c.weak = true
		}
		switch p.Kind {
		case lexicon.KPlace:
			pl := &lx.Places[p.Index]
			c.Type, c.Key, c.Name, c.Country = "place", lx.PlaceKey(p.Index), pl.Name, pl.Country
			c.Lat, c.Lon, c.HasGeo, c.Kind, c.Rank = pl.Lat, pl.Lon, pl.HasCoord, pl.Kind, pl.Rank
			c.Aliases = pl.Aliases
			c.priority = prioPlace
		case lexicon.KOrg, lexicon.KOrgTitle:
			o := &lx.Orgs[p.Index]
			c.Hidden = o.Kind == "media" // outlets are sources, not entities
			c.Type, c.Key, c.Name, c.Country, c.Kind = "org", lx.OrgKey(p.Index), o.Name, o.Country, o.Kind
			c.Actor, c.Group, c.Aliases = o.Actor, o.Group, o.Aliases
			c.ViaTitle = p.Kind == lexicon.KOrgTitle
			c.Generic = o.Country == "" && genericKinds[o.Kind]
			if c.ViaTitle && c.Generic {
				continue // "وزير الخارجية الاسباني" names a person, not a body we can place
			}
			c.priority = prioOrg
		case lexicon.KPerson:
			pe := &lx.Persons[p.Index]
			c.Type, c.Key, c.Name, c.Country = "person", lx.PersonKey(p.Index), pe.Name, pe.Country
			c.Aliases = pe.Aliases
			c.priority = prioPerson
		default:
			continue
		}
		out = append(out, c)
	}
	return out
}

// namingPlaceNoun reports a place noun at token i that names the place after it: in
// construct, without the article ("معتمدية قعفور", "بمدينة X", "شواطئ الشابة"). With the
// article it stands alone ("بريف تلك المعتمدية كان يخفيها": the word after it is not a
// town's name).
func (d *Doc) namingPlaceNoun(i int) bool {
	if !d.has(i, lexicon.FlagPlaceNoun) {
		return false
	}
	t := &d.A.Tokens[i]
	if t.Script != text.Arabic {
		return true
	}
	vs := text.VariantsOf(t.Key)
	return vs.Article() == 0 && !strings.HasPrefix(t.Key, "ال")
}

// functionWords and timeWords are the table bits of the language's function words and
// time words.
var (
	functionWords = lexicon.TableBit(lexicon.TFunction)
	timeWords     = lexicon.TableBit(lexicon.TTime)
)

// genericKinds are the kinds of body that every country has: named without a country they
// are "the police", "the army", "the ministry".
var genericKinds = map[string]bool{"police": true, "military": true, "customs": true, "gendarmerie": true,
	"ministry": true, "justice": true, "government": true, "intelligence": true}

// surface returns the text of a match without the proclitics the matcher removed.
func (d *Doc) surface(m lexicon.Match) string {
	toks := d.A.Tokens
	first := toks[m.From]
	last := toks[m.To-1]
	s := d.A.Text[first.Byte : last.Byte+len(last.Text)]
	if !m.Stripped {
		return s
	}
	// Drop leading runes until the first word's key is the matched variant.
	word := first.Text
	want := text.VariantsOf(first.Key)
	var kb [64]byte // the keys compared, built here rather than in a string each
	for k, r := range word {
		if k == 0 {
			continue
		}
		rest := word[k:]
		rk := text.AppendKey(kb[:0], rest)
		for x := 1; x < want.Len(); x++ {
			v := want.At(x)
			if string(rk) == v {
				return s[k:]
			}
			if len(v) == len("ا")+len(rk) && strings.HasPrefix(v, "ا") && v[len("ا"):] == string(rk) { // للأمن → الأمن
				return "ال" + s[k+utf8.RuneLen(r):]
			}
		}
	}
	return s
}

// aboutSport reports a text with several sport words.
func (d *Doc) aboutSport() bool { return d.sportWords >= 3 }

// homeCountry is the country most of the document's unambiguous places belong to.
func (d *Doc) homeCountry(cands []candidate) string {
	votes := map[string]int{}
	for k := range cands {
		c := &cands[k] // a candidate is a few hundred bytes: read in place
		if c.weak || c.Country == "" {
			continue
		}
		switch {
		case c.Type == "place" && c.Kind != "country":
			votes[c.Country] += 2 // a town says more about where the story is than a country named in passing
		case c.Type == "place", c.Type == "org":
			votes[c.Country]++
		}
	}
	for _, m := range d.named {
		for _, p := range m.Payloads {
			if p.Kind == lexicon.KNationality {
				votes[d.Lex.Nationalities[p.Index].Country]++
			}
		}
	}
	best, n := "", 0
	for k, v := range votes {
		if v > n || (v == n && k < best) {
			best, n = k, v
		}
	}
	return best
}

// resolvePlaces drops weak place readings without a cue and, where one span has several
// place readings, keeps the one in the document's country, else the highest ranked.
func (d *Doc) resolvePlaces(cands []candidate) []candidate {
	toks := d.A.Tokens
	type span struct{ from, to int }
	best := map[span]int{}
	// the countries the text names by a strong name: a weak name of a place abroad
	// ("البحيرة" for Egypt's Beheira in a Tunisian story) needs its country in the text
	named := map[string]bool{}
	for k := range cands {
		c := &cands[k]
		if c.Type == "place" && !c.weak && c.Country != "" {
			named[c.Country] = true
		}
	}
	// Candidates are read in place; out, kept in the same array, is written only at or
	// before the one being read.
	out := cands[:0]
	for k := range cands {
		c := &cands[k]
		if c.Type == "place" && c.weak && c.Kind != "country" && d.Country != "" && c.Country != "" && c.Country != d.Country &&
			!named[c.Country] && !(c.From > 0 && (d.namingPlaceNoun(c.From-1) ||
			d.has(c.From-1, lexicon.FlagPlaceCue) && toks[c.From-1].Script == text.Arabic)) {
			continue // (a place noun before it, "شواطئ الشابة", names a place whatever the country)
		}
		if c.Type == "place" && c.weak {
			cue := c.Locative
			if c.From > 0 {
				prev := toks[c.From-1]
				if d.has(c.From-1, lexicon.FlagPlaceCue) {
					cue = true
				}
				if prev.Text == "," && c.From > 1 && d.placeEndsAt(cands, c.From-1) { // "El Paso, Texas"
					cue = cue || toks[c.From].IsUpper()
				}
			}
			if o, ok := d.placeAfterComma(cands, c); ok && c.Country == o.Country {
				cue = true // "Lima, Ohio": the town of the state named after it
			}
			if cue && c.To-c.From == 1 && toks[c.From].Script == text.Arabic && d.common(c.From) &&
				!(c.From > 0 && (d.namingPlaceNoun(c.From-1) || d.has(c.From-1, lexicon.FlagPlaceCue))) &&
				!(c.Locative && strings.Contains(toks[c.From].Key, "ال")) {
				// a frequent word names the town after a place noun ("جماعة ملعب", "شواطئ
				// الشابة") or with the locative and the article ("بالشابة"), not as a noun
				// in construct after بـ ("بملعب رادس": at the Rades stadium)
				cue = false
			}
			if cue && c.To-c.From == 1 && toks[c.From].Script == text.Arabic && d.Tables(c.From)&functionWords != 0 &&
				!c.Locative && !(c.From > 0 && d.namingPlaceNoun(c.From-1)) {
				cue = false // "تلك المعتمدية كان يخفيها": the verb, not Cannes
			}
			if !cue || d.isLangWord(c.From, c.To) {
				continue // "in March" is a month, not March the town
			}
		}
		if c.Type == "org" && c.weak && c.Kind == "sport" {
			// a club named like its city ("برشلونة", "Liverpool") is the club in a
			// story about sport, the city elsewhere
			if d.sport {
				strong := *c
				strong.weak = false
				out = append(out, strong)
			}
			continue
		}
		if c.Type == "org" && c.weak && c.Country == d.Country && d.Country != "" {
			// the national body of a shared name: kept whatever else shares it
			out = append(out, *c)
			continue
		}
		if c.Type == "org" && c.weak {
			// weak org names ("الأمن الوطني", "police") stand only for bodies of the
			// document's own country or international ones, and only when the context
			// picks one of the bodies that share the name
			if c.Country != "" && c.Country != d.Country {
				continue
			}
			if c.Country == "" && d.sharedWeakOrg(cands, c) {
				continue
			}
		}
		if c.Type == "org" && c.ViaTitle && c.Country != "" && d.Country != "" && c.Country != d.Country && !c.weak {
			continue // "المدير العام للأمن الوطني" in a Tunisian story is not Morocco's DGSN
		}
		if c.Type == "org" && c.Generic && d.nationalOrgAt(cands, c) {
			continue // "وزارة الداخلية" in a Moroccan story is Morocco's ministry
		}
		if c.Type != "place" {
			out = append(out, *c)
			continue
		}
		if !c.weak && c.Country != d.Country && c.Rank < 60 && c.To-c.From == 1 &&
			toks[c.From].Script == text.Arabic && d.common(c.From) && !c.Locative {
			continue // a foreign small town whose name is a common word here (إطار, not Atar)
		}
		if c.stripped && d.commonWhole(c) {
			continue
		}
		if c.Kind == "continent" || c.Kind == "world_region" || (c.Kind == "country" && !d.competitionHost(c.From)) {
			if c.From > 0 && d.inCompetitionName(c.From) {
				continue // "كأس ملك إسبانيا", "دوري أبطال أوروبا": part of a name
			}
		}
		sp := span{c.From, c.To}
		if j, ok := best[sp]; ok {
			// of homonyms, the one in the state or country named right after ("Lima,
			// Ohio"), else the one the document's country and the ranks prefer
			sc, so := placeScore(c, d.Country), placeScore(&out[j], d.Country)
			if o, ok := d.placeAfterComma(cands, c); ok {
				sc += within(c, o)
				so += within(&out[j], o)
			}
			if sc > so {
				out[j] = *c
			}
			continue
		}
		best[sp] = len(out)
		out = append(out, *c)
	}
	return out
}

// nationalOrgAt reports an org reading of the same span that belongs to the document's
// country.
func (d *Doc) nationalOrgAt(cands []candidate, c *candidate) bool {
	for k := range cands {
		o := &cands[k]
		if o.Type == "org" && o.From == c.From && o.To == c.To && o.Country == d.Country && d.Country != "" && o.Key != c.Key {
			return true
		}
	}
	return false
}

// placeEndsAt reports a strong place reading ending at token end.
// placeAfterComma is a region or country named right after the place c and a comma
// ("Lima, Ohio", "Georgia, United States").
func (d *Doc) placeAfterComma(cands []candidate, c *candidate) (*candidate, bool) {
	toks := d.A.Tokens
	if c.To+1 >= len(toks) || (toks[c.To].Text != "," && toks[c.To].Text != "،") {
		return nil, false
	}
	for k := range cands {
		if o := &cands[k]; o.Type == "place" && !o.weak && o.From == c.To+1 && o.Country != "" && o.Kind != "city" {
			return o, true
		}
	}
	return nil, false
}

// within scores how well place c sits in the region or country o named after it: in its
// country, and in the state its gazetteer id names ("gn.US.lima.oh" in "US.st.oh").
func within(c, o *candidate) int {
	if c.Country != o.Country {
		return 0
	}
	s := 500
	if i, j := strings.LastIndexByte(c.Key, '.'), strings.LastIndexByte(o.Key, '.'); i > 0 && j > 0 && o.Kind != "country" && c.Key[i:] == o.Key[j:] {
		s += 100
	}
	return s
}

func (d *Doc) placeEndsAt(cands []candidate, end int) bool {
	for k := range cands {
		c := &cands[k]
		if c.Type == "place" && !c.weak && c.To == end {
			return true
		}
	}
	return false
}

// isLangWord reports a span that is exactly a month, time or number word.
func (d *Doc) isLangWord(from, to int) bool {
	for _, m := range d.Matches[from] {
		if m.To != to {
			continue
		}
		for _, p := range m.Payloads {
			if p.Kind == lexicon.KWord {
				switch d.Lex.Words[p.Index].Table {
				case lexicon.TMonth, lexicon.TTime, lexicon.TNumber:
					return true
				}
			}
		}
	}
	return false
}

// sharedWeakOrg reports a weak org reading with no country whose span also reads as a
// body of the document's country: the national reading wins.
func (d *Doc) sharedWeakOrg(cands []candidate, c *candidate) bool {
	for k := range cands {
		o := &cands[k]
		if o.Type == "org" && o.From == c.From && o.To == c.To && o.Key != c.Key && o.Country == d.Country && d.Country != "" {
			return true
		}
	}
	return false
}

// competitionWords start the names of competitions, which embed place names.
var competitionWords = map[string]bool{"كاس": true, "دوري": true, "بطوله": true, "مونديال": true, "كوس": true,
	"coupe": true, "cup": true, "championnat": true, "championship": true, "league": true, "ligue": true}

// competitionHost reports a country right after the competition word: the host ("مونديال
// قطر"), not part of the competition's name.
func (d *Doc) competitionHost(i int) bool {
	return i > 0 && competitionWords[d.A.Tokens[i-1].Key]
}

func (d *Doc) inCompetitionName(i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if competitionWords[d.A.Tokens[k].Key] {
			return true
		}
		if d.A.Tokens[k].Kind == text.Punct {
			return false
		}
	}
	return false
}

// commonWhole reports a token that is itself a frequent word ("باكرا" early, "بحوزة")
// while the place it would hide behind a proclitic is rare in the news ("اكرا", Accra):
// the word is the better reading. Real places are frequent themselves ("بالرباط").
func (d *Doc) commonWhole(c *candidate) bool {
	t := d.A.Tokens[c.From]
	// the word as written is a common word: its own flag (the list holds folded single
	// words, TestCommonWordsFolded), read without folding the text again
	if t.Script != text.Arabic || d.whole[c.From]&lexicon.FlagCommon == 0 {
		return false
	}
	vs := text.VariantsOf(t.Key)
	for x := 1; x < vs.Len(); x++ {
		if d.Lex.IsCommonFolded(vs.At(x)) {
			return false
		}
	}
	return true
}

func placeScore(c *candidate, home string) int {
	s := c.Rank
	if c.stripped {
		s -= 100 // the whole word first: وجدة is Oujda before it is و + جدة
	}
	if c.weak {
		s -= 50
	}
	if home != "" && c.Country == home && c.Kind != "country" {
		s += 30
	}
	return s
}

// boolOrder is the comparison result that puts first the element for which first holds.
func boolOrder(first bool) int {
	if first {
		return -1
	}
	return 1
}

// appendMore appends to cands the candidates a rule found, in d.buf.more (see newMore),
// which the next rule then reuses.
func (d *Doc) appendMore(cands, more []candidate) []candidate {
	cands = append(cands, more...)
	if cap(more) > cap(d.buf.more) { // a rule may return another array, or none
		d.buf.more = more[:0]
	}
	return cands
}

// newMore returns the array a rule appends its candidates to: the one the last rule's
// were in, once appendMore has copied them (a candidate is a few hundred bytes, and each
// rule grew its own array from nothing).
func (d *Doc) newMore() []candidate { return d.buf.more[:0] }

// selectSpans keeps non-overlapping candidates, longest first, then by priority
// (a person's full name beats a place inside it; an org beats the place in its name).
func (d *Doc) selectSpans(cands []candidate) []Entity {
	buf := d.buf
	// Sorted through their indexes: a candidate is a few hundred bytes to move.
	order := reuse.Zeroed(buf.order, len(cands))
	buf.order = order
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(ia, ib int) int {
		a, b := &cands[ia], &cands[ib]
		la, lb := a.To-a.From, b.To-b.From
		switch {
		case la != lb:
			return lb - la // longest first
		case a.Generic != b.Generic:
			return boolOrder(!a.Generic)
		case a.pattern != b.pattern:
			return boolOrder(!a.pattern)
		case a.weak != b.weak:
			return boolOrder(!a.weak)
		}
		return b.priority - a.priority
	})
	var taken []bool
	maxTo := 0
	for k := range cands {
		maxTo = max(maxTo, cands[k].To)
	}
	taken = reuse.Zeroed(buf.taken, maxTo)
	buf.taken = taken
	// The kept candidates are chosen first and copied once: an Entity is large, and
	// appending them one by one regrew the slice several times per document.
	keep := buf.keep[:0]
	type span struct{ from, to int }
	titled := map[span]bool{}
	for _, ci := range order {
		c := &cands[ci]
		free := true
		for k := c.From; k < c.To; k++ {
			if taken[k] {
				free = false
				break
			}
		}
		if !free {
			// an office naming two bodies ("المدير العام للأمن الوطني ولمراقبة التراب
			// الوطني") gives both
			if c.ViaTitle && titled[span{c.From, c.To}] {
				dup := false
				for _, k := range keep {
					dup = dup || cands[k].Key == c.Key
				}
				if !dup {
					keep = append(keep, ci)
				}
			}
			continue
		}
		if c.ViaTitle {
			titled[span{c.From, c.To}] = true
		}
		for k := c.From; k < c.To; k++ {
			taken[k] = true
		}
		keep = append(keep, ci)
	}
	size := len(keep)
	for _, k := range keep {
		if cands[k].nested != nil {
			size++
		}
	}
	// Put in text order through references, then copied once in that order.
	buf.keep = keep
	refs := buf.refs[:0]
	if cap(refs) < size {
		refs = make([]entityRef, 0, size)
	}
	for _, k := range keep {
		refs = append(refs, entityRef{from: cands[k].From, cand: k})
		if n := cands[k].nested; n != nil {
			refs = append(refs, entityRef{from: n.From, cand: k, nested: true})
		}
	}
	sortRefs(refs)
	buf.refs = refs
	out := reuse.Zeroed(buf.entities, len(refs))
	buf.entities = out
	for i, r := range refs {
		if r.nested {
			out[i] = *cands[r.cand].nested
		} else {
			c := &cands[r.cand]
			out[i] = c.Entity
			if c.keyPrefix != "" {
				out[i].Key = d.spanKey(c.keyPrefix, c.From, c.To)
			}
		}
	}
	return out
}

// entityRef points at an entity to be put in text order: an Entity is a few hundred
// bytes, and sorting them in place moved them through reflection at every swap.
type entityRef struct {
	from   int
	cand   int  // index of the candidate or of the entity
	nested bool // the candidate's nested place rather than the candidate
}

// sortRefs orders refs by their first token. It is the same (unstable) pdqsort as
// sort.Slice, so entities that start at the same token keep the order they had.
func sortRefs(refs []entityRef) {
	slices.SortFunc(refs, func(a, b entityRef) int { return cmp.Compare(a.from, b.from) })
}

// sortByFrom returns es in text order (as sort.Slice by From would leave them), moving
// each entity once.
func sortByFrom(es []Entity) []Entity {
	refs := make([]entityRef, len(es))
	for i := range es {
		refs[i] = entityRef{from: es[i].From, cand: i}
	}
	sortRefs(refs)
	out := make([]Entity, len(es))
	for i, r := range refs {
		out[i] = es[r.cand]
	}
	return out
}

// unitOrgs builds local-unit organisations: a unit phrase followed by a place
// ("منطقة الشرطة بالمهدية", "commissariat de Grasse").
func (d *Doc) unitOrgs(cands []candidate) []candidate {
	// Most documents name no unit: the places are indexed only for one that does.
	var placeAt map[int]int // token → the longest place candidate starting there
	out := d.newMore()
	if !d.Matched(lexicon.KUnit) {
		return nil
	}
	for _, m := range d.named {
		for _, p := range m.Payloads {
			if p.Kind != lexicon.KUnit {
				continue
			}
			if placeAt == nil {
				placeAt = map[int]int{}
				for k := range cands {
					if c := &cands[k]; c.Type == "place" {
						if old, ok := placeAt[c.From]; !ok || c.To > cands[old].To {
							placeAt[c.From] = k
						}
					}
				}
			}
			u := d.Lex.Units[p.Index]
			j := m.To
			if d.is(j, "مدينه", "de", "of", "du", "في") {
				j++
			}
			pk, ok := placeAt[j]
			if !ok {
				continue
			}
			pl := &cands[pk]
			parent, hasParent := d.Lex.Org(u.Parent)
			c := candidate{priority: prioOrg + 1}
			c.From, c.To, c.Type = m.From, pl.To, "org"
			c.Surface = d.surface(lexicon.Match{From: m.From, To: pl.To, Stripped: m.Stripped})
			c.Name = c.Surface
			c.Key = d.spanKey("org:~", c.From, c.To)
			c.Kind, c.Actor = u.Kind, true
			c.Country = pl.Country
			if hasParent {
				c.Aliases = append([]string{parent.Name}, parent.Aliases...)
				c.Actor = parent.Actor || c.Actor
				c.ParentKey = "org:" + parent.ID
			}
			inner := pl.Entity
			c.nested = &inner
			out = append(out, c)
		}
	}
	return out
}

// resolveCityAnaphora reads "la ville", "the city", "المدينة" with no name after them as
// the last town named before, a few sentences back at most.
func (d *Doc) resolveCityAnaphora() {
	toks := d.A.Tokens
	var taken []bool // the tokens of an entity, marked at the first anaphor met
	var add []Entity
	last := -1     // index in d.Entities of the last town seen
	lastSent := -1 // sentence of its last mention, by name or by "la ville"
	next := 0
	for i := 0; i < len(toks); i++ {
		// Only these words open an anaphor: the entities before one are read when one
		// is met, in the order they come, as if read at every token.
		if k := toks[i].Key; k != "المدينه" && k != "la" && k != "the" {
			continue
		}
		if taken == nil {
			taken = reuse.Zeroed(d.buf.taken, len(toks))
			d.buf.taken = taken
			for ei := range d.Entities {
				e := &d.Entities[ei]
				for k := e.From; k < e.To; k++ {
					taken[k] = true
				}
			}
		}
		for next < len(d.Entities) && d.Entities[next].From < i {
			if e := &d.Entities[next]; e.Type == "place" && !e.Anaphor {
				switch e.Kind {
				case "country", "continent", "world_region", "region", "province", "governorate", "wilaya", "landmark":
				default:
					last, lastSent = next, -1
				}
			}
			next++
		}
		if taken[i] || last < 0 {
			continue
		}
		from, to := i, 0
		switch {
		case (toks[i].Key == "la" || toks[i].Key == "the") && i+1 < len(toks) && (toks[i+1].Key == "ville" || toks[i+1].Key == "city"):
			to = i + 2
		case toks[i].Key == "المدينه":
			to = i + 1
		default:
			continue
		}
		if to < len(toks) && (toks[to].Key == "de" || toks[to].Key == "d'" || toks[to].Key == "of" || toks[to].Kind == text.Word && toks[to].IsUpper()) {
			continue // "la ville d'Alep": the name follows
		}
		ante := d.Entities[last]
		if lastSent < 0 {
			lastSent = d.A.SentenceOf(ante.From)
		}
		if d.A.SentenceOf(from)-lastSent > 3 {
			continue
		}
		ref := ante
		ref.From, ref.To, ref.Anaphor, ref.Surface, ref.Locative = from, to, true, "", false
		add = append(add, ref)
		lastSent = d.A.SentenceOf(from) // "la ville" again later still means that town
	}
	if len(add) > 0 {
		d.Entities = append(d.Entities, add...)
		sort.SliceStable(d.Entities, func(a, b int) bool { return d.Entities[a].From < d.Entities[b].From })
	}
}

// isWordOrWeakName reports a token that is a word of the language tables (a function word,
// a regnal ordinal "الثاني") or an ambiguous given name ("علي" is also the preposition
// "على" once folded).
func (d *Doc) isWordOrWeakName(i int) bool {
	for _, m := range d.Matches[i] {
		if m.To != i+1 {
			continue
		}
		for _, p := range m.Payloads {
			if p.Kind == lexicon.KWord ||
				((p.Kind == lexicon.KGivenAr || p.Kind == lexicon.KGivenLatin) && p.Weak) {
				return true
			}
		}
	}
	return false
}

// isNationality reports a token where a nationality adjective starts.
func (d *Doc) isNationality(i int) bool {
	for _, m := range d.Matches[i] {
		for _, p := range m.Payloads {
			if p.Kind == lexicon.KNationality {
				return true
			}
		}
	}
	return false
}

// hasProclitic reports an Arabic key that starts with a letter a proclitic can be.
func hasProclitic(k string) bool {
	r, _ := utf8.DecodeRuneInString(k)
	switch r {
	case 'و', 'ف', 'ب', 'ل', 'ك':
		return true
	}
	return false
}

// placeUnknownTowns gives a town no gazetteer knows ("the town of Pandeglang") the country
// its sentence names, else the document's country.
func (d *Doc) placeUnknownTowns() {
	for i := range d.Entities {
		e := &d.Entities[i]
		if e.Type != "place" || e.Country != "" || !strings.HasPrefix(e.Key, "place:~") {
			continue
		}
		si := d.A.SentenceOf(e.From)
		country := d.Country
		for k := range d.Entities {
			o := &d.Entities[k]
			if o.Type == "place" && o.Kind == "country" && d.A.SentenceOf(o.From) == si {
				country = o.Country
				break
			}
		}
		d.Entities[i].Country = country
	}
}

// linkPatternOrgs gives an org found by pattern ("المجلس العسكري") the identity of a
// listed org of the document that the same words also name (a weak alias the context
// did not settle on its own).
func (d *Doc) linkPatternOrgs() {
	byKey := map[string]int{}
	for i := range d.Entities {
		e := &d.Entities[i]
		if e.Type == "org" && !strings.HasPrefix(e.Key, "org:~") {
			byKey[e.Key] = i
		}
	}
	if len(byKey) == 0 {
		return
	}
	for i := range d.Entities {
		e := &d.Entities[i]
		if e.Type != "org" || !strings.HasPrefix(e.Key, "org:~") {
			continue
		}
		for _, m := range d.Matches[e.From] {
			if m.To != e.To {
				continue
			}
			for _, p := range m.Payloads {
				if p.Kind != lexicon.KOrg {
					continue
				}
				if j, ok := byKey[d.Lex.OrgKey(p.Index)]; ok {
					o := d.Entities[j]
					d.Entities[i].Key, d.Entities[i].Name, d.Entities[i].Kind = o.Key, o.Name, o.Kind
					d.Entities[i].Actor, d.Entities[i].Group = o.Actor, o.Group
				}
			}
		}
	}
}

// endsWithAny reports whether key could be read as one of the family names whose
// familySuffixes are suffixes, with or without its article and proclitics: each of those
// readings (text.VariantsOf, then text.StripArticle) ends the key, except that of للـ,
// which writes the article's alef back ("للحموشي" → "الحموشي"). Asking it first spares
// the lookups of the other words.
func endsWithAny(key string, suffixes []string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(key, s) {
			return true
		}
	}
	return false
}

// familySuffixes turns each family name of lasts, in place, into what a word that may
// stand for it ends with: the name, or the name less a leading alef (للحمري reads
// ل + الحمري; a key that ends with the whole name ends with that too).
func familySuffixes(lasts []string) []string {
	for i, l := range lasts {
		lasts[i] = strings.TrimPrefix(l, "ا")
	}
	return lasts
}

// linkSurnames gives a lone family name the identity of the full name it refers to
// ("حموشي" after "عبد اللطيف حموشي", "Rembi" after "Lauren Rembi").
func (d *Doc) linkSurnames() {
	full := map[string]int{} // last-word key → entity index
	taken := reuse.Zeroed(d.buf.taken, len(d.A.Tokens))
	d.buf.taken = taken
	for i := range d.Entities {
		e := &d.Entities[i]
		for k := e.From; k < e.To; k++ {
			taken[k] = true
		}
		if e.Type != "person" || e.To-e.From < 2 {
			continue
		}
		lastTok := d.A.Tokens[e.To-1]
		last := text.StripArticle(lastTok.Key)
		// a family name that is also a word of the language ("علي" is also "على") or a
		// nationality ("الكردي") would tag every use of the word
		if lastTok.Script == text.Arabic && (d.common(e.To-1) || d.isNationality(e.To-1) || d.isWordOrWeakName(e.To-1)) {
			continue
		}
		if _, ok := full[last]; !ok && len([]rune(last)) >= 3 {
			full[last] = i
		}
	}
	for i := range d.Entities {
		e := &d.Entities[i]
		if e.Type != "person" || e.To-e.From != 1 {
			continue
		}
		k := text.StripArticle(d.A.Tokens[e.From].Key)
		if j, ok := full[k]; ok && j != i {
			d.Entities[i].Key = d.Entities[j].Key
			d.Entities[i].Name = d.Entities[j].Name
		}
	}
	if len(full) == 0 {
		return
	}
	// the family name alone, anywhere else in the text, is the same person
	// ("وأضاف شقير", "Rembi maîtrise mieux son jeu")
	suffixes := make([]string, 0, len(full))
	for k := range full {
		suffixes = append(suffixes, k)
	}
	suffixes = familySuffixes(suffixes)
	// the last bytes the suffixes end with: a word ending with another is none of them,
	// told without comparing it to each (most words of a text)
	var lastBytes [4]uint64
	anyEnd := false // an empty suffix, which every word ends with
	for _, s := range suffixes {
		if s == "" {
			anyEnd = true
			continue
		}
		c := s[len(s)-1]
		lastBytes[c>>6] |= 1 << (c & 63)
	}
	var add []Entity
	for i := range d.A.Tokens {
		t := &d.A.Tokens[i]
		if taken[i] || t.Kind != text.Word || (t.Script == text.Latin && !t.IsUpper()) {
			continue
		}
		if n := len(t.Key); !anyEnd && (n == 0 || lastBytes[t.Key[n-1]>>6]&(1<<(t.Key[n-1]&63)) == 0) {
			continue
		}
		if !endsWithAny(t.Key, suffixes) {
			continue
		}
		k := text.StripArticle(t.Key)
		j, ok := full[k]
		if !ok && t.Script == text.Arabic && hasProclitic(t.Key) {
			// "لحموشي", "وحموشي": the name with a proclitic
			vs := text.VariantsOf(t.Key)
			for x := 1; x < vs.Len() && !ok; x++ {
				j, ok = full[text.StripArticle(vs.At(x))]
			}
		}
		if !ok {
			continue
		}
		p := d.Entities[j]
		add = append(add, Entity{From: i, To: i + 1, Type: "person", Key: p.Key, Name: p.Name, Surface: t.Text, Country: p.Country})
	}
	if len(add) > 0 {
		d.Entities = sortByFrom(append(d.Entities, add...))
	}
}
