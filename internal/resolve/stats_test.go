package resolve

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"marsad/internal/store"
)

// balance is a year of made-up reports: two tallies of 2023 that disagree, a tally since
// 2002, three single operations in 2023 (one reported twice), one in 2024.
func balance() []store.StoredEvent {
	return []store.StoredEvent{
		ev(1, "000", "cell_dismantled", "2023", "2023", at(tangier, nador), fig("cells", 8, "approx")),
		ev(2, "004", "cell_dismantled", "2023-01-01", "2023-12-26", at(tangier, assilah), fig("cells", 6, ""), fig("arrested", 21, "")),
		ev(3, "004", "cell_dismantled", "2002", "2023-12-26", at(morocco), fig("cells", 215, "")),
		ev(4, "o1", "cell_dismantled", "2023-02-10", "2023-02-10", at(tangier), actors("DGST"), fig("arrested", 4, "")),
		ev(5, "o2", "cell_dismantled", "2023-02-11", "2023-02-11", at(tangier), actors("DGST"), fig("arrested", 4, "")),
		ev(6, "o3", "cell_dismantled", "2023-06-01", "2023-06-01", at(nador), actors("BCIJ"), fig("cells", 2, ""), fig("arrested", 7, "")),
		ev(7, "o4", "cell_dismantled", "2023-09-01", "2023-09-01", at(tangier), fig("arrested", 3, "")),
		ev(8, "o5", "cell_dismantled", "2024-01-15", "2024-01-15", at(nador)),
		ev(9, "o6", "seizure", "", "", at(nador)),
	}
}

func rowOf(rows []Row, period, typ, split string) (Row, bool) {
	for _, r := range rows {
		if r.Period == period && r.Type == typ && r.Place+r.Actor == split {
			return r, true
		}
	}
	return Row{}, false
}

func count(r Row, key string) (Count, bool) {
	for _, c := range r.Counted {
		if c.Key == key {
			return c, true
		}
	}
	return Count{}, false
}

func TestStatsByYearAndType(t *testing.T) {
	r := resolver()
	rows := r.Stats(r.Resolve(balance()), By{})
	var periods []string
	for _, row := range rows {
		periods = append(periods, row.Period+" "+row.Type)
	}
	if strings.Join(periods, ", ") != "2002-2023 cell_dismantled, 2023 cell_dismantled, 2024 cell_dismantled" {
		t.Fatalf("rows: %v (undated events have no row)", periods)
	}
	y, _ := rowOf(rows, "2023", "cell_dismantled", "")
	// Sources say 6 and about 8 cells; Marsad counts 3 operations (o1 and o2 are one).
	var said []string
	for _, c := range y.Reported {
		said = append(said, c.Key+"="+FormatValue(c)+"@"+c.Doc)
	}
	if strings.Join(said, " ") != "arrested=21@004 cells=≈8@000 cells=6@004" {
		t.Errorf("reported: %v", said)
	}
	if y.Operations != 3 {
		t.Errorf("operations %d, want 3", y.Operations)
	}
	// Cells: 1 (o1+o2, no figure) + 2 (o3) + 1 (o4, no figure); arrested 4 + 7 + 3.
	if c, _ := count(y, "cells"); c.Value != 4 || c.Operations != 3 {
		t.Errorf("cells counted %+v, want 4 from 3 operations", c)
	}
	if c, _ := count(y, "arrested"); c.Value != 14 || c.Operations != 3 {
		t.Errorf("arrested counted %+v, want 14 from 3 operations", c)
	}
	if strings.Join(y.Docs, " ") != "000 004 o1 o2 o3 o4" {
		t.Errorf("docs %v", y.Docs)
	}
	long, _ := rowOf(rows, "2002-2023", "cell_dismantled", "")
	if len(long.Reported) != 1 || long.Reported[0].Value != 215 || long.Operations != 0 {
		t.Errorf("2002-2023 row: %+v", long)
	}
}

func TestStatsByPlaceAndActor(t *testing.T) {
	r := resolver()
	res := r.Resolve(balance())
	rows := r.Stats(res, By{Place: true})
	// A tally over several Moroccan cities is Morocco's; operations count under their city.
	if m, ok := rowOf(rows, "2023", "cell_dismantled", "Morocco"); !ok || len(m.Reported) != 3 || m.Operations != 0 {
		t.Errorf("Morocco 2023: %+v (found %v)", m, ok)
	}
	tg, _ := rowOf(rows, "2023", "cell_dismantled", "Tangier")
	if c, _ := count(tg, "arrested"); tg.Operations != 2 || c.Value != 7 {
		t.Errorf("Tangier 2023: %d operations, arrested %v", tg.Operations, c.Value)
	}
	nd, _ := rowOf(rows, "2023", "cell_dismantled", "Nador")
	if c, _ := count(nd, "cells"); nd.Operations != 1 || c.Value != 2 {
		t.Errorf("Nador 2023: %+v", nd)
	}

	rows = r.Stats(res, By{Actor: true})
	if d, _ := rowOf(rows, "2023", "cell_dismantled", "DGST"); d.Operations != 1 {
		t.Errorf("DGST 2023: %d operations, want 1 (reported by two outlets)", d.Operations)
	}
	if d, ok := rowOf(rows, "2023", "cell_dismantled", "-"); !ok || d.Operations != 1 || len(d.Reported) != 3 {
		t.Errorf("no actor 2023: %+v", d)
	}
}

func TestParseBy(t *testing.T) {
	for in, want := range map[string]By{
		"year,type": {}, "type,year": {}, "year,type,place": {Place: true}, "YEAR, type, actor": {Actor: true},
	} {
		if got, err := ParseBy(in); err != nil || got != want {
			t.Errorf("ParseBy(%q) = %+v, %v", in, got, err)
		}
	}
	for _, in := range []string{"year", "type,place", "year,type,place,actor", "year,type,month", ""} {
		if _, err := ParseBy(in); err == nil {
			t.Errorf("ParseBy(%q): no error", in)
		}
	}
}

func TestWriteStatsFormats(t *testing.T) {
	r := resolver()
	rows := r.Stats(r.Resolve(balance()), By{Place: true})
	var buf bytes.Buffer
	if err := WriteStats(&buf, "csv", rows, By{Place: true}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(rows)+1 || strings.Join(recs[0], ",") != "period,type,place,sources_say,marsad_counts,operations,docs" {
		t.Errorf("csv header %v, %d records for %d rows", recs[0], len(recs), len(rows))
	}
	found := false
	for _, rec := range recs[1:] {
		if rec[0] == "2023" && rec[2] == "Morocco" {
			found = true
			if !strings.Contains(rec[3], "cells ≈8 [000], 6 [004]") || rec[4] != "no single operation" {
				t.Errorf("Morocco 2023: %q", rec)
			}
		}
		if rec[0] == "2023" && rec[2] == "Tangier" && !strings.Contains(rec[4], "from 2 operations") {
			t.Errorf("Tangier 2023: %q", rec)
		}
	}
	if !found {
		t.Error("no Morocco 2023 row in the CSV")
	}

	buf.Reset()
	if err := WriteStats(&buf, "jsonl", rows, By{Place: true}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != len(rows) {
		t.Fatalf("%d lines for %d rows", len(lines), len(rows))
	}
	var row struct {
		Period   string  `json:"period"`
		Reported []Claim `json:"reported"`
		Counted  []Count `json:"counted"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &row); err != nil || row.Period == "" || row.Reported == nil || row.Counted == nil {
		t.Errorf("jsonl line %s: %v", lines[0], err)
	}
	if err := WriteStats(&buf, "xml", rows, By{}); err == nil {
		t.Error("unknown format accepted")
	}
}
