package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// On the seeds, the 2023 balance of cells shows both sources' figures with their documents.
func TestStatsOnSeeds(t *testing.T) {
	db := seedsDB(t)
	code, out, errOut := runCmd(t, context.Background(), "stats", "--db", db, "--by", "year,type", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var row []string
	for _, r := range recs[1:] {
		if r[0] == "2023" && r[1] == "cell_dismantled" {
			row = r
		}
	}
	if row == nil {
		t.Fatalf("no 2023 cell_dismantled row:\n%s", out)
	}
	if !strings.Contains(row[2], "6 [004_1d7fd286a55e51f8]") || !strings.Contains(row[2], "≈8 [000_e003d6a8f18d6a85]") {
		t.Errorf("sources say %q", row[2])
	}
	if !strings.Contains(row[5], "000_e003d6a8f18d6a85") || !strings.Contains(row[5], "004_1d7fd286a55e51f8") {
		t.Errorf("docs %q", row[5])
	}

	code, out, errOut = runCmd(t, context.Background(), "stats", "--db", db, "--by", "year,type,place", "--format", "jsonl")
	if code != 0 {
		t.Fatalf("jsonl: exit %d: %s", code, errOut)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct {
			Period string `json:"period"`
			Type   string `json:"type"`
			Place  string `json:"place"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Period == "" || r.Type == "" || r.Place == "" {
			t.Errorf("line %q: %v", l, err)
		}
	}
}

func TestStatsUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	for _, args := range [][]string{
		{"stats", "--db", db, "--by", "year"},
		{"stats", "--db", db, "--by", "year,type,place,actor"},
		{"stats", "--db", db, "--by", "year,type,month"},
		{"stats", "--db", db, "--format", "xml"},
		{"stats", "--db", db, "2023"},
	} {
		if code, _, errOut := runCmd(t, context.Background(), args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	if code, _, errOut := runCmd(t, context.Background(), "stats", "--db", db); code != 1 || !strings.Contains(errOut, "run `marsad ingest PATH` first") {
		t.Errorf("no database: exit %d, %q", code, errOut)
	}
}

func TestStatsTable(t *testing.T) {
	db := fill(t)
	code, out, errOut := runCmd(t, context.Background(), "stats", "--db", db, "--by", "year,type,actor")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "PERIOD") || !strings.Contains(lines[0], "ACTOR") || !strings.Contains(lines[0], "SOURCES SAY") {
		t.Errorf("table:\n%s", out)
	}
}
