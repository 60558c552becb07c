package resolve

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"marsad/data"
	"marsad/internal/event"
	"marsad/internal/lexicon"
	"marsad/internal/names"
	"marsad/internal/store"
)

// A small gazetteer for the tests: Morocco, the Tanger-Assilah prefecture and two of its
// places, and Nador; Spain and Madrid.
type testGazetteer struct{}

func (testGazetteer) Parent(id string) string {
	switch id {
	case "MA.tanger":
		return "MA.tanger-assilah"
	case "MA.assilah":
		return "MA.tanger-assilah"
	}
	return ""
}

func (testGazetteer) Country(code string) (string, string, bool) {
	switch code {
	case "MA":
		return "country.MA", "Morocco", true
	case "ES":
		return "country.ES", "Spain", true
	}
	return "", "", false
}

var (
	tangier    = event.Place{Name: "Tangier", Names: []string{"طنجة"}, Country: "MA", ID: "MA.tanger"}
	assilah    = event.Place{Name: "Assilah", Country: "MA", ID: "MA.assilah"}
	tangerPref = event.Place{Name: "Tanger-Assilah", Country: "MA", ID: "MA.tanger-assilah"}
	nador      = event.Place{Name: "Nador", Country: "MA", ID: "MA.nador"}
	morocco    = event.Place{Name: "Morocco", Country: "MA", ID: "country.MA"}
	madrid     = event.Place{Name: "Madrid", Country: "ES", ID: "ES.madrid"}
)

// ev builds a stored event; opts fill its slots.
func ev(id int64, doc, typ, from, to string, opts ...func(*event.Event)) store.StoredEvent {
	e := event.Event{Type: typ, Evidence: event.Span{Start: 0, End: 10, Text: "evidence of " + doc}}
	if from != "" {
		e.Date = &event.Period{From: from, To: to}
	}
	for _, o := range opts {
		o(&e)
	}
	return store.StoredEvent{ID: id, Doc: &store.DocRef{ID: doc}, Event: e}
}

func at(ps ...event.Place) func(*event.Event) {
	return func(e *event.Event) { e.Places = append(e.Places, ps...) }
}

func fig(key string, v float64, q string) func(*event.Event) {
	return func(e *event.Event) {
		if e.Figures == nil {
			e.Figures = map[string]event.Figure{}
		}
		e.Figures[key] = event.Figure{Value: v, Qualifier: q}
	}
}

func actors(as ...string) func(*event.Event) {
	return func(e *event.Event) { e.Actors = append(e.Actors, as...) }
}

func people(ps ...string) func(*event.Event) {
	return func(e *event.Event) { e.Participants = append(e.Participants, ps...) }
}

func resolver() *Resolver {
	return New(Config{Places: testGazetteer{}})
}

// groups returns the clusters as sorted lists of event ids, sorted by first id.
func groups(res Result) [][]int64 {
	var out [][]int64
	for _, c := range res.Clusters {
		var ids []int64
		for _, e := range c.Events {
			ids = append(ids, e.ID)
		}
		slices.Sort(ids)
		out = append(out, ids)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func TestClusterRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		evs  []store.StoredEvent
		want [][]int64
	}{
		{"one operation, two outlets, a day apart, same city",
			[]store.StoredEvent{
				ev(1, "a", "arrest", "2024-03-05", "2024-03-05", at(tangier), fig("arrested", 3, "")),
				ev(2, "b", "arrest", "2024-03-06", "2024-03-06", at(tangier), fig("arrested", 3, "")),
			}, [][]int64{{1, 2}}},
		{"a city and the prefecture that holds it",
			[]store.StoredEvent{
				ev(1, "a", "seizure", "2024-03-05", "2024-03-05", at(tangier)),
				ev(2, "b", "seizure", "2024-03-05", "2024-03-05", at(tangerPref)),
			}, [][]int64{{1, 2}}},
		{"two cities of one prefecture are two operations",
			[]store.StoredEvent{
				ev(1, "a", "seizure", "2024-03-05", "2024-03-05", at(tangier)),
				ev(2, "b", "seizure", "2024-03-05", "2024-03-05", at(assilah)),
			}, [][]int64{{1}, {2}}},
		{"different cities",
			[]store.StoredEvent{
				ev(1, "a", "arrest", "2024-03-05", "2024-03-05", at(tangier)),
				ev(2, "b", "arrest", "2024-03-05", "2024-03-05", at(nador)),
			}, [][]int64{{1}, {2}}},
		{"different types",
			[]store.StoredEvent{
				ev(1, "a", "arrest", "2024-03-05", "2024-03-05", at(tangier)),
				ev(2, "b", "seizure", "2024-03-05", "2024-03-05", at(tangier)),
			}, [][]int64{{1}, {2}}},
		{"too far apart in time",
			[]store.StoredEvent{
				ev(1, "a", "arrest", "2024-03-05", "2024-03-05", at(tangier)),
				ev(2, "b", "arrest", "2024-03-12", "2024-03-12", at(tangier)),
			}, [][]int64{{1}, {2}}},
		{"one document never reports one event twice",
			[]store.StoredEvent{
				ev(1, "a", "arrest", "2024-03-05", "2024-03-05", at(tangier)),
				ev(2, "a", "arrest", "2024-03-05", "2024-03-05", at(tangier)),
			}, [][]int64{{1}, {2}}},
		{"figures an order of magnitude apart are two operations",
			[]store.StoredEvent{
				ev(1, "a", "arrest", "2024-03-05", "2024-03-05", at(tangier), fig("arrested", 3, "")),
				ev(2, "b", "arrest", "2024-03-05", "2024-03-05", at(tangier), fig("arrested", 40, "")),
			}, [][]int64{{1}, {2}}},
		{"close figures are one operation (and a contradiction)",
			[]store.StoredEvent{
				ev(1, "a", "arrest", "2024-03-05", "2024-03-05", at(tangier), fig("arrested", 3, "")),
				ev(2, "b", "arrest", "2024-03-05", "2024-03-05", at(tangier), fig("arrested", 4, "")),
			}, [][]int64{{1, 2}}},
		{"a common actor alone does not make one operation",
			[]store.StoredEvent{
				ev(1, "a", "arrest", "2024-03-05", "2024-03-05", actors("DGSN")),
				ev(2, "b", "arrest", "2024-03-05", "2024-03-05", actors("DGSN")),
			}, [][]int64{{1}, {2}}},
		{"a participant named in two scripts ties a meeting",
			[]store.StoredEvent{
				ev(1, "a", "cooperation", "2024-05-06", "2024-05-06", people("عبد اللطيف حموشي")),
				ev(2, "b", "cooperation", "2024-05-06", "2024-05-06", people("Abdellatif Hammouchi")),
			}, [][]int64{{1, 2}}},
		{"a country and a city in it, with the same actor and figure",
			[]store.StoredEvent{
				ev(1, "a", "cell_dismantled", "2024-05-06", "2024-05-06", at(morocco), actors("DGST"), fig("arrested", 4, "")),
				ev(2, "b", "cell_dismantled", "2024-05-07", "2024-05-07", at(tangier), actors("DGST|المديرية العامة لمراقبة التراب الوطني"), fig("arrested", 4, "")),
			}, [][]int64{{1, 2}}},
		{"a tally and a single operation are kept apart",
			[]store.StoredEvent{
				ev(1, "a", "cell_dismantled", "2023", "2023", at(tangier), fig("cells", 6, "")),
				ev(2, "b", "cell_dismantled", "2023-03-01", "2023-03-01", at(tangier), fig("cells", 1, "")),
			}, [][]int64{{1}, {2}}},
		{"tallies of one year agree on their period, not their cities",
			[]store.StoredEvent{
				ev(1, "a", "cell_dismantled", "2023", "2023", at(tangier, nador), fig("cells", 8, "approx")),
				ev(2, "b", "cell_dismantled", "2023-01-01", "2023-12-26", at(assilah), fig("cells", 6, "")),
			}, [][]int64{{1, 2}}},
		{"a tally since 2002 is not the tally of 2023",
			[]store.StoredEvent{
				ev(1, "a", "cell_dismantled", "2002", "2023-12-26", at(morocco), fig("cells", 215, "")),
				ev(2, "b", "cell_dismantled", "2023", "2023", at(morocco), fig("cells", 6, "")),
			}, [][]int64{{1}, {2}}},
		{"tallies of two countries",
			[]store.StoredEvent{
				ev(1, "a", "cell_dismantled", "2023", "2023", at(morocco), fig("cells", 6, "")),
				ev(2, "b", "cell_dismantled", "2023", "2023", at(madrid), fig("cells", 14, "")),
			}, [][]int64{{1}, {2}}},
		{"a month of tallied cells is a tally",
			[]store.StoredEvent{
				ev(1, "a", "cell_dismantled", "2024-03", "2024-03", at(morocco), fig("cells", 3, "")),
				ev(2, "b", "cell_dismantled", "2024-03-01", "2024-03-31", fig("cells", 3, "")),
				ev(3, "c", "cell_dismantled", "2024-03-12", "2024-03-12", at(tangier)),
			}, [][]int64{{1, 2}, {3}}},
		{"undated events stay alone",
			[]store.StoredEvent{
				ev(1, "a", "hosting", "", "", at(tangier)),
				ev(2, "b", "hosting", "", "", at(tangier)),
			}, [][]int64{{1}, {2}}},
		{"an event joins the cluster it is tied to most",
			[]store.StoredEvent{
				ev(1, "a", "arrest", "2024-03-05", "2024-03-05", at(tangier), actors("DGSN")),
				ev(2, "b", "arrest", "2024-03-05", "2024-03-05", at(tangier), actors("Gendarmerie Royale")),
				ev(3, "c", "arrest", "2024-03-05", "2024-03-05", at(tangier), actors("Gendarmerie Royale"), fig("arrested", 2, "")),
			}, [][]int64{{1}, {2, 3}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := groups(resolver().Resolve(tc.evs))
			if !slices.EqualFunc(got, tc.want, slices.Equal[[]int64]) {
				t.Errorf("clusters %v, want %v", got, tc.want)
			}
		})
	}
}

func TestClusterKeepsEverySourceAndItsPeriod(t *testing.T) {
	res := resolver().Resolve([]store.StoredEvent{
		ev(2, "b", "cell_dismantled", "2023-01-01", "2023-12-26", at(nador), fig("cells", 6, "")),
		ev(1, "a", "cell_dismantled", "2023", "2023", at(tangier), fig("cells", 8, "approx")),
		ev(3, "c", "seizure", "2022-05-01", "2022-05-01", at(tangier)),
	})
	if len(res.Clusters) != 2 {
		t.Fatalf("%d clusters", len(res.Clusters))
	}
	c := res.Clusters[1]
	if c.ID != 2 || res.Clusters[0].ID != 1 || res.Clusters[0].Type != "seizure" {
		t.Errorf("clusters are not numbered in order of period: %d %s, %d", res.Clusters[0].ID, res.Clusters[0].Type, c.ID)
	}
	if c.Scale != Aggregate || len(c.Events) != 2 || strings.Join(c.Docs(), ",") != "a,b" {
		t.Errorf("cluster: scale %s, docs %v", c.Scale, c.Docs())
	}
	if c.Period == nil || c.Period.From != "2023" || c.Period.To != "2023" {
		t.Errorf("period %+v, want 2023", c.Period)
	}
	if len(c.Places()) != 2 || res.Name(c.Places()[0]) != "Tangier" {
		t.Errorf("places %v", c.Places())
	}
}

// Entities: places by gazetteer id, whatever the name; actors and persons by table, then by
// transliteration.
func TestEntities(t *testing.T) {
	m := names.New(names.Tables{Entries: []names.Entry{
		{ID: "org:dgst", Kind: "org", Names: []string{"DGST", "المديرية العامة لمراقبة التراب الوطني", "الديستي"}},
	}})
	r := New(Config{Names: m, Places: testGazetteer{}})
	tanja := tangier
	tanja.Name, tanja.Names = "طنجة", nil
	res := r.Resolve([]store.StoredEvent{
		ev(1, "a", "arrest", "2024-01-01", "2024-01-01", at(tangier), actors("DGST"), people("الحموشي")),
		ev(2, "b", "arrest", "2024-06-01", "2024-06-01", at(tanja), actors("الديستي"), people("Hamouchi")),
		ev(3, "c", "arrest", "2024-09-01", "2024-09-01", people("Hamdouchi")),
	})
	byKind := map[string][]Entity{}
	for _, e := range res.Entities {
		byKind[e.Kind] = append(byKind[e.Kind], e)
	}
	if p := byKind["place"]; len(p) != 1 || p[0].Key != "place:MA.tanger" || !slices.Contains(p[0].Names, "طنجة") {
		t.Errorf("places: %+v", p)
	}
	if o := byKind["org"]; len(o) != 1 || o[0].Key != "org:dgst" || o[0].Name != "DGST" || !slices.Contains(o[0].Names, "الديستي") {
		t.Errorf("orgs: %+v", o)
	}
	if p := byKind["person"]; len(p) != 2 || !slices.Contains(p[0].Names, "Hamouchi") && !slices.Contains(p[1].Names, "Hamouchi") {
		t.Errorf("persons: %+v; want الحموشي = Hamouchi, and Hamdouchi apart", p)
	}
}

func TestAgree(t *testing.T) {
	c := func(v float64, q string) Claim { return Claim{Key: "cells", Value: v, Qualifier: q} }
	for _, tc := range []struct {
		a, b  Claim
		agree bool
	}{
		{c(6, "exact"), c(6, "exact"), true},
		{c(6, "exact"), c(7, "exact"), false},
		{c(8, "approx"), c(6, "exact"), false},  // about 8 is 7..9
		{c(8, "approx"), c(7, "exact"), true},   // at least ±1
		{c(8, "approx"), c(10, "approx"), true}, // 7..9 and 9..11 touch
		{c(500, "at_least"), c(520, "exact"), true},
		{c(500, "at_least"), c(400, "exact"), false},
		{c(500, "at_least"), c(450, "approx"), false}, // 405..495
		{c(500, "approx"), c(520, "exact"), true},     // 450..550
		{c(500, "approx"), c(560, "exact"), false},
		{c(10, "at_most"), c(12, "exact"), false},
		{c(10, "at_most"), c(8, "exact"), true},
		{c(10, "at_most"), c(12, "at_least"), false},
		{c(10, "at_least"), c(12, "at_most"), true},
		{c(6, ""), c(6, "exact"), true},
	} {
		if got := Agree(tc.a, tc.b); got != tc.agree {
			t.Errorf("%s vs %s: agree %v, want %v", FormatValue(tc.a), FormatValue(tc.b), got, tc.agree)
		}
		if got := Agree(tc.b, tc.a); got != tc.agree {
			t.Errorf("%s vs %s (swapped): agree %v, want %v", FormatValue(tc.b), FormatValue(tc.a), got, tc.agree)
		}
	}
	// Weights compare across units; approximate amounts have no ±1 step.
	ton := Claim{Key: "quantity", Value: 2, Unit: "t", Item: "cannabis resin"}
	kg := Claim{Key: "quantity", Value: 2000, Unit: "kg", Item: "cannabis resin"}
	if !Agree(ton, kg) {
		t.Error("2 t and 2000 kg disagree")
	}
	if Agree(Claim{Value: 2.5, Unit: "kg", Qualifier: "approx"}, Claim{Value: 3.2, Unit: "kg"}) {
		t.Error("about 2.5 kg allows 3.2 kg")
	}
}

func TestContradictions(t *testing.T) {
	res := resolver().Resolve([]store.StoredEvent{
		ev(1, "000", "cell_dismantled", "2023", "2023", at(tangier), fig("cells", 8, "approx")),
		ev(2, "004", "cell_dismantled", "2023-01-01", "2023-12-26", at(nador), fig("cells", 6, ""), fig("arrested", 21, "")),
		ev(3, "009", "cell_dismantled", "2023", "2023", fig("cells", 6, ""), fig("arrested", 20, "at_least")),
		ev(4, "a", "plot_foiled", "2002", "2023-12-26", fig("plots", 500, "at_least")),
		ev(5, "b", "plot_foiled", "2002", "2023", fig("plots", 520, "")),
		ev(6, "x", "seizure", "2024-02-02", "2024-02-02", at(tangier), func(e *event.Event) {
			e.Figures = map[string]event.Figure{"quantity": {Value: 2, Unit: "t", Item: "cannabis resin"}}
		}),
		ev(7, "y", "seizure", "2024-02-02", "2024-02-02", at(tangier), func(e *event.Event) {
			e.Figures = map[string]event.Figure{"quantity": {Value: 2100, Unit: "kg", Item: "cannabis resin"}}
		}),
	})
	cs := Contradictions(res.Clusters)
	if len(cs) != 2 {
		t.Fatalf("%d contradictions, want cells in 2023 and the seized quantity: %+v", len(cs), cs)
	}
	c := cs[0]
	if c.Type != "cell_dismantled" || c.Key != "cells" || c.Period == nil || c.Period.From != "2023" {
		t.Errorf("first contradiction: %+v", c)
	}
	var got []string
	for _, cl := range c.Claims {
		got = append(got, cl.Doc+":"+FormatValue(cl))
		if cl.Evidence != "evidence of "+cl.Doc {
			t.Errorf("claim of %s: evidence %q", cl.Doc, cl.Evidence)
		}
	}
	if strings.Join(got, " ") != "000:≈8 004:6 009:6" {
		t.Errorf("claims %v: every claim on the key is shown", got)
	}
	if q := cs[1]; q.Key != "quantity" || q.Unit != "kg" || q.Item != "cannabis resin" || len(q.Claims) != 2 {
		t.Errorf("second contradiction: %+v", q)
	}
}

func TestFigureText(t *testing.T) {
	span := event.Span{Start: 100, End: 113, Text: "تفكيك 6 خلايا"}
	if got := figureText(span, event.Figure{Start: 106, End: 113}); got != "6 خلايا" {
		t.Errorf("got %q", got)
	}
	if got := figureText(span, event.Figure{Start: 90, End: 95}); got != "" {
		t.Errorf("a figure outside the evidence: %q", got)
	}
}

// TestClusterRoleWindows checks that each cluster's places, actors, participants and
// affiliations are its own, in their roles, when the clusters' keys share arrays and
// span several blocks of them.
func TestClusterRoleWindows(t *testing.T) {
	word := func(i int) string { return fmt.Sprintf("%05d", i*7919%100000) }
	const n = 1500 // four keys each: more than one block of keys
	var evs []store.StoredEvent
	for i := range n {
		// undated, so each event is a cluster of its own
		evs = append(evs, ev(int64(i+1), word(i), "arrest", "", "",
			at(event.Place{Name: "Place " + word(i), ID: "T." + word(i)}), actors("Unit "+word(i)), people("Person "+word(i)),
			func(e *event.Event) { e.Affiliations = append(e.Affiliations, "Group "+word(i)) }))
	}
	res := resolver().Resolve(evs)
	if len(res.Clusters) != n {
		t.Fatalf("%d clusters, want %d", len(res.Clusters), n)
	}
	for _, c := range res.Clusters {
		w := c.Events[0].Doc.ID
		// places have gazetteer ids, so each is its own entity; free names that read
		// alike are one entity (digits do not count), so the other roles are known by
		// the word that starts their names
		for _, role := range []struct {
			name string
			keys []string
			want string
		}{{"places", c.Places(), "Place " + w}, {"actors", c.Actors(), "Unit"},
			{"participants", c.Participants(), "Person"}, {"affiliations", c.Affiliations(), "Group"}} {
			if len(role.keys) != 1 || !strings.HasPrefix(res.Name(role.keys[0]), role.want) {
				var got []string
				for _, k := range role.keys {
					got = append(got, res.Name(k))
				}
				t.Fatalf("cluster of %s: %s %q, want [%s]", w, role.name, got, role.want)
			}
		}
		if len(c.Keys()) != 4 {
			t.Fatalf("cluster of %s: keys %q, want its four", w, c.Keys())
		}
	}
}

// TestFromData: the resolver a server builds from the tables read without compiling them
// (lexicon.LoadData) nests places as the gazetteer does and finds, for each country code,
// the row the compiled lexicon's Country gives.
func TestFromData(t *testing.T) {
	d, err := lexicon.LoadData(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	lx, err := lexicon.Compile(d)
	if err != nil {
		t.Fatal(err)
	}
	got := FromData(&d).Places
	codes := 0
	for _, p := range lx.Places {
		if g := got.Parent(p.ID); g != p.Parent {
			t.Fatalf("parent of %s: %q, want %q as in the table", p.ID, g, p.Parent)
		}
		if p.Kind != "country" {
			continue
		}
		c, ok := lx.Country(p.Country)
		gid, gname, gok := got.Country(p.Country)
		if !ok || !gok || gid != c.ID || gname != c.Name {
			t.Fatalf("country %s: %q %q %v from the data, want the lexicon's %q %q", p.Country, gid, gname, gok, c.ID, c.Name)
		}
		codes++
	}
	if codes < 100 {
		t.Errorf("%d countries checked: the gazetteer should have about 250", codes)
	}
}
