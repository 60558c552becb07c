package document

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The fields of a JSONL line that Marsad reads (parseJSONLine); every other is checked
// for syntax and skipped.
const (
	fID = iota
	fURL
	fSource
	fTitle
	fPublished
	fLang
	fText
	fHTML
	nFields
)

func fieldIndex(key string) int {
	switch key {
	case "id":
		return fID
	case "url":
		return fURL
	case "source":
		return fSource
	case "title":
		return fTitle
	case "published":
		return fPublished
	case "lang":
		return fLang
	case "text":
		return fText
	case "html":
		return fHTML
	}
	return -1
}

// jsonValue is the value of one field: its JSON kind and, for a string, the string; for a
// number, the number as written. A field that is absent or null has kind 0.
type jsonValue struct {
	kind  byte // 0 (absent or null), '"' string, '0' number, 'x' anything else
	value string
}

// readObject reads the JSON object s, which must be valid UTF-8, in one pass and returns the fields
// Marsad reads. It accepts what encoding/json accepts and reads values as it does (a
// repeated key keeps its last value; a lone UTF-16 surrogate escape reads as U+FFFD);
// FuzzReadObject holds it to encoding/json. Decoding each line into a map of raw values,
// then each wanted value again, read an article's text four times and copied it three:
// the reader took a fifth of `marsad extract`'s time, as long as the lexicons took to
// compile.
func readObject(s string) (fields [nFields]jsonValue, err error) {
	r := objReader{s: s}
	r.space()
	if !r.byte('{') {
		return fields, r.fail("looking for beginning of value")
	}
	r.space()
	if !r.byte('}') {
		for {
			r.space()
			if r.peek() != '"' {
				return fields, r.fail("looking for beginning of object key string")
			}
			key, err := r.str(true)
			if err != nil {
				return fields, err
			}
			r.space()
			if !r.byte(':') {
				return fields, r.fail("after object key")
			}
			r.space()
			f := fieldIndex(key)
			v, err := r.value(f >= 0)
			if err != nil {
				return fields, err
			}
			if f >= 0 {
				fields[f] = v
			}
			r.space()
			if r.byte(',') {
				continue
			}
			if r.byte('}') {
				break
			}
			return fields, r.fail("after object key:value pair")
		}
	}
	r.space()
	if r.i < len(r.s) {
		return fields, r.fail("after top-level value")
	}
	return fields, nil
}

// objReader reads a JSON text from s[i:].
type objReader struct {
	s string
	i int
}

// syntaxError is a JSON syntax error at a byte offset of the line (1-based, as
// encoding/json counts it).
type syntaxError struct {
	msg    string
	offset int
}

func (e *syntaxError) Error() string { return e.msg }

// maxDepth is encoding/json's limit on nested arrays and objects.
const maxDepth = 10000

func (r *objReader) peek() byte {
	if r.i < len(r.s) {
		return r.s[r.i]
	}
	return 0
}

func (r *objReader) byte(c byte) bool {
	if r.i < len(r.s) && r.s[r.i] == c {
		r.i++
		return true
	}
	return false
}

func (r *objReader) space() {
	for r.i < len(r.s) {
		switch r.s[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// fail describes the byte at r.i (or the end of the text) as unexpected, where a space
// could have come.
func (r *objReader) fail(context string) error {
	if r.i >= len(r.s) {
		return &syntaxError{"unexpected end of JSON input", len(r.s)}
	}
	return r.failInside(context)
}

// failInside is fail inside a token (an escape, a number, a literal), where a space
// could not have come either: encoding/json reads the end of the text as a space there,
// and says so.
func (r *objReader) failInside(context string) error {
	if r.i >= len(r.s) {
		return &syntaxError{"invalid character ' ' " + context, len(r.s)}
	}
	return &syntaxError{fmt.Sprintf("invalid character %s %s", quoteChar(r.s[r.i]), context), r.i + 1}
}

// quoteChar formats c as encoding/json does in its messages.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := fmt.Sprintf("%q", string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// value reads one value; keep says whether its string or number is wanted (others are
// only checked).
func (r *objReader) value(keep bool) (jsonValue, error) {
	switch c := r.peek(); {
	case c == '"':
		s, err := r.str(keep)
		return jsonValue{'"', s}, err
	case c == '-' || c >= '0' && c <= '9':
		from := r.i
		if err := r.number(); err != nil {
			return jsonValue{}, err
		}
		if !keep {
			return jsonValue{kind: '0'}, nil
		}
		return jsonValue{'0', r.s[from:r.i]}, nil
	case c == 'n':
		return jsonValue{}, r.literal("null")
	case c == 't':
		return jsonValue{kind: 'x'}, r.literal("true")
	case c == 'f':
		return jsonValue{kind: 'x'}, r.literal("false")
	case c == '{' || c == '[':
		return jsonValue{kind: 'x'}, r.nested()
	}
	return jsonValue{}, r.fail("looking for beginning of value")
}

func (r *objReader) literal(word string) error {
	for k := 0; k < len(word); k++ {
		if r.i >= len(r.s) || r.s[r.i] != word[k] {
			return r.failInside("in literal " + word + " (expecting " + quoteChar(word[k]) + ")")
		}
		r.i++
	}
	return nil
}

// number reads a number as JSON writes them: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (r *objReader) number() error {
	r.byte('-')
	switch c := r.peek(); {
	case c == '0':
		r.i++
	case c >= '1' && c <= '9':
		r.digits()
	default:
		return r.failInside("in numeric literal")
	}
	if r.byte('.') {
		if c := r.peek(); c < '0' || c > '9' {
			return r.failInside("after decimal point in numeric literal")
		}
		r.digits()
	}
	if r.byte('e') || r.byte('E') {
		if !r.byte('+') {
			r.byte('-')
		}
		if c := r.peek(); c < '0' || c > '9' {
			return r.failInside("in exponent of numeric literal")
		}
		r.digits()
	}
	return nil
}

func (r *objReader) digits() {
	for r.i < len(r.s) && r.s[r.i] >= '0' && r.s[r.i] <= '9' {
		r.i++
	}
}

// nested checks an array or an object, with what it holds, and steps over it.
func (r *objReader) nested() error {
	// closers holds, innermost last, what closes each open array or object
	var closers []byte
	for {
		// at the start of a value
		switch c := r.peek(); c {
		case '{', '[':
			if len(closers) == maxDepth {
				return &syntaxError{"invalid character " + quoteChar(c) + " exceeded max depth", r.i}
			}
			r.i++
			r.space()
			if c == '{' {
				closers = append(closers, '}')
				if r.byte('}') {
					closers = closers[:len(closers)-1]
					break
				}
				if err := r.key(); err != nil {
					return err
				}
				continue
			}
			closers = append(closers, ']')
			if r.byte(']') {
				closers = closers[:len(closers)-1]
				break
			}
			continue
		default:
			if _, err := r.value(false); err != nil {
				return err
			}
		}
		// after a value: a comma, or the closers of the containers it ends
		for {
			if len(closers) == 0 {
				return nil
			}
			r.space()
			closer := closers[len(closers)-1]
			if r.byte(',') {
				r.space()
				if closer == '}' {
					if err := r.key(); err != nil {
						return err
					}
				}
				break
			}
			if r.byte(closer) {
				closers = closers[:len(closers)-1]
				continue
			}
			if closer == '}' {
				return r.fail("after object key:value pair")
			}
			return r.fail("after array element")
		}
	}
}

// key reads an object key and its colon, in a nested object.
func (r *objReader) key() error {
	if r.peek() != '"' {
		return r.fail("looking for beginning of object key string")
	}
	if _, err := r.str(false); err != nil {
		return err
	}
	r.space()
	if !r.byte(':') {
		return r.fail("after object key")
	}
	r.space()
	return nil
}

// str reads a string literal at r.i; decoded, if keep, as encoding/json decodes one.
// A string without escapes (an article's text, mostly) is a slice of the line.
func (r *objReader) str(keep bool) (string, error) {
	r.i++ // the opening quote
	from := r.i
	escaped := false
	for {
		// to the next quote, backslash or control character
		for r.i < len(r.s) {
			c := r.s[r.i]
			if c == '"' || c == '\\' || c < 0x20 {
				break
			}
			r.i++
		}
		if r.i >= len(r.s) {
			return "", r.fail("")
		}
		switch c := r.s[r.i]; {
		case c == '"':
			raw := r.s[from:r.i]
			r.i++
			if !keep {
				return "", nil
			}
			if escaped {
				return unescape(raw), nil
			}
			return raw, nil
		case c < 0x20:
			return "", r.fail("in string literal")
		}
		// a backslash
		escaped = true
		r.i++
		switch c := r.peek(); c {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			r.i++
		case 'u':
			r.i++
			for k := 0; k < 4; k++ {
				if !isHex(r.peek()) {
					return "", r.failInside("in \\u hexadecimal character escape")
				}
				r.i++
			}
		default:
			return "", r.failInside("in string escape code")
		}
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// unescape decodes the body of a string literal that str checked, in text that is valid
// UTF-8 (readObject's). Escapes of UTF-16 surrogates combine in pairs; a lone one reads as
// U+FFFD. The text between escapes is copied whole: an article's line breaks and quotes
// are escaped, the rest is not.
func unescape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		k := strings.IndexByte(s, '\\')
		if k < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:k])
		s = s[k:]
		switch e := s[1]; e {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r := hex4(s[2:6])
			s = s[6:]
			if utf16.IsSurrogate(r) {
				if len(s) >= 6 && s[0] == '\\' && s[1] == 'u' {
					if dec := utf16.DecodeRune(r, hex4(s[2:6])); dec != utf8.RuneError {
						b.WriteRune(dec)
						s = s[6:]
						continue
					}
				}
				r = utf8.RuneError
			}
			b.WriteRune(r)
			continue
		default: // " \ /
			b.WriteByte(e)
		}
		s = s[2:]
	}
}

// hex4 reads four hexadecimal digits that str checked.
func hex4(s string) rune {
	var r rune
	for k := 0; k < 4; k++ {
		c := s[k]
		switch {
		case c <= '9':
			c -= '0'
		case c >= 'a':
			c -= 'a' - 10
		default:
			c -= 'A' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}
