package bench

import (
	"strings"
)

// A RelevanceQuery is an Arabic query as a user types it, with, for each of its words, the
// forms of that word's lemma written out by hand (singular, plural, dual, feminine, as
// the lemma has them). A document is relevant when, for every word, it holds one of its
// forms as a whole word, bare or behind the proclitics of Proclitics. This is a
// definition a program can apply to a million documents and a reader can check: it
// counts what an analyst means by "every document about terrorists", it does not use any
// of the analyzers it judges, and it is deliberately narrow (الإرهاب, terrorism, is not a
// form of إرهابي, terrorist), so a system that conflates more finds more documents that
// are not relevant under it.
type RelevanceQuery struct {
	Text  string
	Forms [][]string // per word of Text
}

// Proclitics may stand before any form: conjunctions, prepositions and the article, in
// the combinations Arabic writes them.
var Proclitics = []string{
	"", "ال", "و", "وال", "ف", "فال", "ب", "بال", "وب", "وبال", "فب", "فبال", "ل", "لل", "ول", "ولل",
	"فل", "فلل", "ك", "كال", "وك", "وكال",
}

// RelevanceQueries are the queries whose relevant hits are counted.
var RelevanceQueries = []RelevanceQuery{
	{"الإرهابيين", [][]string{{"إرهابي", "إرهابيون", "إرهابيين", "إرهابيان", "إرهابيي"}}},
	{"بالمخدرات", [][]string{{"مخدرات", "مخدر"}}},
	{"خلية إرهابية", [][]string{
		{"خلية", "خلايا", "خليتين", "خليتان"},
		{"إرهابية", "إرهابيات", "إرهابيتين", "إرهابيتان"}}},
	{"للأمن الوطني", [][]string{{"أمن"}, {"وطني", "وطنية"}}},
	{"المهاجرين", [][]string{{"مهاجر", "مهاجرون", "مهاجرين", "مهاجرة", "مهاجرات", "مهاجران"}}},
	{"بتفكيك", [][]string{{"تفكيك"}}},
	{"الأسلحة", [][]string{{"سلاح", "أسلحة"}}},
	{"المهربين", [][]string{{"مهرب", "مهربون", "مهربين", "مهربة", "مهربان"}}},
}

// Judge tells which RelevanceQueries a text is relevant to.
type Judge struct {
	// words[i] is, for query i, a set per query word of every folded form with every
	// proclitic.
	words [][]map[string]bool
}

// NewJudge expands the forms of qs with the proclitics.
func NewJudge(qs []RelevanceQuery) *Judge {
	j := &Judge{words: make([][]map[string]bool, len(qs))}
	for i, q := range qs {
		for _, forms := range q.Forms {
			set := map[string]bool{}
			for _, f := range forms {
				for _, p := range Proclitics {
					set[FoldArabic(p+f)] = true
				}
			}
			j.words[i] = append(j.words[i], set)
		}
	}
	return j
}

// Relevant returns a bit per query (bit i for query i) that text is relevant to.
func (j *Judge) Relevant(text string) uint64 {
	seen := make([][]bool, len(j.words))
	for i := range seen {
		seen[i] = make([]bool, len(j.words[i]))
	}
	arabicWords(text, func(w string) {
		w = FoldArabic(w)
		for i, q := range j.words {
			for k, set := range q {
				if set[w] {
					seen[i][k] = true
				}
			}
		}
	})
	var bits uint64
	for i, s := range seen {
		all := len(s) > 0
		for _, ok := range s {
			all = all && ok
		}
		if all {
			bits |= 1 << i
		}
	}
	return bits
}

// FoldArabic removes what writers add or leave out at will: harakat, the dagger alef and
// tatweel, and the hamza seat of alef (أ إ آ ٱ are written ا as often as not). It merges
// no letters beyond those, and knows nothing of morphology.
func FoldArabic(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640:
		case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
			b.WriteRune('ا')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// arabicWords calls fn with each run of Arabic letters and marks of s.
func arabicWords(s string, fn func(string)) {
	start := -1
	for i, r := range s {
		in := r >= 0x0621 && r <= 0x065F || r == 0x0670 || r == 0x0640 || r >= 0x0671 && r <= 0x06D3
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			fn(s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		fn(s[start:])
	}
}
