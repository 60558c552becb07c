package ner

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// handReport scores three sentences whose figures are worked out by hand below.
func handReport(t *testing.T) *Report {
	t.Helper()
	r := &Report{}
	sents := [][2]string{
		// PERS right; the LOC is predicted as ORG: a miss and a false ORG.
		{"B-PERS I-PERS O B-LOC", "B-PERS I-PERS O B-ORG"},
		// the ORG is cut short (wrong span: no credit); two adjacent LOCs both right.
		{"B-ORG I-ORG O B-LOC B-LOC", "B-ORG O O B-LOC B-LOC"},
		// a MISC that is not predicted.
		{"B-MISC O", "O O"},
	}
	for _, s := range sents {
		if err := r.Add(strings.Fields(s[0]), strings.Fields(s[1])); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func TestScoreByHand(t *testing.T) {
	r := handReport(t)
	want := map[string]Counts{
		"PERS": {Gold: 1, Pred: 1, Correct: 1},
		"LOC":  {Gold: 3, Pred: 2, Correct: 2},
		"ORG":  {Gold: 1, Pred: 2, Correct: 0},
		"MISC": {Gold: 1, Pred: 0, Correct: 0},
	}
	for typ, c := range want {
		if r.Types[typ] != c {
			t.Errorf("%s: got %+v, want %+v", typ, r.Types[typ], c)
		}
	}
	// LOC: P = 2/2 = 1, R = 2/3, F1 = 2·1·(2/3) / (1 + 2/3) = 0.8.
	loc := r.Types["LOC"]
	if !near(loc.Precision(), 1) || !near(loc.Recall(), 2.0/3) || !near(loc.F1(), 0.8) {
		t.Errorf("LOC: P %v R %v F1 %v, want 1, 0.667, 0.8", loc.Precision(), loc.Recall(), loc.F1())
	}
	// ORG: nothing correct, so F1 is 0, not NaN.
	if f := r.Types["ORG"].F1(); f != 0 {
		t.Errorf("ORG F1 = %v, want 0", f)
	}
	// PERS+LOC+ORG: 5 gold, 5 predicted, 3 correct → P = R = F1 = 0.6.
	plo := r.Micro(Headline()...)
	if plo != (Counts{Gold: 5, Pred: 5, Correct: 3}) || !near(plo.F1(), 0.6) {
		t.Errorf("micro PLO: %+v F1 %v, want 5/5/3 and 0.6", plo, plo.F1())
	}
	// All types: 6 gold, 5 predicted, 3 correct → P 0.6, R 0.5, F1 = 0.6/1.1 = 6/11.
	all := r.Micro()
	if !near(all.Precision(), 0.6) || !near(all.Recall(), 0.5) || !near(all.F1(), 6.0/11) {
		t.Errorf("micro all: P %v R %v F1 %v, want 0.6, 0.5, 0.5455", all.Precision(), all.Recall(), all.F1())
	}
	// Macro over PERS, LOC, ORG: (1 + 0.8 + 0) / 3 = 0.6.
	if m := r.MacroF1(Headline()...); !near(m, 0.6) {
		t.Errorf("macro = %v, want 0.6", m)
	}
	// Tokens: 3 of 4, 4 of 5, 1 of 2 equal.
	if r.Tokens != 11 || r.TokensCorrect != 8 || r.Sentences != 3 {
		t.Errorf("tokens %d/%d, sentences %d; want 8/11, 3", r.TokensCorrect, r.Tokens, r.Sentences)
	}
}

// conlleval reads an I- without B- as the start of an entity, in gold and predictions alike:
// such a prediction earns full credit when its span and type match.
func TestScoreIWithoutB(t *testing.T) {
	r := &Report{}
	if err := r.Add([]string{"O", "B-LOC", "I-LOC"}, []string{"O", "I-LOC", "I-LOC"}); err != nil {
		t.Fatal(err)
	}
	if c := r.Types["LOC"]; c != (Counts{1, 1, 1}) {
		t.Errorf("got %+v, want one correct LOC", c)
	}
}

// A sentence boundary closes an entity: the same tags split over two sentences are two
// entities, not one.
func TestScoreSentenceBoundary(t *testing.T) {
	r := &Report{}
	for _, s := range [][]string{{"B-PERS"}, {"I-PERS"}} {
		if err := r.Add(s, s); err != nil {
			t.Fatal(err)
		}
	}
	if c := r.Types["PERS"]; c != (Counts{2, 2, 2}) {
		t.Errorf("got %+v, want two PERS", c)
	}
}

func TestScoreLengthMismatch(t *testing.T) {
	r := &Report{}
	if err := r.Add([]string{"O", "O"}, []string{"O"}); err == nil {
		t.Error("no error for 2 gold tags and 1 predicted")
	}
}

func TestScoreFile(t *testing.T) {
	f, err := Read(strings.NewReader("a B-LOC B-LOC\nb O B-ORG\n\nc B-PERS O\n"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := ScoreFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Micro(); got != (Counts{Gold: 2, Pred: 2, Correct: 1}) {
		t.Errorf("got %+v, want 2 gold, 2 predicted, 1 correct", got)
	}
}

func TestWriteTable(t *testing.T) {
	var b bytes.Buffer
	if err := handReport(t).WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	// Column widths are tabwriter's business; the figures are ours.
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		lines = append(lines, strings.Join(strings.Fields(l), " "))
	}
	out := strings.Join(lines, "\n")
	for _, want := range []string{
		"type precision recall F1 support predicted correct",
		"LOC 1.0000 0.6667 0.8000 3 2 2",
		"ORG 0.0000 0.0000 0.0000 1 2 0",
		"micro (PERS+LOC+ORG) 0.6000 0.6000 0.6000 5 5 3",
		"micro (all) 0.6000 0.5000 0.5455 6 5 3",
		"macro F1 (PERS+LOC+ORG): 0.6000",
		"token accuracy: 0.7273 (11 tokens, 3 sentences)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
