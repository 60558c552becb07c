package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func ingested(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "marsad.db")
	if code, out, errOut := runCmd(t, context.Background(), "ingest", "--db", db, writeArticles(t, dir)); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errOut)
	}
	return db
}

func TestSearchFindsAcrossClitics(t *testing.T) {
	db := ingested(t)
	code, out, errOut := runCmd(t, context.Background(), "search", "--db", db, "الخلايا")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"1. 2024-03-02", "[t1]", "[خلية]", "· cell_dismantled"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "[t2]") {
		t.Errorf("a document without the word was listed:\n%s", out)
	}
}

func TestSearchJSONLAndFilters(t *testing.T) {
	db := ingested(t)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"cannabis"}, []string{"t2"}},
		{[]string{"saisies"}, []string{"t2"}},       // saisi
		{[]string{"talk", "Rabat"}, []string{"t3"}}, // talks
		{[]string{"--from", "2024-03-05", "cannabis"}, []string{"t2"}},
		{[]string{"--to", "2024-03-04", "cannabis"}, []string{}},
		{[]string{"تفكيك", "--type", "seizure"}, []string{}}, // flags after the query
		{[]string{"--place", "Atlantis", "cannabis"}, []string{}},
		{[]string{"--window", "-1", "cannabis"}, []string{"t2"}}, // every match ranked
		{[]string{"--window", "1", "cannabis"}, []string{"t2"}},
	} {
		args := append([]string{"search", "--db", db, "--format", "jsonl"}, tc.args...)
		code, out, errOut := runCmd(t, context.Background(), args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, errOut)
			continue
		}
		got := []string{}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if l == "" {
				continue
			}
			var h struct {
				Rank    int               `json:"rank"`
				Doc     string            `json:"doc"`
				Snippet string            `json:"snippet"`
				Events  []json.RawMessage `json:"events"`
			}
			if err := json.Unmarshal([]byte(l), &h); err != nil {
				t.Fatalf("%v: line %q: %v", tc.args, l, err)
			}
			if h.Rank != len(got)+1 || h.Snippet == "" || h.Events == nil {
				t.Errorf("%v: hit without rank, snippet or events list: %s", tc.args, l)
			}
			got = append(got, h.Doc)
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%v: got %v, want %v", tc.args, got, tc.want)
		}
	}
}

func TestSearchUsageErrors(t *testing.T) {
	db := ingested(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"search", "--db", db}, "give the words to look for"},
		{[]string{"search", "--db", db, "في", "the"}, "no word to search for"},
		{[]string{"search", "--db", db, "--type", "riot", "x"}, "unknown --type"},
		{[]string{"search", "--db", db, "--from", "2024-13", "x"}, "--from"},
		{[]string{"search", "--db", db, "--format", "csv", "x"}, "use table or jsonl"},
		{[]string{"search", "--db", db, "--limit", "0", "x"}, "--limit"},
	} {
		code, _, errOut := runCmd(t, context.Background(), tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args[3:], code, errOut, tc.want)
		}
	}
	code, _, errOut := runCmd(t, context.Background(), "search", "--db", filepath.Join(t.TempDir(), "none.db"), "x")
	if code != 1 || !strings.Contains(errOut, "run `marsad ingest PATH` first") {
		t.Errorf("no database: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCmd(t, context.Background(), "search", "--db", db, "Atlantis")
	if code != 0 || !strings.Contains(errOut, "no stored document matches") {
		t.Errorf("no match: exit %d, %q", code, errOut)
	}
}
