// Package event reads security events from a recognized document: trigger words decide
// the type, and the slots (figures, date, places, actors, partners, affiliations) are
// filled from the clause and sentence around each trigger.
package event

import (
	"slices"
	"strings"

	"marsad/internal/lexicon"
	"marsad/internal/recognize"
	"marsad/internal/reuse"
	"marsad/internal/text"
)

// cue is one trigger-table word found in the text.
type cue struct {
	From, To int
	Class    string
	Sent     int
}

// countNoun is a noun a number counts ("خلايا", "personnes"), with its figure key.
type countNoun struct {
	From, To int
	Key      string
	Value    float64 // implied value of a singular (1) or dual (2) form, 0 for plurals
	Definite bool    // with the article: refers back, implies no count
	// Conj is set for a noun read through the conjunction و/ف ("وإصابة"): it opens the
	// next item of a list, so the number before it does not count it.
	Conj bool
}

// measureWord is a unit of quantity or an item.
type measureWord struct {
	From, To int
	Unit     string
	Factor   float64
	Item     string // set for items
}

// scan collects every trigger cue, count noun, measure and item of the document.
type scan struct {
	cues     []cue
	counts   []countNoun
	measures []measureWord
	items    []measureWord
	// firstCue[si] is the index in cues of sentence si's first cue: a sentence's cues
	// are consecutive, in text order (see sentence).
	firstCue []int
}

// scanTables are the language tables scanDoc reads.
var scanTables = lexicon.TableBit(lexicon.TTrigger) | lexicon.TableBit(lexicon.TCount) |
	lexicon.TableBit(lexicon.TMeasure) | lexicon.TableBit(lexicon.TItem)

// scanDoc reads the cues of d, in the arrays of prev (the scan of the previous
// document: its arrays are reused).
func scanDoc(d *recognize.Doc, prev *scan) scan {
	var s scan
	a := d.A
	s.firstCue = reuse.Zeroed(prev.firstCue, len(a.Sentences)+1)
	// the cues and count nouns at once at the size they most often reach, a word of their
	// table each: grown from nothing, they were a third of the stage's own time
	nc, nn := 0, 0
	for i := range a.Tokens {
		if t := d.Tables(i); t&scanTables != 0 {
			if t&lexicon.TableBit(lexicon.TTrigger) != 0 {
				nc++
			}
			if t&lexicon.TableBit(lexicon.TCount) != 0 {
				nn++
			}
		}
	}
	s.cues = slices.Grow(prev.cues[:0], nc)
	s.counts = slices.Grow(prev.counts[:0], nn)
	s.measures, s.items = prev.measures[:0], prev.items[:0]
	for si, se := range a.Sentences {
		s.firstCue[si] = len(s.cues)
		for i := se.From; i < se.To; i++ {
			if d.Tables(i)&scanTables == 0 {
				continue
			}
			for _, m := range d.Matches[i] {
				if m.To > se.To {
					continue
				}
				for _, p := range m.Payloads {
					if p.Kind != lexicon.KWord || p.Table&scanTables == 0 {
						continue
					}
					w := &d.Lex.Words[p.Index]
					switch w.Table {
					case lexicon.TTrigger:
						if !langOK(w.Lang, a.Lang) {
							continue
						}
						s.cues = append(s.cues, cue{From: m.From, To: m.To, Class: w.Tag, Sent: si})
					case lexicon.TCount:
						if !langOK(w.Lang, a.Lang) {
							continue
						}
						tok := a.Tokens[m.From]
						def := m.Article || (tok.Script == text.Arabic && !m.Stripped && len(tok.Key) > 4 && tok.Key[:4] == "ال")
						conj := m.Stripped && tok.Script == text.Arabic && (strings.HasPrefix(tok.Key, "و") || strings.HasPrefix(tok.Key, "ف"))
						s.counts = append(s.counts, countNoun{From: m.From, To: m.To, Key: w.Tag, Value: w.Value, Definite: def, Conj: conj})
					case lexicon.TMeasure:
						if langOK(w.Lang, a.Lang) {
							s.measures = append(s.measures, measureWord{From: m.From, To: m.To, Unit: w.Tag, Factor: w.Value})
						}
					case lexicon.TItem:
						if langOK(w.Lang, a.Lang) {
							s.items = append(s.items, measureWord{From: m.From, To: m.To, Item: w.Tag, Unit: w.Extra})
						}
					}
				}
			}
		}
	}
	s.firstCue[len(a.Sentences)] = len(s.cues)
	return s
}

// sentence returns the trigger cues of sentence si, in text order: a window of s.cues.
func (s *scan) sentence(si int) []cue {
	from, to := s.firstCue[si], s.firstCue[si+1]
	return s.cues[from:to:to]
}

// langOK tells whether a word of language wl applies to a text in language tl: Arabic
// words to Arabic texts, French and English words to either Latin-script language (the
// press mixes them in names and quotes).
func langOK(wl, tl string) bool {
	if wl == "ar" || tl == "ar" {
		return wl == tl
	}
	return true
}
