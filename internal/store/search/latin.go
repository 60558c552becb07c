package search

import "strings"

// latinSuffix is a suffix stripped when at least min letters are left.
type latinSuffix struct {
	s   string
	min int
}

// latinSuffixes are tried longest first; one is stripped. They are French and English
// endings together: the same rules must serve a query whose language is unknown.
var latinSuffixes = []latinSuffix{
	{"ement", 3}, // démantèlement, gouvernement
	{"ation", 3}, // opération, cooperation, arrestation
	{"aient", 3}, // préparaient
	{"ment", 4},  // government
	{"ing", 3},   // smuggling, bombing
	{"ism", 4},   // terrorism, terrorisme (after the final e)
	{"ist", 4},   // terrorist, terroriste
	{"iqu", 4},   // islamique, publique (after the final e)
	{"ait", 3},   // préparait
	{"ed", 3},    // arrested, dismantled
	{"er", 4},    // démanteler, smuggler
	{"ly", 4},    // recently
	{"ic", 4},    // islamic, trafic
}

// latinStem reduces a folded Latin word (lower case, no accents) to its term.
func latinStem(w string) string {
	n := runes(w)
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		w = w[:len(w)-3] + "i" // cities → citi, as city → citi below
	case strings.HasSuffix(w, "aux") && n > 4:
		w = w[:len(w)-3] + "al" // nationaux → national
	case strings.HasSuffix(w, "s") && n > 3 &&
		!strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	// -e, and -é -ée once folded: arrêté, arrêtée, arrête all become arret.
	for range 2 {
		if rest, ok := strings.CutSuffix(w, "e"); ok && runes(rest) >= 3 {
			w = rest
		}
	}
	for _, sf := range latinSuffixes {
		if rest, ok := strings.CutSuffix(w, sf.s); ok && runes(rest) >= sf.min {
			w = rest
			break
		}
	}
	if rest, ok := strings.CutSuffix(w, "y"); ok && runes(rest) >= 3 {
		w = rest + "i"
	}
	// A doubled final consonant: running → runn → run, killed → kill → kil.
	if l := len(w); l >= 4 && w[l-1] == w[l-2] && w[l-1] < 0x80 && !strings.ContainsRune("aeiouy0123456789", rune(w[l-1])) {
		w = w[:l-1]
	}
	return w
}

// latinStop are French and English function words, folded.
var latinStop = foldSet(
	// French
	"le", "la", "les", "de", "des", "du", "un", "une", "et", "au", "aux", "en", "dans", "par",
	"pour", "sur", "avec", "que", "qui", "quoi", "ne", "pas", "plus", "se", "sa", "son", "ses",
	"leur", "leurs", "ce", "cet", "cette", "ces", "il", "elle", "ils", "elles", "on", "est",
	"sont", "été", "être", "avoir", "ont", "ou", "où", "mais", "donc", "ni", "car", "nous",
	"vous", "je", "tu", "lui", "dont", "qu", "après", "avant", "entre", "sous", "selon", "chez",
	"comme", "aussi", "très", "déjà", "encore",
	// English
	"the", "an", "of", "and", "or", "to", "in", "at", "by", "for", "with", "from", "as", "is",
	"are", "was", "were", "be", "been", "being", "that", "this", "these", "those", "it", "its",
	"he", "she", "they", "them", "his", "her", "their", "not", "no", "but", "which", "whom",
	"whose", "have", "has", "had", "would", "could", "might", "also", "than", "then", "there",
	"here", "into", "over", "after", "before", "about", "such", "what", "when", "where",
	"while", "if", "so", "do", "does", "did",
)
