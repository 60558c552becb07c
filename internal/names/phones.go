package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A phone is one sound-class of a name, the unit both scripts are reduced to before they are
// compared. Arabic writes consonants and long vowels but not short vowels; Latin spellings
// write every vowel but disagree on how to write consonants (ش: sh, ch, sch; خ: kh, x, ch;
// ج: j, dj, g). So consonants are reduced to classes that every convention shares, vowels
// are kept with their length, and what each side may leave unwritten costs little to skip.
type phone struct {
	sym  byte // class symbol: the symbols below, or a consonant's usual Latin letter
	kind kind
	ar   bool // written in Arabic script
	last bool // last phone of its word
	end  bool // last phone of the name (set when words are joined)
	// seat is the vowel a hamza is written on (ئ: Y, ؤ: W, أ: A): Latin often writes the
	// hamza as that vowel (عائشة Aicha, مؤمن Moumen).
	seat byte
}

type kind uint8

const (
	cons    kind = iota // a consonant class
	short               // a short vowel: Latin a e i o u, or an Arabic word-initial alef
	long                // a long vowel or glide: Arabic ا و ي ى, Latin ou oo ee ei aa w y
	glottal             // ع ء and Latin ' 3 2: often unwritten in Latin
	art                 // the vowel of the article (ال, al-, el-): free to skip
	artL                // the l of the article, assimilated before sun letters (Abderrahim)
	final               // Arabic ة or word-final ه: a, e, t or h in Latin
)

// Symbols. Consonants use their usual Latin letter; the others:
//
//	S  ش sh ch      x  خ kh       G  غ gh       '  ع ء
//	A  ا aa (long a) W  و ou w    Y  ي ee ei y  E  ة and final ه
//	<  article vowel L  article l
const (
	symAlef  = 'A'
	symWaw   = 'W'
	symYaa   = 'Y'
	symFinal = 'E'
	symArt   = '<'
	symArtL  = 'L'
)

// word is one token of a name, reduced to phones, with the folded text it came from.
type word struct {
	key    string // lower-cased, accents and Arabic letter variants folded, for the word lists
	phones []phone
	ar     bool
	// distinct: the word identifies someone on its own (Matcher.distinct), set once by
	// Matcher.Prepare since the parts of a name ask it of the same words again and again.
	distinct bool
}

// splitWords cuts a name into words: runs of letters (and the apostrophes inside them).
// Hyphens and spaces separate words; a Latin article joined by a hyphen ("al-Baghdadi")
// becomes a word of its own and is attached again by toWords.
func splitWords(name string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r >= '0' && r <= '9':
			b.WriteRune(r)
		case isApostrophe(r) && b.Len() > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i+1]):
			w := strings.ToLower(b.String())
			if w == "l" || w == "d" {
				// French elision: l'Oriental, d'Oujda.
				b.Reset()
				continue
			}
			b.WriteRune('\'')
		default:
			flush()
		}
	}
	flush()
	return out
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '`' || r == 'ʼ' || r == 'ʿ' || r == 'ʾ'
}

func isArabicWord(w string) bool {
	for _, r := range w {
		if r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F {
			return true
		}
	}
	return false
}

// latinArticle reports a Latin word that is the Arabic article written apart: al, el, ul,
// and the assimilated forms (ad-, as-, ash-, er-, en-...) when the next word begins with the
// consonant they assimilate to.
func latinArticle(w, next string) bool {
	switch w {
	case "al", "el", "ul":
		return next != ""
	}
	if next == "" || len(w) < 2 || len(w) > 3 || (w[0] != 'a' && w[0] != 'e') {
		return false
	}
	switch w[1:] {
	case "t", "d", "r", "z", "s", "n", "sh", "ch":
		return strings.HasPrefix(next, w[1:])
	}
	return false
}

// foldLatin lower-cases a Latin word and removes its accents; ç becomes s first, since it
// is read as one ("Françoise").
func foldLatin(w string) string {
	w = strings.ToLower(w)
	w = strings.ReplaceAll(w, "ç", "s")
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldArabicWord removes marks and tatweel and folds the hamza carriers that do not change
// the reading of a name; it keeps ة, ى and initial alef forms, which arabicPhones reads.
func foldArabicWord(w string) string {
	var b strings.Builder
	for _, r := range w {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640:
			continue
		case r == 'ی':
			r = 'ي'
		case r == 'ک':
			r = 'ك'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// name is a name reduced to its words, and the ordinal that ends a royal or papal name
// (Mohammed VI, محمد السادس), kept apart: it is a number, not a sound.
type name struct {
	words   []word
	ordinal int
}

// toWords reduces a name to its words.
func toWords(s string) name {
	raw := splitWords(s)
	var n name
	if len(raw) > 1 {
		if v, k := trailingOrdinal(raw); v > 0 {
			n.ordinal = v
			raw = raw[:len(raw)-k]
		}
	}
	n.words = make([]word, 0, len(raw))
	pendingArticle := false
	for i, w := range raw {
		if isArabicWord(w) {
			w = foldArabicWord(w)
			n.words = append(n.words, word{key: arabicKey(w), phones: arabicPhones(w), ar: true})
			continue
		}
		f := foldLatin(w)
		next := ""
		if i+1 < len(raw) && !isArabicWord(raw[i+1]) {
			next = foldLatin(raw[i+1])
		}
		if latinArticle(f, next) {
			pendingArticle = true
			continue
		}
		ph := latinPhones(f)
		key := f
		if pendingArticle {
			ph = append([]phone{{sym: symArt, kind: art}, {sym: symArtL, kind: artL}}, ph...)
			key = "al " + f
			pendingArticle = false
		}
		if len(ph) > 0 {
			n.words = append(n.words, word{key: key, phones: ph})
		}
	}
	return n
}

// trailingOrdinal reads the ordinal at the end of a name: a Roman numeral written in capitals
// (VI, XIV; "Ier"), or the Arabic ordinal words الأول to العاشر, and the teens written with
// عشر (الرابع عشر). It returns the value and how many words it took.
func trailingOrdinal(raw []string) (value, words int) {
	last := raw[len(raw)-1]
	if v := roman(last); v > 0 {
		return v, 1
	}
	if last == "Ier" || last == "1er" {
		return 1, 1
	}
	if !isArabicWord(last) {
		return 0, 0
	}
	k := arabicKey(foldArabicWord(last))
	if k == "عشر" && len(raw) > 2 {
		unit := arabicKey(foldArabicWord(raw[len(raw)-2]))
		if unit == "الحادي" {
			return 11, 2
		}
		if v := arabicOrdinal(unit); v > 1 && v < 10 {
			return 10 + v, 2
		}
		return 0, 0
	}
	if v := arabicOrdinal(k); v > 0 {
		return v, 1
	}
	return 0, 0
}

// arabicOrdinal returns the value of a folded Arabic ordinal word with its article.
func arabicOrdinal(k string) int {
	switch k {
	case "الاول":
		return 1
	case "الثاني":
		return 2
	case "الثالث":
		return 3
	case "الرابع":
		return 4
	case "الخامس":
		return 5
	case "السادس":
		return 6
	case "السابع":
		return 7
	case "الثامن":
		return 8
	case "التاسع":
		return 9
	case "العاشر":
		return 10
	}
	return 0
}

// roman returns the value of a Roman numeral of capitals from I to XXXIX, or 0.
func roman(w string) int {
	if w == "" || len(w) > 6 {
		return 0
	}
	v, prev := 0, 0
	for i := len(w) - 1; i >= 0; i-- {
		var d int
		switch w[i] {
		case 'I':
			d = 1
		case 'V':
			d = 5
		case 'X':
			d = 10
		default:
			return 0
		}
		if d < prev {
			v -= d
		} else {
			v += d
			prev = d
		}
	}
	return v
}

// arabicKey folds an Arabic word for the word lists (given names, particles).
func arabicKey(w string) string {
	var b strings.Builder
	for _, r := range w {
		switch r {
		case 'أ', 'إ', 'آ', 'ٱ':
			r = 'ا'
		case 'ى':
			r = 'ي'
		case 'ة':
			r = 'ه'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// arabicPhones reads an Arabic word letter by letter.
func arabicPhones(w string) []phone {
	rs := []rune(w)
	if w == "عمرو" {
		rs = rs[:3] // the و of Amr is not read: it tells عمرو from عمر
	}
	out := make([]phone, 0, len(rs)+1)
	i := 0
	// The article: ال before at least two more letters (الله is al + lah).
	if len(rs) >= 4 && rs[0] == 'ا' && rs[1] == 'ل' {
		out = append(out, phone{sym: symArt, kind: art, ar: true}, phone{sym: symArtL, kind: artL, ar: true})
		i = 2
	}
	start := i
	for ; i < len(rs); i++ {
		r := rs[i]
		p := phone{ar: true, kind: cons}
		isLast := i == len(rs)-1
		switch r {
		case 'ا', 'أ', 'إ', 'آ', 'ٱ':
			switch {
			case i == start:
				p.sym, p.kind = 'a', short
			case r == 'ا' || r == 'آ':
				p.sym, p.kind = symAlef, long
			default:
				p.sym, p.kind, p.seat = '\'', glottal, symAlef
			}
		case 'ئ':
			p.sym, p.kind, p.seat = '\'', glottal, symYaa
		case 'ؤ':
			p.sym, p.kind, p.seat = '\'', glottal, symWaw
		case 'ء', 'ع':
			p.sym, p.kind = '\'', glottal
		case 'ب', 'پ':
			p.sym = 'b'
		case 'ت', 'ث', 'ط':
			p.sym = 't'
		case 'ج', 'چ':
			p.sym = 'j'
		case 'ح':
			p.sym = 'h'
		case 'خ':
			p.sym = 'x'
		case 'د', 'ذ', 'ض', 'ظ':
			p.sym = 'd'
		case 'ر':
			p.sym = 'r'
		case 'ز':
			p.sym = 'z'
		case 'س', 'ص':
			p.sym = 's'
		case 'ش':
			p.sym = 'S'
		case 'غ':
			p.sym = 'G'
		case 'ف', 'ڤ', 'ۋ', 'ڥ':
			p.sym = 'f'
		case 'ق':
			p.sym = 'q'
		case 'ك':
			p.sym = 'k'
		case 'گ', 'ڭ', 'ڨ':
			p.sym = 'g'
		case 'ل':
			p.sym = 'l'
		case 'م':
			p.sym = 'm'
		case 'ن':
			p.sym = 'n'
		case 'ه':
			if isLast && i > start {
				p.sym, p.kind = symFinal, final
			} else {
				p.sym = 'h'
			}
		case 'ة':
			p.sym, p.kind = symFinal, final
		case 'و':
			p.sym, p.kind = symWaw, long
		case 'ي':
			p.sym, p.kind = symYaa, long
		case 'ى':
			if isLast {
				p.sym, p.kind = symAlef, long
			} else {
				p.sym, p.kind = symYaa, long
			}
		default:
			continue
		}
		out = append(out, p)
	}
	if n := len(out); n > 0 {
		out[n-1].last = true
	}
	return out
}

func isLatinVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// latinDigraph reads the letter group w starts with, when it is one sound: Maghrebi French
// spellings (ch, ou, dj, kh) and English ones (sh, oo, ee) lead to the same classes. Longest
// groups are tried first.
func latinDigraph(w string) (n int, p phone, ok bool) {
	if len(w) >= 3 {
		switch w[:3] {
		case "sch", "tch":
			return 3, phone{sym: 'S', kind: cons}, true
		}
	}
	if len(w) < 2 {
		return 0, phone{}, false
	}
	switch w[:2] {
	case "ch", "sh":
		return 2, phone{sym: 'S', kind: cons}, true
	case "kh":
		return 2, phone{sym: 'x', kind: cons}, true
	case "gh", "rh":
		// rh is the older French spelling of غ (Rharb, Ourtzarh).
		return 2, phone{sym: 'G', kind: cons}, true
	case "dj":
		return 2, phone{sym: 'j', kind: cons}, true
	case "dh":
		return 2, phone{sym: 'd', kind: cons}, true
	case "th":
		return 2, phone{sym: 't', kind: cons}, true
	case "ph":
		return 2, phone{sym: 'f', kind: cons}, true
	case "ck":
		return 2, phone{sym: 'k', kind: cons}, true
	case "ou", "oo":
		return 2, phone{sym: symWaw, kind: long}, true
	case "ee", "ei", "ey":
		return 2, phone{sym: symYaa, kind: long}, true
	case "aa":
		return 2, phone{sym: symAlef, kind: long}, true
	}
	return 0, phone{}, false
}

// latinPhones reads a folded Latin word.
func latinPhones(w string) []phone {
	out := make([]phone, 0, len(w))
	for i := 0; i < len(w); {
		c := w[i]
		// Doubled consonants are one sound (Hammouchi, Hamouchi).
		if i+1 < len(w) && w[i+1] == c && !isLatinVowel(c) {
			i++
			continue
		}
		if n, p, ok := latinDigraph(w[i:]); ok {
			out = append(out, p)
			i += n
			continue
		}
		p := phone{kind: cons}
		switch c {
		case 'a':
			p.sym, p.kind = 'a', short
			if i+1 < len(w) && (w[i+1] == 'i' || w[i+1] == 'y') {
				// ai, ay: a followed by the glide (Aït, Saïd, Ayman).
				out = append(out, p)
				out = append(out, phone{sym: symYaa, kind: long})
				i += 2
				continue
			}
		case 'e':
			p.sym, p.kind = 'e', short
		case 'i':
			p.sym, p.kind = 'i', short
		case 'o', 'u':
			p.sym, p.kind = 'u', short
		case 'y':
			// A glide before a vowel or at the start (Yassine, Ziyech); a vowel elsewhere (Ghaly).
			if i == 0 || i+1 < len(w) && isLatinVowel(w[i+1]) {
				p.sym, p.kind = symYaa, long
			} else {
				p.sym, p.kind = 'i', short
			}
		case 'w':
			p.sym, p.kind = symWaw, long
		case 'c':
			if i+1 < len(w) && (w[i+1] == 'e' || w[i+1] == 'i' || w[i+1] == 'y') {
				p.sym = 's'
			} else {
				p.sym = 'k'
			}
		case 'g':
			p.sym = 'g'
			if i+2 < len(w) && w[i+1] == 'u' && (w[i+2] == 'e' || w[i+2] == 'i') {
				out = append(out, p) // Guelmim, Regragui: the u only hardens the g
				i += 2
				continue
			}
		case 'x':
			out = append(out, phone{sym: 'k', kind: cons})
			p.sym = 's'
		case 'p':
			p.sym = 'b'
		case 'v':
			p.sym = 'f'
		case '\'', '3', '2':
			p.sym, p.kind = '\'', glottal
		case '7':
			p.sym = 'h'
		case '9':
			p.sym = 'q'
		case '5':
			p.sym = 'x'
		default:
			if c >= 'a' && c <= 'z' {
				p.sym = c
			} else if c >= utf8.RuneSelf {
				// A letter of another script: skip the whole rune.
				_, size := utf8.DecodeRuneInString(w[i:])
				i += size
				continue
			} else {
				i++
				continue
			}
		}
		out = append(out, p)
		i++
	}
	if n := len(out); n > 0 {
		out[n-1].last = true
	}
	return out
}
