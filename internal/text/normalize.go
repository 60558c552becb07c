// Package text analyzes cleaned article text: language, Arabic and Latin normalization,
// tokens with offsets, sentences. Everything downstream (recognize, event, search) looks
// words up through the normalized keys made here, so the folding rules live in one place.
package text

import (
	"fmt"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// IsArabicLetter reports whether r is an Arabic-script letter (not a digit or a mark).
func IsArabicLetter(r rune) bool {
	switch {
	case r >= 0x0621 && r <= 0x063A, r >= 0x0641 && r <= 0x064A,
		r >= 0x0671 && r <= 0x06D3, r == 0x06D5,
		r >= 0x06FA && r <= 0x06FC, r >= 0x0750 && r <= 0x077F,
		r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFC:
		return true
	}
	return false
}

// isArabicMark reports harakat, Quranic marks and tatweel: dropped from keys.
func isArabicMark(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || (r >= 0x06D6 && r <= 0x06ED) ||
		r == 0x0640 || (r >= 0x0610 && r <= 0x061A)
}

// digitValue returns the value of an ASCII, Arabic-Indic or Eastern Arabic-Indic digit.
func digitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= 0x0660 && r <= 0x0669:
		return int(r - 0x0660), true
	case r >= 0x06F0 && r <= 0x06F9:
		return int(r - 0x06F0), true
	}
	return 0, false
}

// IsDigit reports whether r is a decimal digit in any of the scripts the press uses.
func IsDigit(r rune) bool { _, ok := digitValue(r); return ok }

// foldArabic maps one Arabic letter to its lookup form: hamza carriers and alef variants to
// bare alef, alef maqsura to yaa, taa marbuta to haa, Persian/Maghrebi letters to their
// Arabic equivalents. It returns 0 for characters that vanish from keys.
func foldArabic(r rune) rune {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		return 'ا'
	case 'ى', 'ئ', 'ی', 'ې':
		return 'ي'
	case 'ة', 'ۀ', 'ە':
		return 'ه'
	case 'ؤ':
		return 'و'
	case 'ء':
		return 0
	case 'ک', 'ڪ':
		return 'ك'
	case 'گ', 'ڭ', 'ڨ':
		// Maghrebi spellings of the hard g (ڭ in Morocco, ڨ in Algeria and Tunisia) are
		// written ك or ق by other outlets; ق is the commoner in names (ڨابس / قابس).
		return 'ق'
	case 'ڤ', 'ۋ', 'ڥ':
		return 'ف'
	case 'پ':
		return 'ب'
	case 'چ':
		return 'ج'
	}
	return r
}

// Key returns the normalized lookup form of a single word in any script: Arabic folded
// (no marks, no tatweel, letter variants merged), Latin lower-cased without accents,
// digits as ASCII. It does not strip clitics: see VariantsOf.
func Key(w string) string {
	if keyIsWord(w) {
		return w
	}
	return string(appendKey(make([]byte, 0, len(w)), w))
}

// keyIsWord reports a word that is its own key: ASCII without capitals, or Arabic that
// folding leaves as it is (the common cases), so no key need be built.
func keyIsWord(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			return keyUnchanged(w)
		}
	}
	return true
}

// AppendKey appends the key of w to dst: Key without a new string, for a caller that only
// compares it.
func AppendKey(dst []byte, w string) []byte { return appendKey(dst, w) }

// appendKey appends the key of w to dst.
func appendKey(dst []byte, w string) []byte {
	// The leading Arabic letters that are their own key ("مدينة" up to its ة), copied at
	// once: the loop below reads each letter through a table and appends it.
	t := w // shrinks from the front as it is read: no index, no bounds checks
	for len(t) >= 2 && arabicPairs[uint16(t[0])|uint16(t[1])<<8]&keyPlain != 0 {
		t = t[2:]
	}
	i := len(w) - len(t)
	dst = append(dst, w[:i]...)
	for i < len(w) {
		// two-byte letters of the Arabic block through the table; any other rune as
		// ranging over w would decode it
		if c := w[i]; c >= 0xD8 && c <= 0xDB && i+1 < len(w) && w[i+1]&0xC0 == 0x80 {
			// one or two bytes appended as bytes: a copy call per letter cost more;
			// (c-0xD8)<<6 | low bits is the rune minus U+0600, an index below 0x100
			switch k := &arabicKeys[uint8(c&0x03)<<6|w[i+1]&0x3F]; k.n {
			case 2:
				dst = append(dst, k.b[0], k.b[1])
			case 1:
				dst = append(dst, k.b[0])
			}
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		dst = appendKeyRune(dst, r)
		i += size
	}
	return dst
}

// arabicKeys holds what appendKeyRune appends for each rune of the Arabic block
// (U+0600–U+06FF): nothing for a mark, an ASCII digit, or the folded letter.
var arabicKeys = func() (t [0x100]struct {
	n uint8
	b [2]byte
}) {
	for r := rune(0x600); r < 0x700; r++ {
		k := appendKeyRune(nil, r)
		if len(k) > len(t[0].b) {
			panic(fmt.Sprintf("text: the key of %U is %d bytes", r, len(k)))
		}
		t[r-0x600].n = uint8(copy(t[r-0x600].b[:], k))
	}
	return t
}()

// keyUnchanged reports an Arabic word that folding leaves as it is (the common case), so
// Key can return it without allocating.
func keyUnchanged(w string) bool {
	for i := 0; i < len(w); {
		b := w[i]
		if b >= 0xD8 && b <= 0xD9 && i+1 < len(w) {
			// two-byte Arabic letters U+0600–U+067F, decoded by hand: the hot path
			r := rune(b&0x1F)<<6 | rune(w[i+1]&0x3F)
			if r < 0x0621 || r > 0x064A || r == 0x0640 || foldArabic(r) != r {
				return false
			}
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		i += size
		if r < utf8.RuneSelf {
			if r >= 'A' && r <= 'Z' {
				return false
			}
			continue
		}
		if r < 0x0621 || r > 0x064A || isArabicMark(r) || foldArabic(r) != r {
			return false
		}
	}
	return true
}

func appendKeyRune(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		b = append(b, byte(r))
		return b
	}
	if isArabicMark(r) {
		return b
	}
	if d, ok := digitValue(r); ok {
		b = append(b, byte('0'+d))
		return b
	}
	if r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F {
		if f := foldArabic(r); f != 0 {
			b = utf8.AppendRune(b, f)
		}
		return b
	}
	switch r {
	case 'œ', 'Œ':
		return append(b, "oe"...)
	case 'æ', 'Æ':
		return append(b, "ae"...)
	case 'ß':
		return append(b, "ss"...)
	case 'ı':
		return append(b, 'i')
	case 'ł', 'Ł':
		return append(b, 'l')
	case 'đ', 'Đ':
		return append(b, 'd')
	case 'ø', 'Ø':
		return append(b, 'o')
	}
	if r >= latinFirst && r <= latinLast {
		return append(b, latinKeys[r-latinFirst]...)
	}
	return appendDecomposed(b, r)
}

// appendDecomposed decomposes r and drops its combining marks: é → e, ç → c, ñ → n.
func appendDecomposed(b []byte, r rune) []byte {
	var buf [utf8.UTFMax * 4]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, d := range norm.NFD.String(string(buf[:n])) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		b = utf8.AppendRune(b, unicode.ToLower(d))
	}
	return b
}

// latinKeys holds appendDecomposed for Latin-1 and Latin Extended-A, the accented letters
// of French and of most names in Latin script, computed once: decomposing per letter was
// most of the cost of keying Latin words (and of compiling the gazetteer).
const latinFirst, latinLast = 0xC0, 0x17F

var latinKeys = func() (t [latinLast - latinFirst + 1]string) {
	for r := rune(latinFirst); r <= latinLast; r++ {
		t[r-latinFirst] = string(appendDecomposed(nil, r))
	}
	return t
}()

// NormalizeArabic folds a whole Arabic string for display-independent comparison
// (marks, tatweel and letter variants), keeping spaces and punctuation as they are.
func NormalizeArabic(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if isArabicMark(r) {
			continue
		}
		if r >= 0x0600 && r <= 0x06FF {
			if d, ok := digitValue(r); ok {
				b.WriteByte(byte('0' + d))
				continue
			}
			if f := foldArabic(r); f != 0 {
				b.WriteRune(f)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NormalizeKey folds a phrase into the space-separated keys of its words, the form the
// lexicon matcher stores names in. Soft punctuation (hyphens, apostrophes, dots inside
// abbreviations) is dropped, so "Saint-Denis" and "Saint Denis" share a key.
func NormalizeKey(s string) string {
	toks := Tokenize(s)
	parts := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.Kind == Punct {
			continue
		}
		parts = append(parts, t.Key)
	}
	return strings.Join(parts, " ")
}

// Variants are the lookup keys a folded Arabic word may stand for once its proclitics are
// removed: the conjunctions و ف, the prepositions ب ل ك, and ل + ال written لل. The word
// itself comes first. Variants shorter than two letters are not produced, so "ولد" never
// becomes "لد". It is a value type so that the hot matching loop allocates nothing except
// for the rare لل words.
type Variants struct {
	n int
	v [5]string
	// article is the index of the variant without the article ال, or 0 when there is
	// none: only some lexicon words may be read through an article (see lexicon.Payload).
	article int
}

// Article returns the index of the article-less variant ("الزيارة" → "زيارة"), 0 if none.
func (vs *Variants) Article() int { return vs.article }

// Len is the number of variants, the word itself included.
func (vs *Variants) Len() int { return vs.n }

// At returns variant i; At(0) is the word itself.
func (vs *Variants) At(i int) string { return vs.v[i] }

// add appends s unless it is shorter than two runes. Set never gives it a variant it
// already holds: each is shorter than the ones before it, but for ل + ال, which is as long
// as the word without ل and starts with another letter (TestVariantsDistinct); at most
// four are made, so the array has room.
func (vs *Variants) add(s string) {
	// five bytes or more are two runes or more, for atLeastTwoRunes: a first rune is
	// decoded as four bytes at most
	if len(s) <= 4 && !atLeastTwoRunes(s) {
		return
	}
	vs.v[vs.n] = s
	vs.n++
}

// atLeastRunes reports whether s holds n runes or more, reading no further than that.
// It counts the bytes that start a rune (not 10xxxxxx) instead of decoding them, eight at
// a time: keys are valid UTF-8, and the decoding, a call per Arabic letter, was 2% of
// extraction; a byte at a time, the count was 1%.
func atLeastRunes(s string, n int) bool {
	if n <= 0 {
		return true
	}
	for len(s) >= 8 {
		w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		// bit 7 of each byte: set when its bit 7 is clear or its bit 6 set, that is when
		// the byte starts a rune
		if n -= bits.OnesCount64((^w | w<<1) & 0x8080808080808080); n <= 0 {
			return true
		}
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			n--
			if n == 0 {
				return true
			}
		}
	}
	return false
}

// atLeastTwoRunes reports whether s holds two runes or more. The first rune's size is read
// from its first byte when that is ASCII or opens a two-byte letter (Arabic, accented
// Latin): decoding it was half of what building a word's variants cost.
func atLeastTwoRunes(s string) bool {
	if len(s) < 2 {
		return false
	}
	switch c := s[0]; {
	case c < utf8.RuneSelf:
		return true
	case c >= 0xC2 && c <= 0xDF && s[1]&0xC0 == 0x80:
		return len(s) > 2
	}
	_, size := utf8.DecodeRuneInString(s)
	return size < len(s)
}

// VariantsOf computes the variants of a folded key.
func VariantsOf(key string) Variants {
	var vs Variants
	vs.Set(key)
	return vs
}

// Set makes vs the variants of a folded key: VariantsOf for a caller that reuses one
// Variants for every word (the recognizer's scan), without zeroing and copying it.
func (vs *Variants) Set(key string) { vs.SetIn(key, nil) }

// SetIn is Set with the one variant that is not a part of key (ل + ال written لل: "للأمن"
// → "الأمن") written in *buf, which it grows, rather than in a new string: for a caller that
// reads each word's variants before it sets the next word's (the recognizer's scan), two
// allocations an ANT document fewer. The variants are valid until the next SetIn with the
// same buf; buf nil is Set.
func (vs *Variants) SetIn(key string, buf *[]byte) {
	vs.v[0], vs.n, vs.article = key, 1, 0
	// Most words start with none of the letters a proclitic or the article starts with.
	if !ProcliticStart(key) {
		return
	}
	// The letters compared are two bytes each: و ف are D9 88, D9 81; ب is D8 A8; ل ك
	// are D9 84, D9 83.
	rest := key
	if rest[0] == 0xD9 && (rest[1] == 0x88 || rest[1] == 0x81) {
		rest = rest[len("و"):]
		vs.add(rest)
	}
	last := rest
	if len(rest) >= 2 {
		switch {
		case rest[0] == 0xD8 && rest[1] == 0xA8, rest[0] == 0xD9 && rest[1] == 0x83: // ب ك
			last = rest[len("ب"):]
			vs.add(last)
		case rest[0] == 0xD9 && rest[1] == 0x84: // ل
			last = rest[len("ل"):]
			if strings.HasPrefix(last, "ل") {
				// للأمن = ل + الأمن: the alef of the article is not written after ل.
				if buf == nil {
					last = "ا" + last
				} else {
					b := append(append((*buf)[:0], "ا"...), last...)
					*buf = b
					last = unsafe.String(unsafe.SliceData(b), len(b))
				}
			}
			vs.add(last)
		}
	}
	// the noun without its article, last: "الزيارة" → "زيارة", "بالخلية" → "خلية"
	if strings.HasPrefix(last, "ال") && atLeastRunes(last[len("ال"):], 3) {
		n := vs.n
		vs.add(last[len("ال"):])
		if vs.n > n {
			vs.article = vs.n - 1
		}
	}
}

// ProcliticStart reports whether key opens with و ف ب ل ك or the article ال: only then
// has it variants other than itself (VariantsOf).
func ProcliticStart(key string) bool {
	if len(key) < 4 {
		return false
	}
	switch key[0] {
	case 0xD8: // U+0600–U+063F
		return key[1] == 0xA8 || key[1] == 0xA7 && key[2] == 0xD9 && key[3] == 0x84 // ب, ال
	case 0xD9: // U+0640–U+067F
		return key[1] == 0x88 || key[1] == 0x81 || key[1] == 0x84 || key[1] == 0x83 // و ف ل ك
	}
	return false
}

// AnyIn reports whether one of the variants is a key of set.
func (vs *Variants) AnyIn(set map[string]bool) bool {
	for i := 0; i < vs.n; i++ {
		if set[vs.v[i]] {
			return true
		}
	}
	return false
}

// KeyIn reports whether a folded word, or the word without its Arabic proclitics, is a
// key of set: the common question of the recognizers ("is بمدينة a place noun?").
func KeyIn(key string, set map[string]bool) bool {
	if set[key] {
		return true
	}
	vs := VariantsOf(key)
	return vs.AnyIn(set)
}

// All returns the variants, the word itself first. The slice shares vs's array.
func (vs *Variants) All() []string { return vs.v[:vs.n] }

// StripArticle removes the Arabic article from a folded key ("الرباط" → "رباط") when
// enough of the word is left; Latin keys come back unchanged.
func StripArticle(key string) string {
	if strings.HasPrefix(key, "ال") && utf8.RuneCountInString(key) > 4 {
		return key[len("ال"):]
	}
	return key
}
