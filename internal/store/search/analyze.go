// Package search is the full-text side of the stores: the analyzer that turns text into
// index terms, used the same way when a document is indexed and when a query is read, and
// the snippets shown with a hit. Both backends index Text(title) and Text(body) and query
// with Terms(query), so the rules below are the whole of what "matches" means; the
// database only counts and ranks terms.
//
// The rules, per word (a run of letters, digits and marks; a change between Arabic and
// other letters or digits also ends a word):
//
//   - fold with text.Key: lower case, no accents or harakat, Arabic letter variants merged
//     (أإآ→ا, ى→ي, ة→ه, ؤ→و, ئ→ي, ء dropped), digits as ASCII;
//   - drop stop words (Arabic, French, English function words) and one-letter Latin words
//     (the l' d' s of elisions and possessives);
//   - Arabic: strip proclitics (و ف ب ل ك, and the article ال) one at a time while three
//     letters are left (two after ال), stopping at a protected word (names such as لبنان,
//     فلسطين that begin with those letters) or a broken plural of the table; then strip
//     one pronoun suffix (ها هم هما هن كم, with the ت of a taa marbuta before it read back
//     as ة), one plural or dual suffix (ات ون ين ان), a final ه (taa marbuta or pronoun)
//     and a final nisba ي, each only while enough of the word is left; broken plurals
//     (خلايا, عناصر, أسلحة...) become their singular first;
//   - Latin (French and English together: a query does not say its language): strip the
//     plural (-s, -ies, -aux), final -e (so -é -ée -és too), one derivational or
//     inflectional suffix (-ement -ment -ation -ing -ed -er -ism -ist -ly -ic -iqu -ait
//     -aient), final -y as -i, and a doubled final consonant.
//
// Prefix stripping depends only on the word left so far, never on what was stripped, so
// a clitic in front of a word never changes the word's term: بتفكيك, وتفكيك and تفكيك
// all index as تفكيك. The price is that words beginning with those letters lose them
// too (وزير → زير) — on both sides, so they still match each other, and collide only with
// words that reduce to the same letters. Bump Version whenever a rule changes: stores
// re-index their documents when the version they were built with differs.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"marsad/internal/text"
)

// Version names the analyzer's rules. Stores record it with their index and rebuild the
// index when it changes, so a database never mixes terms of two rule sets.
const Version = "1"

// Token is one analyzed word: its term and where it was in the analyzed text (byte
// offsets).
type Token struct {
	Term       string
	Start, End int
}

// Tokens analyzes s and returns its terms with their byte offsets, stop words left out.
func Tokens(s string) []Token {
	var out []Token
	words(s, func(start, end int) {
		if t := Term(s[start:end]); t != "" {
			out = append(out, Token{Term: t, Start: start, End: end})
		}
	})
	return out
}

// Terms returns the terms of s in order, stop words left out.
func Terms(s string) []string {
	var out []string
	words(s, func(start, end int) {
		if t := Term(s[start:end]); t != "" {
			out = append(out, t)
		}
	})
	return out
}

// Text returns the terms of s joined by spaces: what a store puts in its index column.
func Text(s string) string {
	var b strings.Builder
	b.Grow(len(s) / 2)
	words(s, func(start, end int) {
		if t := Term(s[start:end]); t != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t)
		}
	})
	return b.String()
}

// Term analyzes one word (as the tokenizer cut it) and returns its index term, or "" for
// a word that is not indexed.
func Term(w string) string {
	k := text.Key(w)
	if k == "" {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(k)
	switch {
	case text.IsArabicLetter(r):
		return arabicTerm(k)
	case r < utf8.RuneSelf && r >= '0' && r <= '9':
		return k
	default:
		if utf8.RuneCountInString(k) < 2 || latinStop[k] {
			return ""
		}
		return latinStem(k)
	}
}

type wordClass uint8

const (
	notWord wordClass = iota
	arabicWord
	otherWord
	markWord // combining marks, tatweel and joiners: part of whatever word they are in
)

func classOf(r rune) wordClass {
	// The common cases first: ASCII and the Arabic block need no Unicode table.
	switch {
	case r < utf8.RuneSelf:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return otherWord
		}
		return notWord
	case r >= 0x0600 && r <= 0x06FF:
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640, r >= 0x0610 && r <= 0x061A, r >= 0x06D6 && r <= 0x06ED:
			return markWord
		case r >= 0x0660 && r <= 0x0669, r >= 0x06F0 && r <= 0x06F9:
			return otherWord // digits
		case text.IsArabicLetter(r):
			return arabicWord
		}
		return notWord
	case r == 0x0640 || r == 0x200C || r == 0x200D || unicode.Is(unicode.Mn, r):
		return markWord
	case text.IsArabicLetter(r):
		return arabicWord
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return otherWord
	}
	return notWord
}

// words calls fn with the byte range of each word of s.
func words(s string, fn func(start, end int)) {
	start, cur := -1, notWord
	for i, r := range s {
		c := classOf(r)
		switch {
		case c == markWord:
			if start < 0 {
				continue // a mark with no word before it
			}
		case c == notWord:
			if start >= 0 {
				fn(start, i)
				start = -1
			}
		case start < 0:
			start, cur = i, c
		case c != cur:
			fn(start, i)
			start, cur = i, c
		}
	}
	if start >= 0 {
		fn(start, len(s))
	}
}
