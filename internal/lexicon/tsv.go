// Package lexicon loads the embedded lexicon and gazetteer files of Marsad
// (organisations, units, persons, titles, nationalities, names, places) into
// plain Go values that the matcher compiles.
package lexicon

import (
	"fmt"
	"io/fs"
	"strings"
)

// readTSV reads a tab-separated file from fsys and calls fn once per data row.
//
// The format shared by every lexicon file: UTF-8, lines starting with '#' and
// blank lines are comments, the first other line is the header. The header
// must equal wantHeader exactly, so that a column added or reordered in the
// data is caught at test time rather than silently shifting fields. A row may
// have fewer fields than the header (trailing empty columns are often trimmed
// by editors); missing fields read as "". A row with more fields is an error.
// Fields are trimmed of surrounding spaces. line is the 1-based line number in
// the file, for error messages. Errors returned by fn are wrapped with the file
// name and line.
func readTSV(fsys fs.FS, path string, wantHeader []string, fn func(line int, rec row) error) error {
	b, err := fs.ReadFile(fsys, path)
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	return parseTSV(path, string(b), wantHeader, fn)
}

// row is one data row of a TSV file. It is reused for every row of a file: fn must copy
// what it keeps (the strings it holds may be kept; they are cut from the file's text).
type row struct {
	header []string
	fields []string // one per header column, "" where the row has none
}

// get returns the field of the named column, "" if there is no such column. A header
// has at most ten columns: going through them costs less than a map filled for each of
// the gazetteer's hundred thousand rows and hashed for each field read (BenchmarkLoad).
func (r row) get(name string) string {
	for i, h := range r.header {
		if h == name {
			return r.fields[i]
		}
	}
	return ""
}

// parseTSV is readTSV over a file's text. The fields are cut from text, not copied: the
// file is one allocation instead of one per line.
func parseTSV(path, text string, wantHeader []string, fn func(line int, rec row) error) error {
	header := false
	rec := row{header: wantHeader, fields: make([]string, 0, len(wantHeader)+1)}
	for n := 1; text != ""; n++ {
		raw, rest, _ := strings.Cut(text, "\n")
		text = rest
		raw = strings.TrimRight(raw, "\r")
		if n == 1 {
			raw = strings.TrimPrefix(raw, "\ufeff")
		}
		if trimmed := strings.TrimSpace(raw); trimmed == "" || trimmed[0] == '#' {
			continue
		}
		fields := rec.fields[:0]
		for {
			f, more, ok := strings.Cut(raw, "\t")
			fields = append(fields, strings.TrimSpace(f))
			if !ok {
				break
			}
			raw = more
		}
		if !header {
			if !equalStrings(fields, wantHeader) {
				return fmt.Errorf("lexicon: %s:%d: header %q, want %q", path, n, fields, wantHeader)
			}
			header = true
			continue
		}
		if len(fields) > len(wantHeader) {
			return fmt.Errorf("lexicon: %s:%d: %d fields, want at most %d", path, n, len(fields), len(wantHeader))
		}
		for len(fields) < len(wantHeader) {
			fields = append(fields, "")
		}
		rec.fields = fields
		if err := fn(n, rec); err != nil {
			return fmt.Errorf("lexicon: %s:%d: %w", path, n, err)
		}
	}
	if !header {
		return fmt.Errorf("lexicon: %s: no header line", path)
	}
	return nil
}

// splitList splits a '|'-separated field into trimmed, non-empty items.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, "|")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
