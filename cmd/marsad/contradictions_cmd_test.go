package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedsDB ingests the five seed articles into a fresh database through `marsad ingest`, the
// real ingest path; it skips when the shared corpus is absent.
func seedsDB(t *testing.T) string {
	t.Helper()
	shared := os.Getenv("MARSAD_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	seeds := filepath.Join(shared, "corpus", "seeds")
	if _, err := os.Stat(filepath.Join(seeds, "004_1d7fd286a55e51f8.txt")); err != nil {
		t.Skipf("seed articles not available (%v): set MARSAD_SHARED to the shared data folder", err)
	}
	db := filepath.Join(t.TempDir(), "seeds.db")
	code, out, errOut := runCmd(t, context.Background(), "ingest", "--db", db, seeds)
	if code != 0 {
		t.Fatalf("ingest seeds: exit %d\n%s%s", code, out, errOut)
	}
	return db
}

type jsonContradiction struct {
	Type   string `json:"type"`
	Period struct {
		From string `json:"from"`
		To   string `json:"to"`
	} `json:"period"`
	Key    string `json:"key"`
	Claims []struct {
		Value     float64 `json:"value"`
		Qualifier string  `json:"qualifier"`
		Doc       string  `json:"doc"`
		Evidence  string  `json:"evidence"`
	} `json:"claims"`
}

// The seeds disagree on 2023: 6 cells (004) against about 8 (000).
func TestContradictionsOnSeeds(t *testing.T) {
	db := seedsDB(t)
	code, out, errOut := runCmd(t, context.Background(), "contradictions", "--db", db, "--format", "jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	found := false
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var c jsonContradiction
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		if c.Type != "cell_dismantled" || c.Key != "cells" || !strings.HasPrefix(c.Period.From, "2023") || !strings.HasPrefix(c.Period.To, "2023") {
			continue
		}
		var six, eight bool
		for _, cl := range c.Claims {
			if cl.Evidence == "" {
				t.Errorf("claim of %s without evidence", cl.Doc)
			}
			six = six || cl.Doc == "004_1d7fd286a55e51f8" && cl.Value == 6 && cl.Qualifier == "exact"
			eight = eight || cl.Doc == "000_e003d6a8f18d6a85" && cl.Value == 8 && cl.Qualifier == "approx"
		}
		found = six && eight
	}
	if !found {
		t.Errorf("no 2023 cells contradiction between 6 (004) and about 8 (000):\n%s", out)
	}

	code, out, errOut = runCmd(t, context.Background(), "contradictions", "--db", db)
	if code != 0 || !strings.HasPrefix(out, "CLUSTER") || !strings.Contains(out, "≈8 [000_e003d6a8f18d6a85]") {
		t.Errorf("table: exit %d\n%s%s", code, out, errOut)
	}
}

func TestContradictionsUsage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "none.db")
	if code, _, errOut := runCmd(t, context.Background(), "contradictions", "--db", db, "--format", "csv"); code != 2 || !strings.Contains(errOut, "table or jsonl") {
		t.Errorf("--format csv: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, context.Background(), "contradictions", "--db", db, "extra"); code != 2 || errOut == "" {
		t.Errorf("extra argument: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, context.Background(), "contradictions", "--db", db); code != 1 || !strings.Contains(errOut, "run `marsad ingest PATH` first") {
		t.Errorf("no database: exit %d, %q", code, errOut)
	}
}

// A store with no disagreement says so on stderr and prints nothing.
func TestContradictionsNone(t *testing.T) {
	db := fill(t)
	code, out, errOut := runCmd(t, context.Background(), "contradictions", "--db", db)
	if code != 0 || out != "" || !strings.Contains(errOut, "no disagreement") {
		t.Errorf("exit %d, out %q, err %q", code, out, errOut)
	}
}
