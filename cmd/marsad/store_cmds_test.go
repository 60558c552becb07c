package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"marsad/internal/extract"
	"marsad/internal/store/storetest"
)

func runCmd(t *testing.T, ctx context.Context, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(ctx, args, &out, &errb)
	return code, out.String(), errb.String()
}

// writeArticles writes a JSONL file of short articles made up for the test, and one
// broken line.
func writeArticles(t *testing.T, dir string) string {
	t.Helper()
	lines := []string{
		`{"id": "t1", "published": "2024-03-02", "lang": "ar", "title": "تفكيك خلية إرهابية بطنجة", "text": "تمكنت المديرية العامة لمراقبة التراب الوطني يوم الخميس من تفكيك خلية إرهابية تتكون من أربعة عناصر بمدينة طنجة."}`,
		`{"id": "t2", "published": "2024-03-05", "lang": "fr", "title": "Saisie de cannabis à Nador", "text": "Les services de police ont saisi mardi 2 tonnes de résine de cannabis à Nador et interpellé trois suspects."}`,
		`{"id": "t3", "published": "2024-03-06", "lang": "en", "title": "Talks in Rabat", "text": "Moroccan and Spanish security officials held talks in Rabat on Monday about counter-terrorism cooperation."}`,
		`{"id": "broken", "text": `,
	}
	path := filepath.Join(dir, "articles.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestIngestTwiceStoresOnce(t *testing.T) {
	dir := t.TempDir()
	in := writeArticles(t, dir)
	db := filepath.Join(dir, "marsad.db")

	code, out, errOut := runCmd(t, context.Background(), "ingest", "--db", db, "--workers", "2", in)
	if code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "read 3 documents: 3 stored, 0 already stored, 1 failed") {
		t.Errorf("summary:\n%s", out)
	}
	if !strings.Contains(errOut, "articles.jsonl:4") {
		t.Errorf("the broken line is not reported with its origin:\n%s", errOut)
	}
	if !strings.Contains(out, db+": 3 documents") {
		t.Errorf("store summary:\n%s", out)
	}

	code, out, errOut = runCmd(t, context.Background(), "ingest", "--db", db, in)
	if code != 0 {
		t.Fatalf("second ingest: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "0 stored, 3 already stored") || !strings.Contains(out, ": 3 documents") {
		t.Errorf("second run summary:\n%s", out)
	}

	code, out, errOut = runCmd(t, context.Background(), "events", "--db", db, "--format", "jsonl", "--limit", "0")
	if code != 0 {
		t.Fatalf("events: exit %d\n%s", code, errOut)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var ev struct {
			Doc  string `json:"doc"`
			Type string `json:"type"`
		}
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("events jsonl line %q: %v", l, err)
		}
		if ev.Doc != "t1" && ev.Doc != "t2" && ev.Doc != "t3" || ev.Type == "" {
			t.Errorf("event from an unknown document or without a type: %s", l)
		}
	}
}

// fill makes a database through the same opening path as the commands, with known events.
func fill(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "marsad.db")
	st, err := openStore(context.Background(), db, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, res := range []extract.Result{storetest.Full(), storetest.Realistic(1, 3, 4)} {
		if _, err := st.Put(context.Background(), res); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestEventsFilters(t *testing.T) {
	db := fill(t)
	for _, tc := range []struct {
		args []string
		want []string // "doc:type" of each event, in order
	}{
		{nil, []string{"doc-000001:plot_foiled", "doc-000001:network_dismantled", "doc-000001:arrest",
			"004_1d7fd286a55e51f8:cell_dismantled", "004_1d7fd286a55e51f8:seizure"}},
		{[]string{"--type", "seizure"}, []string{"004_1d7fd286a55e51f8:seizure"}},
		{[]string{"--year", "2023"}, []string{"004_1d7fd286a55e51f8:cell_dismantled"}},
		{[]string{"--place", "طنجه"}, []string{"004_1d7fd286a55e51f8:cell_dismantled"}}, // taa marbuta folded
		{[]string{"--place", "الناظور"}, []string{"doc-000001:plot_foiled"}},            // Full names Nador in Latin only
		{[]string{"--place", "NADOR", "--type", "cell_dismantled"}, []string{"004_1d7fd286a55e51f8:cell_dismantled"}},
		{[]string{"--year", "2020", "--place", "tetouan"}, []string{"doc-000001:network_dismantled"}},
		{[]string{"--limit", "2", "--offset", "1"}, []string{"doc-000001:network_dismantled", "doc-000001:arrest"}},
	} {
		args := append([]string{"events", "--db", db, "--format", "csv"}, tc.args...)
		code, out, errOut := runCmd(t, context.Background(), args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, errOut)
			continue
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("%v: csv: %v", tc.args, err)
		}
		got := []string{}
		for _, r := range recs[1:] {
			got = append(got, r[1]+":"+r[2])
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%v:\n got %v\nwant %v", tc.args, got, tc.want)
		}
	}
}

func TestEventsTableAndMoreHint(t *testing.T) {
	db := fill(t)
	code, out, errOut := runCmd(t, context.Background(), "events", "--db", db, "--limit", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "TYPE") {
		t.Errorf("want a header and 2 rows:\n%s", out)
	}
	if !strings.Contains(errOut, "--offset 2") {
		t.Errorf("no hint that more events exist: %q", errOut)
	}
	code, _, errOut = runCmd(t, context.Background(), "events", "--db", db, "--place", "Atlantis")
	if code != 0 || !strings.Contains(errOut, "no stored event matches") {
		t.Errorf("no match: exit %d, %q", code, errOut)
	}
}

func TestEventsWithoutDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "marsad.db")
	code, _, errOut := runCmd(t, context.Background(), "events", "--db", db)
	if code != 1 || !strings.Contains(errOut, "no database at "+db+": run `marsad ingest PATH` first") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("events created %s", db)
	}
}

func TestUsageErrors(t *testing.T) {
	db := fill(t)
	for _, args := range [][]string{
		{"ingest"},
		{"ingest", "--workers", "-1", "x"},
		{"ingest", "--max-doc-size", "10XB", "x"},
		{"ingest", "--bogus", "x"},
		{"events", "--db", db, "--format", "xml"},
		{"events", "--db", db, "--type", "riot"},
		{"events", "--db", db, "--year", "23"},
		{"events", "--db", db, "--limit", "-1"},
		{"events", "--db", db, "Tangier"},
	} {
		if code, _, errOut := runCmd(t, context.Background(), args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errOut)
		}
	}
}

func TestIngestNothingRead(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "marsad.db")
	code, _, errOut := runCmd(t, context.Background(), "ingest", "--db", db, filepath.Join(dir, "missing"))
	if code != 1 || !strings.Contains(errOut, "no document could be read") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

func TestIngestInterrupted(t *testing.T) {
	dir := t.TempDir()
	in := writeArticles(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, _, errOut := runCmd(t, ctx, "ingest", "--db", filepath.Join(dir, "marsad.db"), in)
	if code != 1 || !strings.Contains(errOut, "interrupted") || !strings.Contains(errOut, "run the same command again") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}
