package main

import (
	"strings"
	"testing"
)

func TestFoldKeyFoldsWhatTheMatcherFolds(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"إسبانيا", "اسبانيا"},
		{"مَكْنَاس", "مكناس"},
		{"الصحـراء", "الصحراء"},
		{"طنجة", "طنجه"},
		{"Tétouan", "tetouan"},
		{"Saint-Denis", "saint denis"},
		{"Côte d'Ivoire", "cote d ivoire"},
		{"Ärzte  Straße", "arzte strasse"},
	} {
		if ka, kb := foldKey(c.a), foldKey(c.b); ka != kb {
			t.Errorf("foldKey(%q) = %q, foldKey(%q) = %q; want equal", c.a, ka, c.b, kb)
		}
	}
	// Different spellings stay different: the gazetteer must list both.
	for _, c := range []struct{ a, b string }{{"اشتوكة", "شتوكة"}, {"الكاف", "كاف"}, {"US", "U.S.A."}} {
		if foldKey(c.a) == foldKey(c.b) {
			t.Errorf("foldKey(%q) == foldKey(%q); want different", c.a, c.b)
		}
	}
}

func TestAdminKeyDropsDivisionWords(t *testing.T) {
	for in, want := range map[string]string{
		"Kef Governorate":            "kef",
		"Mu‘tamadīyat Qulaybīyah":    "qulaybiyah",
		"Délégation de Béja Nord":    "beja nord",
		"Province of Pontevedra":     "pontevedra",
		"Riverside County":           "riverside",
		"Provence-Alpes-Côte d'Azur": "provence alpes cote d azur",
	} {
		if got := adminKey(in); got != want {
			t.Errorf("adminKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTidyWeakWinsAndRemovals(t *testing.T) {
	r := &row{Name: "Asilah", Aliases: []string{"أصيلة", "Assilah", "asilah", "اصيلة", "Arzila"},
		Weak: []string{"أصيلة"}, Remove: []string{"Arzila"}}
	r.tidy()
	if got := strings.Join(r.Aliases, "|"); got != "Assilah" {
		t.Errorf("aliases %q, want Assilah (weak form, its folded twin, the name and the removed form dropped)", got)
	}
	if got := strings.Join(r.Weak, "|"); got != "أصيلة" {
		t.Errorf("weak %q", got)
	}
}

func TestAmendKeepsSourceNameAsAlias(t *testing.T) {
	src := &row{ID: "MA.1", Kind: "commune", Rank: 40, Name: "Tanger", Aliases: []string{"طنجة"}}
	amend(src, &row{ID: "MA.1", Kind: "city", Rank: 80, Name: "Tangier", Aliases: []string{"Tanja"}, Line: "h:3"})
	if src.Kind != "city" || src.Rank != 80 || src.Name != "Tangier" {
		t.Errorf("amended row %+v", src)
	}
	if got := strings.Join(src.Aliases, "|"); got != "Tanger|طنجة|Tanja" {
		t.Errorf("aliases %q", got)
	}
	keep := &row{ID: "MA.2", Rank: 40, Name: "X"}
	amend(keep, &row{ID: "MA.2", Rank: -1, Weak: []string{"X"}})
	if keep.Rank != 40 || keep.Name != "X" {
		t.Errorf("an amendment without rank or name changed them: %+v", keep)
	}
}

func TestParseRowsErrorsNameFileAndLine(t *testing.T) {
	in := "# c\n" + headerLine + "\nx\tcity\tMA\t1\t\t40\tX\t\t\t\n"
	_, err := parseRows(strings.NewReader(in), "hand/x.tsv", "x")
	if err == nil || !strings.Contains(err.Error(), "hand/x.tsv:3") {
		t.Errorf("error %v, want one naming hand/x.tsv:3", err)
	}
	rows, err := parseRows(strings.NewReader(headerLine+"\nx\t\t\t\t\t\t\tA|-B\t\t\n"), "h", "x")
	if err != nil || len(rows) != 1 || rows[0].Rank != -1 || strings.Join(rows[0].Remove, "|") != "B" {
		t.Errorf("partial row: %v %+v", err, rows)
	}
}

func TestPartOfSeat(t *testing.T) {
	gov := &row{Name: "Kairouan"}
	for name, want := range map[string]bool{
		"Kairouan Nord": true, "Kairouan (delegation)": true, "Kairouan": true,
		"Haffouz": false, "Kairouanais": false,
	} {
		if got := partOfSeat(&row{Kind: "delegation", Name: name}, gov); got != want {
			t.Errorf("partOfSeat(%q) = %v, want %v", name, got, want)
		}
	}
	if partOfSeat(&row{Kind: "city", Name: "Kairouan Nord"}, gov) {
		t.Error("a city is never part of its parent's seat")
	}
}

func TestGeonameIDsAreUnique(t *testing.T) {
	rows := []*row{
		{Country: "US", Name: "Springfield", gnAdmin: "IL", Lat: 39.8},
		{Country: "US", Name: "Springfield", gnAdmin: "MA", Lat: 42.1},
		{Country: "US", Name: "Springfield", gnAdmin: "MA", Lat: 42.3},
		{Country: "US", Name: "Dayton", gnAdmin: "OH", Lat: 39.7},
		{Country: "FR", Name: "Évry", gnAdmin: "11", Lat: 48.6},
	}
	assignGeonameIDs(rows)
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.ID] {
			t.Errorf("duplicate id %s", r.ID)
		}
		seen[r.ID] = true
	}
	for _, id := range []string{"gn.US.dayton", "gn.FR.evry", "gn.US.springfield.il", "gn.US.springfield.ma.1", "gn.US.springfield.ma.2"} {
		if !seen[id] {
			t.Errorf("id %s not assigned; got %v", id, seen)
		}
	}
}
