package event

import (
	"reflect"
	"testing"

	"marsad/internal/text"
)

// bySentence must group items by sentence in their order, whether they come in text order
// (the groups are then windows of the items) or not, and leave out items at -1.
func TestBySentence(t *testing.T) {
	a := text.Analyze("First one here. Second one. Third and last one here.", "en")
	n := len(a.Sentences)
	if n != 3 {
		t.Fatalf("%d sentences, want 3", n)
	}
	// naive groups: every item, in order, under its token's sentence
	want := func(items []int) [][]int {
		out := make([][]int, n)
		for _, tok := range items {
			if tok >= 0 {
				si := a.SentenceOf(tok)
				out[si] = append(out[si], tok)
			}
		}
		return out
	}
	last := len(a.Tokens) - 1
	for _, items := range [][]int{
		{0, 1, 4, 5, last},  // in text order
		{4, 0, last, 1, 5},  // out of order
		{0, -1, 4, 5, last}, // one left out
		{4, 5},              // the first sentence empty
		{},
	} {
		got := bySentence(&a, n, items, func(tok *int) int { return *tok }, nil)
		w := want(items)
		for si := range n {
			if len(got[si]) != len(w[si]) || len(w[si]) > 0 && !reflect.DeepEqual(got[si], w[si]) {
				t.Errorf("items %v: sentence %d holds %v, want %v", items, si, got[si], w[si])
			}
		}
	}
	// a group is capped: appending to one sentence's group leaves the next one alone
	items := []int{0, 1, 4, 5}
	got := bySentence(&a, n, items, func(tok *int) int { return *tok }, nil)
	_ = append(got[0], 99)
	if !reflect.DeepEqual(got[1], []int{4, 5}) || !reflect.DeepEqual(items, []int{0, 1, 4, 5}) {
		t.Errorf("append to sentence 0's group changed sentence 1 (%v) or the items (%v)", got[1], items)
	}
}

// bySentence with arrays lent by a groups gives the groups it gives without, document
// after document: a smaller document after a larger one keeps none of its groups.
func TestBySentenceReused(t *testing.T) {
	long := text.Analyze("First one here. Second one. Third and last one here.", "en")
	short := text.Analyze("Only one sentence here.", "en")
	at := func(tok *int) int { return *tok }
	var g groups[int]
	for _, c := range []struct {
		a     *text.Analysis
		items []int
	}{
		{&long, []int{5, 0, len(long.Tokens) - 1, 1}}, // out of order: the groups are copies
		{&short, []int{0, 2}},
		{&long, []int{0, 4, 5}},
		{&short, nil},
	} {
		n := len(c.a.Sentences)
		want := bySentence(c.a, n, c.items, at, nil)
		got := bySentence(c.a, n, c.items, at, &g)
		if len(got) != n || !reflect.DeepEqual(got, want) {
			t.Errorf("items %v: reused groups %v, want %v", c.items, got, want)
		}
	}
}
