package search

import (
	"strings"
	"unicode"
)

// Snippet marks: the words of a hit are wrapped in them.
const (
	MarkStart = "["
	MarkEnd   = "]"
)

// Snippet returns the passage of text, about width words long, that holds the most
// distinct query terms (the earliest such passage), with each word whose term is a
// query term wrapped in MarkStart and MarkEnd. The words are the text's own, as written;
// runs of white space become one space, and "…" shows text cut off at either end. With
// no hit it is the beginning of the text.
func Snippet(text string, query []string, width int) string {
	toks := Tokens(text)
	if len(toks) == 0 || width <= 0 {
		return ""
	}
	want := make(map[string]bool, len(query))
	for _, q := range query {
		want[q] = true
	}
	hit := make([]bool, len(toks))
	for i, t := range toks {
		hit[i] = want[t.Term]
	}
	// The window [lo, lo+width) with the most distinct terms, then the most hits.
	bestLo, bestDistinct, bestHits := 0, -1, -1
	for lo := 0; lo < len(toks); lo++ {
		if !hit[lo] && lo > 0 {
			continue // the best window starts on a hit (or at the start of the text)
		}
		seen := map[string]bool{}
		hits := 0
		for i := lo; i < min(lo+width, len(toks)); i++ {
			if hit[i] {
				hits++
				seen[toks[i].Term] = true
			}
		}
		if len(seen) > bestDistinct || len(seen) == bestDistinct && hits > bestHits {
			bestLo, bestDistinct, bestHits = lo, len(seen), hits
		}
		if bestDistinct == len(want) {
			break // no later window can hold more terms
		}
	}
	// Start a few words before the first hit so it is read in context.
	lo := bestLo
	if bestDistinct > 0 {
		lo = max(0, bestLo-width/4)
	}
	hi := min(lo+width, len(toks))
	start, end := toks[lo].Start, toks[hi-1].End
	if lo == 0 {
		start = 0
	}
	if hi == len(toks) {
		end = len(text)
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for i := lo; i < hi; i++ {
		t := toks[i]
		writeSpaced(&b, text[pos:t.Start])
		if hit[i] {
			b.WriteString(MarkStart + text[t.Start:t.End] + MarkEnd)
		} else {
			b.WriteString(text[t.Start:t.End])
		}
		pos = t.End
	}
	writeSpaced(&b, text[pos:end])
	if end < len(text) {
		b.WriteString("…")
	}
	return strings.TrimSpace(b.String())
}

// writeSpaced writes s with each run of white space as one space.
func writeSpaced(b *strings.Builder, s string) {
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
}
