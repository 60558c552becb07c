package lexicon

import (
	"fmt"
	"testing"

	"marsad/data"
	"marsad/internal/text"
)

// Every language table needs a bit of its own: the recognizer skips a token for a table
// whose bit it does not carry, so a shared or missing bit would hide that table's words.
func TestTableBitsDistinct(t *testing.T) {
	var seen uint16
	for _, lt := range langTables {
		b := TableBit(lt.table)
		if b == 0 || b&(b-1) != 0 {
			t.Errorf("table %q: bit %#x, want exactly one bit", lt.table, b)
		}
		if seen&b != 0 {
			t.Errorf("table %q shares its bit %#x with another table", lt.table, b)
		}
		seen |= b
	}
}

// A unit number word reads with or without its final ه; a word spelled so in its own
// right keeps its own value.
func TestNumberWordWithoutFinalHa(t *testing.T) {
	lx, err := Compile(Data{Words: []Word{
		{Table: TNumber, Phrase: "ثلاثة", Lang: "ar", Tag: "unit", Value: 3},
		{Table: TNumber, Phrase: "عشرة", Lang: "ar", Tag: "ten", Value: 10},
		{Table: TNumber, Phrase: "عشر", Lang: "ar", Tag: "teen", Value: 10},
		{Table: TNumber, Phrase: "سبعة", Lang: "ar", Tag: "unit", Value: 7},
		{Table: TNumber, Phrase: "سبع", Lang: "ar", Tag: "unit", Value: 70},
	}})
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]float64{"ثلاثه": 3, "ثلاث": 3, "عشره": 10, "عشر": 10, "سبع": 70, "سبعه": 7} {
		if v, ok := lx.NumberWord(key); !ok || v != want {
			t.Errorf("NumberWord(%q) = %v, %v; want %v", key, v, ok, want)
		}
	}
	if v, ok := lx.NumberWord("ثلاثهه"); ok {
		t.Errorf("NumberWord(ثلاثهه) = %v, want none", v)
	}
}

// The recognizer reads a common word from the matcher's word flags, set at each entry's
// key: an entry not written as its own folded key would be a word no text matches.
func TestCommonWordsFolded(t *testing.T) {
	d, err := LoadData(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range d.CommonAr {
		if k := text.NormalizeKey(w); k != w {
			t.Errorf("lang/common-ar.txt: %q is not folded: write it %q", w, k)
		}
	}
}

// The recognizer reads a word's table from its payload (Payload.Table) and looks the word
// up only then: every word payload must carry the bit of its own word's table.
func TestWordPayloadsCarryTheirTable(t *testing.T) {
	d, err := LoadData(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	lx, err := Compile(d)
	if err != nil {
		t.Fatal(err)
	}
	words, others := 0, 0
	var walk func(n *node)
	walk = func(n *node) {
		for _, p := range n.payloads {
			if p.Kind != KWord {
				if p.Table != 0 {
					t.Errorf("payload %+v of kind %d carries a table bit", p, p.Kind)
				}
				others++
				continue
			}
			words++
			if w := lx.Words[p.Index]; p.Table != TableBit(w.Table) || p.Table == 0 {
				t.Errorf("word %q of table %s: payload bit %#x, want %#x", w.Phrase, w.Table, p.Table, TableBit(w.Table))
			}
		}
		for _, c := range n.kids {
			walk(c.n)
		}
	}
	for r := range lx.M.root {
		lx.M.root[r].each(func(e *wordEntry) {
			if e.n != nil {
				walk(e.n)
			}
		})
	}
	if words < 1000 || others < 1000 {
		t.Errorf("walked %d word and %d other payloads: the walk missed the matcher's phrases", words, others)
	}
}

// A phrase word with many continuations is searched by halves, one with few read one by
// one: both find every phrase added, in any order of adding, and nothing else.
func TestMatcherContinuations(t *testing.T) {
	for _, n := range []int{1, linearKids, linearKids + 1, 40} {
		var m Matcher
		var words []string
		for k := range n {
			j := (k * 7) % n // added out of order
			words = append(words, fmt.Sprintf("x%c%c", 'a'+j/26, 'a'+j%26))
		}
		for k, w := range words {
			m.Add("police "+w, Payload{Kind: KOrg, Index: int32(k)})
		}
		for k, w := range words {
			toks := text.Tokenize("la police " + w + " arrive")
			ms := m.MatchAt(toks, 1)
			if len(ms) != 1 || ms[0].To != 3 || ms[0].Payloads[0].Index != int32(k) {
				t.Errorf("%d continuations: %q matched %+v", n, w, ms)
			}
		}
		if ms := m.MatchAt(text.Tokenize("police xzz"), 0); len(ms) != 0 {
			t.Errorf("%d continuations: an absent one matched %+v", n, ms)
		}
	}
}
