package recognize

import (
	"strings"

	"marsad/internal/lexicon"
	"marsad/internal/text"
)

// tokenInfo summarizes what the lexicon says about one token, for the name patterns.
type tokenInfo struct {
	word      bool // a word of a language table (trigger, count noun, month, number, ...)
	function  bool // a function word or reporting verb
	title     bool // starts a title or role
	nation    bool // starts a nationality adjective or demonym
	givenAr   bool
	givenLat  bool
	particle  bool
	entity    bool // covered by a strong lexicon entity
	orgOrPer  bool // covered by a strong lexicon org or person: org patterns stop there
	givenWeak bool // an ambiguous given name ("علي"): may continue a name, not start one
}

// noteInfo records in info what payload p of match m, starting at token i, says of the
// tokens it covers. RecognizeWith calls it for each payload as the matcher appends it,
// while the match is in cache, rather than tokenInfos walking every match again.
func noteInfo(info []tokenInfo, m *lexicon.Match, p lexicon.Payload, i int) {
	switch p.Kind {
	case lexicon.KWord:
		if p.Table == functionWords {
			if m.To == i+1 {
				info[i].function = true
			}
		} else if m.To == i+1 || p.Table != timeWords {
			for k := m.From; k < m.To; k++ {
				info[k].word = true
			}
		}
	case lexicon.KTitle, lexicon.KOrgTitle:
		info[i].title = true
	case lexicon.KNationality:
		info[i].nation = true
	case lexicon.KGivenAr:
		if m.Stripped {
			break
		}
		for k := m.From; k < m.To; k++ { // "عبد الرحمان": both words
			if p.Weak {
				info[k].givenWeak = true
			} else {
				info[k].givenAr = true
			}
		}
	case lexicon.KGivenLatin:
		if !p.Weak {
			info[i].givenLat = true
		}
	case lexicon.KParticle:
		info[i].particle = true
	}
}

// tokenInfos completes the infos noteInfo began with the tokens the candidates cover.
func (d *Doc) tokenInfos(cands []candidate) []tokenInfo {
	info := d.info
	for ci := range cands {
		c := &cands[ci]
		if c.weak {
			continue
		}
		for k := c.From; k < c.To; k++ {
			info[k].entity = true
			if c.Type != "place" && !c.Generic {
				info[k].orgOrPer = true
			}
		}
	}
	return info
}

// nameEnd reads name words from token i: Arabic words that are no lexicon word, or
// capitalized Latin words (with particles, initials "K." and hyphenated parts inside). It
// returns the end of the name; maxLen counts words.
func (d *Doc) nameEnd(info []tokenInfo, i, maxLen int) int {
	toks := d.A.Tokens
	j, words := i, 0
	for j < len(toks) && words < maxLen {
		t := &toks[j]
		if t.Kind == text.Punct {
			joined := !t.Space && j > i && j+1 < len(toks) && !toks[j+1].Space && toks[j+1].Kind == text.Word
			if t.Soft() && t.Text != "." && joined {
				j++ // Jean-Philippe, al-Quaety
				continue
			}
			if t.Text == "." && j > i && isInitial(toks[j-1]) && j+1 < len(toks) && toks[j+1].IsUpper() {
				j++ // Richard K. Guy
				continue
			}
			break
		}
		if t.Kind != text.Word || (j > i && t.Break) {
			break
		}
		inf := info[j]
		afterHyphen := j > i && toks[j-1].Kind == text.Punct && !t.Space
		if inf.title && j > i && j+1 < len(toks) && (info[j+1].givenAr || info[j+1].givenWeak) {
			j++ // "عبد الرحمان الحاج علي": an honorific inside the name
			words++
			continue
		}
		if inf.function || inf.title || (inf.word && !inf.givenAr && !inf.givenLat && !afterHyphen) {
			break
		}
		if t.Script == text.Arabic && strings.HasPrefix(t.Key, "و") && j > i && !inf.givenAr && !inf.particle && len([]rune(t.Key)) > 3 {
			break // "راكيتيتش والمهاجمين", "جعفر الحوراني وإبراهيم": "and" starts the next item
		}
		if inf.nation && j > i {
			break // "كوفي عنان الغاني": the nationality follows the name
		}
		if t.Script == text.Arabic && j > i && !inf.givenAr && !inf.particle && isPresentVerb(t.Key) && !afterParticle(toks, info, j) {
			break // "روبرتو باجيو يمرر": a verb after the name
		}
		if t.Script == text.Latin {
			if !t.IsUpper() && !(inf.particle && j > i) {
				break
			}
			if nonPersonHeads[t.Key] {
				return i // "Cielo Vista Mall", "Rory Peck Awards": a place or a thing
			}
		} else if t.Script != text.Arabic {
			break
		} else if strings.HasPrefix(t.Key, "و") && !inf.givenAr && (d.common(j) || inf.title) {
			break // a conjunction starts the next item of a list, or the next clause
		} else if !inf.givenAr && !inf.particle && !(inf.givenWeak && j > i) && !afterParticle(toks, info, j) &&
			(d.common(j) || strings.HasPrefix(t.Key, "لل")) {
			break // a frequent word of the language ends the name: verbs, nouns, "للمجلس"
		}
		if inf.entity && j > i && !inf.givenAr && !inf.givenLat && !afterHyphen {
			break
		}
		j++
		words++
	}
	// a trailing particle or joiner is not a name ("Jean de", "al-")
	for j > i && (info[j-1].particle || toks[j-1].Kind == text.Punct) {
		j--
	}
	// a regnal number closes a name: "عبد الله الثاني", "Mohammed VI"
	if j > i && j < len(toks) && !toks[j].Break {
		if w, e, ok := d.wordTag(j, "number", "ordinal"); ok && w.Value <= 10 && toks[j].Script == text.Arabic && strings.HasPrefix(toks[j].Key, "ال") {
			j = e
		} else if isRoman(toks[j].Text) {
			j++
		}
	}
	return j
}

func isRoman(s string) bool {
	switch s {
	case "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI":
		return true
	}
	return false
}

// afterParticle reports a word right after بن, آل, ابن, ولد: part of a name whatever
// it means alone ("محمد بن عيد آل ثاني").
func afterParticle(toks []text.Token, info []tokenInfo, j int) bool {
	return j > 0 && info[j-1].particle && toks[j-1].Script == text.Arabic
}

// isPresentVerb reports the shape of an Arabic present-tense verb of the third person
// (يتسلم, يمرر, تتحدث): ي or ت then at least three letters.
func isPresentVerb(k string) bool {
	r := []rune(k)
	return len(r) >= 4 && (r[0] == 'ي' || (r[0] == 'ت' && r[1] == 'ت'))
}

func isInitial(t text.Token) bool {
	return t.Script == text.Latin && t.IsUpper() && len([]rune(t.Text)) == 1
}

// nonPersonHeads end names of places, buildings, prizes and bodies: a capitalized run
// ending in one of them is not a person.
var nonPersonHeads = map[string]bool{
	"mall": true, "center": true, "centre": true, "award": true, "awards": true, "prize": true, "street": true,
	"avenue": true, "road": true, "square": true, "park": true, "bridge": true, "river": true, "airport": true,
	"station": true, "hotel": true, "hospital": true, "university": true, "school": true, "college": true,
	"church": true, "mosque": true, "stadium": true, "arena": true, "foundation": true, "institute": true,
	"company": true, "group": true, "bank": true, "party": true, "council": true, "court": true, "department": true,
	"ministry": true, "police": true, "army": true, "forces": true, "agency": true, "archive": true, "museum": true,
	"festival": true, "cup": true, "league": true, "games": true, "rally": true, "times": true, "post": true,
	"news": true, "magazine": true, "journal": true, "club": true, "fc": true, "county": true, "state": true,
	"lycee": true, "universite": true, "rue": true, "place": true, "pont": true, "gare": true, "prix": true,
}

// patternPersons finds persons no list knows: after a title or role, from a given name,
// after a demonym ("la Roumaine Popescu").
func (d *Doc) patternPersons(cands []candidate, info []tokenInfo) []candidate {
	toks := d.A.Tokens
	out := d.newMore()
	add := func(from, to int, title bool) {
		if to <= from {
			return
		}
		// a single Arabic word is a name only after a title
		if to-from == 1 && !title {
			return
		}
		if to-from == 1 && toks[from].Script == text.Latin && len([]rune(toks[from].Text)) < 3 {
			return
		}
		s := d.A.Text[toks[from].Byte : toks[to-1].Byte+len(toks[to-1].Text)]
		s = strings.TrimSpace(s)
		c := candidate{priority: prioPerson, keyPrefix: "person:~", Entity: Entity{From: from, To: to, Type: "person", Name: s, Surface: s}}
		out = append(out, c)
	}
	for i := 0; i < len(toks); i++ {
		inf := &info[i]
		// every case below opens at a verb of saying, a title, a given name or a
		// nationality: most tokens are none, and skip the cases' tests
		if !(inf.title || inf.givenAr || inf.givenWeak || inf.givenLat || inf.nation) && !d.reportingVerb(i) {
			continue
		}
		switch {
		case d.reportingVerb(i) && i+1 < len(toks) && toks[i+1].Script == text.Arabic && !info[i+1].entity && !info[i+1].title:
			// "وأضاف شقير أن ...", "وقال رامسفيلد إن ...": the speaker after a verb of
			// saying, when what follows the name opens the reported speech
			e := d.nameEnd(info, i+1, 3)
			if e > i+1 && e < len(toks) && opensSpeech(toks[e]) && !d.common(i+1) {
				add(i+1, e, true)
				i = e - 1
			}
		case inf.title:
			// the longest title phrase starting here
			end := i + 1
			for _, m := range d.Matches[i] {
				for _, p := range m.Payloads {
					if (p.Kind == lexicon.KTitle || p.Kind == lexicon.KOrgTitle) && m.To > end {
						end = m.To
					}
				}
			}
			j := end
			// "وزير الخارجية الاسباني خوسي", "la ministre de l'Éducation nationale, Najat"
			for k := 0; k < 3 && j < len(toks); k++ {
				if info[j].nation || toks[j].Text == "," || toks[j].Text == "،" {
					j++
					continue
				}
				// an adjective of the office: "النائب العام الفيدرالي", "الوزير السابق"
				if t := toks[j]; t.Script == text.Arabic && strings.HasPrefix(t.Key, "ال") && !info[j].givenAr && !info[j].entity &&
					j+1 < len(toks) && !toks[j+1].Break && (d.common(j) || info[j+1].givenAr) {
					j++
					continue
				}
				// an org or place named in the title: "رئيس الحكومة الإسبانية", "président du Sénat"
				if info[j].entity && k == 0 {
					e := j
					for e < len(toks) && info[e].entity {
						e++
					}
					if e < len(toks) && (toks[e].Text == "," || toks[e].Text == "،") {
						j = e + 1
						continue
					}
				}
				break
			}
			if j < len(toks) && (info[j].givenAr || info[j].givenLat || !info[j].entity) {
				e := d.nameEnd(info, j, 4)
				if end == i+1 && d.common(i) && e == j+1 && !info[j].givenAr && !info[j].givenLat {
					// a title that is also a frequent noun ("الفريق" the team, "اللواء"
					// the brigade) names a person only with a given name or a longer name
					continue
				}
				add(j, e, true)
				if e > j {
					i = e - 1
				}
			}
		case (inf.givenAr || (inf.givenWeak && i+1 < len(toks) && info[i+1].givenAr)) && toks[i].Script == text.Arabic && !inf.entity:
			// (an ambiguous given name starts a name before another given name: "جان كلود")
			// a given name, possibly compound (عبد + name), and a family name
			e := d.nameEnd(info, i, 4)
			add(i, e, false)
			if e > i {
				i = e - 1
			}
		case inf.givenLat && toks[i].IsUpper() && (!inf.entity || d.nameFollows(info, i)):
			e := d.nameEnd(info, i, 4)
			add(i, e, false)
			if e > i {
				i = e - 1
			}
		case inf.nation && toks[i].Script == text.Arabic && strings.HasSuffix(toks[i].Key, "ي") && i+1 < len(toks) &&
			!info[i+1].entity && !toks[i+1].Break && (info[i+1].givenAr || d.rareName(info, i+1)):
			// (a masculine nationality: the feminine one agrees with nouns, "الأجهزة
			// الأمنية المغربية نجحت", and a verb follows it)
			// "الاسباني فرناندو جيل", "السريلانكي جاينثا دانابالا": a nationality, then a name
			e := d.nameEnd(info, i+1, 4)
			add(i+1, e, true)
			if e > i+1 {
				i = e - 1
			}
		case inf.nation && toks[i].Script == text.Latin && toks[i].IsUpper() && i > 0 && d.is(i-1, "la", "le", "l'", "the", "les"):
			// "la Roumaine Popescu", "l'Italienne Fiamingo"
			j := i + 1
			if j < len(toks) && toks[j].IsUpper() && !info[j].entity {
				e := d.nameEnd(info, j, 3)
				add(j, e, true)
				if e > j {
					i = e - 1
				}
			}
		}
	}
	return out
}

// patternPlaces reads unknown names after a place noun as places.
func (d *Doc) patternPlaces(cands []candidate, info []tokenInfo) []candidate {
	toks := d.A.Tokens
	out := d.newMore()
	flags := d.flags[:len(toks)] // a flag per token
	for i := 0; i+1 < len(toks); i++ {
		if flags[i]&(lexicon.FlagLandmark|lexicon.FlagPlaceNoun) == 0 {
			continue
		}
		landmark := flags[i]&lexicon.FlagLandmark != 0
		j := i + 1
		if d.is(j, "of", "de", "d'") {
			j++
		}
		if j < len(toks) && isOpenQuote(toks[j].Text) {
			j++
		}
		if j >= len(toks) || info[j].entity || toks[j].Kind != text.Word {
			continue
		}
		t := &toks[j]
		if landmark {
			// a landmark is named by a person's name or a proper noun after the noun
			// ("جامع عبد الرحمان ابن عوف": the name may hold a known person's name)
			e := j
			for e < len(toks) && e-j < 5 && toks[e].Kind == text.Word && !toks[e].Break &&
				!info[e].function && !info[e].word && (info[e].givenAr || info[e].givenWeak || info[e].particle ||
				info[e].entity || toks[e].IsUpper() || !d.common(e)) {
				e++
			}
			if e > j && (info[j].givenAr || info[j].givenLat || t.IsUpper()) {
				sp := d.A.Text[toks[i].Byte : toks[e-1].Byte+len(toks[e-1].Text)]
				c := candidate{priority: prioPlace}
				c.From, c.To, c.Type, c.Name, c.Surface = i, e, "place", sp, sp
				c.Key, c.Kind = d.spanKey("place:~", i, e), "landmark"
				c.Country = d.Country
				out = append(out, c)
			}
			continue
		}
		if t.Script == text.Arabic && (d.common(j) || info[j].function || info[j].word) {
			continue
		}
		if t.Script == text.Latin && !t.IsUpper() {
			continue
		}
		e := d.nameEnd(info, j, 3)
		if e <= j {
			continue
		}
		s := d.A.Text[t.Byte : toks[e-1].Byte+len(toks[e-1].Text)]
		c := candidate{priority: prioPlace}
		c.From, c.To, c.Type, c.Name, c.Surface = j, e, "place", s, s
		c.Key, c.Kind = d.spanKey("place:~", j, e), "city"
		out = append(out, c)
	}
	return out
}

// rareName reports an Arabic word that can only be a name: no article, no word of the
// lexicons, not a frequent word of the language.
func (d *Doc) rareName(info []tokenInfo, i int) bool {
	t := &d.A.Tokens[i]
	if t.Script != text.Arabic || t.Kind != text.Word || strings.HasPrefix(t.Key, "ال") || info[i].word ||
		info[i].function || info[i].title || info[i].nation || d.common(i) || len([]rune(t.Key)) < 3 {
		return false
	}
	// a verb or a noun with a pronoun ("جدارتها", "بتمليكه"), or an indefinite accusative
	// ("محاميا", "مفهوما") is no name
	for _, suf := range []string{"ها", "هم", "هما", "كم", "نا", "يا", "ما", "ا"} {
		if strings.HasSuffix(t.Key, suf) {
			return false
		}
	}
	return true
}

// reportingVerb reports a verb of saying at token i ("قال", "وأضاف"): a speaker follows.
func (d *Doc) reportingVerb(i int) bool { return d.has(i, lexicon.FlagSpeech) }

// opensSpeech: the word after a speaker's name that opens what was said.
func opensSpeech(t text.Token) bool {
	switch t.Key {
	case "ان", "انه", "انها", "انهم", "،", ",", ":", "\"", "«", "في", "ل", "لوكاله", "خلال":
		return true
	}
	return false
}

// nameFollows reports a given name that is also a place ("Pierre", "Florence") followed by
// a capitalized word no lexicon knows: a person's name, not the place.
func (d *Doc) nameFollows(info []tokenInfo, i int) bool {
	toks := d.A.Tokens
	j := i + 1
	if j < len(toks) && toks[j].Text == "-" && !toks[j].Space {
		j++
	}
	return j < len(toks) && toks[j].IsUpper() && !info[j].entity && !info[j].word && !toks[j].Break
}

// orgLinks may sit inside a Latin organisation name.
var orgLinks = map[string]bool{"de": true, "du": true, "des": true, "la": true, "l'": true, "d'": true, "of": true, "for": true, "the": true, "pour": true, "and": true, "et": true}

// patternOrgs finds organisations by their head noun.
func (d *Doc) patternOrgs(cands []candidate, info []tokenInfo) []candidate {
	toks := d.A.Tokens
	out := d.newMore()
	flags := d.flags[:len(toks)] // a flag per token
	for i := 0; i < len(toks); i++ {
		if flags[i]&lexicon.FlagOrgHead == 0 { // the rarest test first
			continue
		}
		t := &toks[i]
		if t.Kind != text.Word || info[i].entity {
			continue
		}
		if d.whole[i]&lexicon.FlagOrgHead == 0 {
			// the head with a conjunction only ("ووزارة"): a preposition before it
			// ("للمجلس", "بوزارة") makes it the complement of another name
			if !strings.HasPrefix(t.Key, "و") || d.Lex.M.WordFlags(t.Key[len("و"):], text.Arabic)&lexicon.FlagOrgHead == 0 {
				continue
			}
		}
		// an indefinite head with a prepositional complement is a description ("محكمة
		// للأحداث": a juvenile court), not a name
		if i+1 < len(toks) && t.Script == text.Arabic && !strings.Contains(t.Key, "ال") && strings.HasPrefix(toks[i+1].Key, "ل") && !strings.HasPrefix(toks[i+1].Key, "ال") {
			continue
		}
		if t.Script == text.Latin && !t.IsUpper() {
			continue
		}
		english := t.Script == text.Latin && (d.A.Lang == "en" || d.has(i, lexicon.FlagEnglishHead))
		if english {
			floor := 0
			if len(out) > 0 {
				floor = out[len(out)-1].To
			}
			if from := d.headFinalStart(info, i, floor); from < i {
				// English puts the head last: "El Paso Police Department", "Number
				// Theory Foundation"; a head-first tail may follow ("... Council of Europe")
				end := d.ofTail(info, i+1)
				out = append(out, d.orgCand(from, end))
				i = end - 1
				continue
			}
		}
		j := i + 1
		// a quoted name right after the head: منظمة “هيومن رايتس ووتش”
		if j < len(toks) && isOpenQuote(toks[j].Text) && j+1 < len(toks) && toks[j+1].Kind == text.Word {
			k := j + 1
			for k < len(toks) && !isCloseQuote(toks[k].Text) && !toks[k].Break && k-j < 6 && toks[k].Kind == text.Word {
				k++
			}
			if k < len(toks) && isCloseQuote(toks[k].Text) && k > j+1 {
				out = append(out, d.orgCand(j+1, k))
				i = k
				continue
			}
		}
		end := j
		for j < len(toks) && j-i <= 6 {
			tj := &toks[j]
			if tj.Break || tj.Kind != text.Word {
				break
			}
			if tj.Script == text.Latin {
				if orgLinks[tj.Key] {
					j++
					continue
				}
				if info[j].function || (!tj.IsUpper() && !info[j].entity && english) {
					break
				}
				j++
				if tj.IsUpper() || info[j-1].entity {
					end = j
				} else if j-i <= 3 && !capsBetween(toks, i+1, j-1) {
					// lowercase words close to the head: "Forces démocratiques syriennes",
					// "Conseil des ministres" (English puts adjectives first; after a
					// capitalized word the name has ended: "Institut Weizmann avancent")
					end = j
				}
				continue
			}
			if info[j].function || (info[j].word && !info[j].entity) || info[j].orgOrPer || info[j].givenAr {
				break
			}
			// the name goes on with definite words ("وزارة الصحة"), genitives
			// ("للعلوم", "لمراقبة") and names no word list knows; an indefinite common
			// word ("لجنة تحقيق", "المديرية دورا") is not part of a name
			if !strings.HasPrefix(tj.Key, "ال") && !strings.HasPrefix(tj.Key, "لل") && !strings.HasPrefix(tj.Key, "ل") &&
				d.common(j) && !info[j].entity {
				break
			}
			j++
			end = j
		}
		if end > i+1 {
			// Latin: the name must end on a capitalized word or be followed by its acronym
			if t.Script == text.Latin {
				last := &toks[end-1]
				acr := end+2 < len(toks) && toks[end].Text == "(" && toks[end+2].Text == ")"
				if !last.IsUpper() && !acr && !info[end-1].entity {
					if end-i > 3 {
						continue
					}
				}
			}
			out = append(out, d.orgCand(i, end))
			i = end - 1
		}
	}
	return out
}

// headFinalStart returns where the capitalized modifiers before the Latin head at i
// begin, no further back than floor and than four words ("Riverside County Superior
// Court"); i when none precede it. Function words, titles, given names and the words of
// the language tables end the run: "The Court", "Judge Smith's Court", "Police Arrest
// Suspect in Court" name no organisation.
func (d *Doc) headFinalStart(info []tokenInfo, i, floor int) int {
	toks := d.A.Tokens
	from := i
	for k := i - 1; k >= floor && i-k <= 4; k-- {
		tk := &toks[k]
		if toks[k+1].Break || tk.Kind != text.Word || tk.Script != text.Latin || !tk.IsUpper() || orgLinks[tk.Key] {
			break
		}
		// a place the lexicon knows is a modifier even when it is also a given name
		// or a word ("Florida State University", "Aden Security Directorate")
		if !info[k].entity && (info[k].function || info[k].title || info[k].givenLat ||
			(info[k].word && !d.has(k, lexicon.FlagOrgHead))) {
			break
		}
		from = k
	}
	return from
}

// ofTail extends an English name over "of" or "for" and the capitalized words after it,
// from the token j after its head.
func (d *Doc) ofTail(info []tokenInfo, j int) int {
	toks := d.A.Tokens
	if j+1 >= len(toks) || (toks[j].Key != "of" && toks[j].Key != "for") {
		return j
	}
	k := j + 1
	if toks[k].Key == "the" {
		k++
	}
	e := k
	for e < len(toks) && e-k < 6 && !toks[e].Break && toks[e].Kind == text.Word && toks[e].Script == text.Latin {
		if toks[e].Key == "and" && e > k && e+1 < len(toks) && toks[e+1].IsUpper() && !toks[e+1].Break {
			e++ // "National Institute of Allergy and Infectious Diseases"
			continue
		}
		if !toks[e].IsUpper() || info[e].function {
			break
		}
		e++
	}
	if e == k {
		return j
	}
	return e
}

func (d *Doc) orgCand(from, to int) candidate {
	toks := d.A.Tokens
	// "ووزارة الصحة": drop the conjunction, not the first letter of وزارة
	stripped := toks[from].Script == text.Arabic && strings.HasPrefix(toks[from].Key, "و") && d.whole[from]&lexicon.FlagOrgHead == 0
	s := d.surface(lexicon.Match{From: from, To: to, Stripped: stripped})
	c := candidate{priority: prioOrg, pattern: true}
	c.From, c.To, c.Type, c.Name, c.Surface = from, to, "org", s, s
	c.keyPrefix = "org:~" // the key, once kept (selectSpans)
	return c
}

// capsBetween reports a capitalized Latin word among toks[from:to].
func capsBetween(toks []text.Token, from, to int) bool {
	for _, t := range toks[from:to] {
		if t.IsUpper() {
			return true
		}
	}
	return false
}

func isOpenQuote(s string) bool {
	return s == "“" || s == "«" || s == "\"" || s == "„" || s == "‘"
}

func isCloseQuote(s string) bool {
	return s == "”" || s == "»" || s == "\"" || s == "’" || s == "“"
}
