package event

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"marsad/internal/lexicon"
	"marsad/internal/recognize"
	"marsad/internal/reuse"
	"marsad/internal/text"
)

// draft is an event being built from one sentence.
type draft struct {
	Type    string
	Trigger cue
	Sent    int
	// From, To bound the clause of the sentence the event's slots are read from.
	From, To int
	Para     int
	Date     *recognize.Period
	OwnDate  bool
	Since    bool
	// Figures is made at the first figure (setFigure): most drafts never get one, or are
	// merged away, and a map made for each was most of the stage's allocations.
	Figures map[string]Figure
	// figPos holds the token of each figure, for the one draft that reads them (keepPos:
	// the probe of the next sentence's figures).
	figPos   map[string]int
	keepPos  bool
	Places   []recognize.Entity
	Actors   []recognize.Entity
	People   []recognize.Entity
	Partners []string
	Groups   []recognize.Entity
	// recalled is set on a draft that only refers back to an event told before (merge):
	// its sentence is no evidence of it. whole is set on a draft that tells the whole of an
	// event told before in part: its sentence and figures win.
	recalled, whole bool
}

// setFigure records figure k of dr.
func (dr *draft) setFigure(k string, f Figure) {
	if dr.Figures == nil {
		dr.Figures = map[string]Figure{}
	}
	dr.Figures[k] = f
}

// docView indexes a recognized document by sentence.
type docView struct {
	d        *recognize.Doc
	s        scan
	para     []int // paragraph (line) of each sentence
	entities [][]recognize.Entity
	dates    [][]recognize.Date
	numbers  [][]recognize.Number
	// figs[si] are the figure candidates of sentence si, found when first asked for
	// (figsOf): only the sentences of a trigger and the next ones are.
	figs     [][]figCand
	figsDone []bool
	// sentence holds the drafts of the sentence at hand (appendSentenceEvents), cutters
	// those that cut it into clauses (clauses): kept from sentence to sentence and
	// document to document
	sentence, cutters []*draft
}

// figsOf returns the figure candidates of sentence si.
func (v *docView) figsOf(si int) []figCand {
	if !v.figsDone[si] {
		v.figs[si] = v.figureCandidates(si)
		v.figsDone[si] = true
	}
	return v.figs[si]
}

// Extract reads the events of a recognized document.
func Extract(d *recognize.Doc) []Event {
	return ExtractWith(d, nil)
}

// Buffers holds the arrays of a document's view (its cues and mentions by sentence), for a
// caller that extracts the events of many documents one after the other: passed to
// ExtractWith, they are reused by the next document. The events returned hold none of
// them. The zero value is ready to use.
type Buffers struct {
	view     docView
	para     []int
	entities groups[recognize.Entity]
	dates    groups[recognize.Date]
	numbers  groups[recognize.Number]
	figs     [][]figCand
	figsDone []bool
	// drafts holds the document's drafts
	drafts []*draft
}

// ExtractWith is Extract with the view's arrays taken from buf (nil: allocated).
func ExtractWith(d *recognize.Doc, buf *Buffers) []Event {
	if buf == nil {
		buf = &Buffers{}
	}
	v := newView(d, buf)
	drafts := buf.drafts[:0]
	for si := range d.A.Sentences {
		drafts = v.appendSentenceEvents(drafts, si)
	}
	buf.drafts = drafts
	v.nextSentenceFigures(drafts)
	v.impliedFigures(drafts)
	v.inherit(drafts)
	drafts = v.filter(drafts)
	drafts = v.merge(drafts)
	// Cooperation is between states: a visit or meeting with no foreign partner ("la
	// police a rendu visite", a pilgrimage, a president meeting a local leader) is none.
	drafts = slices.DeleteFunc(drafts, func(dr *draft) bool { return dr.Type == "cooperation" && len(dr.Partners) == 0 })
	v.defaultPlace(drafts)
	v.leadDates(drafts)
	out := make([]Event, 0, len(drafts))
	for _, dr := range drafts {
		out = append(out, v.finish(dr))
	}
	// the events are copies: the drafts go with the document
	clear(buf.drafts[:cap(buf.drafts)])
	return out
}

// defaultPlace gives an event with no place the document's country, when the text names
// that country: a nationwide campaign happened in the country.
func (v *docView) defaultPlace(drafts []*draft) {
	var home *recognize.Entity
	for i, e := range v.d.Entities {
		if e.Type == "place" && e.Kind == "country" && e.Country == v.d.Country && v.d.Country != "" {
			home = &v.d.Entities[i]
			break
		}
	}
	if home == nil {
		home = &recognize.Entity{}
	}
	// the headline's places are where the story is, when it names any
	var title []recognize.Entity
	if len(v.d.A.Sentences) > 1 {
		for _, e := range v.entities[0] {
			if e.Type == "place" && e.Kind != "country" && e.Kind != "continent" && e.Kind != "world_region" {
				title = append(title, e)
			}
		}
	}
	for _, dr := range drafts {
		if len(dr.Places) == 0 && operational[dr.Type] {
			if len(title) > 0 && !v.cueIn(dr.Sent, dr.From, dr.To, "scattered") {
				dr.Places = append([]recognize.Entity(nil), title...)
			} else if home.Key != "" {
				dr.Places = []recognize.Entity{*home}
			}
		}
	}
}

func newView(d *recognize.Doc, buf *Buffers) *docView {
	a := d.A
	v := &buf.view
	s := scanDoc(d, &v.s)
	*v = docView{d: d, s: s, sentence: v.sentence, cutters: v.cutters}
	n := len(a.Sentences)
	v.para = reuse.Zeroed(buf.para, n)
	buf.para = v.para
	p := 0
	for si, se := range a.Sentences {
		if si > 0 && a.Tokens[se.From].Break {
			p++
		}
		v.para[si] = p
	}
	v.entities = bySentence(a, n, d.Entities, func(e *recognize.Entity) int { return e.From }, &buf.entities)
	v.dates = bySentence(a, n, d.Dates, func(dt *recognize.Date) int {
		if dt.Dateline {
			return -1
		}
		return dt.From
	}, &buf.dates)
	v.numbers = bySentence(a, n, d.Numbers, func(nb *recognize.Number) int { return nb.NumFrom }, &buf.numbers)
	buf.figs, buf.figsDone = reuse.Zeroed(buf.figs, n), reuse.Zeroed(buf.figsDone, n)
	v.figs, v.figsDone = buf.figs, buf.figsDone
	return v
}

// bySentence groups items by the sentence of their token (at; -1 leaves an item out), in
// their order. The recognizer lists its mentions in text order, so each sentence's group
// is most often a window of items itself; otherwise (an item left out, or out of order)
// the groups are cut from one new array: the mentions of a document are many and large
// (an entity is 200 bytes), and growing a slice per sentence was the event stage's
// largest allocation. The groups are capped and only read: items is never written.
// g, when not nil, lends its arrays; the groups returned are then g's until its next use.
func bySentence[T any](a *text.Analysis, n int, items []T, at func(*T) int, g *groups[T]) [][]T {
	if g == nil {
		g = &groups[T]{}
	}
	out := reuse.Zeroed(g.out, n)
	g.out = out
	g.ints = reuse.Zeroed(g.ints, len(items)+2*n+1)
	sent, count, fill := g.ints[:len(items)], g.ints[len(items):len(items)+n+1], g.ints[len(items)+n+1:]
	ordered := true
	for k := range items {
		si := -1
		if tok := at(&items[k]); tok >= 0 {
			si = a.SentenceOf(tok)
		}
		if si < 0 || si >= n {
			si = -1
			ordered = false
		} else {
			count[si+1]++
			ordered = ordered && (k == 0 || si >= sent[k-1])
		}
		sent[k] = si
	}
	for si := 1; si <= n; si++ {
		count[si] += count[si-1] // count[si] is now where sentence si's group starts
	}
	all := items
	if !ordered {
		all = reuse.Zeroed(g.all, count[n])
		g.all = all
		copy(fill, count) // where the next item of each sentence goes
		for k := range items {
			if si := sent[k]; si >= 0 {
				all[fill[si]] = items[k]
				fill[si]++
			}
		}
	}
	for si := 0; si < n; si++ {
		if start, end := count[si], count[si+1]; end > start {
			out[si] = all[start:end:end]
		}
	}
	return out
}

// groups holds the arrays of bySentence for reuse.
type groups[T any] struct {
	out  [][]T
	all  []T
	ints []int
}

func (v *docView) has(si int, class string) bool {
	for _, c := range v.s.sentence(si) {
		if c.Class == class {
			return true
		}
	}
	return false
}

// cueNear reports a cue of one of classes within [from, to) tokens of sentence si.
func (v *docView) cueNear(si, from, to int, classes ...string) (cue, bool) {
	cues := v.s.sentence(si)
	for _, c := range classes {
		for k := range cues {
			// the span first: two comparisons of ints before one of strings
			if cu := &cues[k]; cu.From >= from && cu.From < to && cu.Class == c {
				return *cu, true
			}
		}
	}
	return cue{}, false
}

// countAfter returns the first count noun with one of keys starting in [from, from+span),
// not counting one that opens the next item of a list ("3 وإصابة 8").
func (v *docView) countAfter(from, span int, keys ...string) (countNoun, bool) {
	for _, c := range v.s.counts {
		if c.From < from || c.From >= from+span || c.Conj {
			continue
		}
		for _, k := range keys {
			if c.Key == k {
				return c, true
			}
		}
	}
	return countNoun{}, false
}

// personsAfter reports a number or a noun counting persons in [from, to): "القضاء على
// عنصرين إرهابيين", "القضاء على 5 إرهابيين".
func (v *docView) personsAfter(from, to int) bool {
	if from < to && v.d.A.Tokens[from].Kind == text.Number {
		return true
	}
	_, ok := v.countAfter(from, to-from, "persons", "killed")
	return ok
}

// groupObject returns the object of an arrest when it is a group named within three
// tokens after the trigger, past a date and a subject ("أوقفت، في 24 نونبر، عصابة",
// "أوقفت عناصر الدرك بالمحمدية عصابة", "إيقاف أفراد عصابة"). "أوقفت شخصا ينتمي إلى
// عصابة" arrests a person.
func (v *docView) groupObject(si int, c cue) (countNoun, bool) {
	from := v.skipDate(c.To)
	from = v.skipSubject(si, from)
	return v.countAfter(from, 3, "cells", "networks")
}

// skipSubject returns the token after a subject that starts at i: agents of a body and
// the place that names them ("عناصر الدرك بالمحمدية", "أعوان الأمن"); i when none.
func (v *docView) skipSubject(si, i int) int {
	for _, n := range v.s.counts {
		if n.From != i {
			continue
		}
		for _, e := range v.entities[si] {
			if e.From == n.To && e.Type == "org" {
				end := e.To
				for _, p := range v.entities[si] {
					if p.From == end && p.Type == "place" {
						end = p.To
					}
				}
				return end
			}
		}
	}
	return i
}

// groupNear reports an armed or terrorist group named in [from, to) of sentence si.
func (v *docView) groupNear(si, from, to int) bool {
	for _, e := range v.entities[si] {
		if e.Group && e.From < to && e.To > from {
			return true
		}
	}
	return false
}

// groupType is the type of the dismantling of a group named by count noun n: a cell, or a
// network or gang unless the sentence is about terrorism and not about crime.
func (v *docView) groupType(si int, n countNoun) string {
	if n.Key == "cells" || (v.has(si, "terror") && !v.has(si, "crime") && !v.has(si, "smuggling")) {
		return "cell_dismantled"
	}
	return "network_dismantled"
}

// skipDate returns the token after a date that starts at token i, with its preposition
// and the commas around it ("، في 24 نونبر الماضي،"); i when no date starts there.
func (v *docView) skipDate(i int) int {
	toks := v.d.A.Tokens
	j := i
	for j < len(toks) && (toks[j].Text == "," || toks[j].Text == "،") {
		j++
	}
	if j < len(toks) && (toks[j].Key == "في" || toks[j].Key == "on" || toks[j].Key == "le") {
		j++
	}
	end := -1
	for _, d := range v.d.Dates {
		if d.From == j || (d.From == j-1 && j > i) {
			end = d.To
		}
	}
	if end < 0 && j > i && j < len(toks) && toks[j].Kind == text.Number {
		// a day the text cannot resolve ("في 24 نونبر الماضي" without a publication
		// date), set off by a comma
		for k := j + 1; k < min(j+5, len(toks)); k++ {
			if toks[k].Text == "," || toks[k].Text == "،" {
				end = k
				break
			}
		}
	}
	if end < 0 {
		return i
	}
	for end < len(toks) && (toks[end].Text == "," || toks[end].Text == "،") {
		end++
	}
	return end
}

// appendSentenceEvents appends to dst the events the triggers of sentence si stand for.
func (v *docView) appendSentenceEvents(dst []*draft, si int) []*draft {
	se := v.d.A.Sentences[si]
	out := v.sentence[:0]
	seen := map[string]*draft{}
	add := func(typ string, c cue) {
		if dr, ok := seen[typ]; ok {
			_ = dr
			return
		}
		dr := &draft{Type: typ, Trigger: c, Sent: si, Para: v.para[si]}
		seen[typ] = dr
		out = append(out, dr)
	}
	for _, c := range v.s.sentence(si) {
		if _, ok := v.cueNear(si, max(se.From, c.From-6), c.From, "cancel"); ok {
			continue // "ألغى زيارته", "هل يمكن اعتقاله": did not happen
		}
		if _, ok := v.cueNear(si, max(se.From, c.From-2), min(c.To+2, se.To), "sense_law"); ok {
			continue // "the extradition law", "قانون الإرهاب": a topic, not an event
		}
		switch c.Class {
		case "dismantle", "uncover":
			span := 10
			if c.Class == "uncover" {
				span = 3
			}
			if n, ok := v.countAfter(c.To, span, "cells", "networks"); ok {
				add(v.groupType(si, n), c)
			}
		case "foil":
			end := min(c.To+10, se.To)
			switch {
			case v.cueIn(si, c.To, end, "migration") || (v.has(si, "migration") && !v.has(si, "terror")):
				add("migration_interdiction", c)
			case v.cueIn(si, c.To, end, "smuggling"):
				add("seizure", c)
			case v.cueIn(si, c.To, end, "plot_noun", "terror", "attack"):
				add("plot_foiled", c)
			}
		case "arrest", "custody":
			if n, ok := v.countAfter(c.To, 3, "vehicles", "persons", "migrants"); ok && n.Key == "vehicles" && n.From < se.To {
				continue // "إيقاف 16 سيارة": vehicles stopped, not persons arrested
			}
			if v.cueIn(si, se.From, se.To, "sense_sport", "sense_traffic", "sense_camera") {
				continue // a player's suspension, a traffic stop, a scene caught on camera
			}
			if _, ok := v.cueNear(si, max(se.From, c.From-3), c.From, "negation"); ok {
				continue // "لم يتم توقيف أي شخص", "no arrests were made"
			}
			if _, ok := v.cueNear(si, c.To, min(c.To+4, se.To), "sense_suspend"); ok {
				continue // "أوقفا عن العمل": suspended from work
			}
			if _, ok := v.cueNear(si, c.To, c.To+1, "sense_halt"); ok {
				continue // "إيقاف التعامل", "إيقاف البث": a halt, not an arrest
			}
			if _, ok := v.cueNear(si, c.To, min(c.To+4, se.To), "sense_care"); ok && c.Class == "custody" {
				continue // "تم الاحتفاظ بهما في قسم الإنعاش": kept in hospital
			}
			if v.has(si, "migration") && v.hasAny(si, "attempt") && !v.hasAny(si, "smuggling", "charge") {
				add("migration_interdiction", c) // migrants stopped while crossing
				continue
			}
			if n, ok := v.groupObject(si, c); ok {
				// "أوقفت، في 24 نونبر، عصابة من سبعة أشخاص", "arrested a gang of": the
				// group itself is arrested, its dismantling told as an arrest
				add(v.groupType(si, n), c)
				continue
			}
			add("arrest", c)
		case "seize":
			if v.itemIn(c.From, se.To) || v.quantityIn(c.From, se.To) {
				add("seizure", c) // an item, or a weighed quantity of goods the tables do not name
			} else if v.has(si, "migration") {
				add("migration_interdiction", c)
			}
		case "attack", "killing", "eliminate", "ram":
			if c.Class == "eliminate" && !v.personsAfter(c.To, min(c.To+3, se.To)) {
				continue // "القضاء على ظاهرة الانتصاب": a phenomenon ended, no one killed
			}
			if c.Class == "ram" && !v.cueIn(si, c.To, min(c.To+5, se.To), "ram_target") {
				continue // "a foncé ce lundi soir sur un trottoir": driving into, not just rushing
			}
			if _, ok := v.cueNear(si, c.To, min(c.To+4, se.To), "foil"); ok && c.Class == "attack" {
				add("plot_foiled", c) // "Un attentat a été déjoué jeudi à Venise"
				continue
			}
			if _, ok := v.cueNear(si, max(se.From, c.From-6), c.From, "foil", "avert", "negation", "threat"); ok {
				continue // prevented, denied or only threatened: no attack happened
			}
			if v.d.A.Lang != "ar" && v.inQuote(c.From) {
				continue // «Qui attaque Paris attaque ...»: words quoted, not an attack told
			}
			if _, ok := v.cueNear(si, c.To, min(c.To+3, se.To), "sense_cyber"); ok {
				continue // "هجوم معلوماتي", a cyberattack: not a violent incident
			}
			if v.d.AboutSport() && !v.hasAny(si, "terror", "crime", "death", "killing") && !v.securityActorIn(si) {
				continue // "المواجهات التالية", "اعتداء اللاعب على لاعب": matches and fouls
			}
			if v.has(si, "sense_accident") && !v.hasAny(si, "terror", "crime") && !v.attackNoun(si) {
				continue // "لقي 3 أشخاص مصرعهم في حادث مرور": an accident, not an attack
			}
			if _, ok := v.cueNear(si, max(se.From, c.From-2), c.From, "case_of"); ok && c.Class != "eliminate" {
				continue // "قضية مقتل الزواري", "l'affaire du meurtre": a case file, not a new attack
			}
			if v.referenceTo(si, c) || v.knownVictim(si, c) {
				continue // "au lendemain de la fusillade": an attack already known, not a new one
			}
			if _, ok := v.cueNear(si, max(se.From, c.From-4), c.From, "plan", "plot_noun"); ok {
				add("plot_foiled", c) // "يخطط للقيام بتفجير": a planned attack, stopped
				continue
			}
			add("attack", c)
		case "secure":
			if c.To-c.From == 1 && !v.has(si, "occasion") {
				continue // "تأمين الحدود", "تأمين المغرب من تقلبات الأسعار": no event secured
			}
			add("event_secured", c)
		case "cooperation":
			// a visit or a meeting is a security cooperation only among security
			// bodies or officials, or about security
			if v.has(si, "security") || v.securityActorIn(si) {
				add("cooperation", c)
			}
		case "host":
			// hosting is of a gathering: "تحتضن القمة", "will host the World Cup";
			// "احتضان التلاميذ" shelters pupils
			if !v.has(si, "secure") && v.cueIn(si, max(se.From, c.From-6), min(c.To+8, se.To), "occasion") {
				add("hosting", c)
			}
		case "convict":
			// "أدانت الخارجية الهجوم", "a condamné l'attentat": a statement condemns; a
			// conviction has a court, a trial or a penalty in its sentence
			// an acquittal ("قضت بعدم سماع الدعوى") convicts no one, unless the same
			// ruling sends others to prison ("... وبالسجن بين 6 أشهر وعام")
			if v.has(si, "court") && (!v.has(si, "acquit") || v.prisonNear(se.From, se.To)) {
				add("conviction", c)
			}
		case "extradite":
			if _, ok := v.cueNear(si, c.To, min(c.To+3, se.To), "sense_ranks"); ok {
				continue // "طرد من صفوف الحزب": an expulsion from a party
			}
			if v.cueIn(si, se.From, se.To, "sense_sport", "occasion") && !v.hasAny(si, "crime", "terror", "migration") {
				continue // "ترحيل المباراة": a match moved to another date or ground
			}
			if !v.betweenCountries(si) {
				continue // "طرد من الطائرة", "تسليم الموقوف لفرقة الأبحاث", "expulsés du rond-point"
			}
			if v.groupNear(si, c.From-4, c.To+4) {
				continue // "ont expulsé le groupe État islamique d'al-Bab": driven out by force
			}
			add("extradition", c)
		}
	}
	v.clauses(si, out)
	// An arrest told in the same sentence as a cell, network, plot or migration case is
	// part of it ("تفكيك 6 خلايا ... أسفرت عن إيقاف 21 شخصا"), unless its clause is
	// somewhere else ("... كما تم توقيف متطرفين بإسبانيا").
	if ar, ok := seen["arrest"]; ok {
		for _, t := range []string{"cell_dismantled", "network_dismantled", "plot_foiled", "migration_interdiction"} {
			if main, ok := seen[t]; ok && !v.ownPlace(ar, main) {
				main.From, main.To = min(main.From, ar.From), max(main.To, ar.To)
				out = removeDraft(out, ar)
				break
			}
		}
	}
	for _, dr := range out {
		v.fill(dr)
	}
	split := dst
	for _, dr := range out {
		parts := v.splitByDates(dr)
		if parts == nil {
			split = v.appendEnumerated(split, dr)
			continue
		}
		for _, p := range parts {
			split = v.appendEnumerated(split, p)
		}
	}
	clear(out)
	v.sentence = out[:0]
	return split
}

// appendEnumerated appends to out the events dr stands for: itself, or the items of the
// list it tells (splitByEnumeration).
func (v *docView) appendEnumerated(out []*draft, dr *draft) []*draft {
	if items := v.splitByEnumeration(dr); items != nil {
		return append(out, items...)
	}
	return append(out, dr)
}

// enumerators open the items of a list of events: "including one in California ...,
// and another in Chippewa Falls"; "l'une à Paris, l'autre à Lyon"; "إحداها ... والأخرى".
var enumerators = map[string]bool{"one": true, "another": true, "une": false, "l'une": true, "l'autre": true,
	"autre": true, "احداها": true, "الاخري": true, "والاخري": true, "اخري": true}

// splitByEnumeration reads a clause that lists several incidents, each with its own place
// ("four mass shootings, including one in Gilroy, killing three, and another in Chippewa
// Falls where at least five died") as one event per item; nil when dr tells no list (a
// slice of dr alone was an allocation for most events).
func (v *docView) splitByEnumeration(dr *draft) []*draft {
	if dr.Type != "attack" {
		return nil
	}
	toks := v.d.A.Tokens
	var starts []int
	for k := dr.From; k < dr.To; k++ {
		if enumerators[toks[k].Key] && k+1 < dr.To && (toks[k+1].Key == "in" || toks[k+1].Key == "a" || toks[k+1].Key == "à" || toks[k+1].Key == "في") {
			starts = append(starts, k)
		}
	}
	if len(starts) < 2 {
		return nil
	}
	var parts []*draft
	for i, from := range starts {
		to := dr.To
		if i+1 < len(starts) {
			to = starts[i+1]
		}
		p := &draft{Type: dr.Type, Trigger: dr.Trigger, Sent: dr.Sent, Para: dr.Para, From: from, To: to,
			Date: dr.Date, OwnDate: dr.OwnDate,
			Groups: dr.Groups, Actors: dr.Actors}
		for _, e := range v.entities[dr.Sent] {
			if e.Type == "place" && e.From >= from && e.From < to {
				p.Places = append(p.Places, e)
			}
		}
		if len(p.Places) == 0 {
			return nil
		}
		probe := *p
		probe.Trigger = cue{From: from, To: from + 1}
		v.assignFigures(&probe)
		p.Figures = probe.Figures
		parts = append(parts, p)
	}
	return parts
}

// splitByDates reads one trigger over several dated parts as several events: "les
// attentats de janvier 2015 (17 morts) et de novembre 2015 (130 morts)" are two attacks.
// Each part is a date followed by its own figure of the same key. nil: one event.
func (v *docView) splitByDates(dr *draft) []*draft {
	var dates []recognize.Date
	for _, dt := range v.dates[dr.Sent] {
		if dt.From >= dr.From && dt.To <= dr.To && !dt.Since {
			dates = append(dates, dt)
		}
	}
	if len(dates) < 2 {
		return nil
	}
	keys := figureKeys[dr.Type]
	var parts []*draft
	for i, dt := range dates {
		end := dr.To
		if i+1 < len(dates) {
			end = dates[i+1].From
		}
		p := &draft{Type: dr.Type, Trigger: dr.Trigger, Sent: dr.Sent, Para: dr.Para, From: dt.From, To: end,
			Places: dr.Places, Actors: dr.Actors,
			Groups: dr.Groups, People: dr.People, Partners: dr.Partners, OwnDate: true}
		per := dt.Period
		p.Date = &per
		// the figure of this part: the first figure of a key of the type between this
		// date and the next
		for _, fc := range v.figsOf(dr.Sent) {
			k := v.keyFor(p, fc)
			if fc.Pos < dt.To || fc.Pos >= end || fc.Implied {
				continue
			}
			for _, want := range keys {
				if k == want {
					if _, ok := p.Figures[k]; !ok {
						a := v.d.A
						p.setFigure(k, Figure{Value: fc.Value, Qualifier: fc.Qualifier, Unit: fc.Unit, Item: fc.Item,
							Start: a.Tokens[fc.From].Start, End: a.Tokens[fc.To-1].End})
					}
				}
			}
		}
		if len(p.Figures) == 0 {
			return nil // not a list of dated parts
		}
		if len(parts) > 0 && !sameKeys(parts[0].Figures, p.Figures) {
			return nil // "killed on Saturday ... 25 injured": one event told over time
		}
		parts = append(parts, p)
	}
	return parts
}

func sameKeys(a, b map[string]Figure) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

// clauses cuts a sentence that tells several events into one clause per event, at the
// last clause boundary before each next trigger ("... بمدينة إيسن، فقد مكن تعاون مغربي
// اسباني من إفشال مخططات في مليلية، كما تم توقيف متطرفين بإسبانيا").
func (v *docView) clauses(si int, ds []*draft) {
	se := v.d.A.Sentences[si]
	// the same sort as sort.Slice, without its reflection (an allocation a call)
	slices.SortFunc(ds, func(a, b *draft) int { return cmp.Compare(a.Trigger.From, b.Trigger.From) })
	start := se.From
	// a trigger that names the charge ("للاشتباه في تورطه في مقتل") is inside the clause
	// of the arrest it follows: it does not cut it
	cutters := v.cutters[:0]
	for _, dr := range ds {
		if !v.embedded(dr) {
			cutters = append(cutters, dr)
		}
	}
	v.cutters = cutters
	for _, dr := range ds {
		if v.embedded(dr) {
			dr.From, dr.To = se.From, se.To
		}
	}
	ds = cutters
	for i, dr := range ds {
		dr.From, dr.To = start, se.To
		if i+1 < len(ds) {
			next := ds[i+1].Trigger.From
			cut := next
			for k := next - 1; k >= dr.Trigger.To; k-- {
				if isClauseBreak(v.d.A.Tokens[k]) {
					cut = k + 1
					break
				}
			}
			dr.To = cut
			start = cut
		}
	}
}

// ownPlace reports a clause of dr that names a place the clause of main does not.
func (v *docView) ownPlace(dr, main *draft) bool {
	var mine, theirs []recognize.Entity
	for _, e := range v.entities[dr.Sent] {
		if e.Type != "place" {
			continue
		}
		switch {
		case e.From >= dr.From && e.From < dr.To && v.placeRole(dr, e):
			mine = append(mine, e)
		case e.From >= main.From && e.From < main.To && v.placeRole(main, e):
			theirs = append(theirs, e)
		}
	}
	return len(mine) > 0 && len(theirs) > 0 && !v.sharePlace(mine, theirs)
}

// embedded reports a trigger that follows a suspicion word closely: it is the charge of
// another event of the sentence, not a clause of its own.
func (v *docView) embedded(dr *draft) bool {
	se := v.d.A.Sentences[dr.Sent]
	_, ok := v.cueNear(dr.Sent, max(se.From, dr.Trigger.From-4), dr.Trigger.From, "charge")
	return ok && dr.Trigger.From > se.From
}

func isClauseBreak(t text.Token) bool {
	switch t.Text {
	case "،", ",", "؛", ";", ":", "(", ")":
		return true
	}
	switch t.Key {
	case "كما", "وكما", "فيما", "بينما", "فقد", "وقد", "حيث", "ثم", "alors", "tandis", "while", "whereas":
		return true
	}
	return false
}

// securityActorIn reports a security body named in sentence si.
func (v *docView) securityActorIn(si int) bool {
	for _, e := range v.entities[si] {
		if e.Type == "org" && e.Actor {
			return true
		}
	}
	return false
}

// inQuote reports whether token i sits inside quotation marks opened earlier on its line
// (a quotation may run over several sentences).
func (v *docView) inQuote(i int) bool {
	from := i
	for from > 0 && !v.d.A.Tokens[from].Break {
		from--
	}
	open := 0
	for k := from; k < i; k++ {
		switch v.d.A.Tokens[k].Text {
		case "«", "“":
			open++
		case "»", "”":
			if open > 0 {
				open--
			}
		}
	}
	return open > 0
}

// referenceTo reports a definite attack noun right after a word of time or cause ("au
// lendemain de la fusillade", "after the attack", "إثر الهجوم"): it points to an attack
// the reader knows, it does not tell a new one.
// A noun that names its own place right after it ("après l'attentat survenu à Stockholm",
// "au lendemain de l'attentat du Parlement de Westminster") tells which attack: one named
// in passing, an event of its own.
func (v *docView) referenceTo(si int, c cue) bool {
	se := v.d.A.Sentences[si]
	if !v.definiteCue(&draft{Trigger: c}) {
		return false
	}
	if _, ok := v.cueNear(si, max(se.From, c.From-4), c.From, "reference"); !ok {
		return false
	}
	for _, e := range v.entities[si] {
		if e.Type == "place" && e.From >= c.To && e.From < c.To+5 {
			return false
		}
	}
	return true
}

// knownVictim reports a participle of killing that describes a known person ("la jeune
// policière municipale tuée à Montrouge", "the officer killed in 2015"): a definite noun
// phrase just before it and no auxiliary — the text recalls a death, it does not report one.
func (v *docView) knownVictim(si int, c cue) bool {
	toks := v.d.A.Tokens
	if c.Class != "killing" || toks[c.From].Script != text.Latin {
		return false
	}
	se := v.d.A.Sentences[si]
	for k := c.From - 1; k >= se.From && k >= c.From-5; k-- {
		switch toks[k].Key {
		case "a", "ont", "est", "sont", "ete", "was", "were", "been", "has", "have", "had", "is", "are":
			return false // "a été tué", "was killed": the event itself
		case "la", "le", "l'", "the":
			return true
		}
		if toks[k].Kind == text.Number || toks[k].Kind == text.Punct {
			return false
		}
	}
	return false
}

func removeDraft(ds []*draft, x *draft) []*draft {
	out := ds[:0]
	for _, d := range ds {
		if d != x {
			out = append(out, d)
		}
	}
	return out
}

func (v *docView) cueIn(si, from, to int, classes ...string) bool {
	_, ok := v.cueNear(si, from, to, classes...)
	return ok
}

// hasAny reports a cue of one of the classes anywhere in sentence si.
func (v *docView) hasAny(si int, classes ...string) bool {
	for _, c := range classes {
		if v.has(si, c) {
			return true
		}
	}
	return false
}

// quantityIn reports a number with a unit of weight or volume in [from, to), or a count
// of pieces ("1200 علبة", "380 رأس غنم") of goods the sentence calls smuggled or illicit:
// pieces alone are too often something else (vehicles impounded for traffic offences).
func (v *docView) quantityIn(from, to int) bool {
	si := v.d.A.SentenceOf(from)
	illicit := v.hasAny(si, "smuggling", "crime", "illicit")
	for _, m := range v.s.measures {
		if m.From >= from && m.From < to && (m.Unit != "units" || illicit) {
			for _, n := range v.numbers[v.d.A.SentenceOf(m.From)] {
				if n.NumTo == m.From || n.NumTo+1 == m.From {
					return true
				}
			}
		}
	}
	return false
}

func (v *docView) itemIn(from, to int) bool {
	for _, it := range v.s.items {
		if it.From >= from && it.From < to {
			return true
		}
	}
	return false
}

// fill fills the slots of a draft from its sentence.
func (v *docView) fill(dr *draft) {
	si := dr.Sent
	d := v.d
	// Date: the date expression nearest the trigger.
	best, bestDist := -1, 1<<30
	for i, dt := range v.dates[si] {
		if dt.To <= dr.From || dt.From >= dr.To {
			// a date in another clause still dates this one when the clause has none
			if v.datesIn(si, dr.From, dr.To) {
				continue
			}
		}
		dist := dt.From - dr.Trigger.To
		if dist < 0 {
			dist = dr.Trigger.From - dt.To
		}
		if dist < 0 {
			dist = 0
		}
		if dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best >= 0 {
		p := v.dates[si][best].Period
		dr.Date, dr.OwnDate, dr.Since = &p, true, v.dates[si][best].Since
	}
	v.assignFigures(dr)
	for _, e := range v.entities[si] {
		if e.From < dr.From || e.From >= dr.To {
			continue
		}
		switch e.Type {
		case "place":
			if v.placeRole(dr, e) {
				dr.Places = append(dr.Places, e)
			}
		case "org":
			switch {
			case e.Group:
				dr.Groups = append(dr.Groups, e)
			case e.Actor && dr.Type == "attack":
				if e.Kind == "military" {
					dr.Actors = append(dr.Actors, e) // armies carry out military attacks
				}
			case e.Actor && dr.Type != "cooperation" && dr.Type != "hosting" && !e.Hidden && !v.inUnionName(e):
				dr.Actors = append(dr.Actors, e)
			}
		case "person":
			if dr.Type == "cooperation" {
				dr.People = append(dr.People, e)
			}
		}
	}
	if len(dr.Places) == 0 {
		// the clause names no place: the sentence's places are where it happened
		for _, e := range v.entities[si] {
			if e.Type == "place" && v.placeRole(dr, e) {
				dr.Places = append(dr.Places, e)
			}
		}
	}
	if dr.Type == "cooperation" {
		if dest := v.destination(dr); len(dest) > 0 {
			dr.Places = dest
		}
	}
	if dr.Type == "conviction" {
		dr.Places = v.courtPlaces(dr)
	}
	dr.Places = finest(dr.Places)
	dr.Partners = v.partners(dr)
	_ = d
}

func (v *docView) datesIn(si, from, to int) bool {
	for _, dt := range v.dates[si] {
		if dt.From < to && dt.To > from {
			return true
		}
	}
	return false
}

// placeRole decides whether a place named in the sentence is where the event happened:
// destinations ("باتجاه إيطاليا") and origins ("عائد من ليبيا", "مواطن من دولة مالي") are not.
func (v *docView) placeRole(dr *draft, e recognize.Entity) bool {
	d := v.d
	toks := d.A.Tokens
	if v.government(e) || v.streetName(e) {
		return false
	}
	// the words before the name, back to a punctuation mark, at most four
	for k, n := e.From-1, 0; k >= 0 && n < 4 && toks[k].Kind != text.Punct; k, n = k-1, n+1 {
		w := toks[k].Key
		switch w {
		case "باتجاه", "اتجاه", "نحو", "صوب", "vers", "towards", "toward":
			return false // a destination: "باتجاه السواحل الإيطالية"
		case "سفاره", "قنصليه", "ambassade", "consulat", "embassy", "consulate":
			return false // "l'ambassade de France" in Ouagadougou: whose embassy, not where

		case "الي", "to", "into":
			if dr.Type != "cooperation" && dr.Type != "hosting" {
				return false // "نقل ... إلى المستودع البلدي بغار الدماء"
			}
		case "اصيل", "اصيلو", "اصيله", "اصيلي", "ابن", "originaire", "natives", "native":
			return false // an origin: "6 منهم أصيلو تونس العاصمة"
		case "من", "from", "de":
			if k > 0 {
				switch toks[k-1].Key {
				case "عائد", "عائدا", "وعائد", "قادم", "قادما", "قادمه", "القادمه", "القادم", "قادمين", "مواطن", "مواطنا", "اصيل", "اصيلو",
					"ينحدرون", "ينحدر", "تنحدر", "المنحدرين", "originaire", "originaires", "venu", "venus", "provenance", "returning", "native",
					"arriving", "originating":
					return false // an origin: "عائد من ليبيا", "ينحدرون من خريبكة", "en provenance de Paris"
				}
			}
		}
		if n == 0 && !isPlaceNoun(w) && toks[k].Script == text.Arabic && !strings.HasPrefix(w, "ال") {
			// only place nouns and adjectives ("المستودع البلدي") stand between a
			// preposition and the name it governs
			if w != "الي" && w != "من" && w != "في" {
				break
			}
		}
	}
	return true
}

// inUnionName reports a body named inside a union's or association's name ("نقابة قوات
// الأمن الداخلي والديوانة", "syndicat de la police"): the union speaks, the body does not act.
func (v *docView) inUnionName(e recognize.Entity) bool {
	toks := v.d.A.Tokens
	for k := e.From - 1; k >= 0 && k >= e.From-5 && toks[k].Kind != text.Punct; k-- {
		vs := text.VariantsOf(toks[k].Key)
		for _, w := range vs.All() {
			switch w {
			case "نقابه", "النقابه", "اتحاد", "جمعيه", "syndicat", "union", "association":
				return true
			}
		}
	}
	return false
}

// attackNoun reports a sentence that names an attack as such ("هجوم", "attentat",
// "shooting"), which an accident word nearby does not undo ("ramming attack", "the car
// crashed into the crowd in an attack").
func (v *docView) attackNoun(si int) bool {
	se := v.d.A.Sentences[si]
	for _, t := range v.d.A.Tokens[se.From:se.To] {
		vs := text.VariantsOf(t.Key)
		for _, k := range vs.All() {
			switch k {
			case "هجوم", "الهجوم", "اعتداء", "الاعتداء", "تفجير", "attaque", "attentat", "attack", "shooting", "fusillade", "stabbing", "bombing":
				return true
			}
		}
	}
	return false
}

// streetName reports a place named as part of a street's or square's name ("rond-point
// du Portugal", "نهج الجزائر", "Avenue de France"): the street, not the place.
func (v *docView) streetName(e recognize.Entity) bool {
	toks := v.d.A.Tokens
	k := e.From - 1
	if k >= 0 && (toks[k].Key == "du" || toks[k].Key == "de" || toks[k].Key == "des") {
		k--
	}
	if k < 0 {
		return false
	}
	switch toks[k].Key {
	case "نهج", "شارع", "rue", "avenue", "boulevard", "street", "road", "avenida", "calle":
		return true
	case "point": // "rond-point", split at its hyphen
		return k >= 2 && toks[k-2].Key == "rond"
	}
	return false
}

// statementVerbs say what a government said, judged or did in words: a capital or a
// country next to one stands for its government ("وصفت الرياض الاتهامات", "Ankara
// accuses"), not for where an event happened.
var statementVerbs = map[string]bool{
	"وصفت": true, "وصف": true, "اتهمت": true, "اتهم": true, "تتهم": true, "يتهم": true,
	"نفت": true, "نفي": true, "رفضت": true, "رفض": true, "طالبت": true, "تري": true, "رات": true,
	"اعتبرت": true, "اعلنت": true, "ذكرت": true, "شددت": true, "نددت": true, "حذرت": true,
	"said": true, "says": true, "accused": true, "accuses": true, "denied": true, "denies": true,
	"warned": true, "condemned": true, "claims": true, "claimed": true,
	"accuse": true, "denonce": true, "affirme": true, "estime": true, "dement": true,
}

// government reports a country or capital that stands for its government: the subject
// of a statement verb, right before or after it, or the holder in "لدى أنقرة".
func (v *docView) government(e recognize.Entity) bool {
	if e.Locative || !(e.Kind == "country" || e.Kind == "city" && e.Rank >= 90) {
		return false
	}
	toks := v.d.A.Tokens
	speech := func(k int) bool {
		return k >= 0 && k < len(toks) && (v.d.HasFlag(k, lexicon.FlagSpeech) || text.KeyIn(toks[k].Key, statementVerbs))
	}
	return speech(e.From-1) || speech(e.To) || e.From > 0 && toks[e.From-1].Key == "لدي"
}

// courtPlaces is where a sentence was passed: a place named right after the court ("a
// criminal court in Casablanca", "محكمة الاستئناف بالرباط"), else the court's country
// ("a United States federal judge"); the crime's places are not the conviction's.
func (v *docView) courtPlaces(dr *draft) []recognize.Entity {
	toks := v.d.A.Tokens
	se := v.d.A.Sentences[dr.Sent]
	for _, e := range v.entities[dr.Sent] {
		if e.Type != "place" || e.From < 1 {
			continue
		}
		// "court in Casablanca", "tribunal de Grasse", "محكمة الاستئناف بالرباط"
		prep := e.Locative
		switch toks[e.From-1].Key {
		case "in", "of", "at", "de", "du", "a", "à", "في":
			prep = true
		}
		if !prep {
			continue
		}
		for k := e.From - 1; k >= se.From && k >= e.From-4; k-- {
			if text.KeyIn(toks[k].Key, courtWords) {
				return []recognize.Entity{e}
			}
		}
	}
	for _, a := range dr.Actors {
		if a.Country == "" {
			continue
		}
		if row, ok := v.d.Lex.Country(a.Country); ok {
			return []recognize.Entity{{Type: "place", Key: "place:" + row.ID, Name: row.Name, Country: row.Country,
				Kind: "country", Lat: row.Lat, Lon: row.Lon, HasGeo: row.HasCoord}}
		}
	}
	for _, e := range v.entities[dr.Sent] {
		if e.Type == "org" && e.Country != "" && text.KeyIn(toks[e.From].Key, courtWords) {
			if row, ok := v.d.Lex.Country(e.Country); ok {
				return []recognize.Entity{{Type: "place", Key: "place:" + row.ID, Name: row.Name, Country: row.Country,
					Kind: "country", Lat: row.Lat, Lon: row.Lon, HasGeo: row.HasCoord}}
			}
		}
	}
	return nil // the places of the crime are not where it was judged
}

var courtWords = map[string]bool{"court": true, "tribunal": true, "cour": true, "محكمه": true, "المحكمه": true,
	"judge": true, "juge": true, "قاضي": true, "غرفه": true, "chamber": true, "jury": true}

// destination returns the places a visit went to ("زيارته إلى المغرب", "visit to
// Rabat"): for a cooperation they are where it happened, whatever else the sentence names.
func (v *docView) destination(dr *draft) []recognize.Entity {
	toks := v.d.A.Tokens
	var out []recognize.Entity
	for _, e := range v.entities[dr.Sent] {
		if e.Type != "place" || e.From < dr.Trigger.To || e.From > dr.Trigger.To+8 {
			continue
		}
		k := e.From - 1
		for k >= 0 && isPlaceNoun(toks[k].Key) {
			k--
		}
		if k >= 0 && (toks[k].Key == "الي" || toks[k].Key == "to" || toks[k].Key == "a" || toks[k].Key == "à") {
			out = append(out, e)
		}
	}
	return out
}

func isPlaceNoun(k string) bool {
	switch k {
	case "مدينه", "بمدينه", "دوله", "مدينتي", "ولايه", "بولايه", "معتمديه":
		return true
	}
	return false
}

// finest keeps cities and finer places, or the countries when nothing finer is named.
func finest(ps []recognize.Entity) []recognize.Entity {
	var fine, coarse []recognize.Entity
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.Key] {
			continue
		}
		seen[p.Key] = true
		switch p.Kind {
		case "country", "continent", "world_region":
			coarse = append(coarse, p)
		default:
			fine = append(fine, p)
		}
	}
	if len(fine) > 0 {
		return fine
	}
	return coarse
}

// partners are the foreign countries that took part: for cooperation, the countries named
// and the nationalities of the officials; for operations, foreign places when the
// sentence says the home services helped.
func (v *docView) partners(dr *draft) []string {
	d := v.d
	home := d.Country
	set := map[string]bool{}
	se := d.A.Sentences[dr.Sent]
	nat := v.nationalities(se.From, se.To)
	switch dr.Type {
	case "cooperation", "hosting":
		for _, e := range v.entities[dr.Sent] {
			if e.Type == "place" && e.Kind == "country" && e.Country != home {
				set[e.Country] = true
			}
			// a foreign security body received or visiting ("استقبل أمير قطر ... المدير
			// العام للأمن الوطني"): its state is a partner
			if e.Type == "org" && e.Actor && e.Country != "" && e.Country != home && home != "" {
				set[e.Country] = true
			}
		}
		for _, c := range nat {
			if c != home {
				set[c] = true
			}
		}
	default:
		helped := v.has(dr.Sent, "cooperation")
		for _, c := range nat {
			if c == home {
				helped = true
			}
		}
		if helped {
			for _, e := range dr.Places {
				if e.Country != "" && e.Country != home {
					set[e.Country] = true
				}
			}
			for _, c := range nat {
				if c != home {
					set[c] = true
				}
			}
		}
	}
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// betweenCountries reports a sentence that names a state beyond a town: a country, a
// nationality ("السلطات الإسبانية", "a Moroccan national"), or towns of two countries.
// Handing over, expelling and deporting are extraditions only between states; the same
// verbs also hand a suspect to another unit, put a passenger off a plane, clear a square.
func (v *docView) betweenCountries(si int) bool {
	se := v.d.A.Sentences[si]
	if len(v.nationalities(se.From, se.To)) > 0 {
		return true
	}
	seen := ""
	for _, e := range v.entities[si] {
		if e.Type != "place" || e.Country == "" || v.streetName(e) {
			continue
		}
		if e.Kind == "country" || seen != "" && e.Country != seen {
			return true
		}
		seen = e.Country
	}
	return false
}

// nationalities lists the countries of the nationality adjectives in [from, to).
func (v *docView) nationalities(from, to int) []string {
	if !v.d.Matched(lexicon.KNationality) {
		return nil // none in the document: no need to read the sentence's matches
	}
	var out []string
	for i := from; i < to; i++ {
		for _, m := range v.d.Matches[i] {
			for _, p := range m.Payloads {
				if p.Kind == lexicon.KNationality {
					out = append(out, v.d.Lex.Nationalities[p.Index].Country)
				}
			}
		}
	}
	return out
}

// inherit gives events without their own date, places or actors those of the story they
// belong to: the previous event of the same story (same or next paragraph), then the
// paragraph's last date, then the year the lead of the document states. An event left with
// no place at all takes the document's country ("nationwide"), when the document has one.
func (v *docView) inherit(drafts []*draft) {
	leadYear := v.leadYear()
	var prev *draft
	for _, dr := range drafts {
		near := prev != nil && (prev.Para == dr.Para || prev.Para+1 == dr.Para) && sameStory(prev, dr)
		if dr.Date == nil && !v.unresolvedDay(dr) {
			switch {
			case near && prev.Date != nil && !prev.Since:
				// (a period up to the time of writing, "since 1995", frames its own
				// sentence's figures, not the next event)
				p := *prev.Date
				dr.Date = &p
			default:
				if p, ok := v.paragraphDate(dr); ok {
					dr.Date = &p
				} else if p, ok := v.anaphoraDate(dr); ok {
					dr.Date = &p
				} else if leadYear != nil {
					p := *leadYear
					dr.Date = &p
				}
			}
		}
		// "جرت هذه الاعتقالات في مدن مختلفة": many places, none of them the story's town
		scattered := v.cueIn(dr.Sent, dr.From, dr.To, "scattered")
		if len(dr.Places) == 0 && near && !scattered {
			dr.Places = append(dr.Places, prev.Places...)
		}
		if len(dr.Places) == 0 && !scattered {
			dr.Places = v.previousSentencePlaces(dr)
		}
		if len(dr.Actors) == 0 && near {
			dr.Actors = append(dr.Actors, prev.Actors...)
		}
		prev = dr
	}
}

// unresolvedDay reports a clause that dates its event by a day the text cannot resolve
// ("مساء السبت", "dimanche soir" with no publication date): the event has its own date,
// unknown, and a year or date stated elsewhere ("حدود 1967", "منذ 2011") is not it.
func (v *docView) unresolvedDay(dr *draft) bool {
	if v.d.HasPub {
		return false
	}
	for k := dr.From; k < dr.To; k++ {
		if _, _, ok := v.d.WordTagAt(k, "time", "day", "weekday"); ok {
			return true
		}
	}
	return false
}

// sameStory tells whether b continues the story of a, so that it may take a's date,
// places and actors: police operations follow each other (a seizure, then the arrest of
// the drivers), an attack is followed by the arrest of its author; a conviction, a visit
// or an attack told after an operation is another story.
func sameStory(a, b *draft) bool {
	if a.Type == b.Type {
		return true
	}
	if police[a.Type] && police[b.Type] {
		return true
	}
	return a.Type == "attack" && b.Type == "arrest"
}

// single lists the events a headline names one of: an attack, a plot, a cell or network
// (a headline of arrests or seizures often sums several).
var single = map[string]bool{"attack": true, "plot_foiled": true, "cell_dismantled": true, "network_dismantled": true}

// police lists the events of police operations, told one after another in a story.
var police = map[string]bool{"cell_dismantled": true, "network_dismantled": true, "plot_foiled": true, "arrest": true,
	"seizure": true, "migration_interdiction": true, "extradition": true}

var operational = map[string]bool{"cell_dismantled": true, "network_dismantled": true, "plot_foiled": true, "arrest": true,
	"seizure": true, "migration_interdiction": true, "attack": true, "conviction": true, "extradition": true}

// previousSentencePlaces are the towns of the sentence before the draft's, in the same
// paragraph: where the story was when the event is told without a place.
func (v *docView) previousSentencePlaces(dr *draft) []recognize.Entity {
	si := dr.Sent - 1
	if si < 0 || v.para[si] != dr.Para {
		return nil
	}
	var out []recognize.Entity
	for _, e := range v.entities[si] {
		if e.Type == "place" && e.Kind != "country" && e.Kind != "continent" && e.Kind != "world_region" && v.placeRole(dr, e) {
			out = append(out, e)
		}
	}
	return finest(out)
}

// paragraphDate is the last date stated earlier in the draft's paragraph.
func (v *docView) paragraphDate(dr *draft) (recognize.Period, bool) {
	for si := dr.Sent - 1; si >= 0 && v.para[si] == dr.Para; si-- {
		if ds := v.dates[si]; len(ds) > 0 {
			return ds[len(ds)-1].Period, true
		}
	}
	return recognize.Period{}, false
}

// leadDates dates the events still undated once merged with the day the lead tells
// (leadDay). It runs last so that the lead's day neither anchors an event (any sentence of
// the story would get it) nor keeps apart reports that merge.
func (v *docView) leadDates(drafts []*draft) {
	for _, dr := range drafts {
		if dr.Date != nil || v.unresolvedDay(dr) {
			continue
		}
		if p, ok := v.leadDay(dr); ok {
			dr.Date = &p
		}
	}
}

// leadDay is the day the lead tells, for an event told in the paragraphs right after it:
// a short news story gives its day once ("أمس", "اليوم الجمعة", "Ce samedi 23 juin") and
// tells the operation over the next lines. Only a day (not a month, a year or a period
// "since") of the week before the time of writing (an older day in a lead is the
// background the story starts from: "the attack of 19 December", "the night of 14 January
// 2011"), only from the headline and the first two paragraphs under it (the first may be
// a dateline), and only for an event in the two paragraphs after them at most.
func (v *docView) leadDay(dr *draft) (recognize.Period, bool) {
	ref, ok := v.now()
	if dr.Para > 4 || !ok {
		return recognize.Period{}, false
	}
	day := func(si int) (recognize.Period, bool, bool) {
		ds := v.dates[si]
		if len(ds) == 0 {
			return recognize.Period{}, false, false
		}
		dt := ds[len(ds)-1]
		last := dt.Period.Last()
		ok := !dt.Since && dt.Period.From.D != 0 && dt.Period.From == dt.Period.To &&
			!last.Before(ref.AddDate(0, 0, -7)) && !last.After(ref.AddDate(0, 0, 1))
		return dt.Period, ok, true
	}
	for si := dr.Sent - 1; si >= 0; si-- {
		if v.para[si] > 2 {
			continue
		}
		if p, ok, found := day(si); found {
			return p, ok
		}
	}
	// A headline's event: the day the lead under it gives.
	for si := dr.Sent + 1; dr.Para <= 2 && si < len(v.dates) && v.para[si] <= 2; si++ {
		if p, ok, found := day(si); found {
			return p, ok
		}
	}
	return recognize.Period{}, false
}

// anaphoraDate is the last date of the two previous sentences when the event's sentence
// refers back to them ("In that event, ...", "ce jour-là").
func (v *docView) anaphoraDate(dr *draft) (recognize.Period, bool) {
	if !v.has(dr.Sent, "anaphora") {
		return recognize.Period{}, false
	}
	for si := dr.Sent - 1; si >= 0 && si >= dr.Sent-2; si-- {
		if ds := v.dates[si]; len(ds) > 0 {
			return ds[len(ds)-1].Period, true
		}
	}
	return recognize.Period{}, false
}

// leadYear is a year stated in the first sentences (title and lead), which frames an
// annual review ("خلال عام 2024").
func (v *docView) leadYear() *recognize.Period {
	for si := 0; si < len(v.dates) && si < 3; si++ {
		for _, dt := range v.dates[si] {
			if dt.Period.From.M == 0 && dt.Period.From == dt.Period.To && !dt.Since {
				p := dt.Period
				return &p
			}
		}
	}
	return nil
}

// filter drops events with no anchor and background events that ended long before the
// article was published. Naming the document's own country anchors nothing: it is where
// every story of the outlet happens.
func (v *docView) filter(drafts []*draft) []*draft {
	out := drafts[:0]
	for _, dr := range drafts {
		// a day the text names but cannot resolve ("الإثنين" with no publication date)
		// still tells a dated incident
		anchored := dr.Date != nil || len(dr.Figures) > 0 || len(dr.People) > 0 || v.unresolvedDay(dr)
		for _, p := range dr.Places {
			if p.Kind != "country" || p.Country != v.d.Country {
				anchored = true
			}
		}
		if !anchored {
			continue
		}
		if ref, ok := v.now(); ok && dr.Date != nil && !dr.Since {
			if dr.Date.Last().Before(ref.AddDate(-1, 0, 0)) {
				continue // background: ended more than a year before the time of writing
			}
		}
		if dr.Date != nil && v.d.HasPub && dr.Date.First().After(v.d.Published.AddDate(3, 0, 0)) {
			continue
		}
		out = append(out, dr)
	}
	return out
}

// now is the time of writing: the publication date, or without one the latest date the
// text states (a story that recalls 2011 and tells of 2019 was written in 2019 at least).
func (v *docView) now() (time.Time, bool) {
	if v.d.HasPub {
		return v.d.Published, true
	}
	var latest time.Time
	for _, dt := range v.d.Dates {
		if t := dt.Period.Last(); t.After(latest) {
			latest = t
		}
	}
	return latest, !latest.IsZero()
}

// merge folds together the drafts of one document that tell the same event: a headline
// and its body, a trigger repeated in the next sentence, a visit referred to again ("وعرفت
// الزيارة"), the arrests that make up a dismantled cell, a campaign's further results
// ("كما أسفرت الحملة عن").
func (v *docView) merge(drafts []*draft) []*draft {
	var out []*draft
	for _, dr := range drafts {
		merged := false
		for i := len(out) - 1; i >= 0; i-- {
			o := out[i]
			if v.sameEvent(o, dr) {
				v.absorb(o, dr)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, dr)
		}
	}
	return out
}

// sameEvent decides whether draft b, later in the text, tells event a again.
func (v *docView) sameEvent(a, b *draft) bool {
	if b.Trigger.Class == "custody" && police[a.Type] {
		// "تم الاحتفاظ به على ذمة البحث": held in custody after the arrest or the
		// dismantling told before, not a new arrest
		b.recalled, b.Date, b.OwnDate = true, nil, false
		return true
	}
	if a.Type != b.Type {
		// the arrests of the members of a cell or network told after it
		if b.Type == "arrest" && (a.Type == "cell_dismantled" || a.Type == "network_dismantled") &&
			b.Sent-a.Sent <= 4 && v.arrestsWithin(a, b) && v.compatiblePlaces(a, b) {
			return true
		}
		return false
	}
	if b.Type == "attack" && a.Type == "attack" && v.definiteAttack(b) && (partOf(b, a) || len(a.Figures) == 0) && v.compatiblePlaces(a, b) &&
		(b.Sent-a.Sent <= 8 || v.sharePlace(a.Places, b.Places)) {
		// "the shooting began at ...", "charged the suspect in the shooting, they said
		// Sunday": the attack already told; the date is the statement's, not the attack's
		b.Date, b.OwnDate = nil, false
		return true
	}
	if b.Type == "attack" && a.Type == "attack" && v.demonstrativeCue(b) && v.compatiblePlaces(a, b) {
		// "Ces deux attentats", "Le bilan de cette deuxième attaque", "هذا الهجوم": the
		// attack told before; the sentence's date is the statement's. A larger toll
		// ("ارتفع عدد ضحايا هذا الهجوم إلى 60") is the later count: its sentence wins.
		b.Date, b.OwnDate = nil, false
		if tollAtLeast(b, a) && !sameToll(a, b) {
			b.whole = true
		} else {
			b.recalled = true
		}
		return true
	}
	if b.Type == "arrest" && a.Type == "arrest" && v.arrestRecalled(b) && v.compatiblePlaces(a, b) {
		// "غداة توقيف غصن", "after the arrest of Tarrant": the arrest told before; the
		// sentence's date is the statement's
		b.recalled, b.Date, b.OwnDate = true, nil, false
		return true
	}
	if b.Type == "attack" && a.Type == "attack" && v.definiteAttack(a) && partOf(a, b) && len(a.Figures) > 0 &&
		b.Sent-a.Sent <= 8 && v.compatiblePlaces(a, b) {
		// "ولقي 3 أردنيين مصرعهم إثر الهجوم الإرهابي" told before the toll of 50: the
		// victims of one country were part of the attack told next
		b.whole = true
		return true
	}
	if !v.compatibleDates(a, b) {
		return false
	}
	if v.anaphoric(b) && b.Sent-a.Sent <= 3 && v.compatiblePlaces(a, b) {
		return true // "كما أسفرت الحملة عن إيقاف 11 شخصا": more results of the same operation
	}
	if b.Type == "arrest" && v.pronounObject(b) {
		b.recalled = true
		return true // "إلقاء القبض عليه", "son arrestation": the person already arrested
	}
	if b.Type == "seizure" && v.definiteCue(b) && b.Sent-a.Sent <= 3 {
		// "القيمة الجملية للبضاعة المحجوزة", "la marchandise saisie": the goods already
		// seized, their value told
		b.recalled = true
		return true
	}
	if v.headline(a.Sent) && b.Sent <= 4 && roundedAgree(a, b) && v.compatiblePlaces(a, b) {
		return true // the headline's "30 ألف علبة" for the body's 29929
	}
	if v.headline(a.Sent) && b.Sent <= 3 && single[a.Type] && v.compatiblePlaces(a, b) && len(b.Places) > 0 {
		// a headline tells the attack its lead tells, whatever toll each gives: the
		// larger is the later count (a toll only grows), whichever tells it
		if tollAtLeast(b, a) {
			b.whole = true
		} else {
			b.recalled = true
		}
		return true
	}
	if b.Type == "arrest" && v.definitePerson(b) && !v.pluralObject(b) && figuresAgree(a, b) && v.compatiblePlaces(a, b) {
		// "تم توقيف المشتبه فيه", "detained the man": the person already arrested,
		// unless the retelling counts others ("توقيف المشتبه بهم الأربعة") or elsewhere
		return true
	}
	if b.Type == "cooperation" && v.definiteCue(b) && !b.OwnDate {
		return true // "وعرفت الزيارة ...": the visit already told; its places are the partners'
	}

	if !figuresAgree(a, b) || !v.compatiblePlaces(a, b) {
		return false
	}
	switch {
	case (a.Sent <= 1 && b.Sent <= 4) || b.Sent-a.Sent <= 1:
		return true // headline and lead, or consecutive sentences
	case len(a.Places) > 0 && len(b.Places) > 0 && v.sharePlace(a.Places, b.Places):
		return true
	case a.OwnDate && b.OwnDate && a.Date.From.D != 0 && b.Date.From.D != 0:
		return true
	}
	for k, f := range a.Figures {
		if g, ok := b.Figures[k]; ok && g.Value == f.Value {
			return true
		}
	}
	return false
}

// partOf: every figure b tells is a part of the same figure of a ("six Mexican nationals
// were killed in the attack" of 22 dead), or b tells none.
func partOf(b, a *draft) bool {
	for k, g := range b.Figures {
		f, ok := a.Figures[k]
		if !ok || g.Value > f.Value {
			return false
		}
	}
	return true
}

// figuresAgree: no figure of a is told otherwise by b.
func figuresAgree(a, b *draft) bool {
	for k, f := range a.Figures {
		if g, ok := b.Figures[k]; ok && !FiguresAgree(f, g) {
			return false
		}
	}
	return true
}

func (v *docView) compatibleDates(a, b *draft) bool {
	if a.Date != nil && b.Date != nil {
		if a.Date.Last().Before(b.Date.First()) || b.Date.Last().Before(a.Date.First()) {
			return false
		}
	}
	return true
}

func (v *docView) compatiblePlaces(a, b *draft) bool {
	return len(a.Places) == 0 || len(b.Places) == 0 || v.placesOverlap(a.Places, b.Places)
}

// arrestsWithin: the arrest's count does not exceed the cell's. A cell told without a
// count ("الإطاحة بعصابة") takes the count of arrests that name it or its members
// ("القبض على شخصين من أفرادها"); other arrests nearby may be other cases.
func (v *docView) arrestsWithin(a, b *draft) bool {
	fa, okA := a.Figures["arrested"]
	fb, okB := b.Figures["arrested"]
	if !okA && okB {
		return v.namesGroup(b.Sent)
	}
	return !okB || fb.Value <= fa.Value
}

// namesGroup reports a sentence that names a cell, network or gang, or the members of
// one ("أفرادها", "عناصر الشبكة", "members").
func (v *docView) namesGroup(si int) bool {
	se := v.d.A.Sentences[si]
	for _, c := range v.s.counts {
		if c.From >= se.From && c.From < se.To && (c.Key == "cells" || c.Key == "networks") {
			return true
		}
	}
	for _, t := range v.d.A.Tokens[se.From:se.To] {
		vs := text.VariantsOf(t.Key)
		for _, k := range vs.All() {
			for _, m := range []string{"افراد", "عناصر", "اعضاء"} {
				if k == m+"ها" || k == m+"هم" || k == m+"ه" {
					return true
				}
			}
		}
		switch t.Key {
		case "members", "membres", "member", "membre":
			return true
		}
	}
	return false
}

// pronounObject reports an arrest whose object is a pronoun: the arrest of someone the
// text has already introduced ("القبض عليه", "توقيفه", "arrested him", "son arrestation").
func (v *docView) pronounObject(dr *draft) bool {
	toks := v.d.A.Tokens
	t := toks[dr.Trigger.To-1]
	if t.Script == text.Arabic && (strings.HasSuffix(t.Key, "ه") || strings.HasSuffix(t.Key, "هم") || strings.HasSuffix(t.Key, "ها")) &&
		!strings.HasSuffix(t.Key, "يه") && t.Key != "القبض" {
		return true
	}
	if dr.Trigger.To < len(toks) {
		switch toks[dr.Trigger.To].Key {
		case "عليه", "عليها", "عليهم", "عليهما", "به", "بها", "بهم", "بهما", "him", "her", "them", "himself", "herself", "themselves":
			return true
		}
	}
	if dr.Trigger.From > 0 {
		switch toks[dr.Trigger.From-1].Key {
		case "son", "sa", "his", "her", "leur", "their":
			return true
		}
	}
	return false
}

// arrestRecalled reports an arrest named after a word of time or cause ("غداة توقيف غصن",
// "après l'arrestation de", "following his arrest") of a definite, named or pronoun
// object, with no count of more than one: an arrest the reader already knows.
func (v *docView) arrestRecalled(dr *draft) bool {
	se := v.d.A.Sentences[dr.Sent]
	if _, ok := v.cueNear(dr.Sent, max(se.From, dr.Trigger.From-2), dr.Trigger.From, "reference"); !ok {
		return false
	}
	if f, ok := dr.Figures["arrested"]; ok && f.Value > 1 {
		return false
	}
	return v.definiteCue(dr) || v.namedObject(dr) || v.pronounObject(dr)
}

// headline reports the first sentence of a text when it stands as a headline: a
// paragraph of its own that does not end with a full stop.
func (v *docView) headline(si int) bool {
	sents := v.d.A.Sentences
	if si != 0 || len(sents) < 2 || v.para[0] == v.para[1] {
		return false
	}
	se := sents[0]
	last := v.d.A.Tokens[se.To-1].Text
	return last != "." && last != "。"
}

// tollAtLeast reports that b counts at least as many dead and wounded as a.
func tollAtLeast(b, a *draft) bool {
	for _, k := range []string{"killed", "injured"} {
		if f, ok := a.Figures[k]; ok && (b.Figures[k].Value < f.Value) {
			return false
		}
	}
	return true
}

// sameToll reports that a and b count the same dead and wounded.
func sameToll(a, b *draft) bool {
	for _, k := range []string{"killed", "injured"} {
		if a.Figures[k].Value != b.Figures[k].Value {
			return false
		}
	}
	return true
}

// roundedAgree reports a headline figure that rounds the body's: every figure both tell
// agrees within 5%, and the headline's is a round number (30,000 for 29,929).
func roundedAgree(head, body *draft) bool {
	shared := 0
	for k, f := range head.Figures {
		g, ok := body.Figures[k]
		if !ok {
			continue
		}
		shared++
		if FiguresAgree(f, g) {
			continue
		}
		if g.Value <= 0 || math.Abs(f.Value-g.Value) > 0.05*g.Value || !round(f.Value) {
			return false
		}
	}
	return shared > 0
}

// round reports a number written as a round one: a multiple of 1000 or of 100 above it.
func round(x float64) bool {
	return x >= 1000 && math.Mod(x, 1000) == 0 || x >= 100 && x < 1000 && math.Mod(x, 100) == 0
}

// anaphoric reports a sentence that refers back to an operation already told.
func (v *docView) anaphoric(dr *draft) bool {
	return v.has(dr.Sent, "anaphora")
}

// definiteCue reports a trigger written with the article ("الزيارة", "اللقاء"): it
// refers to an event the reader already knows.
func (v *docView) definiteCue(dr *draft) bool {
	t := v.d.A.Tokens[dr.Trigger.From]
	vs := text.VariantsOf(t.Key)
	for _, k := range vs.All() {
		if strings.HasPrefix(k, "ال") {
			return true
		}
	}
	switch t.Key {
	case "la", "le", "l'", "the", "cette", "ce", "this":
		return true
	}
	if dr.Trigger.From == 0 {
		return false
	}
	switch v.d.A.Tokens[dr.Trigger.From-1].Key {
	case "the", "la", "le", "l'", "l’":
		return true
	}
	return false
}

// demonstratives point back to something the text has told: "ces deux attentats", "cette
// deuxième attaque", "this attack", "هذا الهجوم".
var demonstratives = map[string]bool{"ces": true, "cette": true, "cet": true, "ce": true, "these": true, "this": true,
	"those": true, "هذا": true, "هذه": true, "هذين": true, "هاتين": true, "ذلك": true, "تلك": true}

// demonstrativeCue reports a trigger with a demonstrative at most two words before it
// (across a number or an ordinal: "ces deux attentats").
func (v *docView) demonstrativeCue(dr *draft) bool {
	toks := v.d.A.Tokens
	for k := dr.Trigger.From - 1; k >= max(0, dr.Trigger.From-3); k-- {
		if demonstratives[toks[k].Key] {
			return true
		}
		if toks[k].Kind == text.Punct {
			break
		}
	}
	return false
}

// definiteAttack reports an attack told through a definite attack noun in its clause:
// its trigger ("the shooting began at ...") or a phrase ("six were killed in the
// attack"): the attack the reader already knows.
func (v *docView) definiteAttack(dr *draft) bool {
	if v.definiteCue(dr) {
		return true
	}
	for _, c := range v.s.sentence(dr.Sent) {
		if c.Class != "attack" || c.From < dr.From || c.From >= dr.To {
			continue
		}
		if v.definiteCue(&draft{Trigger: c}) {
			return true
		}
	}
	return false
}

// sharePlace is placesOverlap without the country rule: for two reports far apart in a
// text to be one event, naming the same country is not enough.
func (v *docView) sharePlace(a, b []recognize.Entity) bool {
	var fa, fb []recognize.Entity
	for _, p := range a {
		if p.Kind != "country" {
			fa = append(fa, p)
		}
	}
	for _, p := range b {
		if p.Kind != "country" {
			fb = append(fb, p)
		}
	}
	if len(fa) == 0 || len(fb) == 0 {
		return v.placesOverlap(a, b) && (len(fa) == 0) == (len(fb) == 0)
	}
	return v.placesOverlap(fa, fb)
}

// placesOverlap is true when the two lists share a place or one holds a place inside the
// other's (Moknine is in Monastir governorate).
func (v *docView) placesOverlap(a, b []recognize.Entity) bool {
	// a country holds every place of its own: "Morocco" and "Tangier" overlap
	for _, x := range a {
		for _, y := range b {
			if (x.Kind == "country" && x.Country == y.Country && y.Country != "") ||
				(y.Kind == "country" && y.Country == x.Country && x.Country != "") {
				return true
			}
		}
	}
	anc := func(ps []recognize.Entity) map[string]bool {
		m := map[string]bool{}
		for _, p := range ps {
			m[p.Key] = true
			id := strings.TrimPrefix(p.Key, "place:")
			for i := 0; i < 4; i++ {
				pl, ok := v.d.Lex.Place(id)
				if !ok || pl.Parent == "" {
					break
				}
				id = pl.Parent
				m["place:"+id] = true
			}
		}
		return m
	}
	ma, mb := anc(a), anc(b)
	for _, p := range a {
		if mb[p.Key] {
			return true
		}
	}
	for _, p := range b {
		if ma[p.Key] {
			return true
		}
	}
	return false
}

func (v *docView) absorb(a, b *draft) {
	// b's own date wins over a missing or inherited one, and a dated day over a
	// "since 1945" of a headline's superlative
	if b.Date != nil && b.OwnDate && (a.Date == nil || !a.OwnDate || (a.Since && !b.Since && b.Date.From.D != 0)) {
		a.Date, a.OwnDate, a.Since = b.Date, true, b.Since
	}
	// an exact figure in the body beats the headline's "more than 20"
	for k, g := range b.Figures {
		if f, ok := a.Figures[k]; ok && f.Qualifier != "" && g.Qualifier == "" && FiguresAgree(f, g) {
			a.setFigure(k, g)
		}
	}
	// The evidence is the sentence that tells the most: the body rather than the headline.
	// Its figures then win too, so each figure's span lies in or near the evidence.
	// A headline gives way to a body sentence that tells as much.
	bWins := a.Type == b.Type && !b.recalled && (b.whole || len(b.Figures) > len(a.Figures) || v.headline(a.Sent) && b.Sent > 0 && len(b.Figures) == len(a.Figures) && len(b.Figures) > 0)
	if bWins {
		a.Sent, a.Trigger = b.Sent, b.Trigger
	}
	for k, f := range b.Figures {
		if _, ok := a.Figures[k]; (!ok || bWins) && (a.Type == b.Type || k == "arrested") {
			a.setFigure(k, f)
		}
	}
	a.Places = unionEnt(a.Places, b.Places)
	a.Actors = unionEnt(a.Actors, b.Actors)
	a.People = unionEnt(a.People, b.People)
	a.Groups = unionEnt(a.Groups, b.Groups)
	for _, p := range b.Partners {
		found := false
		for _, q := range a.Partners {
			found = found || q == p
		}
		if !found {
			a.Partners = append(a.Partners, p)
		}
	}
}

func unionEnt(a, b []recognize.Entity) []recognize.Entity {
	seen := map[string]bool{}
	for _, e := range a {
		seen[e.Key] = true
	}
	for _, e := range b {
		if !seen[e.Key] {
			a = append(a, e)
			seen[e.Key] = true
		}
	}
	return a
}

// finish turns a draft into the contract's Event.
func (v *docView) finish(dr *draft) Event {
	a := v.d.A
	se := a.Sentences[dr.Sent]
	ev := Event{
		Type: dr.Type, Places: []Place{}, Actors: []string{}, Participants: []string{},
		Partners: append([]string{}, dr.Partners...), Affiliations: []string{},
		Evidence: Span{Start: se.Start, End: se.End, Text: sliceTokens(a, se.From, se.To)},
	}
	if dr.Date != nil {
		f, t := dr.Date.Strings()
		ev.Date = &Period{From: f, To: t}
	}
	if len(dr.Figures) > 0 {
		ev.Figures = dr.Figures
	}
	for _, p := range dr.Places {
		ev.Places = append(ev.Places, PlaceOf(p))
	}
	ev.Actors = names(dr.Actors)
	ev.Participants = names(dr.People)
	ev.Affiliations = names(dr.Groups)
	return ev
}

// PlaceOf converts a place mention to the contract's Place.
func PlaceOf(p recognize.Entity) Place {
	pl := Place{Name: p.Name, Country: p.Country, ID: strings.TrimPrefix(p.Key, "place:")}
	if p.Surface != "" && p.Surface != p.Name {
		pl.Names = []string{p.Surface}
	}
	if p.HasGeo {
		lat, lon := p.Lat, p.Lon
		pl.Lat, pl.Lon = &lat, &lon
	}
	return pl
}

// names lists entity names once each, with the surface form after a bar so that both
// scripts are kept ("DGST|المديرية العامة لمراقبة التراب الوطني").
func names(es []recognize.Entity) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, e := range es {
		if seen[e.Key] {
			continue
		}
		seen[e.Key] = true
		s := e.Name
		if e.Surface != "" && e.Surface != e.Name {
			s += "|" + e.Surface
		}
		out = append(out, s)
	}
	return out
}

func sliceTokens(a *text.Analysis, from, to int) string {
	if from >= to {
		return ""
	}
	first, last := a.Tokens[from], a.Tokens[to-1]
	return a.Text[first.Byte : last.Byte+len(last.Text)]
}
