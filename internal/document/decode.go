package document

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

const (
	bomUTF8    = "\xEF\xBB\xBF"
	bomUTF16LE = "\xFF\xFE"
	bomUTF16BE = "\xFE\xFF"
)

// decoded is input turned into valid UTF-8. Note says what had to be done to get there
// ("windows-1256", "UTF-16", "repaired 2 invalid bytes"); it is empty for clean UTF-8.
type decoded struct {
	text string
	note string
}

// problem is a reason to reject input, with the hint shown to the user.
type problem struct {
	err  error
	hint string
}

func (p *problem) inputError(path string, line int) *InputError {
	return &InputError{Path: path, Line: line, Err: p.err, Hint: p.hint}
}

// decodeText turns the bytes of one article (a .txt or .html file, or one JSONL line) into
// valid UTF-8. Arabic and French outlets still publish in Windows-1256 and Windows-1252,
// and files pass through editors that add BOMs, so those are recovered rather than
// rejected; what cannot be read as text is rejected with a hint.
//
// For web pages (page true), a charset declared in a <meta> tag is trusted before guessing.
func decodeText(b []byte, page bool) (decoded, *problem) {
	var note string
	switch {
	case bytes.HasPrefix(b, []byte(bomUTF8)):
		b = b[len(bomUTF8):]
	case bytes.HasPrefix(b, []byte(bomUTF16LE)), bytes.HasPrefix(b, []byte(bomUTF16BE)):
		// ExpectBOM reads the byte order from the BOM and drops it.
		u, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return decoded{}, &problem{fmt.Errorf("%w: broken UTF-16", ErrEncoding), "re-save the file as UTF-8"}
		}
		b, note = u, "UTF-16"
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return decoded{}, &problem{fmt.Errorf("%w: no text", ErrEmpty), "remove the file or fill it"}
	}
	if p := sniffBinary(b); p != nil {
		return decoded{}, p
	}
	if utf8.Valid(b) {
		return decoded{text: string(b), note: note}, nil
	}
	if n := repairableUTF8(b); n > 0 {
		return decoded{
			text: strings.ToValidUTF8(string(b), "\uFFFD"),
			note: fmt.Sprintf("UTF-8 with %d invalid bytes replaced by U+FFFD", n),
		}, nil
	}
	if page {
		// DetermineEncoding falls back to windows-1252 when nothing is declared; only a
		// declaration of something else tells us more than our own guess below.
		if enc, name, _ := charset.DetermineEncoding(b, "text/html"); name != "windows-1252" && name != "utf-8" {
			if out, err := enc.NewDecoder().Bytes(b); err == nil && utf8.Valid(out) {
				return decoded{text: string(out), note: name + " (declared by the page)"}, nil
			}
		}
	}
	if text, name, ok := decodeLegacy(b); ok {
		return decoded{text: text, note: name}, nil
	}
	return decoded{}, &problem{ErrEncoding, "re-save the file as UTF-8 (for example: iconv -f WINDOWS-1256 -t UTF-8)"}
}

// sniffBinary rejects what is not text: NUL bytes (images, archives, office files, UTF-16
// without a BOM) or many control bytes. A few signatures get a more precise hint.
func sniffBinary(b []byte) *problem {
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return &problem{fmt.Errorf("%w (a PDF)", ErrBinary), "extract its text first (for example: pdftotext) and read the .txt"}
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return &problem{fmt.Errorf("%w (a ZIP archive or office document)", ErrBinary), "unpack it, or export the document as .txt or .html"}
	case bytes.HasPrefix(b, []byte{0x1F, 0x8B}):
		return &problem{fmt.Errorf("%w (gzip-compressed)", ErrBinary), "decompress it first (gunzip)"}
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return &problem{fmt.Errorf("%w (contains NUL bytes)", ErrBinary), "if this is UTF-16 text, re-save it as UTF-8; otherwise remove it from the input"}
	}
	ctrl := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B {
			ctrl++
		}
	}
	// Text has next to no control bytes; 5% leaves room for stray ones in scraped pages.
	if ctrl*20 > len(b) {
		return &problem{fmt.Errorf("%w (%d control bytes)", ErrBinary, ctrl), "remove it from the input, or convert it to plain text"}
	}
	return nil
}

// repairableUTF8 returns the number of invalid bytes when b is UTF-8 with a few broken
// bytes (a truncated character where an article was cut, a stray Latin-1 byte), and 0
// when b is not mostly UTF-8. Decoding such text as a legacy charset would garble every
// other character, so the few broken bytes are replaced instead.
func repairableUTF8(b []byte) int {
	valid, invalid := 0, 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
		case size > 1:
			valid++
		}
		i += size
	}
	// At most one broken byte per 50 well-formed multi-byte characters.
	if invalid == 0 || valid < 20 || invalid*50 > valid {
		return 0
	}
	return invalid
}

// decodeLegacy reads b as Windows-1256 when most of its high bytes then decode to Arabic
// letters, else as Windows-1252 (a superset of ISO-8859-1 in practice; HTML treats them
// as one). The result is used only when it is plausible text: nearly every non-ASCII
// character a letter or common typographic punctuation.
func decodeLegacy(b []byte) (text, name string, ok bool) {
	try := func(enc encoding.Encoding) (string, charStats) {
		out, err := enc.NewDecoder().Bytes(b)
		if err != nil {
			return "", charStats{}
		}
		s := string(out)
		return s, statsOf(s)
	}
	ar, arStats := try(charmap.Windows1256)
	if arStats.nonASCII > 0 && arStats.arabic*2 >= arStats.nonASCII {
		if arStats.plausible() {
			return ar, "windows-1256", true
		}
		return "", "", false
	}
	lat, latStats := try(charmap.Windows1252)
	if latStats.nonASCII > 0 && latStats.arabic == 0 && latStats.plausible() {
		return lat, "windows-1252", true
	}
	return "", "", false
}

type charStats struct {
	nonASCII int // runes above U+007F
	arabic   int // letters and marks of the Arabic block
	textual  int // letters, marks, and typographic punctuation, of any script
}

func (c charStats) plausible() bool { return c.textual*10 >= c.nonASCII*9 }

func statsOf(s string) charStats {
	var c charStats
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		c.nonASCII++
		switch {
		case r >= 0x0600 && r <= 0x06FF && (unicode.IsLetter(r) || unicode.IsMark(r)):
			c.arabic++
			c.textual++
		case unicode.IsLetter(r) || unicode.IsMark(r):
			c.textual++
		case strings.ContainsRune("\u00A0’‘“”«»–—…•€°£§©®±×÷¡¿·،؛؟", r):
			c.textual++
		}
	}
	return c
}
