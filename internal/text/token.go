package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind tells words, numbers and punctuation apart.
type Kind uint8

const (
	Word Kind = iota
	Number
	Punct
)

// Script of a word token.
type Script uint8

const (
	OtherScript Script = iota
	Arabic
	Latin
)

// Token is one word, number or punctuation mark with its place in the text.
type Token struct {
	Text       string // as written
	Key        string // normalized lookup form (see Key); digits as ASCII for numbers
	Start, End int    // rune offsets in the text
	Byte       int    // byte offset of the first byte
	Kind       Kind
	Script     Script
	// Break is set when a line break separates this token from the previous one; a blank
	// line (paragraph break) sets Para too.
	Break, Para bool
	// Space is set when white space separates this token from the previous one: numbers
	// like "1.000" and "2,5" are one token only when written without spaces.
	Space bool
}

// IsUpper reports whether a Latin word starts with a capital letter.
func (t Token) IsUpper() bool {
	if t.Script != Latin {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

type class uint8

const (
	clSpace class = iota
	clArabic
	clLatin
	clDigit
	clMark // combining marks and joiners: stay with the word they are in
	clPunct
)

// decode reads the rune at s[i:], with the two-byte sequences of the Arabic block
// (U+0600–U+07FF) decoded inline: they are most of Marsad's text.
func decode(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s[i:])
}

func classify(r rune) class {
	switch {
	case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
		return clSpace
	case r < utf8.RuneSelf:
		switch {
		case r >= '0' && r <= '9':
			return clDigit
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			return clLatin
		}
		return clPunct
	case r >= 0x0600 && r <= 0x06FF:
		// the Arabic block without the Unicode tables
		switch {
		case IsDigit(r):
			return clDigit
		case IsArabicLetter(r):
			return clArabic
		case isArabicMark(r):
			return clMark
		}
		return clPunct
	case IsDigit(r):
		return clDigit
	case IsArabicLetter(r):
		return clArabic
	case isArabicMark(r), unicode.Is(unicode.Mn, r), r == 0x200C, r == 0x200D:
		return clMark
	case unicode.IsSpace(r):
		return clSpace
	case unicode.IsLetter(r):
		return clLatin // Latin with accents, and any other alphabet: cased words
	}
	return clPunct
}

// runeTable answers the tokenizer's two questions about a rune below U+0800 (ASCII,
// Latin-1 and the Arabic block: nearly all of Marsad's text) with one load: its class
// (low bits) and whether a key keeps it as written (keyPlain), so that a word's key is
// known to equal the word without a second pass over it.
var runeTable = func() (t [0x800]uint8) {
	for r := range t {
		info := uint8(classify(rune(r)))
		if keepsKey(rune(r)) {
			info |= keyPlain
		}
		t[r] = info
	}
	return t
}()

const (
	classMask  = 0x0F
	keyPlain   = 0x10
	pairLetter = 0x20 // in arabicPairs: the pair is a letter or mark of the Arabic block
)

// keepsKey reports a rune that a key keeps as it is (see keyUnchanged).
func keepsKey(r rune) bool {
	if r < utf8.RuneSelf {
		return r < 'A' || r > 'Z'
	}
	return r >= 0x0621 && r <= 0x064A && r != 0x0640 && !isArabicMark(r) && foldArabic(r) == r
}

// arabicAt reads the two-byte rune of the Arabic block at s[i], if one starts there, and
// its runeTable entry: most of the runes of Arabic text, read without decode's call.
func arabicAt(s string, i int) (r rune, info uint8, ok bool) {
	if b := s[i]; b >= 0xD8 && b <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		r = rune(b&0x1F)<<6 | rune(s[i+1]&0x3F)
		return r, runeTable[r&0x7FF], true // r < 0x700: the mask spares the bounds check
	}
	return 0, 0, false
}

// arabicRun reads on from s[j] over the two-byte letters and marks of the Arabic block,
// most of an Arabic word. It returns where they end (each is one rune of two bytes) and
// their runeTable entries and-ed. One table load a letter (arabicPairs) instead of
// decoding each: with the loop before it, the tokenizer went from 558 to 420 M
// instructions per ANT pass.
func arabicRun(s string, j int) (end int, all uint8) {
	t := s[j:]
	all = 0xFF
	for len(t) >= 2 { // t shrinks from the front: no index, no bounds check
		e := arabicPairs[uint16(t[0])|uint16(t[1])<<8]
		if e == 0 {
			break
		}
		all &= e
		t = t[2:]
	}
	return len(s) - len(t), all
}

// arabicPairs holds, for each pair of bytes that encodes a letter or a mark of the Arabic
// block, its runeTable entry with pairLetter set; 0 for any other pair. It is indexed by
// the pair read little-endian (first byte low). One load a letter for arabicRun; of its
// 64 KB only the block's 1,024 pairs, 16 cache lines, are read.
var arabicPairs = func() (t [1 << 16]uint8) {
	for b := 0xD8; b <= 0xDB; b++ {
		for b2 := 0x80; b2 <= 0xBF; b2++ {
			info := runeTable[(b&0x1F)<<6|b2&0x3F]
			if c := class(info & classMask); c == clArabic || c == clMark {
				t[b|b2<<8] = info | pairLetter
			}
		}
	}
	return t
}()

// readRune reads the rune at s[i]: the rune, its size, and its runeTable entry (for a
// rune above the table, its class alone). ASCII and the two-byte runes of the Arabic
// block, nearly every rune of Marsad's text, are read without decode's call. (readRune
// itself is too large to inline: one call a rune outside an Arabic word's letters.)
func readRune(s string, i int) (rune, int, uint8) {
	if b := s[i]; b < utf8.RuneSelf {
		return rune(b), 1, runeTable[b]
	}
	if r, info, ok := arabicAt(s, i); ok {
		return r, 2, info
	}
	return readRuneSlow(s, i)
}

// readRuneSlow is readRune for any other rune.
func readRuneSlow(s string, i int) (rune, int, uint8) {
	r, size := decode(s, i)
	if r < rune(len(runeTable)) {
		return r, size, runeTable[r]
	}
	return r, size, uint8(classify(r))
}

// Tokenize splits text into tokens. Words break where the script changes ("حوالي8" is
// two tokens), numbers keep their internal separators ("1.000", "2,5", "1,45") when a
// digit follows the separator, and every other non-letter is a punctuation token of its
// own. An apostrophe inside a Latin word is kept with the left part ("l'", "d'") so
// French elision splits the way readers see it.
func Tokenize(s string) []Token {
	// about one token per space, plus punctuation: a close first guess saves both the
	// regrowth of an underestimate and the waste of a generous one (Arabic words are
	// twice as many bytes as Latin ones)
	return AppendTokens(make([]Token, 0, tokenEstimate(s)), s)
}

// tokenEstimate guesses how many tokens s holds: about one per space, plus punctuation.
func tokenEstimate(s string) int {
	n := strings.Count(s, " ") + strings.Count(s, "\n")
	return n + n/4 + 2
}

// AppendTokens appends the tokens of s to toks: Tokenize into a caller's slice. A caller
// that tokenizes many texts reuses a Tokenizer instead.
func AppendTokens(toks []Token, s string) []Token {
	var kb keyBuilder
	return appendTokens(toks, s, &kb)
}

// Tokenizer keeps the buffers in which AppendTokens builds keys, for a caller that
// tokenizes document after document: a document's buffers were its largest allocations
// after the tokens (37 of the 207 MB allocated per pass over the ANT corpus). Not safe
// for concurrent use.
type Tokenizer struct {
	kb keyBuilder
	// sents holds the sentences of the last text (AnalyzeInto)
	sents []Sentence
}

// Buffers larger than these are let go after the text that grew them, so that one very
// large document does not pin them for the rest of a run.
const (
	maxKeptKeys  = 1 << 22
	maxKeptSpans = 1 << 17
)

// Append is AppendTokens with z's buffers.
func (z *Tokenizer) Append(toks []Token, s string) []Token {
	z.kb.buf, z.kb.spans = z.kb.buf[:0], z.kb.spans[:0]
	toks = appendTokens(toks, s, &z.kb)
	if cap(z.kb.buf) > maxKeptKeys || cap(z.kb.spans) > maxKeptSpans {
		z.kb = keyBuilder{}
	}
	return toks
}

// keySpan is where a key that differs from its word sits in the keys buffer.
type keySpan struct{ tok, from, to int }

// keyBuilder holds the keys that differ from their words while a text is tokenized:
// behind a pointer, so that the tokenizer's loop does not carry (and spill and reload
// at every token) six more registers.
type keyBuilder struct {
	buf   []byte
	spans []keySpan
}

// appendTokens appends the tokens of s to toks. Keys that differ from their word are
// built into kb and cut out of one string at the end: one allocation per text instead
// of one per such word. kb keeps its grown buffers for reuse.
func appendTokens(toks []Token, s string, kb *keyBuilder) []Token {
	base := len(toks) // the first token of s counts as spaced
	runeIdx := 0
	lines := 0
	space := false
	i := 0
	for i < len(s) {
		if s[i] == ' ' {
			// the space between words, a sixth of the bytes of Arabic text: no calls
			space = true
			i++
			runeIdx++
			continue
		}
		r, size, info := readRune(s, i)
		c, plain := class(info&classMask), info&keyPlain != 0
		if c == clSpace {
			if r == '\n' {
				lines++
			}
			space = true
			i += size
			runeIdx++
			continue
		}
		if c == clMark {
			// A stray mark with no word before it: skip it.
			i += size
			runeIdx++
			continue
		}
		start, startRune := i, runeIdx
		j, jr := i+size, runeIdx+1
		kind, script := Punct, OtherScript
		switch c {
		case clArabic, clLatin:
			kind = Word
			if c == clArabic {
				script = Arabic
				// The two-byte letters that make most of an Arabic word, in a loop of
				// their own; the loop below reads on from the first other rune.
				end, all := arabicRun(s, j)
				j, jr = end, jr+(end-j)/2
				plain = plain && all&keyPlain != 0
			} else {
				script = Latin
			}
			for j < len(s) {
				r2, sz2, info := readRune(s, j)
				c2, plain2 := class(info&classMask), info&keyPlain != 0
				if c2 == c || c2 == clMark {
					j += sz2
					jr++
					plain = plain && plain2
					continue
				}
				if c == clLatin && (r2 == '\'' || r2 == '’') && isElision(s[i:j]) {
					// French elision: keep the apostrophe with the article and stop
					// ("l'État", "qu'il"). Other apostrophes (Heyer's, O'Brien) are
					// punctuation of their own, soft for the matcher.
					j += sz2
					jr++
					plain = plain && plain2
				}
				break
			}
		case clDigit:
			kind = Number
			plain = false // decided below, on the whole number
			for j < len(s) {
				r2, sz2 := decode(s, j)
				if IsDigit(r2) {
					j += sz2
					jr++
					continue
				}
				if r2 == '.' || r2 == ',' || r2 == '٫' || r2 == '٬' || r2 == '،' {
					if r3, sz3 := utf8.DecodeRuneInString(s[j+sz2:]); j+sz2 < len(s) && IsDigit(r3) {
						j += sz2 + sz3
						jr += 2
						continue
					}
				}
				break
			}
		}
		t := Token{
			Text: s[start:j], Start: startRune, End: jr, Byte: start,
			Kind: kind, Script: script,
			Break: lines > 0, Para: lines > 1, Space: space || len(toks) == base,
		}
		t.Key = t.Text
		if kind == Number {
			plain = keyIsWord(t.Text)
		}
		if kind != Punct && !plain {
			kb.add(len(toks), t.Text, s)
		}
		toks = append(toks, t)
		lines, space = 0, false
		i, runeIdx = j, jr
	}
	if len(kb.spans) > 0 {
		keys := string(kb.buf)
		for _, k := range kb.spans {
			toks[k.tok].Key = keys[k.from:k.to]
		}
	}
	return toks
}

// add builds the key of word, token tok of text s.
func (kb *keyBuilder) add(tok int, word, s string) {
	if cap(kb.buf) == 0 {
		kb.buf = make([]byte, 0, len(s)/2+16)
		kb.spans = make([]keySpan, 0, tokenEstimate(s)/2+8)
	}
	from := len(kb.buf)
	kb.buf = appendKey(kb.buf, word)
	kb.spans = append(kb.spans, keySpan{tok, from, len(kb.buf)})
}

// isElision reports the French words that elide before a vowel: l', d', qu', jusqu'...
func isElision(w string) bool {
	switch strings.ToLower(w) {
	case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu":
		return true
	}
	return false
}

// Soft reports punctuation that may sit inside a name without breaking it: hyphens,
// apostrophes, dots of abbreviations ("U.S."), the Arabic tatweel-like joiners.
func (t Token) Soft() bool {
	if t.Kind != Punct {
		return false
	}
	switch t.Text {
	case "-", "‐", "‑", "'", "’", ".", "_":
		return true
	}
	return false
}
