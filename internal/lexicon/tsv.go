// Package lexicon loads the embedded lexicon and gazetteer files of Marsad
// (organisations, units, persons, titles, nationalities, names, places) into
// plain Go values that the matcher compiles.
package lexicon

import (
	"bufio"
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
// name and line. rec is one map reused for every row (every column is set on each
// row): fn must copy what it keeps, never the map itself. The gazetteer has a
// hundred thousand rows, and a map per row was a fifth of the start-up allocations.
func readTSV(fsys fs.FS, path string, wantHeader []string, fn func(line int, rec map[string]string) error) error {
	f, err := fsys.Open(path)
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()

	sc := bufio.NewScanner(f)
	// Alias lists of big organisations run to a few kilobytes per line.
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	header := false
	n := 0
	rec := make(map[string]string, len(wantHeader))
	for sc.Scan() {
		n++
		raw := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			raw = strings.TrimPrefix(raw, "\ufeff")
		}
		if strings.TrimSpace(raw) == "" || strings.HasPrefix(strings.TrimSpace(raw), "#") {
			continue
		}
		fields := strings.Split(raw, "\t")
		for i := range fields {
			fields[i] = strings.TrimSpace(fields[i])
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
		for i, name := range wantHeader {
			if i < len(fields) {
				rec[name] = fields[i]
			} else {
				rec[name] = ""
			}
		}
		if err := fn(n, rec); err != nil {
			return fmt.Errorf("lexicon: %s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("lexicon: read %s: %w", path, err)
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
