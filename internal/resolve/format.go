package resolve

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"marsad/internal/event"
	"marsad/internal/report"
)

// FormatValue writes a claim's value with its qualifier the way the events table does:
// "≈8", "≥500", "≤10", "6".
func FormatValue(c Claim) string {
	v := strconv.FormatFloat(c.Value, 'f', -1, 64)
	switch c.Qualifier {
	case "approx":
		v = "≈" + v
	case "at_least":
		v = "≥" + v
	case "at_most":
		v = "≤" + v
	}
	if c.Unit != "" && c.Unit != "units" {
		v += " " + c.Unit
	}
	return v
}

func keyLabel(key, item string) string {
	if item != "" {
		return key + " (" + item + ")"
	}
	return key
}

// claimsText lists claims as "6 [doc], ≈8 [doc]".
func claimsText(cs []Claim) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = FormatValue(c) + " [" + c.Doc + "]"
	}
	return strings.Join(parts, ", ")
}

// jsonContradiction is one line of `marsad contradictions --format jsonl`.
type jsonContradiction struct {
	Type    string      `json:"type"`
	Period  *jsonPeriod `json:"period"`
	Key     string      `json:"key"`
	Unit    string      `json:"unit,omitempty"`
	Item    string      `json:"item,omitempty"`
	Cluster int         `json:"cluster"`
	Scale   Scale       `json:"scale"`
	Claims  []jsonClaim `json:"claims"`
}

type jsonPeriod struct {
	From string `json:"from"`
	To   string `json:"to"`
}

type jsonClaim struct {
	Value     float64 `json:"value"`
	Qualifier string  `json:"qualifier"`
	Unit      string  `json:"unit,omitempty"`
	Doc       string  `json:"doc"`
	Evidence  string  `json:"evidence"`
	Text      string  `json:"text,omitempty"`
	Event     int64   `json:"event"`
}

// WriteContradictionsJSONL writes one JSON object per contradiction.
func WriteContradictionsJSONL(w io.Writer, cs []Contradiction) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range cs {
		out := jsonContradiction{Type: c.Type, Key: c.Key, Unit: c.Unit, Item: c.Item, Cluster: c.Cluster, Scale: c.Scale}
		if c.Period != nil {
			out.Period = &jsonPeriod{From: c.Period.From, To: c.Period.To}
		}
		for _, cl := range c.Claims {
			out.Claims = append(out.Claims, jsonClaim{Value: cl.Value, Qualifier: cl.Qualifier, Unit: cl.Unit,
				Doc: cl.Doc, Evidence: cl.Evidence, Text: cl.Text, Event: cl.Event})
		}
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("write contradiction of cluster %d: %w", c.Cluster, err)
		}
	}
	return nil
}

// WriteContradictionsTable writes contradictions as an aligned table, one per line.
func WriteContradictionsTable(w io.Writer, cs []Contradiction) error {
	rows := [][]string{{"CLUSTER", "TYPE", "PERIOD", "KEY", "CLAIMS"}}
	for _, c := range cs {
		rows = append(rows, []string{strconv.Itoa(c.Cluster), c.Type, periodText(c.Period),
			keyLabel(c.Key, c.Item), claimsText(c.Claims)})
	}
	return writeTable(w, rows)
}

func periodText(p *event.Period) string {
	switch {
	case p == nil:
		return "-"
	case p.From == p.To:
		return p.From
	}
	return p.From + ".." + p.To
}

// StatsHeader names the columns of the balance in CSV and table form.
func StatsHeader(b By) []string {
	h := []string{"period", "type"}
	switch {
	case b.Place:
		h = append(h, "place")
	case b.Actor:
		h = append(h, "actor")
	}
	return append(h, "sources_say", "marsad_counts", "operations", "docs")
}

func statsRecord(r Row, b By) []string {
	rec := []string{r.Period, r.Type}
	switch {
	case b.Place:
		rec = append(rec, r.Place)
	case b.Actor:
		rec = append(rec, r.Actor)
	}
	return append(rec, reportedText(r.Reported), countedText(r), strconv.Itoa(r.Operations), strings.Join(r.Docs, " "))
}

// reportedText reads "cells 6 [doc], ≈8 [doc]; arrested 21 [doc]".
func reportedText(cs []Claim) string {
	if len(cs) == 0 {
		return "-"
	}
	var parts []string
	for start := 0; start < len(cs); {
		end := start + 1
		for end < len(cs) && sameClaimKey(cs[start], cs[end]) {
			end++
		}
		parts = append(parts, keyLabel(cs[start].Key, cs[start].Item)+" "+claimsText(cs[start:end]))
		start = end
	}
	return strings.Join(parts, "; ")
}

// countedText reads "cells 3, arrested 12 from 2 operations".
func countedText(r Row) string {
	if r.Operations == 0 {
		return "no single operation"
	}
	parts := make([]string, len(r.Counted))
	for i, c := range r.Counted {
		v := strconv.FormatFloat(c.Value, 'f', -1, 64)
		if c.Unit != "" && c.Unit != "units" {
			v += " " + c.Unit
		}
		parts[i] = keyLabel(c.Key, c.Item) + " " + v
	}
	ops := fmt.Sprintf("%d operations", r.Operations)
	if r.Operations == 1 {
		ops = "1 operation"
	}
	if len(parts) == 0 {
		return ops
	}
	return strings.Join(parts, ", ") + " from " + ops
}

// WriteStats writes the balance in format "table", "csv" or "jsonl".
func WriteStats(w io.Writer, format string, rows []Row, b By) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, r := range rows {
			if err := enc.Encode(r); err != nil {
				return fmt.Errorf("write row %s %s: %w", r.Period, r.Type, err)
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(StatsHeader(b)); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
		for _, r := range rows {
			if err := cw.Write(statsRecord(r, b)); err != nil {
				return fmt.Errorf("write csv: %w", err)
			}
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
		return nil
	case "table":
		h := StatsHeader(b)
		head := make([]string, len(h))
		for i, s := range h {
			head[i] = strings.ToUpper(strings.ReplaceAll(s, "_", " "))
		}
		tbl := [][]string{head}
		for _, r := range rows {
			tbl = append(tbl, statsRecord(r, b))
		}
		return writeTable(w, tbl)
	}
	return fmt.Errorf("unknown format %q: use table, csv or jsonl", format)
}

// writeTable aligns cells by display width; cells with right-to-left text are wrapped in
// directional isolates so that a terminal keeps them in their column.
func writeTable(w io.Writer, rows [][]string) error {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], report.Width(c))
		}
	}
	bw := bufio.NewWriter(w)
	for _, r := range rows {
		for i, c := range r {
			bw.WriteString(isolate(c))
			if i < len(r)-1 {
				bw.WriteString(strings.Repeat(" ", widths[i]-report.Width(c)+2))
			}
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

func isolate(s string) string {
	for _, r := range s {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew) {
			return "\u2068" + s + "\u2069"
		}
	}
	return s
}
