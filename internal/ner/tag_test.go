package ner

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"marsad/internal/lexicon"
	"marsad/internal/lexicon/lexicontest"
)

// testLex is compiled once for the package's tests: compiling takes longer than all the
// tagging they do.
var testLex *lexicon.Lexicon

func TestMain(m *testing.M) {
	testLex = lexicontest.MustLoad()
	os.Exit(m.Run())
}

func sentences(s string) [][]string {
	var out [][]string
	for _, line := range strings.Split(s, "\n") {
		out = append(out, strings.Fields(line))
	}
	return out
}

// Entities come back on the given tokens: a clitic or punctuation glued to a token does not
// move the boundary (the whole token is tagged), a multi-word name gets B- then I-, two
// adjacent places stay two entities, generic bodies ("الشرطة") are not tagged, and a place
// inside a unit's name does not split the unit.
func TestTagMapsEntitiesToTokens(t *testing.T) {
	sents := sentences("استقبل عبد اللطيف حموشي وفدا في الرباط، أمس .\n" +
		"وصل الوفد بالدار البيضاء ثم طنجة طنجة .\n" +
		"قالت المديرية العامة للأمن الوطني إن الشرطة أوقفت رجلا .\n" +
		"أوقفت منطقة الشرطة بالمهدية شابا")
	want := [][]string{
		strings.Fields("O B-PERS I-PERS I-PERS O O B-LOC O O"),
		strings.Fields("O O B-LOC I-LOC O B-LOC B-LOC O"),
		strings.Fields("O B-ORG I-ORG I-ORG I-ORG O O O O O"),
		strings.Fields("O B-ORG I-ORG I-ORG O"),
	}
	got, err := Tag(testLex, sents, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("sentence %d:\n got %v\nwant %v", i, got[i], want[i])
		}
	}
}

// Tags must line up with tokens whatever the block size or number of workers, and the
// workers must not change the result.
func TestTagShapeAndDeterminism(t *testing.T) {
	sents := sentences("وصل الوفد إلى الرباط .\n\n...\nغادر عبد اللطيف حموشي فاس نحو طنجة\nx\nقال مسؤول في مراكش")
	base, err := Tag(testLex, sents, Options{Window: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, opt := range []Options{{Window: 1, Workers: 4}, {Window: 2, Workers: 3}, {Window: 100, Workers: 1}} {
		got, err := Tag(testLex, sents, opt)
		if err != nil {
			t.Fatalf("%+v: %v", opt, err)
		}
		if len(got) != len(sents) {
			t.Fatalf("%+v: %d sentences tagged, want %d", opt, len(got), len(sents))
		}
		for i := range sents {
			if len(got[i]) != len(sents[i]) {
				t.Fatalf("%+v: sentence %d: %d tags for %d tokens", opt, i, len(got[i]), len(sents[i]))
			}
			for _, tag := range got[i] {
				if !validTag(tag) || strings.HasSuffix(tag, "MISC") {
					t.Errorf("%+v: tag %q", opt, tag)
				}
			}
		}
		if opt.Window == 1 && !reflect.DeepEqual(got, base) {
			t.Errorf("%+v: differs from one worker:\n%v\n%v", opt, got, base)
		}
	}
}
