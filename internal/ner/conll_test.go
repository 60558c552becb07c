package ner

import (
	"bytes"
	"strings"
	"testing"
)

// Writing a file back with the columns it was read with must give the same bytes: the
// tagger's output is compared line for line with its input, by people and by scorers.
func TestReadWriteRoundTrip(t *testing.T) {
	cases := map[string]string{
		"two sentences":         "الرباط B-LOC\nأمس O\n\nقال O\nحموشي B-PERS\n",
		"no final newline":      "الرباط B-LOC\n\nأمس O",
		"leading blank lines":   "\n\nالرباط B-LOC\n",
		"several blank lines":   "a O\n\n\n\nb B-ORG\nc I-ORG\n",
		"trailing blank lines":  "a O\n\n\n",
		"tokens only":           "a\nb\n\nc\n",
		"gold and prediction":   "a B-PERS O\nb I-PERS B-PERS\n",
		"empty file":            "",
		"one blank line":        "\n",
		"single token":          "x O",
		"DOCSTART is one token": "-DOCSTART- O\n\na O\n",
	}
	for name, in := range cases {
		f, err := Read(strings.NewReader(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var out bytes.Buffer
		if err := f.Write(&out, AsRead); err != nil {
			t.Errorf("%s: write: %v", name, err)
			continue
		}
		if out.String() != in {
			t.Errorf("%s: round trip\n got %q\nwant %q", name, out.String(), in)
		}
	}
}

// Files from other tools differ in ways that carry no meaning; they are read, and written
// back in the plain form.
func TestReadNormalizes(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a\tB-LOC\r\nb O\r\n", "a B-LOC\nb O\n"},
		{"\uFEFFa O\n", "a O\n"},
		{"a O\n  \t\nb O\n", "a O\n\nb O\n"},
		{"a   O\n", "a O\n"},
	}
	for _, c := range cases {
		f, err := Read(strings.NewReader(c.in))
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		var out bytes.Buffer
		if err := f.Write(&out, AsRead); err != nil {
			t.Fatal(err)
		}
		if out.String() != c.want {
			t.Errorf("%q: got %q, want %q", c.in, out.String(), c.want)
		}
	}
}

func TestReadSentences(t *testing.T) {
	f, err := Read(strings.NewReader("\nالرباط B-LOC\nأمس O\n\n\nقال O\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Sentences) != 2 || f.Columns != 2 {
		t.Fatalf("got %d sentences, %d columns; want 2, 2", len(f.Sentences), f.Columns)
	}
	s := f.Sentences[1]
	if s.Line != 6 || len(s.Tokens) != 1 || s.Tokens[0] != (Token{Text: "قال", Gold: "O"}) {
		t.Errorf("second sentence: %+v", s)
	}
	if got := f.Words(); len(got[0]) != 2 || got[0][0] != "الرباط" || got[1][0] != "قال" {
		t.Errorf("Words: %q", got)
	}
}

// A malformed line stops the read with its line number, so that it can be fixed in place.
func TestReadErrorsNameTheLine(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a O\nb NN B-NP O\n", "line 2: 4 columns"},
		{"a O\n\nb\n", "line 3: 1 columns, but earlier token lines have 2"},
		{"a O\nb PER\n", `line 2: tag "PER"`},
		{"a B-\n", `line 1: tag "B-"`},
		{"a O O\nb O X-LOC\n", `line 2: tag "X-LOC"`},
	}
	for _, c := range cases {
		_, err := Read(strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got error %v, want one containing %q", c.in, err, c.want)
		}
	}
}

func TestWriteLayouts(t *testing.T) {
	f, err := Read(strings.NewReader("عبد B-PERS\nالله I-PERS\n\nفي O\nفاس B-LOC"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetPred([][]string{{"B-PERS", "O"}, {"O", "B-LOC"}}); err != nil {
		t.Fatal(err)
	}
	want := map[Layout]string{
		PredOnly: "عبد B-PERS\nالله O\n\nفي O\nفاس B-LOC",
		GoldPred: "عبد B-PERS B-PERS\nالله I-PERS O\n\nفي O O\nفاس B-LOC B-LOC",
	}
	for layout, w := range want {
		var out bytes.Buffer
		if err := f.Write(&out, layout); err != nil {
			t.Fatal(err)
		}
		if out.String() != w {
			t.Errorf("layout %d: got %q, want %q", layout, out.String(), w)
		}
	}
}

func TestWriteRefusesEmptyColumn(t *testing.T) {
	f, err := Read(strings.NewReader("a\nb\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = f.Write(&bytes.Buffer{}, GoldPred)
	if err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("got %v, want an error naming line 1", err)
	}
}

func TestSetPredChecksShape(t *testing.T) {
	f, err := Read(strings.NewReader("a O\nb O\n\nc O\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetPred([][]string{{"O", "O"}}); err == nil {
		t.Error("one sentence of tags for two: no error")
	}
	if err := f.SetPred([][]string{{"O"}, {"O"}}); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("short sentence: got %v, want an error naming line 1", err)
	}
}

// FuzzRead checks that any input either fails cleanly or round-trips through Write: what is
// read is what is written.
func FuzzRead(f *testing.F) {
	f.Add("a B-LOC\n\nb O")
	f.Add("\n\na O O\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		file, err := Read(strings.NewReader(in))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := file.Write(&out, AsRead); err != nil {
			t.Fatalf("write: %v", err)
		}
		first := out.String()
		again, err := Read(strings.NewReader(first))
		if err != nil {
			t.Fatalf("reread %q: %v", first, err)
		}
		var out2 bytes.Buffer
		if err := again.Write(&out2, AsRead); err != nil {
			t.Fatal(err)
		}
		if out2.String() != first {
			t.Fatalf("not stable: %q then %q", first, out2.String())
		}
	})
}
