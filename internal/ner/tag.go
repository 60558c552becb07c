package ner

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"marsad/internal/lexicon"
	"marsad/internal/recognize"
	"marsad/internal/text"
)

// Options tune Tag.
type Options struct {
	// Window is how many consecutive sentences are recognized as one text, in blocks that do
	// not overlap. Context helps the recognizer: a lone surname is a person once the full name
	// came earlier, and the places named decide which country a text is about. 1 (or 0)
	// recognizes each sentence alone.
	Window int
	// Lang is the declared language ("ar", "fr", "en"); empty lets the analyzer detect it.
	Lang string
	// Workers is how many goroutines share the blocks; 1 (or 0) tags on the caller's.
	Workers int
}

// Tag predicts a BIO tag (PERS, LOC, ORG) for every token of every sentence. Marsad never
// predicts MISC: it has no such class, and guessing one would only add noise to the figures.
//
// The recognizer reads running text with its own tokens (clitics attached, punctuation
// apart), so the tokens of a block are joined with spaces, sentences with line breaks (which
// end a sentence for the analyzer too), and each entity found is mapped back, by rune
// offsets, to every given token it overlaps. Generic bodies ("the police") are left out;
// outlets, which Marsad keeps out of its entity lists, are named organisations here (ORG).
//
// A recognizer bug met on a block is returned as a *TagError naming the block, rather than
// crashing the run from a worker goroutine.
func Tag(lx *lexicon.Lexicon, sents [][]string, opt Options) ([][]string, error) {
	window := max(opt.Window, 1)
	out := make([][]string, len(sents))
	blocks := (len(sents) + window - 1) / window
	errs := make([]error, blocks) // one slot per block: workers never share one
	run := func(b int) {
		from := b * window
		to := min(from+window, len(sents))
		defer func() {
			if r := recover(); r != nil {
				errs[b] = &TagError{From: from, To: to, Cause: r}
			}
		}()
		tagBlock(lx, sents[from:to], out[from:to], opt.Lang)
	}
	workers := min(max(opt.Workers, 1), blocks)
	if workers <= 1 {
		for b := range blocks {
			run(b)
		}
	} else {
		next := make(chan int)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for b := range next {
					run(b)
				}
			})
		}
		for b := range blocks {
			next <- b
		}
		close(next)
		wg.Wait()
	}
	for _, err := range errs {
		if err != nil {
			return nil, err // the first block's: later ones are most likely the same bug
		}
	}
	return out, nil
}

// TagError reports a recognizer failure on sentences [From, To) (indexes into Tag's input).
type TagError struct {
	From, To int
	Cause    any
}

func (e *TagError) Error() string {
	return fmt.Sprintf("tag sentences %d to %d: internal error in the recognizer: %v (please report it with these sentences)",
		e.From, e.To-1, e.Cause)
}

// tokSpan is the rune span of one given token in the joined text.
type tokSpan struct{ start, end int }

// tagBlock recognizes sents as one text and writes their tags into out.
func tagBlock(lx *lexicon.Lexicon, sents [][]string, out [][]string, lang string) {
	var b strings.Builder
	var spans []tokSpan
	runes := 0
	for i, s := range sents {
		if i > 0 {
			b.WriteByte('\n')
			runes++
		}
		for j, w := range s {
			if j > 0 {
				b.WriteByte(' ')
				runes++
			}
			n := utf8.RuneCountInString(w)
			spans = append(spans, tokSpan{runes, runes + n})
			b.WriteString(w)
			runes += n
		}
	}
	a := text.Analyze(b.String(), lang)
	d := recognize.Recognize(lx, &a, "")

	ents := make([]recognize.Entity, 0, len(d.Entities))
	for _, e := range d.Entities {
		// Outlets are hidden from Marsad's entity lists (they are sources, not actors),
		// but a news agency is a named organisation for NER: tag it ORG.
		if b, _ := bioTags(e.Type); b != "" && !e.Generic {
			ents = append(ents, e)
		}
	}
	// Outer entities first: a place nested in a unit's name ("منطقة الشرطة بالمهدية")
	// must not split the organisation it belongs to.
	sort.SliceStable(ents, func(i, j int) bool {
		if ents[i].From != ents[j].From {
			return ents[i].From < ents[j].From
		}
		return ents[i].To > ents[j].To
	})

	// owner[k] is the entity that given token k belongs to, -1 for none; the first entity
	// to claim a token keeps it.
	owner := make([]int, len(spans))
	for k := range owner {
		owner[k] = -1
	}
	for ei, e := range ents {
		start, end := a.Tokens[e.From].Start, a.Tokens[e.To-1].End
		k := sort.Search(len(spans), func(k int) bool { return spans[k].end > start })
		for ; k < len(spans) && spans[k].start < end; k++ {
			if owner[k] < 0 {
				owner[k] = ei
			}
		}
	}

	k := 0
	for i, s := range sents {
		tags := make([]string, len(s))
		for j := range s {
			if ei := owner[k]; ei >= 0 {
				b, in := bioTags(ents[ei].Type)
				if j > 0 && owner[k-1] == ei {
					tags[j] = in
				} else {
					tags[j] = b
				}
			} else {
				tags[j] = "O"
			}
			k++
		}
		out[i] = tags
	}
}

// bioTags maps a Marsad entity type to the B- and I- tags of the CoNLL type that Arabic and
// European NER corpora use for it; both are empty for types without one. Constant strings
// spare an allocation per tagged token.
func bioTags(t string) (begin, inside string) {
	switch t {
	case "person":
		return "B-PERS", "I-PERS"
	case "place":
		return "B-LOC", "I-LOC"
	case "org":
		return "B-ORG", "I-ORG"
	}
	return "", ""
}
