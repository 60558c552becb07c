package text

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestKeyFoldsArabicVariants(t *testing.T) {
	cases := map[string]string{
		"إسبانيا":    "اسبانيا",
		"أنتربول":    "انتربول",
		"مَدِينَةُ":  "مدينه",
		"المغربـــي": "المغربي",
		"مستشفى":     "مستشفي",
		"مسؤول":      "مسوول",
		"٢٠٢٣":       "2023",
		"۱۲":         "12",
		"Tétouan":    "tetouan",
		"ŒUVRE":      "oeuvre",
		"Marrakech":  "marrakech",
		"ڨابس":       "قابس",
		"ڤيينا":      "فيينا",
	}
	for in, want := range cases {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestArabicVariantsStripClitics(t *testing.T) {
	cases := []struct {
		in   string
		want string // a variant that must be produced
	}{
		{"بمدينه", "مدينه"},
		{"فمكافحه", "مكافحه"},
		{"للارهاب", "الارهاب"},
		{"وطنجه", "طنجه"},
		{"وبالرباط", "الرباط"},
		{"لالمانيا", "المانيا"},
		{"كخبير", "خبير"},
	}
	for _, c := range cases {
		vs := VariantsOf(c.in)
		v := vs.All()
		if v[0] != c.in {
			t.Errorf("VariantsOf(%q)[0] = %q, want the word itself first", c.in, v[0])
		}
		found := false
		for _, x := range v {
			found = found || x == c.want
		}
		if !found {
			t.Errorf("VariantsOf(%q) = %v, missing %q", c.in, v, c.want)
		}
	}
	for _, short := range []string{"ولد", "بن"} {
		vs := VariantsOf(short)
		for _, x := range vs.All() {
			if len([]rune(x)) < 2 {
				t.Errorf("VariantsOf(%q) produced a one-letter variant %q", short, x)
			}
		}
	}
}

func TestTokenizeOffsetsAndSplits(t *testing.T) {
	s := "تفكيك حوالي8 خلايا، و 1.000 kg à l'État."
	toks := Tokenize(s)
	var texts []string
	for _, tk := range toks {
		texts = append(texts, tk.Text)
		if got := RuneSlice(s, tk.Start, tk.End); got != tk.Text {
			t.Errorf("rune span %d-%d = %q, token text %q", tk.Start, tk.End, got, tk.Text)
		}
		if got := s[tk.Byte : tk.Byte+len(tk.Text)]; got != tk.Text {
			t.Errorf("byte offset of %q points at %q", tk.Text, got)
		}
	}
	want := []string{"تفكيك", "حوالي", "8", "خلايا", "،", "و", "1.000", "kg", "à", "l'", "État", "."}
	if !reflect.DeepEqual(texts, want) {
		t.Fatalf("tokens = %q\nwant     %q", texts, want)
	}
	if toks[2].Kind != Number || toks[2].Space {
		t.Errorf("8 should be a number glued to حوالي, got %+v", toks[2])
	}
	if toks[6].Kind != Number || toks[6].Key != "1.000" {
		t.Errorf("1.000 should be one number token, got %+v", toks[6])
	}
}

func TestSentences(t *testing.T) {
	s := "Le président M. Dupont est arrivé. Richard K. Guy est mort aux U.S. hier.\nتم تفكيك خلية. وأضاف المصدر؟ نعم"
	a := Analyze(s, "")
	var got []string
	for _, se := range a.Sentences {
		got = append(got, strings.TrimSpace(a.Slice(se.Start, se.End)))
	}
	want := []string{
		"Le président M. Dupont est arrivé.",
		"Richard K. Guy est mort aux U.S. hier.",
		"تم تفكيك خلية.",
		"وأضاف المصدر؟",
		"نعم",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("sentences:\n%q\nwant\n%q", got, want)
	}
	if i := a.SentenceOf(a.Sentences[3].From); i != 3 {
		t.Errorf("SentenceOf first token of sentence 3 = %d", i)
	}
}

func TestDetectLang(t *testing.T) {
	cases := map[string]string{
		"تمكنت المصالح الأمنية من تفكيك خلية إرهابية بمدينة طنجة":                      "ar",
		"La police a démantelé une cellule terroriste à Tanger et arrêté trois hommes": "fr",
		"Police arrested three men in Tangier after the cell was dismantled":           "en",
		"أكدات المديرية العامة للأمن الوطني (DGSN) أن":                                 "ar",
	}
	for s, want := range cases {
		if got := DetectLang(Tokenize(s)); got != want {
			t.Errorf("DetectLang(%q) = %s, want %s", s, got, want)
		}
	}
	if a := Analyze("Police arrested three men in Tangier", "fr"); a.Lang != "fr" {
		t.Errorf("declared Latin-script language should be trusted, got %s", a.Lang)
	}
	if a := Analyze("تمكنت المصالح الأمنية من تفكيك خلية", "fr"); a.Lang != "ar" {
		t.Errorf("a declared language contradicted by the script must be overridden, got %s", a.Lang)
	}
}

func TestNormalizeKeyIgnoresSoftPunctuation(t *testing.T) {
	if a, b := NormalizeKey("Saint-Denis"), NormalizeKey("saint denis"); a != b {
		t.Errorf("%q != %q", a, b)
	}
	if got := NormalizeKey("إنزكان أيت ملول"); got != "انزكان ايت ملول" {
		t.Errorf("got %q", got)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"تفكيك 06 خلايا", "1.000,5 kg", "l'État", "\u0640\u064b", "a\n\nb. c", "أمن إرهاب الشرطة Œuvre ٣٤"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		prev := 0
		for _, tk := range toks {
			if tk.Start < prev || tk.End <= tk.Start {
				t.Fatalf("bad offsets %+v", tk)
			}
			if s[tk.Byte:tk.Byte+len(tk.Text)] != tk.Text {
				t.Fatalf("byte offset mismatch %+v", tk)
			}
			// keys are built in one buffer per text: each must still be its word's key
			if want := Key(tk.Text); tk.Kind != Punct && tk.Key != want {
				t.Fatalf("key of %q is %q, Key gives %q", tk.Text, tk.Key, want)
			}
			prev = tk.End
		}
		for _, se := range Sentences(toks) {
			if se.From >= se.To {
				t.Fatalf("empty sentence %+v", se)
			}
		}
	})
}

// appendKey reads the Arabic block through a table: every rune of it, alone and inside a
// word with other scripts and broken bytes, keys as appendKeyRune folds it.
func TestAppendKeyTableMatchesRunes(t *testing.T) {
	var word, want []byte
	for r := rune(0x600); r < 0x700; r++ {
		got := string(appendKey(nil, string(r)))
		if w := string(appendKeyRune(nil, r)); got != w {
			t.Errorf("key of %U = %q, want %q", r, got, w)
		}
		word = utf8.AppendRune(word, r)
		word = append(word, 'A', 0xD9) // a capital, then a lead byte with no continuation
		want = appendKeyRune(want, r)
		want = appendKeyRune(appendKeyRune(want, 'A'), utf8.RuneError)
	}
	if got := appendKey(nil, string(word)); string(got) != string(want) {
		t.Errorf("key of the mixed word differs:\n got %q\nwant %q", got, want)
	}
}

// atLeastRunes counts rune starts instead of decoding: on valid UTF-8 it must agree with
// the rune count, for Arabic (two bytes a letter), Latin, three- and four-byte runes.
func TestAtLeastRunes(t *testing.T) {
	for _, s := range []string{"", "a", "ال", "الأمن", "الزيارة", "Rabat", "é", "بـ€", "😀x", "ab😀€ج",
		"والمديرية العامة", "l'administration", "😀😀😀😀x", "abcdefghijklmnopq", "\x80\x80\x80\x80\x80\x80\x80\x80\x80a",
		"\xd8\xd8\xd8\xd8\xd8\xd8\xd8\xd8\xd8"} {
		// a start byte is a rune: RuneCountInString's count for valid text, and for
		// invalid text one per byte that is not a continuation byte
		runes := 0
		for i := 0; i < len(s); i++ {
			if s[i]&0xC0 != 0x80 {
				runes++
			}
		}
		for n := 0; n <= runes+2; n++ {
			if got, want := atLeastRunes(s, n), runes >= n; got != want {
				t.Errorf("atLeastRunes(%q, %d) = %v, want %v (%d runes)", s, n, got, want, runes)
			}
		}
	}
}

// atLeastTwoRunes reads the first rune's size from its first byte where it can: it must
// agree with the rune count, invalid bytes (one rune each) included.
func TestAtLeastTwoRunes(t *testing.T) {
	for _, s := range []string{"", "a", "ab", "ج", "جد", "aج", "é", "éa", "€", "€a", "😀", "😀a", "\xd8", "\xd8\xd8", "\xff", "\xffa", "\x80\x80"} {
		if got, want := atLeastTwoRunes(s), utf8.RuneCountInString(s) >= 2; got != want {
			t.Errorf("atLeastTwoRunes(%q) = %v, want %v", s, got, want)
		}
	}
}

// An Arabic word is read by a loop of its own over its two-byte letters and marks; the
// general loop takes over at the first other rune. Both must give the same words, rune
// offsets and keys: harakat and tatweel inside a word, a zero-width non-joiner (three
// bytes) inside a word, Arabic punctuation, digits and Latin letters glued to a word.
func TestTokenizeArabicWords(t *testing.T) {
	s := "مُحَمَّد الـمغرب\u200cي، ١٢خلية؟ بالرباطX أمن"
	toks := Tokenize(s)
	type tok struct {
		text, key  string
		start, end int
	}
	var got []tok
	for _, tk := range toks {
		got = append(got, tok{tk.Text, tk.Key, tk.Start, tk.End})
		if r := RuneSlice(s, tk.Start, tk.End); r != tk.Text {
			t.Errorf("rune span %d-%d = %q, token text %q", tk.Start, tk.End, r, tk.Text)
		}
	}
	want := []tok{
		{"مُحَمَّد", "محمد", 0, 8},
		{"الـمغرب\u200cي", "المغرب\u200cي", 9, 18}, // tatweel dropped, the joiner kept
		{"،", "،", 18, 19},
		{"١٢", "12", 20, 22},
		{"خلية", "خليه", 22, 26},
		{"؟", "؟", 26, 27},
		{"بالرباط", "بالرباط", 28, 35},
		{"X", "x", 35, 36},
		{"أمن", "امن", 37, 40},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokens\n%+v\nwant\n%+v", got, want)
	}
}

// Set reuses one Variants from word to word: nothing of a word may be left for the next
// (a longer list before a shorter one, an article variant before a word without one).
func TestVariantsSetReused(t *testing.T) {
	var vs Variants
	for _, w := range []string{"وبالخليه", "امن", "للامن", "الزياره", "ولد", "بمدينه", "x"} {
		vs.Set(w)
		want := VariantsOf(w)
		if !reflect.DeepEqual(vs.All(), want.All()) || vs.Article() != want.Article() {
			t.Errorf("after reuse, %q: %q (article %d), want %q (article %d)", w, vs.All(), vs.Article(), want.All(), want.Article())
		}
	}
	if got := VariantsOf("وبالخليه"); len(got.All()) < 3 || got.Article() == 0 {
		t.Errorf("وبالخليه: variants %q, article %d: want the word without و, ب and the article", got.All(), got.Article())
	}
}

// arabicPairs must hold, for every two bytes, what decoding them and reading runeTable
// tells: a letter or mark of the Arabic block continues a word, nothing else does.
func TestArabicPairsMatchTable(t *testing.T) {
	for v := 0; v < 1<<16; v++ {
		s := string([]byte{byte(v), byte(v >> 8)}) // little-endian
		r, size := utf8.DecodeRuneInString(s)
		want := uint8(0)
		if size == 2 && r >= 0x600 && r <= 0x6FF {
			if c := class(runeTable[r] & classMask); c == clArabic || c == clMark {
				want = runeTable[r] | pairLetter
			}
		}
		if got := arabicPairs[v]; got != want {
			t.Fatalf("arabicPairs[%#04x] (%q) = %#x, want %#x", v, s, got, want)
		}
	}
}

// A Tokenizer reused from text to text gives each the tokens Tokenize gives it, and
// leaves the keys of the texts before intact (they are copied out of its buffers): short
// texts, long ones, Arabic keys that differ from their words, Latin ones, none at all.
func TestTokenizerReused(t *testing.T) {
	texts := []string{
		"أعلنت المديرية العامة للأمن الوطني، يوم الأربعاء، عن تفكيك خلية إرهابية بمدينة طنجة.",
		"Les services de sécurité ont interpellé 3 suspects à Casablanca.",
		"١٢٣ ٤٥ . ، ؛",
		strings.Repeat("وبالمدينة والأمن، Élysée ", 200),
		"",
		"ok",
		"الشرطة القضائية بفاس",
	}
	var z Tokenizer
	var got [][]Token
	for _, s := range texts {
		got = append(got, z.Append(nil, s))
	}
	for i, s := range texts {
		want := Tokenize(s)
		if !slices.Equal(got[i], want) {
			t.Errorf("text %d: reused tokenizer gave %d tokens differing from Tokenize's %d", i, len(got[i]), len(want))
		}
	}
	// the buffers are let go past their bound
	z.Append(nil, strings.Repeat("بالأمن ", maxKeptSpans+10))
	if cap(z.kb.spans) != 0 || cap(z.kb.buf) != 0 {
		t.Errorf("after a text of %d built keys the tokenizer kept %d spans, %d key bytes", maxKeptSpans+10, cap(z.kb.spans), cap(z.kb.buf))
	}
}

// Set's variants are distinct (Variants.add does not look for a copy): each one shorter
// than the ones before, but for ل + ال, which starts with another letter. Checked on every
// word of up to five letters from the proclitics, the article and a few others.
func TestVariantsDistinct(t *testing.T) {
	letters := []string{"و", "ف", "ب", "ك", "ل", "ا", "م", "ن"}
	var words []string
	var grow func(w string, n int)
	grow = func(w string, n int) {
		words = append(words, w)
		if n == 0 {
			return
		}
		for _, l := range letters {
			grow(w+l, n-1)
		}
	}
	grow("", 5)
	for _, w := range words {
		vs := VariantsOf(w)
		all := vs.All()
		for i := range all {
			if i > 0 && !atLeastTwoRunes(all[i]) {
				t.Errorf("%q: variant %q is shorter than two letters", w, all[i])
			}
			for j := range i {
				if all[i] == all[j] {
					t.Fatalf("%q: variants %q hold %q twice", w, all, all[i])
				}
			}
		}
	}
}
