package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// headerLine is the column list of every gazetteer file, hand-written or generated.
// The loader in internal/lexicon checks the same list.
const headerLine = "id\tkind\tcountry\tlat\tlon\trank\tname\taliases\tweak\tparent"

const numColumns = 10

// validKind reports whether the loader accepts k as a place kind.
func validKind(k string) bool {
	switch k {
	case "continent", "world_region", "country", "region", "province", "prefecture",
		"governorate", "delegation", "wilaya", "commune", "arrondissement", "city",
		"district", "landmark":
		return true
	}
	return false
}

// row is one gazetteer entry while it is being assembled.
type row struct {
	ID, Kind, Country string
	Lat, Lon          float64
	HasCoord          bool
	Rank              int // -1: not given (a hand amendment that keeps the source rank)
	Name              string
	Aliases, Weak     []string
	// Remove lists forms a hand file takes away from a source row ("-form" in its aliases).
	Remove []string
	Parent string
	// File is the output file (without .tsv) the row is written to.
	File string
	// Line is the hand file and line a row came from, for error messages; empty for source rows.
	Line string
	// gnAdmin is the GeoNames first-level division of a GeoNames row, to tell namesakes apart.
	gnAdmin string
}

func (r *row) setCoord(lat, lon float64) {
	r.Lat, r.Lon, r.HasCoord = lat, lon, true
}

// forms returns every surface form of r: name, aliases and weak forms.
func (r *row) forms() []string {
	out := make([]string, 0, 1+len(r.Aliases)+len(r.Weak))
	out = append(out, r.Name)
	out = append(out, r.Aliases...)
	return append(out, r.Weak...)
}

// addAliases appends forms not yet present (compared exactly).
func (r *row) addAliases(forms ...string) {
	r.Aliases = appendNew(r.Aliases, forms...)
}

func appendNew(list []string, forms ...string) []string {
	for _, f := range forms {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		dup := false
		for _, g := range list {
			if g == f {
				dup = true
				break
			}
		}
		if !dup {
			list = append(list, f)
		}
	}
	return list
}

// tidy applies the rules every written row obeys: a form listed as weak is weak even when
// it is also an alias (weak wins, so a hand file can demote a source form); removed forms
// go; forms that fold to the same key as an earlier one are dropped (the matcher folds them
// anyway); the name is not repeated among the aliases.
func (r *row) tidy() {
	removed := map[string]bool{}
	for _, f := range r.Remove {
		removed[foldKey(f)] = true
	}
	weak := map[string]bool{}
	var w []string
	for _, f := range r.Weak {
		k := foldKey(f)
		if k == "" || removed[k] || weak[k] {
			continue
		}
		weak[k] = true
		w = append(w, f)
	}
	seen := map[string]bool{foldKey(r.Name): true}
	var a []string
	for _, f := range r.Aliases {
		k := foldKey(f)
		if k == "" || removed[k] || weak[k] || seen[k] {
			continue
		}
		seen[k] = true
		a = append(a, f)
	}
	r.Aliases, r.Weak, r.Remove = a, w, nil
}

// readHand reads a hand-written gazetteer file. Unlike the loader it accepts partial rows:
// an empty rank, kind or name means "keep what the source says" when the row amends a
// source row.
func readHand(path, file string) ([]*row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open hand file: %w", err)
	}
	defer f.Close()
	rows, err := parseRows(f, path, file)
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func parseRows(rd io.Reader, path, file string) ([]*row, error) {
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	var rows []*row
	n, sawHeader := 0, false
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
		}
		if !sawHeader {
			if strings.Join(fields, "\t") != headerLine {
				return nil, fmt.Errorf("%s:%d: header %q, want %q", path, n, strings.Join(fields, "\t"), headerLine)
			}
			sawHeader = true
			continue
		}
		if len(fields) > numColumns {
			return nil, fmt.Errorf("%s:%d: %d fields, want at most %d", path, n, len(fields), numColumns)
		}
		for len(fields) < numColumns {
			fields = append(fields, "")
		}
		r := &row{ID: fields[0], Kind: fields[1], Country: fields[2], Rank: -1, Name: fields[6],
			Parent: fields[9], File: file, Line: fmt.Sprintf("%s:%d", path, n)}
		if r.ID == "" {
			return nil, fmt.Errorf("%s:%d: empty id", path, n)
		}
		if fields[3] != "" || fields[4] != "" {
			lat, err1 := strconv.ParseFloat(fields[3], 64)
			lon, err2 := strconv.ParseFloat(fields[4], 64)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("%s:%d: bad coordinates %q %q", path, n, fields[3], fields[4])
			}
			r.setCoord(lat, lon)
		}
		if fields[5] != "" {
			rank, err := strconv.Atoi(fields[5])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: bad rank %q: %w", path, n, fields[5], err)
			}
			r.Rank = rank
		}
		for _, a := range splitList(fields[7]) {
			if strings.HasPrefix(a, "-") && len(a) > 1 {
				r.Remove = append(r.Remove, a[1:])
			} else {
				r.Aliases = appendNew(r.Aliases, a)
			}
		}
		r.Weak = appendNew(r.Weak, splitList(fields[8])...)
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if !sawHeader {
		return nil, fmt.Errorf("%s: no header line", path)
	}
	return rows, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// formatCoord writes a coordinate with the given number of decimals, without trailing
// zeros. Four decimals (about 11 m) is finer than any centroid we have; the GeoNames rows
// get three (about 110 m, still inside any town), which keeps the largest file smaller.
func formatCoord(x float64, decimals int) string {
	p := math.Pow(10, float64(decimals))
	return strconv.FormatFloat(math.Round(x*p)/p, 'f', -1, 64)
}

// writeRows writes rows sorted by id, after a comment block naming the sources.
func writeRows(w io.Writer, comment []string, rows []*row) error {
	sort.Slice(rows, func(i, j int) bool { return rows[i].ID < rows[j].ID })
	bw := bufio.NewWriter(w)
	for _, c := range comment {
		fmt.Fprintf(bw, "# %s\n", c)
	}
	fmt.Fprintln(bw, headerLine)
	for _, r := range rows {
		lat, lon := "", ""
		if r.HasCoord {
			d := 4
			if r.File == "geonames" {
				d = 3
			}
			lat, lon = formatCoord(r.Lat, d), formatCoord(r.Lon, d)
		}
		fields := []string{r.ID, r.Kind, r.Country, lat, lon, strconv.Itoa(r.Rank), r.Name,
			strings.Join(r.Aliases, "|"), strings.Join(r.Weak, "|"), r.Parent}
		for _, f := range fields {
			if strings.ContainsAny(f, "\t\n") {
				return fmt.Errorf("row %s: field %q holds a tab or newline", r.ID, f)
			}
		}
		fmt.Fprintln(bw, strings.Join(fields, "\t"))
	}
	return bw.Flush()
}
