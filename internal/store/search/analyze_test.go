package search

import (
	"reflect"
	"strings"
	"testing"
)

// Each group is words a search for any one of them must find: they share one term.
func TestSameTerm(t *testing.T) {
	for _, group := range [][]string{
		// Arabic: article, conjunctions, prepositions, لل, taa marbuta, pronoun suffixes
		{"خلية", "الخلية", "خلايا", "للخلية", "والخلايا", "خليتها", "بالخلية", "خليه", "خليّة"},
		{"تفكيك", "بتفكيك", "وتفكيك", "التفكيك", "لتفكيك"},
		{"عنصر", "عناصر", "العناصر", "عنصران", "عناصرها"},
		{"شخص", "أشخاص", "الأشخاص", "لأشخاص"},
		{"سلاح", "أسلحة", "الأسلحة", "بأسلحة", "أسلحتها"},
		{"مخدر", "مخدرات", "المخدرات", "للمخدرات"},
		{"شبكة", "شبكات", "الشبكة", "شبكتهم"},
		{"إرهاب", "إرهابية", "الإرهابيين", "إرهابيون", "الارهابي"},
		{"أمن", "الأمن", "للأمن", "الأمنية", "الامني"},
		{"مسؤول", "المسؤولين", "مسؤولون"},
		{"جريمة", "جرائم", "الجرائم"},
		// names that look like they carry clitics or suffixes
		{"لبنان", "بلبنان", "للبنان", "اللبنانية"},
		{"فلسطين", "بفلسطين", "الفلسطينية"},
		{"الجزائر", "بالجزائر", "للجزائر", "الجزائرية"},
		{"وزارة", "بوزارة", "الوزارة", "وزارات"},
		{"طنجة", "بطنجة", "طنجه", "طَنْجَة"},
		// French and English
		{"démantèlement", "démantelée", "démanteler", "démantelés", "DEMANTELEMENT"},
		{"dismantle", "dismantled", "dismantling", "dismantles"},
		{"arrest", "arrested", "arrests", "arrestation", "arrestations"},
		{"arrêt", "arrêté", "arrêtée", "arrêtés", "arrêter"},
		{"terrorist", "terrorists", "terrorism", "terroriste", "terrorisme", "terroristes"},
		{"city", "cities"},
		{"national", "nationaux"},
		{"islamic", "islamique", "islamiste"},
		{"trafic", "traffic"},
		{"saisie", "saisies", "saisi"},
	} {
		want := Terms(group[0])
		if len(want) != 1 {
			t.Errorf("%q: terms %q, want one", group[0], want)
			continue
		}
		for _, w := range group[1:] {
			if got := Terms(w); !reflect.DeepEqual(got, want) {
				t.Errorf("%q → %q, but %q → %q: a search for one would miss the other", w, got, group[0], want)
			}
		}
	}
}

// Words that must stay apart: a light stemmer that merges these would flood results.
func TestDifferentTerms(t *testing.T) {
	for _, pair := range [][2]string{
		{"لبنان", "لبن"},
		{"وزارة", "زار"},
		{"خلية", "خل"},
		{"بلد", "لد"},
		{"terrorist", "tourist"},
		{"cell", "cellule"}, // English and French words are not translated
	} {
		a, b := Terms(pair[0]), Terms(pair[1])
		if reflect.DeepEqual(a, b) {
			t.Errorf("%q and %q share terms %q", pair[0], pair[1], a)
		}
	}
}

func TestStopWordsAndShortWords(t *testing.T) {
	got := Terms("في وفي من على the of l'armée d'un des plus de 3 قتلى")
	want := []string{"arm", "3", "قتيل"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTokensSplitScriptsAndPunctuation(t *testing.T) {
	s := "حوالي8 أشخاص، Saint-Denis (2023)…"
	var got []string
	for _, tok := range Tokens(s) {
		got = append(got, s[tok.Start:tok.End]+"="+tok.Term)
	}
	want := []string{"حوالي=حوال", "8=8", "أشخاص=شخص", "Saint=saint", "Denis=denis", "2023=2023"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestTextIsTermsJoined(t *testing.T) {
	s := "تمكنت عناصر الأمن من تفكيك خلية إرهابية بطنجة. Les policiers ont arrêté 4 suspects."
	if got, want := Text(s), strings.Join(Terms(s), " "); got != want {
		t.Errorf("Text = %q, Terms joined = %q", got, want)
	}
	if Text("في من the") != "" {
		t.Error("a text of stop words must index nothing")
	}
}

func TestSnippet(t *testing.T) {
	text := "مقدمة طويلة لا علاقة لها بالموضوع. " + strings.Repeat("كلام عام عن الطقس والرياضة. ", 20) +
		"وتمكنت عناصر الأمن من تفكيك خلية إرهابية\n\nبمدينة طنجة. " + strings.Repeat("خاتمة. ", 30)
	got := Snippet(text, Terms("الخلية طنجة"), 12)
	for _, want := range []string{"[خلية]", "[طنجة]", "تفكيك", "…"} {
		if !strings.Contains(got, want) {
			t.Errorf("snippet %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "\n") || strings.Contains(got, "مقدمة") {
		t.Errorf("snippet %q: not the passage around the hits, or white space kept", got)
	}
	// Every word of the query in the window beats more hits of one word elsewhere.
	got = Snippet("cell cell cell cell. "+strings.Repeat("filler words here. ", 10)+"a cell in Tangier.",
		Terms("cells Tangier"), 6)
	if !strings.Contains(got, "[cell] in [Tangier]") {
		t.Errorf("snippet %q: want the window with both terms", got)
	}
	// No hit: the start of the text.
	if got := Snippet("one two three four five", Terms("absent"), 3); got != "one two three…" {
		t.Errorf("no hit: %q", got)
	}
	if got := Snippet("", Terms("x"), 5); got != "" {
		t.Errorf("empty text: %q", got)
	}
}

func BenchmarkText(b *testing.B) {
	s := strings.Repeat("تمكنت عناصر المكتب المركزي للأبحاث القضائية، بناء على معلومات دقيقة، من تفكيك خلية إرهابية تتكون من أربعة عناصر بمدينتي طنجة والناظور. Les services ont démantelé une cellule terroriste. ", 20)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Text(s)
	}
}
