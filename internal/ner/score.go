package ner

import (
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
)

// Counts are the entity counts behind precision and recall: an entity is correct only when
// a predicted span has exactly the gold span's tokens and type.
type Counts struct {
	Gold, Pred, Correct int
}

// Precision is Correct/Pred, 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.Correct, c.Pred) }

// Recall is Correct/Gold, 0 when there is no gold entity.
func (c Counts) Recall() float64 { return ratio(c.Correct, c.Gold) }

// F1 is the harmonic mean of precision and recall, 0 when both are 0.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report accumulates a conlleval-style evaluation sentence by sentence.
type Report struct {
	// Types holds the counts of each entity type seen in gold or predictions.
	Types map[string]Counts
	// Tokens and TokensCorrect give token accuracy (tags equal, O included), as conlleval
	// prints it.
	Tokens, TokensCorrect int
	Sentences             int
}

// Add scores one sentence. Entities never cross sentences, as in conlleval where a blank
// line closes any open entity.
func (r *Report) Add(gold, pred []string) error {
	if len(gold) != len(pred) {
		return fmt.Errorf("score: %d gold tags but %d predicted", len(gold), len(pred))
	}
	if r.Types == nil {
		r.Types = map[string]Counts{}
	}
	r.Sentences++
	r.Tokens += len(gold)
	for i := range gold {
		if gold[i] == pred[i] {
			r.TokensCorrect++
		}
	}
	gs, ps := Spans(gold), Spans(pred)
	for _, s := range gs {
		c := r.Types[s.Type]
		c.Gold++
		r.Types[s.Type] = c
	}
	for _, s := range ps {
		c := r.Types[s.Type]
		c.Pred++
		r.Types[s.Type] = c
	}
	// Both lists are ordered and each is free of overlaps, so one merge finds exact matches.
	i, j := 0, 0
	for i < len(gs) && j < len(ps) {
		g, p := gs[i], ps[j]
		switch {
		case g.From < p.From:
			i++
		case p.From < g.From:
			j++
		default:
			if g == p {
				c := r.Types[g.Type]
				c.Correct++
				r.Types[g.Type] = c
			}
			i++
			j++
		}
	}
	return nil
}

// ScoreFile scores the Pred column of f against its Gold column.
func ScoreFile(f *File) (*Report, error) {
	r := &Report{}
	gold, pred := []string{}, []string{}
	for _, s := range f.Sentences {
		gold, pred = gold[:0], pred[:0]
		for _, t := range s.Tokens {
			gold = append(gold, t.Gold)
			pred = append(pred, t.Pred)
		}
		if err := r.Add(gold, pred); err != nil {
			return nil, fmt.Errorf("sentence at line %d: %w", s.Line, err)
		}
	}
	return r, nil
}

// Micro sums the counts of the given types (all types when none is given): every entity
// weighs the same, so frequent types dominate.
func (r *Report) Micro(types ...string) Counts {
	if len(types) == 0 {
		types = r.TypeNames()
	}
	var sum Counts
	for _, t := range types {
		c := r.Types[t]
		sum.Gold += c.Gold
		sum.Pred += c.Pred
		sum.Correct += c.Correct
	}
	return sum
}

// MacroF1 averages the F1 of the given types: every type weighs the same. Some published
// scores are macro, so we print it to compare like with like.
func (r *Report) MacroF1(types ...string) float64 {
	if len(types) == 0 {
		types = r.TypeNames()
	}
	if len(types) == 0 {
		return 0
	}
	var sum float64
	for _, t := range types {
		sum += r.Types[t].F1()
	}
	return sum / float64(len(types))
}

// TypeNames returns the entity types seen, sorted.
func (r *Report) TypeNames() []string {
	out := make([]string, 0, len(r.Types))
	for t := range r.Types {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Headline returns the types Marsad recognizes; the headline figure is the micro F1 over
// them. MISC has no counterpart in Marsad and would only measure its absence. (A function,
// not a variable, so that no caller can change it for another.)
func Headline() []string { return []string{"PERS", "LOC", "ORG"} }

// WriteTable prints per-type precision, recall, F1 and support (gold entities), then the
// micro figures over all types and over the headline types, the macro F1 over the
// headline types and token accuracy.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "type\tprecision\trecall\tF1\tsupport\tpredicted\tcorrect\t\n")
	row := func(name string, c Counts) {
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\t%d\t%d\t%d\t\n", name, c.Precision(), c.Recall(), c.F1(), c.Gold, c.Pred, c.Correct)
	}
	for _, t := range r.TypeNames() {
		row(t, r.Types[t])
	}
	row("micro (all)", r.Micro())
	row("micro (PERS+LOC+ORG)", r.Micro(Headline()...))
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("score: write table: %w", err)
	}
	_, err := fmt.Fprintf(w, "macro F1 (PERS+LOC+ORG): %.4f\ntoken accuracy: %.4f (%d tokens, %d sentences)\n",
		r.MacroF1(Headline()...), ratio(r.TokensCorrect, r.Tokens), r.Tokens, r.Sentences)
	if err != nil {
		return fmt.Errorf("score: write table: %w", err)
	}
	return nil
}
