package resolve

import (
	"marsad/internal/lexicon"
	"marsad/internal/names"
)

// FromLexicon returns the Config that resolves with the project's tables: the alias tables
// and given names of the lexicon for names, its gazetteer for places. It copies what it
// needs and keeps no reference to lx, so a server that resolves without extracting does
// not hold the whole lexicon (its automaton and gazetteer rows: 78 MB of heap).
func FromLexicon(lx *lexicon.Lexicon) Config {
	g := gazetteer{parent: map[string]string{}, country: map[string][2]string{}}
	for _, p := range lx.Places {
		if p.Parent != "" {
			g.parent[p.ID] = p.Parent
		}
		if p.Kind != "country" {
			continue
		}
		// The lexicon's own lookup, so that the row it picks for a code is the one used.
		if c, ok := lx.Country(p.Country); ok {
			g.country[p.Country] = [2]string{c.ID, c.Name}
		}
	}
	return Config{Names: names.New(names.FromLexicon(lx)), Places: g}
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
