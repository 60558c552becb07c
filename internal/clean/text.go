// Package clean turns what an outlet published into the plain text Marsad analyzes: the main
// text of a web page, with the page furniture around an article (cookie banners, "subscribe",
// "leave a comment", share buttons, bylines) removed. Every offset Marsad reports refers to
// the text made here, so cleaning is deterministic and idempotent: Text(Text(s)) == Text(s).
package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// Text normalizes plain text and removes page furniture from it.
//
// Normalization: valid UTF-8 (invalid bytes become U+FFFD); line endings, U+2028/U+2029,
// NEL, VT and FF become "\n"; tabs, NBSP and the other Unicode spaces become " ", and runs
// of spaces one space; lines are trimmed; runs of blank lines become one blank line (a
// paragraph break), and the text has no leading or trailing blank lines. Control
// characters, zero-width characters and bidi controls are removed: they are invisible,
// and inside a word they would split it for tokenizers and gazetteer lookups. That
// includes ZWNJ and ZWJ: Marsad's languages (Arabic, Darija, French, English) spell no
// word with them (in Arabic script they only alter glyph joining), and keeping them inside
// words would make "حموشي" and "حمو\u200cشي" different names. The text is put in NFC, so that
// a decomposed "é" or "أ" matches its precomposed form.
//
// Furniture: lines that are cookie banners, newsletter and comment prompts, "back to top",
// share and "follow us" buttons, "read also" links, tag lists, bylines and credit lines
// are dropped, in Arabic, French and English. A header line that carries the publication
// date among furniture ("تكتب نهار 26 ديسمبر، 2023 مع 12:30 في الواجهة تابعونا على ...")
// is replaced by its date ("26 ديسمبر، 2023"), because the extractor reads a dateline as
// the publication date and the rest of the line is not the article. A plain dateline
// ("8 مايو 2025", "21 février 2016. –") is kept. A repeat of the headline among the
// first lines (title, dateline, title again) is dropped. The rules are conservative:
// furniture lines are short and match known phrases; an article sentence is never dropped
// because it mentions a cookie or a newsletter.
func Text(s string) string {
	var c Cleaner
	return c.Text(s)
}

// Cleaner cleans texts one after the other in the same buffers (the folded keys of their
// lines): Text and Document with a Cleaner kept by the caller spare a buffer a document.
// The zero value is ready; a Cleaner is not safe for concurrent use.
type Cleaner struct {
	f folder // each line's folded key, while it is classified
}

// maxKeptFold bounds the fold buffer a Cleaner keeps from one text to the next.
const maxKeptFold = 1 << 16

// Text is the package's Text, in c's buffers.
func (c *Cleaner) Text(s string) string {
	n := normalize(s)
	// Lines are read in place; the list of kept lines is made only once a line changes
	// or goes (most articles keep every line, and are then n itself).
	var kept []string
	var title titleRepeats // the headline's copies among the lines kept so far
	f := &c.f
	for start := 0; ; {
		end := strings.IndexByte(n[start:], '\n')
		if end < 0 {
			end = len(n)
		} else {
			end += start
		}
		line := n[start:end]
		out, keepLine := line, true
		switch act, date := classify(line, f); act {
		case replace:
			out = date
		case drop:
			keepLine = false
		}
		if keepLine {
			keepLine = title.keep(out)
		}
		if kept == nil && (!keepLine || out != line) {
			kept = []string{}
			if start > 0 {
				kept = strings.Split(n[:start-1], "\n")
			}
		}
		if kept != nil && keepLine {
			kept = append(kept, out)
		}
		if end == len(n) {
			break
		}
		start = end + 1
	}
	if cap(f.buf) > maxKeptFold {
		f.buf = nil // a very long line's buffer is not kept for the next text
	}
	if kept == nil {
		if isJoined(n) {
			// Every line kept as it is, in text with nothing for joinParagraphs to collapse:
			// joining the lines again would give n.
			return n
		}
		kept = strings.Split(n, "\n")
	}
	return joinParagraphs(kept)
}

// isJoined reports text that joinParagraphs(strings.Split(s, "\n")) leaves as it is: no
// blank line at either end, and no two blank lines in a row.
func isJoined(s string) bool {
	return !strings.HasPrefix(s, "\n") && !strings.HasSuffix(s, "\n") && !strings.Contains(s, "\n\n\n")
}

// normalize applies the character-level rules of Text and trims lines. It leaves blank
// lines in place; joinParagraphs collapses them after furniture is dropped, so that the
// blank lines around a dropped line merge into one paragraph break.
//
// It applies every character rule in one pass over the bytes (line endings, odd spaces,
// invisible characters, runs of spaces, spaces at the ends of lines), then NFC when the
// text holds something NFC could compose. Most stored articles are already normal, and
// most of any article is: runs of text the rules leave as they are (printable ASCII, the
// Arabic letters, line breaks, single spaces between them) are only scanned, and copied
// whole; a text that is all such runs is returned as it is.
func normalize(s string) string {
	var b []byte   // nil while the output is s itself, up to from
	from := 0      // s[from:i] is written as it is
	space := false // a space is pending: written only if a non-space follows on the line
	lineStart := true
	// compose is whether the output holds a rune NFC could compose (mayComposeRune),
	// kept as runes go by rather than found by another pass.
	compose := false
	invalid := false // in a run of invalid bytes: one U+FFFD stands for the whole run
	for i := 0; i < len(s); {
		c := s[i]
		if !space {
			// The runs kept as they are; no space is pending before them.
			switch {
			case c >= 0x21 && c < 0x7F:
				lineStart, invalid = false, false
				var comp bool
				i, comp = keptRun(s, i+1)
				compose = compose || comp
				continue
			case c == '\n':
				lineStart, invalid = true, false
				i++
				continue
			case c >= 0xD8 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
				// the Arabic block U+0600–U+06FF, but for the invisible letter mark
				if r := rune(c&0x1F)<<6 | rune(s[i+1]&0x3F); r != 0x061C {
					var comp bool
					i, comp = keptRun(s, i+2)
					compose = compose || comp || r >= 0x0653 && r <= 0x0655 // hamza and madda marks
					lineStart, invalid = false, false
					continue
				}
			case c == ' ' && !lineStart && i+1 < len(s):
				// one space inside a line, before what the cases above keep
				if d := s[i+1]; d >= 0x21 && d < 0x7F ||
					d >= 0xD8 && d <= 0xDB && i+2 < len(s) && s[i+2]&0xC0 == 0x80 && !(d == 0xD8 && s[i+2] == 0x9C) {
					invalid = false
					i++
					continue
				}
			}
		}
		if b == nil {
			b = make([]byte, 0, len(s))
		}
		b = append(b, s[from:i]...)
		var r rune
		size := 1
		switch {
		case c < utf8.RuneSelf:
			r = rune(c)
		case c >= 0xD8 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			r, size = rune(c&0x1F)<<6|rune(s[i+1]&0x3F), 2
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		from = i
		if r == utf8.RuneError && size == 1 {
			if invalid {
				continue
			}
			invalid = true
		} else {
			invalid = false
		}
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++ // \r\n is one line break
				from = i
			}
			fallthrough
		case r == '\n' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b = append(b, '\n')
			space, lineStart = false, true
		case r == ' ' || r == '\t' || isOddSpace(r):
			space = true
		case r < 0x20 || (r >= 0x7F && r < 0xA0) || isInvisible(r):
			// dropped
		default:
			if space && !lineStart {
				b = append(b, ' ')
			}
			space, lineStart = false, false
			switch {
			case size == 1 && r < utf8.RuneSelf:
				b = append(b, c)
			case r == utf8.RuneError && size == 1:
				b = append(b, "\uFFFD"...)
				compose = true // as mayComposeRune(utf8.RuneError)
			default:
				// a valid rune: its bytes are its encoding
				b = append(b, s[i-size:i]...)
				compose = compose || mayComposeRune(r)
			}
		}
	}
	out := s
	if b != nil {
		// b is the text's own array, written no more: the string is made on it rather than
		// a copy of it (as strings.Builder does)
		b = append(b, s[from:]...)
		out = unsafe.String(unsafe.SliceData(b), len(b))
	}
	// NFC last: removing an invisible character between a letter and its combining mark
	// must not leave them uncomposed; spaces and line breaks are never composed.
	if compose {
		out = norm.NFC.String(out)
	}
	return out
}

// keptRun returns where the run of bytes normalize keeps as they are ends, from s[i] on:
// printable ASCII, the two-byte runes of the Arabic block but the invisible letter mark
// U+061C, and single spaces between them; a rune before s[i] was kept, so the line has
// started. compose reports a hamza or madda mark (U+0653–U+0655) in the run. A loop of its
// own, away from normalize's many variables: 351 → 257 M instructions per ANT pass for
// the two together.
func keptRun(s string, i int) (end int, compose bool) {
	t := s[i:]     // shrinks from the front as it is read: no index, no bounds checks
	var seen uint8 // the pair bits of the letters read, for pairComposes
	for len(t) > 0 {
		// two letters at a time while they last: most of an Arabic word
		for len(t) >= 4 {
			// one 4-byte load (the compiler merges the byte loads), two pairs
			w := uint32(t[0]) | uint32(t[1])<<8 | uint32(t[2])<<16 | uint32(t[3])<<24
			e1, e2 := arabicPairs[uint16(w)], arabicPairs[uint16(w>>16)]
			if e1&e2&pairKept == 0 {
				break
			}
			seen |= e1 | e2
			t = t[4:]
		}
		if len(t) == 0 {
			break
		}
		c := t[0]
		if len(t) >= 2 {
			if e := arabicPairs[uint16(c)|uint16(t[1])<<8]; e&pairKept != 0 {
				seen |= e
				t = t[2:]
				continue
			}
		}
		if c-0x21 < 0x7F-0x21 { // printable ASCII
			t = t[1:]
			continue
		}
		// a space before a kept rune
		if c != ' ' || len(t) < 2 {
			break
		}
		if d := t[1]; d-0x21 < 0x7F-0x21 || len(t) >= 3 && arabicPairs[uint16(d)|uint16(t[2])<<8]&pairKept != 0 {
			t = t[1:]
			continue
		}
		break
	}
	return len(s) - len(t), seen&pairComposes != 0
}

// arabicPairs tells, for each pair of bytes that encodes a rune of the Arabic block
// (U+0600–U+06FF), what the cleaning loops ask of it (the pair* bits); 0 for any other
// pair. It is indexed by the pair read little-endian (first byte low), so that a loop can
// read two pairs in one 4-byte load. One load a letter for keptRun, foldKeptRun and
// countWords; of its 64 KB only the block's 1,024 pairs, 16 cache lines, are read.
var arabicPairs = func() (t [1 << 16]uint8) {
	for r := rune(0x600); r <= 0x6FF; r++ {
		e := uint8(pairArabic)
		if r != 0x061C { // the invisible letter mark, which normalize drops
			e |= pairKept
		}
		if r >= 0x0653 && r <= 0x0655 { // hamza and madda marks
			e |= pairComposes
		}
		switch {
		case foldDrops(r):
			e |= pairFoldDrops
		case r != 'أ' && r != 'إ' && r != 'آ' && r != 'ٱ' && r != 'ى': // the cases of fold's switch
			e |= pairFoldKeeps
		}
		if unicode.IsDigit(r) {
			e |= pairDigit
		}
		t[uint16(0xC0|r>>6)|uint16(0x80|r&0x3F)<<8] = e
	}
	return t
}()

const (
	pairArabic    = 1 << iota // a rune of the Arabic block, none of which is a space
	pairKept                  // normalize keeps it as it is
	pairComposes              // NFC may compose it with what precedes it
	pairFoldDrops             // fold removes it: a haraka or the tatweel
	pairFoldKeeps             // fold keeps it as it is
	pairDigit                 // a digit (٠-٩, ۰-۹)
)

// mayComposeRune reports a rune NFC could change or compose with what precedes it: a
// combining mark (Latin accents, the Arabic hamza and madda marks) or a character outside
// the Arabic and Latin-1 ranges. Most news text holds none, and skipping NFC then saves a
// full pass over the text.
func mayComposeRune(r rune) bool {
	switch {
	case r < 0x300:
	case r >= 0x0600 && r <= 0x0652, r >= 0x0656 && r <= 0x06FF:
	case r >= 0x2000 && r <= 0x206F: // general punctuation
	default:
		return true
	}
	return false
}

// isOddSpace reports the Unicode spaces other than U+0020 that appear in web text.
func isOddSpace(r rune) bool {
	switch {
	case r == 0xA0, r == 0x1680, r >= 0x2000 && r <= 0x200A, r == 0x202F, r == 0x205F, r == 0x3000:
		return true
	}
	return false
}

// isInvisible reports format characters that have no visible form: zero-width spaces and
// joiners, soft hyphens, word joiners, BOMs, bidi marks, embeddings and isolates.
func isInvisible(r rune) bool {
	switch {
	case r == 0xAD, r == 0x061C, r == 0x180E, r >= 0x200B && r <= 0x200F,
		r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069, r == 0xFEFF:
		return true
	}
	return false
}

// joinParagraphs joins lines, keeping at most one blank line between paragraphs and none
// at either end.
func joinParagraphs(lines []string) string {
	var b strings.Builder
	size := 0 // at most: each line, and two line breaks before it
	for _, line := range lines {
		size += len(line) + 2
	}
	b.Grow(size)
	blank := false
	for _, line := range lines {
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

// headLines is how far into an article a repeated headline is looked for: scrapers print
// the title, a dateline or byline, then the title again.
const headLines = 5

// titleRepeats reads lines in order and tells the copies of the first one among the next
// headLines non-blank lines, which Text drops. Copies do not count towards that window, so
// a run of copies goes in one pass (which keeps Text idempotent).
type titleRepeats struct {
	title string
	seen  int // non-blank lines after the title, copies apart
}

// keep reports whether line is not a copy of the title within the window.
func (t *titleRepeats) keep(line string) bool {
	switch {
	case line == "":
	case t.title == "":
		t.title = line
	case line == t.title && t.seen < headLines:
		return false
	default:
		t.seen++
	}
	return true
}

// fold is the key furniture phrases are matched on: lower case, Latin accents and Arabic
// harakat and tatweel removed, alef variants and alef maqsura folded, apostrophes unified.
// It is deliberately small; the analyzer's own normalization lives in package text, which
// comes after cleaning. Runs of text that fold to themselves are copied whole, and a line
// that folds to itself is returned as it is. Text folds through its Cleaner's folder;
// fold is the same for a line alone (the tests' reference).
func fold(s string) string {
	var f folder
	return f.fold(s)
}

// folder folds lines in one buffer: Text folds every short line to classify it, and a
// new string for each was two allocations an ANT document.
type folder struct{ buf []byte }

// fold is fold(s), in f's buffer when it differs from s: valid until f's next use.
func (f *folder) fold(s string) string {
	b := f.buf[:0]
	from := 0 // s[from:i] folds to itself, and is written when a change comes
	for i := 0; i < len(s); {
		if j := foldKeptRun(s, i); j > i {
			i = j
			continue
		}
		c := s[i]
		size := 1
		// When s[i:i+size] changes, it folds to the string to, or else to the rune r, or
		// else (both zero) to nothing.
		var to string
		var r rune
		switch {
		case c < utf8.RuneSelf:
			if c < 'A' || c > 'Z' {
				i++
				continue
			}
			to = asciiLower[c-'A' : c-'A'+1]
		case c >= 0xD8 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			// The Arabic block, most of the text, decoded inline; it has no case
			// (TestFoldArabicHasNoCase), so its letters are kept as they are.
			size = 2
			switch r := rune(c&0x1F)<<6 | rune(s[i+1]&0x3F); {
			case foldDrops(r):
			case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
				to = "ا"
			case r == 'ى':
				to = "ي"
			default:
				i += 2
				continue
			}
		default:
			var in rune
			in, size = utf8.DecodeRuneInString(s[i:])
			switch {
			case foldDrops(in):
			case in == '’', in == '‘', in == 'ʼ', in == '´':
				to = "'"
			default:
				r = in
				if r >= latinFirst && r <= latinLast {
					r = latinBase[r-latinFirst]
				}
				r = unicode.ToLower(r)
				if r == in && (in != utf8.RuneError || size > 1) {
					i += size
					continue
				}
			}
		}
		if cap(b) < len(s) {
			b = make([]byte, 0, max(len(s), 2*cap(b)))
		}
		b = append(b, s[from:i]...)
		if to != "" || r == 0 {
			b = append(b, to...)
		} else {
			b = utf8.AppendRune(b, r)
		}
		i += size
		from = i
	}
	if from == 0 {
		return s // nothing changed
	}
	b = append(b, s[from:]...)
	f.buf = b
	return unsafe.String(unsafe.SliceData(b), len(b))
}

const asciiLower = "abcdefghijklmnopqrstuvwxyz"

// foldKeptRun returns where the run of bytes fold leaves as they are ends, from s[i] on:
// ASCII but capitals, and the runes of the Arabic block fold keeps. Its own loop:
// fold went from 102 to 74 M instructions per ANT pass.
func foldKeptRun(s string, i int) int {
	t := s[i:]
	k := 0
	for k < len(t) {
		c := t[k]
		if c < utf8.RuneSelf {
			if c-'A' <= 'Z'-'A' {
				break
			}
			k++
			continue
		}
		if k+1 >= len(t) || arabicPairs[uint16(c)|uint16(t[k+1])<<8]&pairFoldKeeps == 0 {
			break
		}
		k += 2
	}
	return i + k
}

// foldDrops: the harakat and the tatweel, which fold removes.
func foldDrops(r rune) bool {
	return r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640
}

// latinBase maps the Latin-1 and Latin Extended-A letters to their base letter, the first
// rune of their canonical decomposition ("é" → "e"), computed once instead of per rune.
const latinFirst, latinLast = 0xC0, 0x17F

var latinBase = func() (t [latinLast - latinFirst + 1]rune) {
	for r := rune(latinFirst); r <= latinLast; r++ {
		t[r-latinFirst], _ = utf8.DecodeRuneInString(norm.NFD.String(string(r)))
	}
	return t
}()
