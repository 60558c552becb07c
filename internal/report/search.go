package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"marsad/internal/event"
	"marsad/internal/store"
)

// WriteHits writes search hits in format f: Table (a block per hit for people) or JSONL.
// first is the rank of the first hit (1 + the query's offset).
func WriteHits(w io.Writer, f Format, hits []store.SearchHit, first int) error {
	switch f {
	case Table:
		return WriteHitsText(w, hits, first)
	case JSONL:
		return WriteHitsJSONL(w, hits, first)
	}
	return fmt.Errorf("format %q is not available for search results: use table or jsonl", f)
}

// WriteHitsText writes one block per hit: rank, date, title and id; the snippet; then a
// line per event with its type, date, figures and places. Snippets and titles are
// isolated (FSI … PDI) so a right-to-left passage keeps to its line in terminals that lay
// out bidirectional text.
func WriteHitsText(w io.Writer, hits []store.SearchHit, first int) error {
	bw := bufio.NewWriter(w)
	for i, h := range hits {
		if i > 0 {
			bw.WriteByte('\n')
		}
		fmt.Fprintf(bw, "%d. %s  %s  [%s]\n", first+i, orDash(h.Doc.Published), isolate(orDash(h.Doc.Title)), h.Doc.ID)
		if h.Snippet != "" {
			fmt.Fprintf(bw, "   %s\n", isolate(h.Snippet))
		}
		for _, e := range h.Events {
			parts := []string{e.Event.Type, orDash(Date(e.Event.Date))}
			if f := Figures(e.Event.Figures); f != "" {
				parts = append(parts, f)
			}
			if ps := PlaceNames(e.Event.Places); len(ps) > 0 {
				parts = append(parts, "@ "+strings.Join(ps, ", "))
			}
			fmt.Fprintf(bw, "   · %s\n", isolate(strings.Join(parts, "  ")))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write search results: %w", err)
	}
	return nil
}

// jsonHit is one line of search results in JSONL.
type jsonHit struct {
	Rank      int         `json:"rank"`
	Doc       string      `json:"doc"`
	Title     string      `json:"title,omitempty"`
	URL       string      `json:"url,omitempty"`
	Source    string      `json:"source,omitempty"`
	Published string      `json:"published,omitempty"`
	Score     json.Number `json:"score"`
	Snippet   string      `json:"snippet"`
	Events    []jsonHitEv `json:"events"`
}

// jsonHitEv is an event as `marsad extract` prints it (SCHEMA.md) with its store id.
type jsonHitEv struct {
	ID int64 `json:"id"`
	event.Event
}

// WriteHitsJSONL writes one JSON object per hit per line, best first.
func WriteHitsJSONL(w io.Writer, hits []store.SearchHit, first int) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i, h := range hits {
		evs := make([]jsonHitEv, len(h.Events))
		for j, e := range h.Events {
			evs[j] = jsonHitEv{ID: e.ID, Event: e.Event}
		}
		if err := enc.Encode(jsonHit{
			Rank: first + i, Doc: h.Doc.ID, Title: h.Doc.Title, URL: h.Doc.URL, Source: h.Doc.Source,
			Published: h.Doc.Published, Score: json.Number(strconv.FormatFloat(h.Score, 'g', 6, 64)),
			Snippet: h.Snippet, Events: evs,
		}); err != nil {
			return fmt.Errorf("write hit %s: %w", h.Doc.ID, err)
		}
	}
	return nil
}
