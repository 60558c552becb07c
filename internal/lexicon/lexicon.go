package lexicon

import (
	"fmt"
	"io/fs"
	"maps"
	"strings"

	"marsad/internal/text"
)

// Data is every table the lexicon is compiled from.
type Data struct {
	Places        []PlaceEntry
	Orgs          []OrgEntry
	Units         []UnitEntry
	Persons       []PersonEntry
	Titles        []TitleEntry
	Nationalities []Nationality
	Names         Names
	Words         []Word
	// CommonAr lists frequent Arabic words (folded keys), real place and person names
	// among them: they never extend a name found by pattern.
	CommonAr []string
}

// Lexicon is the compiled form of Data: the tables and one matcher over all their phrases.
// It is read-only after Compile and safe to share between goroutines.
type Lexicon struct {
	Data
	M Matcher

	placeByID map[string]int
	orgByID   map[string]int
	// country code → index of the country row in Places
	countryRow map[string]int
	common     map[string]bool
	// numberWord holds the one-word unit and ten number words by key, and the same
	// without their final ه where that is no word of the table: one map, one lookup for
	// the many words that are none (the recognizer asks it of every word with the article).
	numberWord map[string]float64
	// numberHashes has the bit hashKey(k)%1024 set for each key k of numberWord (79 bits
	// for 80 keys): a word whose bit is clear is none, told without the map (about 92% of
	// the words that are no number).
	numberHashes [1024 / 64]uint64
	// Entity keys with their type ("place:<id>", "org:<id>", "person:<id>"), built once:
	// the recognizer names every candidate by them.
	placeKeys, orgKeys, personKeys []string
}

// PlaceKey is "place:" and the id of place i.
func (lx *Lexicon) PlaceKey(i int32) string { return lx.placeKeys[i] }

// OrgKey is "org:" and the id of organisation i.
func (lx *Lexicon) OrgKey(i int32) string { return lx.orgKeys[i] }

// PersonKey is "person:" and the id of person i.
func (lx *Lexicon) PersonKey(i int32) string { return lx.personKeys[i] }

// prefixed returns prefix+id(i) for every element of a table of n rows.
func prefixed(prefix string, n int, id func(int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + id(i)
	}
	return out
}

// Load reads the embedded data tree (pass data.FS) and compiles it.
func Load(fsys fs.FS) (*Lexicon, error) {
	d, err := LoadData(fsys)
	if err != nil {
		return nil, err
	}
	return Compile(d)
}

// LoadData reads the tables without compiling them: what resolving needs (the gazetteer,
// the alias tables, the given names) without the matcher, its heap and the time it takes
// to build, which a server that is not posted documents never uses.
func LoadData(fsys fs.FS) (Data, error) {
	var d Data
	var err error
	if d.Places, err = LoadPlaces(fsys); err != nil {
		return Data{}, err
	}
	if d.Orgs, err = LoadOrgs(fsys); err != nil {
		return Data{}, err
	}
	if d.Units, err = LoadUnits(fsys); err != nil {
		return Data{}, err
	}
	if d.Persons, err = LoadPersons(fsys); err != nil {
		return Data{}, err
	}
	if d.Titles, err = LoadTitles(fsys); err != nil {
		return Data{}, err
	}
	if d.Nationalities, err = LoadNationalities(fsys); err != nil {
		return Data{}, err
	}
	if d.Names, err = LoadNames(fsys); err != nil {
		return Data{}, err
	}
	if d.Words, err = LoadWords(fsys); err != nil {
		return Data{}, err
	}
	if d.CommonAr, err = readList(fsys, "lang/common-ar.txt"); err != nil {
		return Data{}, err
	}
	return d, nil
}

// Compile builds the matcher over every phrase of d.
func Compile(d Data) (*Lexicon, error) {
	lx := &Lexicon{Data: d, placeByID: map[string]int{}, orgByID: map[string]int{}, countryRow: d.CountryRows(),
		common: make(map[string]bool, len(d.CommonAr))}
	for _, w := range d.CommonAr {
		lx.common[w] = true
	}
	lx.placeKeys = prefixed("place:", len(d.Places), func(i int) string { return d.Places[i].ID })
	lx.orgKeys = prefixed("org:", len(d.Orgs), func(i int) string { return d.Orgs[i].ID })
	lx.personKeys = prefixed("person:", len(d.Persons), func(i int) string { return d.Persons[i].ID })
	m := &lx.M
	for i, p := range d.Places {
		if _, dup := lx.placeByID[p.ID]; dup {
			return nil, fmt.Errorf("lexicon: place id %q twice", p.ID)
		}
		lx.placeByID[p.ID] = i
		for _, a := range p.StrongForms() {
			m.Add(a, Payload{Kind: KPlace, Index: int32(i)})
		}
		for _, a := range p.Weak {
			m.Add(a, Payload{Kind: KPlace, Index: int32(i), Weak: true})
		}
	}
	for i, o := range d.Orgs {
		lx.orgByID[o.ID] = i
		weak := map[string]bool{}
		for _, a := range o.Weak {
			weak[a] = true
		}
		if !weak[o.Name] {
			m.Add(o.Name, Payload{Kind: KOrg, Index: int32(i)})
		}
		for _, a := range o.Aliases {
			if !weak[a] {
				m.Add(a, Payload{Kind: KOrg, Index: int32(i)})
			}
		}
		for _, a := range o.Weak {
			m.Add(a, Payload{Kind: KOrg, Index: int32(i), Weak: true})
		}
		for _, a := range o.Titles {
			m.Add(a, Payload{Kind: KOrgTitle, Index: int32(i)})
		}
	}
	for i, u := range d.Units {
		m.Add(u.Phrase, Payload{Kind: KUnit, Index: int32(i)})
	}
	for i, p := range d.Persons {
		m.Add(p.Name, Payload{Kind: KPerson, Index: int32(i)})
		for _, a := range p.Aliases {
			m.Add(a, Payload{Kind: KPerson, Index: int32(i)})
		}
	}
	for i, t := range d.Titles {
		m.Add(t.Phrase, Payload{Kind: KTitle, Index: int32(i)})
	}
	for i, n := range d.Nationalities {
		for _, f := range n.Forms {
			m.Add(f, Payload{Kind: KNationality, Index: int32(i)})
		}
	}
	// Given names that are also common words (أمل, نور, "علي" which folds onto "على")
	// are marked weak: they start a name only after a title.
	ambiguous := map[string]bool{}
	for _, a := range d.Names.Ambiguous {
		ambiguous[text.NormalizeKey(a)] = true
	}
	for i, g := range d.Names.GivenAr {
		m.Add(g, Payload{Kind: KGivenAr, Index: int32(i), Weak: ambiguous[text.NormalizeKey(g)]})
	}
	for i, g := range d.Names.GivenLatin {
		m.Add(g, Payload{Kind: KGivenLatin, Index: int32(i), Weak: ambiguous[text.NormalizeKey(g)]})
	}
	for i, g := range d.Names.Particles {
		m.Add(g, Payload{Kind: KParticle, Index: int32(i)})
	}
	for _, w := range d.CommonAr {
		m.SetFlags(w, FlagCommon)
	}
	lx.numberWord = map[string]float64{}
	frenchHeads := map[string]bool{}
	for _, w := range d.Words {
		if w.Table == TCue && w.Tag == "org_head" && w.Lang == "fr" {
			frenchHeads[w.Phrase] = true
		}
	}
	for i, w := range d.Words {
		if w.Table == TCue {
			f, ok := cueFlags[w.Tag]
			if !ok {
				return nil, fmt.Errorf("lexicon: cue %q of %q: want place_noun, landmark, place_cue, org_head, sport or speech", w.Tag, w.Phrase)
			}
			if f == FlagOrgHead && w.Lang == "en" && !frenchHeads[w.Phrase] {
				f |= FlagEnglishHead
			}
			m.SetFlags(w.Phrase, f)
			continue
		}
		p := Payload{Kind: KWord, Index: int32(i), ArticleOK: w.Table == TTrigger || w.Table == TCount, Table: TableBit(w.Table)}
		m.Add(w.Phrase, p)
		if w.Table == TTrigger && w.Lang == "fr" {
			for _, f := range participleForms(w.Phrase) {
				m.Add(f, p)
			}
		}
		if w.Table == TNumber && (w.Tag == "unit" || w.Tag == "ten") {
			if k := text.NormalizeKey(w.Phrase); !strings.Contains(k, " ") {
				lx.numberWord[k] = w.Value
			}
		}
	}
	// A number word also reads without its final ه, as the definite form is often
	// written (الثلاث → ثلاثه); a word spelled so in its own right keeps its value.
	stems := map[string]float64{}
	for k, v := range lx.numberWord {
		if stem, ok := strings.CutSuffix(k, "ه"); ok {
			if _, own := lx.numberWord[stem]; !own {
				stems[stem] = v
			}
		}
	}
	maps.Copy(lx.numberWord, stems)
	for k := range lx.numberWord {
		h := hashKey(k) % 1024
		lx.numberHashes[h/64] |= 1 << (h % 64)
	}
	return lx, nil
}

// participleForms returns the other genders and numbers of a French trigger that opens
// with a past participle ("placé en garde à vue" → "placée/placés/placées en garde à
// vue"): the participle agrees with its subject, and the press writes all four.
func participleForms(phrase string) []string {
	first, rest, _ := strings.Cut(phrase, " ")
	stem, ok := strings.CutSuffix(first, "é")
	if !ok || stem == "" {
		return nil
	}
	if rest != "" {
		rest = " " + rest
	}
	return []string{stem + "ée" + rest, stem + "és" + rest, stem + "ées" + rest}
}

// IsCommon reports whether a one-word Arabic phrase is a frequent word of the language.
func (lx *Lexicon) IsCommon(phrase string) bool {
	k := text.NormalizeKey(phrase)
	if k == "" || strings.Contains(k, " ") {
		return false
	}
	return lx.common[k]
}

// IsCommonFolded is IsCommon for a key already folded: a token's key or one of its clitic
// variants, which text.NormalizeKey leaves as they are (text.TestVariantsAreKeys).
// Tokenizing such a key again, as IsCommon does with a phrase, was two allocations.
func (lx *Lexicon) IsCommonFolded(key string) bool { return lx.common[key] }

// IsCommonKey is IsCommon for a folded token key, trying it without its proclitics too.
func (lx *Lexicon) IsCommonKey(key string) bool {
	vs := text.VariantsOf(key)
	for i := 0; i < vs.Len(); i++ {
		if lx.common[vs.At(i)] {
			return true
		}
	}
	return false
}

// NumberWord returns the value of a one-word unit or ten number word given its key, or
// given its key without the final ه ("ثلاث" for ثلاثه).
func (lx *Lexicon) NumberWord(key string) (float64, bool) {
	if h := hashKey(key) % 1024; lx.numberHashes[h/64]&(1<<(h%64)) == 0 {
		return 0, false
	}
	v, ok := lx.numberWord[key]
	return v, ok
}

// cueFlags maps the cue names of data/lang/cues.tsv to word flags.
var cueFlags = map[string]uint16{"place_noun": FlagPlaceNoun, "landmark": FlagLandmark, "place_cue": FlagPlaceCue,
	"org_head": FlagOrgHead, "sport": FlagSport, "speech": FlagSpeech}

// Place returns the gazetteer row with the given id.
func (lx *Lexicon) Place(id string) (PlaceEntry, bool) {
	i, ok := lx.placeByID[id]
	if !ok {
		return PlaceEntry{}, false
	}
	return lx.Places[i], true
}

// Org returns the organisation row with the given id.
func (lx *Lexicon) Org(id string) (OrgEntry, bool) {
	i, ok := lx.orgByID[id]
	if !ok {
		return OrgEntry{}, false
	}
	return lx.Orgs[i], true
}

// CountryRows maps each country code to the row of the place that stands for the
// country: the last row of kind "country" with that code, as the tables list them.
func (d *Data) CountryRows() map[string]int {
	rows := map[string]int{}
	for i, p := range d.Places {
		if p.Kind == "country" {
			rows[p.Country] = i
		}
	}
	return rows
}

// Country returns the country row for an ISO code.
func (lx *Lexicon) Country(code string) (PlaceEntry, bool) {
	i, ok := lx.countryRow[code]
	if !ok {
		return PlaceEntry{}, false
	}
	return lx.Places[i], true
}
