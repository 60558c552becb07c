package ner

import (
	"reflect"
	"strings"
	"testing"
)

func TestSpans(t *testing.T) {
	cases := []struct {
		tags string
		want []Span
	}{
		{"O O", nil},
		{"B-PERS I-PERS O B-LOC", []Span{{0, 2, "PERS"}, {3, 4, "LOC"}}},
		// adjacent entities of one type stay two entities
		{"B-LOC B-LOC I-LOC", []Span{{0, 1, "LOC"}, {1, 3, "LOC"}}},
		// I- without B- opens an entity, as in conlleval
		{"I-ORG I-ORG O I-LOC", []Span{{0, 2, "ORG"}, {3, 4, "LOC"}}},
		// I- of another type closes the open entity and opens its own
		{"B-PERS I-LOC I-LOC", []Span{{0, 1, "PERS"}, {1, 3, "LOC"}}},
		{"B-MISC I-MISC", []Span{{0, 2, "MISC"}}},
	}
	for _, c := range cases {
		if got := Spans(strings.Fields(c.tags)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.tags, got, c.want)
		}
	}
}

func TestTags(t *testing.T) {
	got := strings.Join(Tags(6, []Span{{0, 2, "PERS"}, {2, 3, "PERS"}, {4, 6, "ORG"}}), " ")
	want := "B-PERS I-PERS B-PERS O B-ORG I-ORG"
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// Spans reads back what Tags writes, adjacent entities included.
func TestTagsSpansRoundTrip(t *testing.T) {
	spans := []Span{{0, 1, "LOC"}, {1, 2, "LOC"}, {3, 6, "ORG"}, {6, 7, "PERS"}}
	if got := Spans(Tags(8, spans)); !reflect.DeepEqual(got, spans) {
		t.Errorf("got %v, want %v", got, spans)
	}
}
