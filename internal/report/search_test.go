package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"marsad/internal/event"
	"marsad/internal/store"
)

func hits() []store.SearchHit {
	ev := event.Event{Type: "cell_dismantled", Date: &event.Period{From: "2023-03-01", To: "2023-03-01"},
		Figures: map[string]event.Figure{"arrested": {Value: 4, Qualifier: "exact"}},
		Places:  []event.Place{{Name: "Tangier"}}}
	return []store.SearchHit{
		{Doc: store.DocRef{ID: "s1", Title: "تفكيك خلية", Published: "2023-03-02"}, Score: 3.25,
			Snippet: "تفكيك [خلية] إرهابية", Events: []store.StoredEvent{{ID: 7, Event: ev}}},
		{Doc: store.DocRef{ID: "s2"}, Score: 1, Snippet: "une [cellule]", Events: []store.StoredEvent{}},
	}
}

func TestWriteHitsText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHits(&b, Table, hits(), 11); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"11. 2023-03-02  \u2068تفكيك خلية\u2069  [s1]",
		"\u2068تفكيك [خلية] إرهابية\u2069",
		"· cell_dismantled  2023-03-01  arrested=4  @ Tangier",
		"12. -  -  [s2]",
		"une [cellule]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestWriteHitsJSONL(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHits(&b, JSONL, hits(), 1); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines:\n%s", b.String())
	}
	var h struct {
		Rank    int     `json:"rank"`
		Doc     string  `json:"doc"`
		Score   float64 `json:"score"`
		Snippet string  `json:"snippet"`
		Events  []struct {
			ID   int64  `json:"id"`
			Type string `json:"type"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &h); err != nil {
		t.Fatal(err)
	}
	if h.Rank != 1 || h.Doc != "s1" || h.Score != 3.25 || !strings.Contains(h.Snippet, "[خلية]") ||
		len(h.Events) != 1 || h.Events[0].ID != 7 || h.Events[0].Type != "cell_dismantled" {
		t.Errorf("first line: %+v", h)
	}
	if !strings.Contains(lines[1], `"events":[]`) {
		t.Errorf("a hit without events must list [] : %s", lines[1])
	}
	if err := WriteHits(&b, CSV, hits(), 1); err == nil {
		t.Error("CSV is not a search format")
	}
}
