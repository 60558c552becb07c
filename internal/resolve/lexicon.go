package resolve

import (
	"marsad/internal/lexicon"
	"marsad/internal/names"
)

// FromLexicon returns the Config that resolves with the project's tables (FromData).
func FromLexicon(lx *lexicon.Lexicon) Config { return FromData(&lx.Data) }

// FromData returns the Config that resolves with the project's tables: the alias tables
// and given names for names, the gazetteer for places. It copies what it needs and keeps
// no reference to d, so a server that resolves without extracting holds neither the
// tables nor the compiled lexicon (78 MB of heap); lexicon.LoadData reads them without
// compiling.
func FromData(d *lexicon.Data) Config {
	g := gazetteer{parent: map[string]string{}, country: map[string][2]string{}}
	for _, p := range d.Places {
		if p.Parent != "" {
			g.parent[p.ID] = p.Parent
		}
	}
	// The row the lexicon's own lookup (Lexicon.Country) gives for a code.
	for code, i := range d.CountryRows() {
		g.country[code] = [2]string{d.Places[i].ID, d.Places[i].Name}
	}
	return Config{Names: names.New(names.FromData(d)), Places: g}
}

// gazetteer is how the lexicon's places nest: each place's parent, and each country
// code's row.
type gazetteer struct {
	parent  map[string]string
	country map[string][2]string // code → id, name
}

func (g gazetteer) Parent(id string) string { return g.parent[id] }

func (g gazetteer) Country(code string) (id, name string, ok bool) {
	c, ok := g.country[code]
	return c[0], c[1], ok
}
