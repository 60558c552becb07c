package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"marsad/internal/event"
	"marsad/internal/store"
)

func sample() []store.StoredEvent {
	cell := event.Event{
		Type: "cell_dismantled",
		Date: &event.Period{From: "2023-01-01", To: "2023-12-26"},
		Figures: map[string]event.Figure{
			"arrested": {Value: 21, Qualifier: "at_least"},
			"cells":    {Value: 6, Qualifier: "exact"},
		},
		Places:       []event.Place{{Name: "طنجة"}, {Name: "الناظور"}},
		Actors:       []string{"DGST", "BCIJ"},
		Participants: []string{},
		Partners:     []string{"ES"},
		Affiliations: []string{"ISIS"},
		Evidence:     event.Span{Start: 12, End: 80, Text: "تفكيك \"خلية\", إرهابية\nبطنجة"},
	}
	seizure := event.Event{
		Type:    "seizure",
		Date:    &event.Period{From: "2019-05-04", To: "2019-05-04"},
		Figures: map[string]event.Figure{"quantity": {Value: 1.5, Qualifier: "approx", Unit: "t", Item: "cannabis resin"}},
		Places:  []event.Place{{Name: "الدَّارُ البَيْضَاءُ"}}, // with harakat: narrower than its runes
		Actors:  []string{"DGSN"}, Participants: []string{}, Partners: []string{}, Affiliations: []string{},
		Evidence: event.Span{Start: 0, End: 10, Text: "=SUM(A1) saisie, à Casablanca"},
	}
	coop := event.Event{
		Type: "cooperation", Places: []event.Place{{Name: "Madrid"}},
		Actors:       []string{"المديرية العامة لمراقبة التراب الوطني", "Guardia Civil", "Policía Nacional"},
		Participants: []string{}, Partners: []string{"ES"}, Affiliations: []string{},
	}
	return []store.StoredEvent{
		{ID: 1, Doc: &store.DocRef{ID: "004_1d7fd286a55e51f8", Title: "حصيلة 2023", URL: "https://example.org/a?b=1,2", Published: "2023-12-26"}, Event: cell},
		{ID: 7, Doc: &store.DocRef{ID: "feb-0001", Title: "Saisie, \"record\""}, Event: seizure},
		{ID: 9, Doc: &store.DocRef{ID: "wnfr-2016"}, Event: coop},
	}
}

func TestCSVParsesBack(t *testing.T) {
	evs := sample()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, evs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\r\n") {
		t.Error("RFC 4180 wants CRLF line ends")
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	if !reflect.DeepEqual(recs[0], CSVHeader()) {
		t.Errorf("header: %v", recs[0])
	}
	if len(recs) != 1+len(evs) {
		t.Fatalf("%d records, want %d", len(recs), 1+len(evs))
	}
	want := []string{"1", "004_1d7fd286a55e51f8", "cell_dismantled", "2023-01-01", "2023-12-26",
		"cells=6 arrested=≥21", "طنجة; الناظور", "DGST; BCIJ", "", "ES", "ISIS", "12", "80",
		"تفكيك \"خلية\", إرهابية\nبطنجة", "حصيلة 2023", "https://example.org/a?b=1,2", "2023-12-26"}
	// encoding/csv reads the CRLF inside a quoted field back as LF, as it was written.
	if !reflect.DeepEqual(recs[1], want) {
		t.Errorf("row 1\n got %q\nwant %q", recs[1], want)
	}
	if got := recs[2]; got[5] != "quantity=~1.5 t cannabis resin" || got[13] != evs[1].Event.Evidence.Text || got[14] != evs[1].Doc.Title {
		t.Errorf("row 2: %q", got)
	}
	if got := recs[3]; got[3] != "" || got[4] != "" || got[5] != "" {
		t.Errorf("an undated event without figures has empty cells: %q", got)
	}
}

// cols returns the display column at which each cell of a table line starts, counting
// what a terminal shows: marks and directional isolates take no column.
func cols(line string) []int {
	var starts []int
	col, inCell, spaces := 0, false, 0
	for _, r := range line {
		switch {
		case r == ' ':
			spaces++
		default:
			if !inCell || spaces >= 2 {
				starts = append(starts, col)
			}
			inCell = true
			spaces = 0
		}
		if !unicode.Is(unicode.Mn, r) && r != '\u2068' && r != '\u2069' {
			col++
		}
	}
	return starts
}

func TestTableAlignsArabic(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want header + 3:\n%s", len(lines), buf.String())
	}
	header := cols(lines[0])
	if len(header) != 6 {
		t.Fatalf("header columns at %v, want 6", header)
	}
	for _, l := range lines[1:] {
		if got := cols(l); !reflect.DeepEqual(got, header) {
			t.Errorf("columns at %v, header at %v:\n%s\n%s", got, header, lines[0], l)
		}
		if strings.HasSuffix(l, " ") {
			t.Errorf("trailing spaces: %q", l)
		}
	}
	if !strings.Contains(lines[1], "\u2068طنجة, الناظور\u2069") {
		t.Errorf("Arabic places are not isolated: %q", lines[1])
	}
	if strings.Contains(lines[0], "\u2068") {
		t.Errorf("Latin cells need no isolates: %q", lines[0])
	}
	if !strings.Contains(lines[3], "…") || !strings.Contains(lines[3], "  -  ") {
		t.Errorf("long actors are cut with …, a missing date is -: %q", lines[3])
	}
}

func TestWidth(t *testing.T) {
	for s, want := range map[string]int{
		"Tanger": 6, "طنجة": 4, "طَنْجَة": 4, "\u2068طنجة\u2069": 4, "丹吉尔": 6, "": 0, "é": 1, "e\u0301": 1,
	} {
		if got := Width(s); got != want {
			t.Errorf("Width(%q) = %d, want %d", s, got, want)
		}
	}
	if got := truncate("مُحَمَّد بن عبد الله", 5); Width(got) > 5 || !strings.HasSuffix(got, "…") || !strings.HasPrefix(got, "مُحَمَّد") {
		t.Errorf("truncate keeps marks with their letters and fits: %q (%d)", got, Width(got))
	}
}

func TestJSONLOneEventPerLine(t *testing.T) {
	evs := sample()
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, evs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(evs) {
		t.Fatalf("%d lines, want %d", len(lines), len(evs))
	}
	for i, l := range lines {
		var got struct {
			ID  int64  `json:"id"`
			Doc string `json:"doc"`
			event.Event
		}
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if got.ID != evs[i].ID || got.Doc != evs[i].Doc.ID || !reflect.DeepEqual(got.Event, evs[i].Event) {
			t.Errorf("line %d decodes to %+v, want %+v", i, got, evs[i])
		}
	}
	if !strings.Contains(lines[0], `"evidence":{"start":12,"end":80,"text":"تفكيك`) {
		t.Errorf("evidence missing or escaped: %s", lines[0])
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"table", "JSONL", "csv"} {
		if _, err := ParseFormat(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("xml accepted")
	}
}
