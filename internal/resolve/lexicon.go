package resolve

import (
	"marsad/internal/lexicon"
	"marsad/internal/names"
)

// FromLexicon returns the Config that resolves with the project's tables: the alias tables
// and given names of the lexicon for names, its gazetteer for places.
func FromLexicon(lx *lexicon.Lexicon) Config {
	return Config{Names: names.New(names.FromLexicon(lx)), Places: gazetteer{lx}}
}

type gazetteer struct{ lx *lexicon.Lexicon }

func (g gazetteer) Parent(id string) string {
	p, ok := g.lx.Place(id)
	if !ok {
		return ""
	}
	return p.Parent
}

func (g gazetteer) Country(code string) (id, name string, ok bool) {
	p, ok := g.lx.Country(code)
	if !ok {
		return "", "", false
	}
	return p.ID, p.Name, true
}
