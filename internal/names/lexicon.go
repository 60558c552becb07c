package names

import "marsad/internal/lexicon"

// FromData builds the tables of a Matcher from the project's tables (lexicon.LoadData, or
// a compiled Lexicon's Data): every gazetteer place with a name that may be matched on its
// own (GeoNames rows, whose Latin names are all weak, are left out: they would only make
// unrelated names look like places), every organisation and every person with all their
// aliases; the given names and particles as common words.
func FromData(d *lexicon.Data) Tables {
	var t Tables
	for _, p := range d.Places {
		strong := p.StrongForms()
		if len(strong) == 0 {
			continue
		}
		t.Entries = append(t.Entries, Entry{ID: "place:" + p.ID, Kind: "place",
			Names: append(strong, p.Weak...)})
	}
	for _, o := range d.Orgs {
		t.Entries = append(t.Entries, Entry{ID: "org:" + o.ID, Kind: "org",
			Names: append([]string{o.Name}, o.Aliases...)})
	}
	for _, p := range d.Persons {
		t.Entries = append(t.Entries, Entry{ID: "person:" + p.ID, Kind: "person",
			Names: append([]string{p.Name}, p.Aliases...)})
	}
	n := d.Names
	t.Common = make([]string, 0, len(n.GivenAr)+len(n.GivenLatin)+len(n.Particles))
	t.Common = append(append(append(t.Common, n.GivenAr...), n.GivenLatin...), n.Particles...)
	return t
}
