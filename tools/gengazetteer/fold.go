package main

import (
	"strings"
	"unicode"
)

// foldKey is the comparison key the generator uses to merge duplicate forms and to join
// names across sources. It folds what the Marsad matcher folds (Arabic marks, tatweel,
// alef/hamza-on-alef forms, alef maqsura, taa marbuta; Latin case and accents) and treats
// soft punctuation as a word break, as the matcher's tokenizer does. It is deliberately no
// more aggressive than the matcher, so two forms with one key are one form to the matcher.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading spaces
	for _, r := range s {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640:
			continue // harakat, dagger alef, tatweel
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r == '-' || r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == 'ʻ' || r == '`' ||
			r == '.' || r == ',' || r == '(' || r == ')' || r == '/' || unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		if r < 0x0600 || r > 0x06FF {
			b.WriteString(foldLatin(r))
		} else {
			b.WriteRune(r)
		}
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}

// foldLatin lower-cases r and strips its diacritics. The standard library has no Unicode
// decomposition, so the letters the sources actually use (French, Spanish, Portuguese,
// German, Turkish, Polish, Czech, Romanian and the romanization marks of GeoNames) are
// listed by hand.
func foldLatin(r rune) string {
	r = unicode.ToLower(r)
	if r < 0x80 {
		return string(r)
	}
	switch r {
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'ß':
		return "ss"
	case 'þ':
		return "th"
	}
	for _, g := range accentGroups() {
		if strings.ContainsRune(g[1], r) {
			return g[0]
		}
	}
	return string(r)
}

// accentGroups maps a base letter to its accented lower-case forms.
func accentGroups() [][2]string {
	return [][2]string{
		{"a", "àáâãäåāăąǎǟǡǻȁȃȧạảấầẩẫậắằẳẵặ"},
		{"c", "çćĉċčƈ"},
		{"d", "ďđḍḏḑḓɗð"},
		{"e", "èéêëēĕėęěȅȇȩẹẻẽếềểễệḗ"},
		{"g", "ĝğġģǧǵḡ"},
		{"h", "ĥħḣḥḧḩḫẖ"},
		{"i", "ìíîïĩīĭįıǐȉȋịỉḯ"},
		{"j", "ĵǰ"},
		{"k", "ķǩḱḳḵ"},
		{"l", "ĺļľŀłḷḹḻḽ"},
		{"m", "ḿṁṃ"},
		{"n", "ñńņňŉǹṅṇṉṋ"},
		{"o", "òóôõöøōŏőơǒǫǭȍȏȫȭȯȱọỏốồổỗộớờởỡợṓṑ"},
		{"r", "ŕŗřȑȓṙṛṝṟ"},
		{"s", "śŝşšșṡṣṥṧṩ"},
		{"t", "ţťŧțṫṭṯṱẗ"},
		{"u", "ùúûüũūŭůűųưǔǖǘǚǜȕȗụủứừửữựṳ"},
		{"w", "ŵẁẃẅẇẉẘ"},
		{"y", "ýÿŷȳẏẙỳỵỷỹ"},
		{"z", "źżžẑẓẕ"},
	}
}

// slug turns a Latin name into an id part: folded, ASCII letters and digits, words joined
// by '-'. Characters outside ASCII after folding are dropped.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range foldKey(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

// isArabic reports whether s holds Arabic letters.
func isArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0620 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// isLatinName reports whether s is written only in Latin letters, digits, spaces and the
// punctuation of place names. It screens out the IPA, Cyrillic, Greek and CJK spellings
// some sources carry, which Marsad never reads.
func isLatinName(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r < 0x80:
			if unicode.IsLetter(r) {
				letters++
			}
		case r >= 0x00C0 && r <= 0x024F, r >= 0x1E00 && r <= 0x1EFF:
			letters++
		case r == '’' || r == '‘' || r == 'ʼ' || r == 'ʻ' || r == 0x00A0:
		default:
			return false
		}
	}
	return letters > 0
}
