package resolve

import (
	"sort"
	"strings"

	"marsad/internal/event"
	"marsad/internal/names"
	"marsad/internal/text"
)

// Entity is one person, organisation or place as resolved across documents: every name the
// sources gave it, in any script, under one key.
type Entity struct {
	// Key is the lexicon or gazetteer id when one is known ("place:MA.01.511.01.0",
	// "org:dgst", "person:hammouchi"); otherwise "<kind>:~" and the first name seen.
	Key   string   `json:"key"`
	Kind  string   `json:"kind"` // place | org | person
	Name  string   `json:"name"` // canonical: the table's name, or the first name seen
	Names []string `json:"names,omitempty"`
	// Country is a place's ISO code.
	Country string `json:"country,omitempty"`
}

// entityIndex resolves the names of one run. It is built per call and never shared.
type entityIndex struct {
	m    *names.Matcher
	ents []Entity
	// byKey finds an entity by its key; bySeen by a (kind, folded name) already resolved.
	byKey  map[string]int
	bySeen map[string]int
	// free holds, by kind, the entities no table knows: new names are compared with their
	// canonical names by transliteration. The index keeps each name read and skips the
	// pairs whose consonants cannot match; freeEnts maps its positions to entities.
	free     map[string]*names.Index
	freeEnts map[string][]int
	// exhaustive compares every new name with every free entity's name by names.Matcher.Same,
	// one string pair at a time, as resolution did before the index: the oracle the indexed
	// path is tested against (TestIndexedEntitiesMatchExhaustive).
	exhaustive bool
}

func newEntityIndex(m *names.Matcher) *entityIndex {
	return &entityIndex{m: m, byKey: map[string]int{}, bySeen: map[string]int{},
		free: map[string]*names.Index{}, freeEnts: map[string][]int{}}
}

// place resolves an event place: by gazetteer id when it has one, else by name.
func (x *entityIndex) place(p event.Place) int {
	forms := append([]string{p.Name}, p.Names...)
	if p.ID != "" {
		return x.add("place:"+p.ID, "place", p.Name, p.Country, forms)
	}
	return x.byName("place", p.Name, p.Country, forms)
}

// role resolves an actor, participant or affiliation as events list them: the canonical
// name, then the surface form after a bar ("DGST|المخابرات المغربية").
func (x *entityIndex) role(kind, s string) int {
	forms := strings.Split(s, "|")
	for i := range forms {
		forms[i] = strings.TrimSpace(forms[i])
	}
	return x.byName(kind, forms[0], "", forms)
}

// byName resolves a name without an id: through the alias tables, then by transliteration
// against the names no table knows.
func (x *entityIndex) byName(kind, name, country string, forms []string) int {
	seen := kind + "\x00" + text.NormalizeKey(name)
	if i, ok := x.bySeen[seen]; ok {
		x.addForms(i, forms)
		return i
	}
	for _, f := range forms {
		for _, e := range x.m.Lookup(f) {
			if e.Kind == kind {
				canonical := name
				if len(e.Names) > 0 {
					canonical = e.Names[0]
				}
				i := x.add(e.ID, kind, canonical, country, forms)
				x.bySeen[seen] = i
				return i
			}
		}
	}
	// Places of two countries are never one entity, whatever their names.
	sameCountry := func(i int) bool {
		c := x.ents[i].Country
		return country == "" || c == "" || country == c
	}
	ix := x.free[kind]
	if ix == nil {
		ix = x.m.NewIndex()
		x.free[kind] = ix
	}
	ents := x.freeEnts[kind]
	n := x.m.Prepare(name)
	if x.exhaustive {
		for _, i := range ents {
			if sameCountry(i) && x.m.Same(name, x.ents[i].Name) {
				x.addForms(i, forms)
				x.bySeen[seen] = i
				return i
			}
		}
	} else if j := ix.First(n, func(j int) bool { return sameCountry(ents[j]) }); j >= 0 {
		i := ents[j]
		x.addForms(i, forms)
		x.bySeen[seen] = i
		return i
	}
	i := x.add(kind+":~"+name, kind, name, country, forms)
	ix.Add(n)
	x.freeEnts[kind] = append(ents, i)
	x.bySeen[seen] = i
	return i
}

func (x *entityIndex) add(key, kind, name, country string, forms []string) int {
	if i, ok := x.byKey[key]; ok {
		x.addForms(i, forms)
		return i
	}
	i := len(x.ents)
	x.ents = append(x.ents, Entity{Key: key, Kind: kind, Name: name, Country: country})
	x.byKey[key] = i
	x.addForms(i, forms)
	return i
}

func (x *entityIndex) addForms(i int, forms []string) {
	e := &x.ents[i]
	for _, f := range forms {
		if f == "" || f == e.Name {
			continue
		}
		dup := false
		for _, g := range e.Names {
			if g == f {
				dup = true
				break
			}
		}
		if !dup {
			e.Names = append(e.Names, f)
		}
	}
}

// entities returns the resolved entities, by kind then name.
func (x *entityIndex) entities() []Entity {
	out := append([]Entity(nil), x.ents...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Name < out[j].Name
	})
	return out
}
