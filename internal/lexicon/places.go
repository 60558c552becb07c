package lexicon

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// PlaceEntry is one row of the gazetteer.
//
// Surface forms: Name and Aliases are matched anywhere; Weak forms only after a place cue
// ("مدينة", "ولاية", "à", "in", ...). A form listed in Weak is weak even when it is also
// the Name (GeoNames cities, whose only name is weak). StrongForms applies that rule.
// When several entries share a surface form, the one with the highest Rank wins.
type PlaceEntry struct {
	ID, Kind, Country string
	Lat, Lon          float64
	HasCoord          bool
	Rank              int
	Name              string
	Aliases, Weak     []string
	Parent            string
}

// StrongForms returns the forms of p that may be matched without a cue: its name and its
// aliases, except those also listed as weak (a form in Weak is weak wherever else it is
// listed: "أيوا" is Iowa's Arabic name and also how "إيواء", harbouring, folds).
func (p PlaceEntry) StrongForms() []string {
	weak := func(f string) bool {
		for _, w := range p.Weak {
			if w == f {
				return true
			}
		}
		return false
	}
	out := make([]string, 0, 1+len(p.Aliases))
	if !weak(p.Name) {
		out = append(out, p.Name)
	}
	for _, a := range p.Aliases {
		if !weak(a) {
			out = append(out, a)
		}
	}
	return out
}

// placesDir is where the gazetteer lives inside the data tree (package marsad/data).
// Only its top-level files are loaded: places/hand/ holds the hand-written inputs the
// generator (tools/gengazetteer) merges into them.
const placesDir = "places"

// placeHeader is the column list of every gazetteer file (tools/gengazetteer writes it).
func placeHeader() []string {
	return []string{"id", "kind", "country", "lat", "lon", "rank", "name", "aliases", "weak", "parent"}
}

// IsPlaceKind reports whether k is a kind a gazetteer row may have: continent,
// world_region, country, region, province, prefecture, governorate, delegation, wilaya,
// commune, arrondissement, city, district, landmark.
func IsPlaceKind(k string) bool {
	switch k {
	case "continent", "world_region", "country", "region", "province", "prefecture",
		"governorate", "delegation", "wilaya", "commune", "arrondissement", "city",
		"district", "landmark":
		return true
	}
	return false
}

// LoadPlaces reads every data/places/*.tsv file of fsys (pass data.FS from package
// marsad/data). Rows come back in file order (files sorted by name). A malformed row is
// an error naming its file and line; cross-row checks (unique ids, existing parents) are
// the tests' job, so that loading stays one pass.
func LoadPlaces(fsys fs.FS) ([]PlaceEntry, error) {
	files, err := fs.Glob(fsys, path.Join(placesDir, "*.tsv"))
	if err != nil {
		return nil, fmt.Errorf("lexicon: list places: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("lexicon: no %s/*.tsv in the data tree", placesDir)
	}
	sort.Strings(files)
	header := placeHeader()
	texts := make([]string, len(files))
	lines := 0
	for i, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		texts[i] = string(b)
		lines += strings.Count(texts[i], "\n") + 1
	}
	// one row per line at most: sized once rather than regrown row by row
	out := make([]PlaceEntry, 0, lines)
	for i, f := range files {
		err := parseTSV(f, texts[i], header, func(line int, rec row) error {
			p, err := parsePlace(rec)
			if err != nil {
				return err
			}
			out = append(out, p)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// parsePlace checks and converts one gazetteer row.
func parsePlace(rec row) (PlaceEntry, error) {
	p := PlaceEntry{
		ID: rec.get("id"), Kind: rec.get("kind"), Country: rec.get("country"), Name: rec.get("name"),
		Aliases: splitList(rec.get("aliases")), Weak: splitList(rec.get("weak")), Parent: rec.get("parent"),
	}
	switch {
	case p.ID == "":
		return p, fmt.Errorf("empty id")
	case p.Name == "":
		return p, fmt.Errorf("place %s: empty name", p.ID)
	case !IsPlaceKind(p.Kind):
		return p, fmt.Errorf("place %s: unknown kind %q", p.ID, p.Kind)
	}
	regional := p.Kind == "continent" || p.Kind == "world_region"
	if regional != (p.Country == "") {
		return p, fmt.Errorf("place %s: country %q for kind %s", p.ID, p.Country, p.Kind)
	}
	if p.Country != "" && (len(p.Country) != 2 || strings.ToUpper(p.Country) != p.Country) {
		return p, fmt.Errorf("place %s: country %q is not an ISO 3166-1 alpha-2 code", p.ID, p.Country)
	}
	rank, err := strconv.Atoi(rec.get("rank"))
	if err != nil || rank < 0 || rank > 100 {
		return p, fmt.Errorf("place %s: rank %q, want 0..100", p.ID, rec.get("rank"))
	}
	p.Rank = rank
	lat, lon := rec.get("lat"), rec.get("lon")
	if (lat == "") != (lon == "") {
		return p, fmt.Errorf("place %s: only one of lat and lon given", p.ID)
	}
	if lat != "" {
		if p.Lat, err = strconv.ParseFloat(lat, 64); err != nil || p.Lat < -90 || p.Lat > 90 {
			return p, fmt.Errorf("place %s: bad latitude %q", p.ID, lat)
		}
		if p.Lon, err = strconv.ParseFloat(lon, 64); err != nil || p.Lon < -180 || p.Lon > 180 {
			return p, fmt.Errorf("place %s: bad longitude %q", p.ID, lon)
		}
		p.HasCoord = true
	}
	return p, nil
}
