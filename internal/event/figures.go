package event

import (
	"marsad/internal/lexicon"
	"strings"
	"unicode/utf8"

	"marsad/internal/recognize"
	"marsad/internal/text"
)

// figCand is a figure found in a sentence before it is given to an event.
type figCand struct {
	Key       string // a count key (cells, persons, ...), "quantity" or "years"
	Value     float64
	Qualifier string
	Unit      string
	Item      string
	From, To  int // tokens of the whole figure
	Pos       int // token of the number (or the noun for implied figures)
	// Implied figures come from a singular or dual noun ("توقيف شخص"): a number stated in
	// the clause wins over them.
	Implied bool
	// ArrestedPart is a part of a group told before, counted right after an arrest word
	// ("تتكون من 3 أشخاص، تم إلقاء القبض على اثنين منهم", "deux d'entre eux ont été
	// arrêtés" is not it): those arrested, whatever the group's size.
	ArrestedPart bool
}

// prisonWords follow or precede a number of years that is a sentence, not an age.
var prisonWords = map[string]bool{
	"سجنا": true, "حبسا": true, "بالسجن": true, "نافذا": true, "سجن": true, "السجن": true,
	"سجنه": true, "سجنها": true, "سجنهم": true, "حبسه": true, "حبسها": true, "حبسهم": true,
	"prison": true, "emprisonnement": true, "reclusion": true, "ferme": true,
	"sentence": true, "sentenced": true, "peine": true, "condamne": true,
}

func (v *docView) figureCandidates(si int) []figCand {
	a := v.d.A
	se := a.Sentences[si]
	var out []figCand
	numEnd := map[int]bool{} // tokens right after a number: a noun there is counted
	for _, n := range v.numbers[si] {
		numEnd[n.NumTo] = true
		if n.Definite {
			// "سائقي الشاحنات الثلاثة": the noun comes before
			for _, c := range v.s.counts {
				if c.To <= n.NumFrom && c.To >= n.NumFrom-3 && c.From >= se.From {
					out = append(out, figCand{Key: c.Key, Value: n.Value, From: c.From, To: n.To, Pos: n.NumFrom})
					break
				}
			}
			continue
		}
		fc := figCand{Value: n.Value, Qualifier: n.Qualifier, From: n.From, Pos: n.NumFrom}
		// Arabic puts one and two after the noun: "إرهابيين اثنين", "شخص واحد"
		if n.Words && n.Value <= 2 && a.Tokens[n.From].Script == text.Arabic {
			if c, ok := v.countEndingAt(n.From, se.From); ok {
				fc.Key, fc.From, fc.To, fc.Pos = c.Key, c.From, n.To, c.From
				out = append(out, fc)
				continue
			}
		}
		// a quantity: number, unit, then the item ("6 الاف لتر من البنزين")
		if m, ok := v.measureAt(n.NumTo, 1); ok {
			fc.Key, fc.Unit, fc.Value, fc.To = "quantity", m.Unit, n.Value*m.Factor, m.To
			j := m.To
			if a.Tokens[min(j, len(a.Tokens)-1)].Key == "من" || isOf(a.Tokens, j) {
				j++
			}
			if it, ok := v.itemAt(j, 3); ok {
				fc.Item, fc.To = it.Item, it.To
			}
			out = append(out, fc)
			continue
		}
		if it, ok := v.itemAt(n.NumTo, 2); ok {
			fc.Key, fc.Unit, fc.Item, fc.To = "quantity", it.Unit, it.Item, it.To
			out = append(out, fc)
			continue
		}
		if v.deathNear(n) {
			// "where at least five died", "killing three", "tuant trois personnes"
			fc.Key, fc.To = "killed", n.To
			if c, ok := v.countAfter(n.NumTo, 2, "persons", "killed"); ok && c.From < se.To {
				fc.To = c.To
			}
			out = append(out, fc)
			continue
		}
		if k := n.NumTo; k+1 < se.To && a.Tokens[k].Script == text.Latin && !a.Tokens[k].IsUpper() && isAdjective(a.Tokens[k].Key) {
			// "337 suspected users": an adjective between the number and its noun
			if c, ok := v.countAfter(k+1, 1, "persons", "killed", "injured", "migrants"); ok {
				fc.Key, fc.To = c.Key, c.To
				out = append(out, fc)
				continue
			}
		}
		// a part of a group told before: "القبض على اثنين منهم", "arrested two of them"
		if end, ok := partitiveAfter(a.Tokens, n.NumTo, se.To); ok {
			fc.Key, fc.To = "persons", end
			fc.ArrestedPart = v.arrestRightBefore(si, n.From)
			out = append(out, fc)
			continue
		}
		if c, ok := v.countAfter(n.NumTo, 2, "cells", "networks", "persons", "migrants", "attempts", "plots", "killed", "injured", "years"); ok && c.From < se.To {
			fc.Key, fc.To = c.Key, c.To
			if c.Key == "years" && !v.prisonNear(c.From, c.To) {
				continue // an age ("26 سنة"), not a sentence
			}
			// a qualifier after the noun: "قتل 50 شخصا على الأقل", "12 people at least"
			if fc.Qualifier == "" {
				if q, qe, ok := v.d.WordAt(c.To, "qualifier"); ok && q.Extra == "after" {
					fc.Qualifier, fc.To = q.Tag, qe
				}
			}
			out = append(out, fc)
			continue
		}
		// a demonym counts persons: "3 أردنيين", "deux Français", "five Tunisians"
		if e, ok := v.nationalityAt(n.NumTo); ok && n.NumTo < se.To {
			fc.Key, fc.To = "persons", e
			out = append(out, fc)
			continue
		}
		// no noun after the number: a wounding word right before it counts it ("wounded
		// 110", "blessant 8"), or one a few function words after it ("huit autres ont
		// été blessées", "four of whom were injured")
		for _, c := range v.s.counts {
			if c.To == n.From && c.Key == "injured" && c.From >= se.From {
				fc.Key, fc.From, fc.To = "injured", c.From, n.To
				out = append(out, fc)
				break
			}
		}
		if fc.Key == "" {
			if end, ok := v.injuredAfter(n.NumTo, se.To); ok {
				fc.Key, fc.To = "injured", end
				out = append(out, fc)
			}
		}
	}
	// Implied figures: "تفكيك خلية" → cells 1, "عنصرين" → 2, "a man" → 1.
	for _, c := range v.s.counts {
		if c.From < se.From || c.From >= se.To || c.Value == 0 || c.Definite || numEnd[c.From] {
			continue
		}
		t := a.Tokens[c.From]
		if t.Script == text.Latin && !indefiniteBefore(a.Tokens, se.From, c.From) {
			continue
		}
		if c.Key == "years" {
			// "بسجنه عاما", "بالسجن سنتين": a sentence of one or two years; "سنة 2015" is a
			// year, and a noun far from any prison word an age or a duration
			if !v.prisonNear(c.From, c.To) || c.To < se.To && a.Tokens[c.To].Kind == text.Number {
				continue
			}
		}
		if v.afterCountNoun(c.From) {
			continue // "مشروع إرهابي": an adjective, not a person
		}
		out = append(out, figCand{Key: c.Key, Value: c.Value, From: c.From, To: c.To, Pos: c.From, Implied: true})
	}
	// A feminine dual right after an arrest or a killing counts two persons even when the
	// tables do not list the noun ("مقتل سائحتين", "توقيف شقيقتين"): -تين/-تان is the dual
	// of a noun in -ة, whose plural is -ات.
	for _, c := range v.s.sentence(si) {
		if (c.Class != "arrest" && c.Class != "killing") || c.To >= se.To || numEnd[c.To] {
			continue
		}
		if v.feminineDual(c.To) {
			out = append(out, figCand{Key: "persons", Value: 2, From: c.To, To: c.To + 1, Pos: c.To, Implied: true})
		}
	}
	return out
}

// feminineDual reports an indefinite Arabic noun in -تين/-تان that no table reads as
// something else (a time, a measure, a counted noun: "ساعتين", "سنتين").
func (v *docView) feminineDual(i int) bool {
	t := v.d.A.Tokens[i]
	if t.Script != text.Arabic || strings.HasPrefix(t.Key, "ال") || utf8.RuneCountInString(t.Key) < 5 ||
		!(strings.HasSuffix(t.Key, "تين") || strings.HasSuffix(t.Key, "تان")) {
		return false
	}
	for _, c := range v.s.counts {
		if c.From == i {
			return false
		}
	}
	if _, _, ok := v.d.WordAt(i, "time"); ok {
		return false
	}
	if _, _, ok := v.d.WordAt(i, "measure"); ok {
		return false
	}
	return true
}

// deathNear reports a number of dead told by a verb rather than a noun: right before a
// death verb ("five died", "three were killed") or right after a killing participle
// ("killing three", "tuant trois personnes").
func (v *docView) deathNear(n recognize.Number) bool {
	toks := v.d.A.Tokens
	for _, c := range v.s.cues {
		if c.Class != "death" && c.Class != "killing" && c.Class != "eliminate" {
			continue
		}
		if c.From >= n.NumTo && c.From <= n.NumTo+2 && toks[c.From].Script == text.Latin {
			between := true
			for k := n.NumTo; k < c.From; k++ {
				switch toks[k].Key {
				case "were", "was", "have", "had", "people", "persons", "ont", "sont", "ete", "personnes":
				default:
					between = false
				}
			}
			if between {
				return true
			}
		}
		if c.To == n.From && toks[c.From].Script == text.Latin {
			switch toks[c.From].Key {
			case "killing", "tuant", "killed":
				return true
			}
		}
		if c.From > n.NumTo && c.From <= n.NumTo+5 && toks[c.From].Script == text.Latin && passiveBefore(toks, n.NumTo, c.From) {
			return true // "un casque bleu a été tué", "two soldiers were killed"
		}
		if c.To == n.From && (c.Class == "killing" || c.Class == "eliminate") && toks[c.From].Script == text.Arabic {
			return true // "مقتل 3 وإصابة 8": the dead right after the killing noun
		}
	}
	return false
}

// indefiniteBefore reports "a"/"an" before the noun at i, across an age and adjectives:
// "a man", "a 25-year-old man", "an armed man".
func indefiniteBefore(toks []text.Token, from, i int) bool {
	for j := i - 1; j >= from && j >= i-7; j-- {
		switch k := toks[j].Key; {
		case k == "a" || k == "an":
			return true
		case toks[j].Kind == text.Number, k == "-", k == "year", k == "old", isAdjective(k):
		default:
			return false
		}
	}
	return false
}

// passiveBefore reports a passive auxiliary right before token c ("été", "was", "were"),
// with only words between the number ending at from and it: the number is the subject.
func passiveBefore(toks []text.Token, from, c int) bool {
	switch toks[c-1].Key {
	case "ete", "was", "were", "been":
	default:
		return false
	}
	for k := from; k < c; k++ {
		if toks[k].Kind != text.Word {
			return false
		}
	}
	return true
}

// isAdjective reports the adjectives that stand between a number and the persons it counts.
func isAdjective(k string) bool {
	switch k {
	case "suspected", "alleged", "other", "more", "young", "armed", "foreign", "illegal", "presumed",
		"suspects", "presumes", "autres", "jeunes", "armes", "etrangers":
		return true
	}
	return false
}

// afterCountNoun reports a token right after a count noun that it may qualify
// ("مشروع إرهابي"); a word of wounding or dying before a person is its verb ("أصيبت امرأة").
func (v *docView) afterCountNoun(i int) bool {
	for _, c := range v.s.counts {
		if c.To == i && c.Key != "injured" && c.Key != "killed" {
			return true
		}
	}
	return false
}

func isOf(toks []text.Token, j int) bool {
	if j >= len(toks) {
		return false
	}
	switch toks[j].Key {
	case "de", "d'", "of", "du", "des":
		return true
	}
	return false
}

func (v *docView) measureAt(from, span int) (measureWord, bool) {
	for _, m := range v.s.measures {
		if m.From >= from && m.From < from+span {
			return m, true
		}
	}
	return measureWord{}, false
}

func (v *docView) itemAt(from, span int) (measureWord, bool) {
	for _, it := range v.s.items {
		if it.From >= from && it.From < from+span {
			return it, true
		}
	}
	return measureWord{}, false
}

// itemBefore is what a quantity told after its goods weighs or counts: the nearest item
// between the trigger and the number ("حجز كمية من القنب الهندي تزن 10 كلغ", "العثور على
// كمية من الأقراص المخدرة (433 قرصا)"), or "" when there is none.
func (v *docView) itemBefore(dr *draft, fc figCand) string {
	toks := v.d.A.Tokens
	if fc.To < len(toks) {
		switch toks[fc.To].Key {
		case "من", "de", "d'", "of":
			return "" // "31 كغ من «تي ان تي»": goods named after it, unknown to the lexicon
		}
	}
	from := max(v.d.A.Sentences[dr.Sent].From, min(dr.Trigger.From, fc.From-12))
	item := ""
	for _, it := range v.s.items {
		if it.From >= from && it.To <= fc.From {
			item = it.Item
		}
	}
	return item
}

func (v *docView) prisonNear(from, to int) bool {
	toks := v.d.A.Tokens
	for k := max(from-5, 0); k < min(to+3, len(toks)); k++ {
		if text.KeyIn(toks[k].Key, prisonWords) {
			return true
		}
	}
	return false
}

// countEndingAt returns the count noun of persons that ends right before token i, not
// before from.
func (v *docView) countEndingAt(i, from int) (countNoun, bool) {
	for _, c := range v.s.counts {
		if c.To == i && c.From >= from && (c.Key == "persons" || c.Key == "killed" || c.Key == "injured") {
			return c, true
		}
	}
	return countNoun{}, false
}

// nationalityAt returns the end of a nationality noun starting at token i.
func (v *docView) nationalityAt(i int) (int, bool) {
	if i >= len(v.d.Matches) {
		return 0, false
	}
	for _, m := range v.d.Matches[i] {
		for _, p := range m.Payloads {
			if p.Kind == lexicon.KNationality {
				return m.To, true
			}
		}
	}
	return 0, false
}

// injuredAfter finds a wounding word within four tokens from i, with only function words
// ("autres", "ont", "été", "of", "whom", "were") between: the end of that word.
func (v *docView) injuredAfter(i, end int) (int, bool) {
	for k := i; k < min(i+4, end); k++ {
		for _, c := range v.s.counts {
			if c.From == k && c.Key == "injured" {
				return c.To, true
			}
		}
		if _, _, ok := v.d.WordAt(k, "function"); !ok {
			return 0, false
		}
	}
	return 0, false
}

// currencies are the units of a value, not of a quantity seized.
var currencies = map[string]bool{"MAD": true, "EUR": true, "USD": true, "TND": true, "DZD": true, "GBP": true}

// figureKeys lists, per event type, the figure keys it takes and what a count of persons
// means for it.
var figureKeys = map[string][]string{
	"cell_dismantled":        {"cells", "arrested"},
	"network_dismantled":     {"networks", "arrested"},
	"plot_foiled":            {"plots", "arrested"},
	"arrest":                 {"arrested"},
	"migration_interdiction": {"attempts", "migrants", "arrested"},
	"seizure":                {"quantity"},
	"attack":                 {"killed", "injured"},
	"conviction":             {"years"},
}

// assignFigures gives the draft, for each key it takes, the figure of its sentence nearest
// to its trigger (after the trigger first: Arabic and French put the object after the verb).
func (v *docView) assignFigures(dr *draft) {
	keys := figureKeys[dr.Type]
	if len(keys) == 0 {
		return
	}
	for _, key := range keys {
		best, bestDist := -1, 1<<30
		embedded := v.embedded(dr)
		for i, fc := range v.figsOf(dr.Sent) {
			// the members arrested, told in the next clause of a dismantled group's sentence
			memberPart := fc.ArrestedPart && key == "arrested" && fc.Pos >= dr.To &&
				(dr.Type == "cell_dismantled" || dr.Type == "network_dismantled")
			if (fc.Pos < dr.From || fc.Pos >= dr.To) && !memberPart {
				continue
			}
			if embedded && fc.Pos < dr.Trigger.From {
				continue // "إيقاف شخصين متهمين بالقتل": the arrested are not the dead
			}
			if fc.Implied && dr.Type == "arrest" && v.pluralObject(dr) {
				continue // "أوقفتهم": several persons, not the one a singular noun nearby counts
			}
			k := v.keyFor(dr, fc)
			if k != key {
				continue
			}
			dist := fc.Pos - dr.Trigger.To
			if dist < 0 {
				dist = 2 * (dr.Trigger.From - fc.Pos) // before the trigger: weaker
			}
			if fc.Implied && fc.From != dr.Trigger.To {
				// stated numbers first, except over the trigger's own object ("اعتقال شخص
				// ... ما أسفر عن مقتل ثلاثة أشخاص وإصابة خمسة آخرين": one arrested)
				dist += 1000
			}
			if key == "quantity" && currencies[fc.Unit] {
				dist += 500 // what was seized before what it is worth
			}
			if key == "arrested" && fc.ArrestedPart {
				dist = -1 // the part arrested, not the group it belongs to
			}
			if dist < bestDist {
				best, bestDist = i, dist
			}
		}
		if best < 0 {
			continue
		}
		best = v.revisedFigure(dr, key, best)
		fc := v.figsOf(dr.Sent)[best]
		a := v.d.A
		f := Figure{Value: fc.Value, Qualifier: fc.Qualifier, Unit: fc.Unit, Item: fc.Item,
			Start: a.Tokens[fc.From].Start, End: a.Tokens[fc.To-1].End}
		if f.Qualifier == "exact" {
			f.Qualifier = ""
		}
		if key == "quantity" && f.Item == "" {
			f.Item = v.itemBefore(dr, fc)
		}
		dr.setFigure(key, f)
		if dr.keepPos {
			if dr.figPos == nil {
				dr.figPos = map[string]int{}
			}
			dr.figPos[key] = fc.Pos
		}
	}
}

// arrestRightBefore reports an arrest word that governs the number at token k: at most
// three words before it, with no number or punctuation between ("القبض على اثنين",
// "arrested two"), so that in "إيقاف 10 أشخاص، 8 منهم مفتش عنهم" the 8 is not the arrested.
func (v *docView) arrestRightBefore(si, k int) bool {
	se := v.d.A.Sentences[si]
	c, ok := v.cueNear(si, max(se.From, k-3), k, "arrest")
	if !ok {
		return false
	}
	for i := c.From; i < k; i++ {
		if t := v.d.A.Tokens[i]; t.Kind != text.Word {
			return false
		}
	}
	return true
}

// partitiveAfter reports "of them" right after a number ("منهم", "منهن", "d'entre eux",
// "of them") and returns where it ends.
func partitiveAfter(toks []text.Token, k, end int) (int, bool) {
	key := func(i int) string {
		if i < end {
			return toks[i].Key
		}
		return ""
	}
	switch {
	case key(k) == "منهم" || key(k) == "منهن":
		return k + 1, true
	case key(k) == "d'" && key(k+1) == "entre" && (key(k+2) == "eux" || key(k+2) == "elles"):
		return k + 3, true
	case key(k) == "of" && key(k+1) == "them":
		return k + 2, true
	}
	return 0, false
}

// revisedFigure returns the candidate that revises figure best of the clause: a later
// number of the same key with a word of revision between them ("a d'abord fait état de 3
// morts, puis ... porté à au moins 4 morts", "مقتل 5 أشخاص قبل أن يرتفع العدد إلى 7"), the
// last such when there are several; best itself when none.
func (v *docView) revisedFigure(dr *draft, key string, best int) int {
	figs := v.figsOf(dr.Sent)
	for i := best + 1; i < len(figs); i++ {
		fc := figs[i]
		if fc.Pos <= figs[best].Pos || fc.Pos >= dr.To || fc.Implied || v.keyFor(dr, fc) != key {
			continue
		}
		if v.cueIn(dr.Sent, figs[best].To, fc.From, "revision") {
			best = i
		}
	}
	return best
}

// nextSentenceFigures lets an event take the figures it lacks from the next sentence of
// its paragraph when that sentence tells no event of its own ("Une fusillade a éclaté
// hier. On dénombre huit blessés.").
func (v *docView) nextSentenceFigures(drafts []*draft) {
	bySent := map[int]bool{}
	for _, dr := range drafts {
		bySent[dr.Sent] = true
	}
	a := v.d.A
	for _, dr := range drafts {
		next := dr.Sent + 1
		if next >= len(a.Sentences) || bySent[next] || v.para[next] > v.para[dr.Sent]+1 {
			continue
		}
		se := a.Sentences[next]
		probe := &draft{Type: dr.Type, Sent: next, From: se.From, To: se.To, Trigger: cue{From: se.From, To: se.From}, keepPos: true}
		v.assignFigures(probe)
		for k, f := range probe.Figures {
			if _, ok := dr.Figures[k]; !ok && !v.figs0implied(next, probe.figPos[k]) {
				dr.setFigure(k, f)
			}
		}
	}
}

// figs0implied reports that the figure at token pos of sentence si is only implied by a
// singular noun: too weak to carry across sentences.
func (v *docView) figs0implied(si, pos int) bool {
	for _, fc := range v.figsOf(si) {
		if fc.Pos == pos {
			return fc.Implied
		}
	}
	return false
}

// impliedFigures gives one person to an arrest whose object is one person without a
// number ("son arrestation", "surrendered himself", "le suspect a été arrêté") and one
// dead to an attack that killed a named person.
func (v *docView) impliedFigures(drafts []*draft) {
	a := v.d.A
	for _, dr := range drafts {
		switch dr.Type {
		case "arrest":
			if _, ok := dr.Figures["arrested"]; ok {
				continue
			}
			if (v.pronounObject(dr) && !v.pluralObject(dr)) || v.definitePerson(dr) || v.namedObject(dr) {
				t := a.Tokens[dr.Trigger.From]
				dr.setFigure("arrested", Figure{Value: 1, Start: t.Start, End: a.Tokens[dr.Trigger.To-1].End})
			}
		case "attack":
			if _, ok := dr.Figures["killed"]; ok {
				continue
			}
			if _, ok := v.cueNear(dr.Sent, dr.From, dr.To, "death", "killing"); ok && v.victimNoun(dr) {
				// "العثور على الضحية مصابا ... قبل أن توافيه المنية": one dead, not one wounded
				if f, ok := dr.Figures["injured"]; ok && f.Value == 1 {
					delete(dr.Figures, "injured")
				}
				t := a.Tokens[dr.Trigger.From]
				dr.setFigure("killed", Figure{Value: 1, Start: t.Start, End: a.Tokens[dr.Trigger.To-1].End})
				continue
			}
			c, ok := v.cueNear(dr.Sent, dr.From, dr.To, "killing")
			if !ok {
				continue
			}
			for _, e := range v.entities[dr.Sent] {
				if e.Type == "person" && e.From >= dr.From && e.From < dr.To && v.personIsVictim(e, c) {
					dr.setFigure("killed", Figure{Value: 1, Start: a.Tokens[e.From].Start, End: a.Tokens[e.To-1].End})
					break
				}
			}
		}
	}
}

// pluralObject reports a plural pronoun object ("قبضت عليهم", "arrested them"): several
// persons, how many the text does not say.
func (v *docView) pluralObject(dr *draft) bool {
	toks := v.d.A.Tokens
	t := toks[dr.Trigger.To-1]
	if t.Script == text.Arabic && (strings.HasSuffix(t.Key, "هم") || strings.HasSuffix(t.Key, "هن")) {
		return true
	}
	if dr.Trigger.To < len(toks) {
		switch toks[dr.Trigger.To].Key {
		case "عليهم", "عليهن", "them", "themselves", "les":
			return true
		}
	}
	return dr.Trigger.From > 0 && (toks[dr.Trigger.From-1].Key == "their" || toks[dr.Trigger.From-1].Key == "leur")
}

// namedObject reports a person named right after an arrest trigger ("أوقف الأمن ...
// حداد", "arrested Tarrant"): one person.
func (v *docView) namedObject(dr *draft) bool {
	for _, e := range v.entities[dr.Sent] {
		if e.Type != "person" {
			continue
		}
		if e.From >= dr.Trigger.To && e.From <= dr.Trigger.To+4 || v.passiveSubject(e, dr) {
			return true
		}
	}
	return false
}

// passiveSubject reports a person named as the subject of a passive arrest in French or
// English: "Zhukovskyy was arrested", "Sarkozy a été placé en garde à vue".
func (v *docView) passiveSubject(e recognize.Entity, dr *draft) bool {
	toks := v.d.A.Tokens
	if e.To > dr.Trigger.From || dr.Trigger.From-e.To > 3 || toks[dr.Trigger.From].Script != text.Latin {
		return false
	}
	aux := func(k string) bool {
		switch k {
		case "was", "has", "had", "been", "a", "ete", "est", "avait":
			return true
		}
		return false
	}
	for k := e.To; k < dr.Trigger.From; k++ {
		if !aux(toks[k].Key) {
			return false
		}
	}
	// the auxiliary may open the trigger itself ("was arrested", "a été arrêté")
	return e.To < dr.Trigger.From || aux(toks[dr.Trigger.From].Key)
}

// personIsVictim: a person named right before "shot dead" / "tué", or right after
// "مقتل" / "the killing of".
func (v *docView) personIsVictim(e recognize.Entity, c cue) bool {
	return (e.To <= c.From && c.From-e.To <= 2) || (e.From >= c.To && e.From-c.To <= 2)
}

// victimNoun reports "الضحية", "la victime", "the victim" in the event's sentence.
func (v *docView) victimNoun(dr *draft) bool {
	se := v.d.A.Sentences[dr.Sent]
	for k := se.From; k < se.To; k++ {
		switch v.d.A.Tokens[k].Key {
		case "الضحيه", "victime", "victim":
			return true
		}
	}
	return false
}

// definitePerson reports a definite singular person noun in the event's clause ("le
// suspect", "the suspect", "المشتبه فيه"): one person.
func (v *docView) definitePerson(dr *draft) bool {
	toks := v.d.A.Tokens
	for _, c := range v.s.counts {
		if c.Key != "persons" || c.Value != 1 || c.From < dr.From || c.From >= dr.To {
			continue
		}
		if c.Definite {
			return true
		}
		if c.From > 0 {
			switch toks[c.From-1].Key {
			case "le", "la", "l'", "the":
				return true
			}
		}
	}
	return false
}

// FiguresAgree reports whether two statements of one figure can both hold, qualifiers
// taken into account: "more than 20" and 22 agree, "about 8" and 6 do not (about means
// within 15%, and at least one unit).
func FiguresAgree(f, g Figure) bool {
	if f.Qualifier == "" && g.Qualifier == "" {
		return f.Value == g.Value
	}
	lo1, hi1 := bounds(f)
	lo2, hi2 := bounds(g)
	return lo1 <= hi2 && lo2 <= hi1
}

func bounds(f Figure) (float64, float64) {
	switch f.Qualifier {
	case "at_least":
		return f.Value, 1e18
	case "at_most":
		return 0, f.Value
	case "approx":
		d := max(f.Value*0.15, 1)
		return f.Value - d, f.Value + d
	}
	return f.Value, f.Value
}

// keyFor maps a sentence figure to the key it has for this event type.
func (v *docView) keyFor(dr *draft, fc figCand) string {
	if fc.Key != "persons" {
		return fc.Key
	}
	switch dr.Type {
	case "arrest", "cell_dismantled", "network_dismantled", "plot_foiled":
		return "arrested"
	case "migration_interdiction":
		if _, ok := v.cueNear(dr.Sent, fc.Pos-5, fc.Pos, "arrest"); ok {
			return "arrested"
		}
		return "migrants"
	case "attack":
		// the nearer of a word of dying and a word of wounding names the persons counted:
		// "قتل 3 وإصابة 8", "two were killed and eight others injured"
		dead := v.distanceTo(dr.Sent, fc, func(c cue) bool { return c.Class == "killing" || c.Class == "death" || c.Class == "eliminate" }, nil)
		hurt := v.distanceTo(dr.Sent, fc, nil, func(c countNoun) bool { return c.Key == "injured" })
		switch {
		case hurt < dead:
			return "injured"
		case dead < noWord, dr.Trigger.Class == "killing", dr.Trigger.Class == "eliminate":
			return "killed" // "cinquante combattants ... auraient été tués"
		}
		if _, ok := v.cueNear(dr.Sent, fc.Pos-4, fc.Pos, "death"); ok && hurt == noWord {
			return "killed" // "the death toll rising to 22"
		}
	}
	return ""
}

const noWord = 1 << 20

// distanceTo is how far from the figure fc the nearest cue or count noun accepted by the
// tests lies, in tokens (noWord when none). A word before the figure governs it in Arabic
// ("إصابة 8 أشخاص", up to 3 words before, 2 after), one after it in French and English
// ("8 people were injured", up to 5 after, or a participle right before: "injuring 8");
// a word right before the number governs it before a word right after it.
func (v *docView) distanceTo(si int, fc figCand, cueOK func(cue) bool, countOK func(countNoun) bool) int {
	best := noWord
	before, after := 1, 5
	if v.d.A.Lang == "ar" {
		before, after = 3, 2
	}
	dist := func(from, to int) int {
		switch {
		case to <= fc.Pos && fc.Pos-to < before:
			return fc.Pos - to // 0 right before the number: "killed five", "إصابة 8"
		case from > fc.Pos && from-fc.Pos <= after:
			return from - fc.Pos // 1 right after it: "8 blessés"
		}
		return noWord
	}
	if cueOK != nil {
		for _, c := range v.s.sentence(si) {
			if cueOK(c) {
				best = min(best, dist(c.From, c.To))
			}
		}
	}
	if countOK != nil {
		se := v.d.A.Sentences[si]
		for _, c := range v.s.counts {
			if c.From >= se.From && c.To <= se.To && countOK(c) {
				best = min(best, dist(c.From, c.To))
			}
		}
	}
	return best
}
