package store

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key is the lookup form of a name: lower case, no diacritics (Latin accents, Arabic
// harakat and hamza seats, tatweel), single spaces, then Config.Normalize. Every backend
// stores and queries names through it, so "Tanger", "TANGER" and "Tangér" meet, and with
// the Arabic analyzer so do "طنجة" and "طنجه".
func (c Config) Key(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(stripMarks(s))), " ")
	if c.Normalize != nil {
		s = c.Normalize(s)
	}
	return s
}

// stripMarks removes combining marks after canonical decomposition, and the Arabic tatweel.
// Texts with no byte above ASCII come back as they are, which is most of the cost saved on
// English and French.
func stripMarks(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) || r == 0x0640 {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}
