package extract

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"marsad/internal/clean"
	"marsad/internal/document"
)

// Texts made of the lexicon's own words (every language table, names of places,
// bodies and people), digits and punctuation, in random order, with and without
// proclitics, a publication date or not: the pipeline reads each without an internal
// error, and its spans stay inside the text. Random bytes (FuzzExtract) rarely spell a
// word, while the recognizers' rules fire on words, and a rule reading past the last
// token of a text ("لم يره من قبل") failed a whole document. MARSAD_WORDS_N sets the
// number of texts (default 3,000).
func TestExtractLexiconWordSoup(t *testing.T) {
	x := newExtractor(t)
	lx := x.lex
	var vocab []string
	for _, w := range lx.Words {
		vocab = append(vocab, w.Phrase)
	}
	for i := 0; i < len(lx.Places); i += 97 {
		vocab = append(vocab, lx.Places[i].Name)
	}
	for i := 0; i < len(lx.Orgs); i += 7 {
		vocab = append(vocab, lx.Orgs[i].Name)
	}
	for i := 0; i < len(lx.Persons); i += 5 {
		vocab = append(vocab, lx.Persons[i].Name)
	}
	for _, t := range lx.Titles {
		vocab = append(vocab, t.Phrase)
	}
	vocab = append(vocab, "3", "12", "2023", "1.000", "2,5", "٢٠", "13/03/2017", "-", "/", ".", "،", ":", "\n", "\n\n", "(", ")", "«", "»")
	clitics := []string{"و", "ب", "ل", "وب", "ف", "ال", "لل", "وال", "بال"}
	n := 3000
	if v, err := strconv.Atoi(os.Getenv("MARSAD_WORDS_N")); err == nil && v > 0 {
		n = v
	}
	r := rand.New(rand.NewPCG(7, 11))
	for k := range n {
		var words []string
		for range 1 + r.IntN(14) {
			w := vocab[r.IntN(len(vocab))]
			if r.IntN(5) == 0 {
				w = clitics[r.IntN(len(clitics))] + w
			}
			words = append(words, w)
		}
		body := strings.Join(words, " ")
		pub := ""
		if r.IntN(3) > 0 {
			pub = "2024-03-15"
		}
		res, err := x.Extract(context.Background(), document.Document{ID: "soup-" + strconv.Itoa(k), Text: body, Published: pub})
		if errors.Is(err, clean.ErrNoText) {
			continue
		}
		if err != nil {
			t.Fatalf("text %d %q (published %q): %v", k, body, pub, err)
		}
		runes := len([]rune(res.Text))
		for _, e := range res.Events {
			if e.Evidence.Start < 0 || e.Evidence.End > runes || e.Evidence.Start > e.Evidence.End {
				t.Fatalf("text %q: evidence span [%d,%d) outside a text of %d runes", body, e.Evidence.Start, e.Evidence.End, runes)
			}
			for key, fg := range e.Figures {
				if fg.Start < 0 || fg.End > runes || fg.Start > fg.End {
					t.Fatalf("text %q: figure %s span [%d,%d) outside a text of %d runes", body, key, fg.Start, fg.End, runes)
				}
			}
		}
	}
}
