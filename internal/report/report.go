// Package report writes stored events for people and programs: an aligned table for the
// terminal, CSV for spreadsheets, JSON lines for scripts.
package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"marsad/internal/event"
	"marsad/internal/store"
)

// Format is an output format of `marsad events`.
type Format string

// The formats, table first: the default.
const (
	Table Format = "table"
	JSONL Format = "jsonl"
	CSV   Format = "csv"
)

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case Table, JSONL, CSV:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: use table, jsonl or csv", s)
}

// Write writes evs to w in format f.
func Write(w io.Writer, f Format, evs []store.StoredEvent) error {
	switch f {
	case Table:
		return WriteTable(w, evs)
	case JSONL:
		return WriteJSONL(w, evs)
	case CSV:
		return WriteCSV(w, evs)
	}
	return fmt.Errorf("unknown format %q", f)
}

// jsonEvent is one line of JSONL: the event as `marsad extract` prints it (SCHEMA.md),
// with its store id and its document, so each line stands on its own.
type jsonEvent struct {
	ID        int64  `json:"id"`
	Doc       string `json:"doc"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"`
	event.Event
}

// WriteJSONL writes one JSON object per event per line.
func WriteJSONL(w io.Writer, evs []store.StoredEvent) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // evidence quotes text; "<" and "&" should stay readable
	for _, e := range evs {
		if err := enc.Encode(jsonEvent{
			ID: e.ID, Doc: e.Doc.ID, Title: e.Doc.Title, URL: e.Doc.URL, Source: e.Doc.Source,
			Published: e.Doc.Published, Event: e.Event,
		}); err != nil {
			return fmt.Errorf("write event %d: %w", e.ID, err)
		}
	}
	return nil
}

// CSVHeader names the CSV columns.
func CSVHeader() []string {
	return []string{"id", "doc", "type", "date_from", "date_to", "figures", "places", "actors",
		"participants", "partners", "affiliations", "evidence_start", "evidence_end", "evidence",
		"title", "url", "published"}
}

// WriteCSV writes RFC 4180 CSV (CRLF line ends, quotes where needed) with a header row.
// Lists are joined with "; " and figures written as in the table.
func WriteCSV(w io.Writer, evs []store.StoredEvent) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader()); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, e := range evs {
		ev := e.Event
		var from, to string
		if ev.Date != nil {
			from, to = ev.Date.From, ev.Date.To
		}
		if err := cw.Write([]string{
			strconv.FormatInt(e.ID, 10), e.Doc.ID, ev.Type, from, to, Figures(ev.Figures),
			strings.Join(PlaceNames(ev.Places), "; "), strings.Join(ev.Actors, "; "),
			strings.Join(ev.Participants, "; "), strings.Join(ev.Partners, "; "),
			strings.Join(ev.Affiliations, "; "), strconv.Itoa(ev.Evidence.Start),
			strconv.Itoa(ev.Evidence.End), ev.Evidence.Text, e.Doc.Title, e.Doc.URL, e.Doc.Published,
		}); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// Date formats a period: "2023-05-04" for one day, "2023-01..2023-12-26" for a span, ""
// when the text fixed none.
func Date(p *event.Period) string {
	switch {
	case p == nil:
		return ""
	case p.From == p.To || p.To == "":
		return p.From
	}
	return p.From + ".." + p.To
}

// Figures formats figures in the order of the contract (cells, networks, arrested, …),
// others after them by name: "arrested=≥21 quantity=~1.5 t cannabis resin". The
// qualifier is a sign before the value: ~ approx, ≥ at least, ≤ at most.
func Figures(fs map[string]event.Figure) string {
	keys := make([]string, 0, len(fs))
	for k := range fs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		ri, rj := figureRank(keys[i]), figureRank(keys[j])
		if ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		f := fs[k]
		s := k + "=" + qualifierSign(f.Qualifier) + strconv.FormatFloat(f.Value, 'f', -1, 64)
		if f.Unit != "" {
			s += " " + f.Unit
		}
		if f.Item != "" {
			s += " " + f.Item
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func figureRank(key string) int {
	switch key {
	case "cells":
		return 0
	case "networks":
		return 1
	case "arrested":
		return 2
	case "plots":
		return 3
	case "attempts":
		return 4
	case "migrants":
		return 5
	case "killed":
		return 6
	case "injured":
		return 7
	case "quantity":
		return 8
	case "years":
		return 9
	}
	return 10
}

func qualifierSign(q string) string {
	switch q {
	case "approx":
		return "~"
	case "at_least":
		return "≥"
	case "at_most":
		return "≤"
	}
	return ""
}

// PlaceNames returns the places' canonical names.
func PlaceNames(ps []event.Place) []string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return names
}
