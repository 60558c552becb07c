package text

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// A word's key and its clitic variants are keys already: NormalizeKey leaves them as they
// are. Callers that hold a variant look it up in tables of keys as it is, without folding
// it again (lexicon.IsCommonFolded).
func TestVariantsAreKeys(t *testing.T) {
	// letters, marks, tatweel, hamza and alef forms, Persian and Maghrebi letters, digits,
	// Latin letters with accents and case
	var alphabet []rune
	for r := rune(0x0600); r <= 0x06FF; r++ {
		alphabet = append(alphabet, r)
	}
	alphabet = append(alphabet, []rune("ڤڭگپچژabcxyzABCÉéèçÇœŒßı0123456789٠١٢٣'’-.")...)
	words := []string{"للأمن", "والمدينة", "بالرباط", "فللشرطة", "كالأسد", "ولإسبانيا", "لـلـأمن", "الـمـديـنـة", "بِالمَدِينَةِ"}
	rng := rand.New(rand.NewPCG(1, 2))
	prefixes := []string{"", "و", "ف", "ب", "ل", "ك", "ال", "لل", "وال", "بال", "فلل", "وب"}
	for range 20000 {
		var b strings.Builder
		b.WriteString(prefixes[rng.IntN(len(prefixes))])
		for range 1 + rng.IntN(8) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		words = append(words, b.String())
	}
	checked := 0
	for _, w := range words {
		for _, tok := range Tokenize(w) {
			if tok.Kind == Punct {
				continue
			}
			vs := VariantsOf(tok.Key)
			for x := 0; x < vs.Len(); x++ {
				checked++
				if k := NormalizeKey(vs.At(x)); k != vs.At(x) {
					t.Errorf("%q: variant %q of key %q normalizes to %q", w, vs.At(x), tok.Key, k)
				}
			}
		}
	}
	if checked < 20000 {
		t.Errorf("%d variants checked, want at least 20000", checked)
	}
}

// SetIn gives the variants Set gives, word after word in the same buffer.
func TestVariantsSetIn(t *testing.T) {
	var buf []byte
	var in Variants
	for _, w := range []string{"للامن", "والمدينه", "للشرطه", "فللامن", "بالرباط", "لل", "للا", "كالاسد", "للمديريه"} {
		want := VariantsOf(w)
		in.SetIn(w, &buf)
		if in.Len() != want.Len() || in.Article() != want.Article() {
			t.Errorf("%q: SetIn gives %d variants (article %d), Set %d (article %d)", w, in.Len(), in.Article(), want.Len(), want.Article())
			continue
		}
		for i := range want.Len() {
			if in.At(i) != want.At(i) {
				t.Errorf("%q: variant %d is %q with SetIn, %q with Set", w, i, in.At(i), want.At(i))
			}
		}
	}
	if cap(buf) == 0 {
		t.Error("no word was written in the buffer: the لل words have a variant of their own")
	}
}
