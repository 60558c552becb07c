package document

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"marsad/internal/shared"
)

// referenceFields reads the fields as parseJSONLine did before readObject: encoding/json's
// map of raw values, each wanted one decoded again.
func referenceFields(s string) (fields [nFields]jsonValue, err error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return fields, err
	}
	for _, name := range []string{"id", "url", "source", "title", "published", "lang", "text", "html"} {
		v := bytes.TrimSpace(raw[name])
		f := &fields[fieldIndex(name)]
		switch {
		case len(v) == 0 || string(v) == "null":
		case v[0] == '"':
			f.kind = '"'
			if err := json.Unmarshal(v, &f.value); err != nil {
				return fields, err
			}
		case v[0] == '-' || v[0] >= '0' && v[0] <= '9':
			f.kind, f.value = '0', string(v)
		default:
			f.kind = 'x'
		}
	}
	return fields, nil
}

// checkLikeReference fails t unless readObject reads s as encoding/json does: the same
// fields, or a syntax error at the same byte with the same message.
func checkLikeReference(t *testing.T, s string) {
	t.Helper()
	got, err := readObject(s)
	want, werr := referenceFields(s)
	if (err == nil) != (werr == nil) {
		t.Fatalf("readObject(%.200q): error %v, encoding/json: %v", s, err, werr)
	}
	if err != nil {
		var se *syntaxError
		var jse *json.SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("readObject(%.200q): %T is not a syntax error", s, err)
		}
		if errors.As(werr, &jse) && (se.msg != jse.Error() || int64(se.offset) != jse.Offset) {
			t.Fatalf("readObject(%.200q): %q at %d, encoding/json: %q at %d", s, se.msg, se.offset, jse.Error(), jse.Offset)
		}
		return
	}
	if got != want {
		t.Fatalf("readObject(%q):\n got %q\nwant %q", s, got, want)
	}
}

func TestReadObject(t *testing.T) {
	for _, s := range []string{
		`{}`, ` { } `, `{"id":"a"}`, `{"id":7,"text":"x"}`, `{"id":-0.5e+3}`, `{"id":1E9,"title":null}`,
		`{"text":"a\"b\\c\/d\b\f\n\r\t"}`, `{"text":"\u0041\u00e9\u0628"}`,
		`{"text":"\ud83d\ude00 \ud83d x \ude00 \ud83d\u0041"}`, `{"text":"\ud83d"}`,
		`{"t\u0065xt":"by an escaped key"}`, `{"text":"first","text":"last"}`,
		`{"text":"` + arBody + `","extra":{"a":[1,2,{"b":[]},"x\"y"],"c":{}},"more":[[],[[]]],"t":true,"f":false}`,
		`{"url":"http://x","source":"s","title":"t","published":"2020-01-02","lang":"ar","html":"<p>"}`,
		`{"title":5,"text":["a"],"lang":{},"html":true}`,
		// errors
		`{`, `{"id"`, `{"id":`, `{"id":"x`, `{"id": x}`, `{"id":01}`, `{"id":1.}`, `{"id":1e}`, `{"id":-}`,
		`{"id":"a",}`, `{,}`, `{"id" "a"}`, `{"id":"a"}x`, `{"id":"a"} {}`, `{"a":[1,]}`, `{"a":[1 2]}`,
		`{"a":{"b" 1}}`, `{"a":{"b":1,}}`, `{"a":tru}`, `{"a":nul}`, "{\"a\":\"x\x01\"}", `{"a":"\x"}`,
		`{"a":"\u12g4"}`, `{"a":[}`, `{"a":{]}`, `{'a':1}`, `{"a":1}}`, `{"a":[` + strings.Repeat("[", 10001) + `}`,
	} {
		checkLikeReference(t, s)
	}
}

func FuzzReadObject(f *testing.F) {
	for _, s := range []string{`{"id":"a","text":"b"}`, `{"id":12,"x":[1,{"y":null}],"text":"\ud83d\ude00\n"}`,
		`{"a":"\u00e9","text":"` + arBody + `"}`, `{"id":1.5e-3}`, `{"a":[[[]]]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || !strings.HasPrefix(strings.TrimSpace(s), "{") {
			return // parseJSONLine gives readObject only such lines
		}
		checkLikeReference(t, s)
	})
}

// BenchmarkReadJSONL reads the ANT corpus as `marsad extract` and `marsad ingest` read
// their input.
//
//	go test ./internal/document -run '^$' -bench ReadJSONL -benchtime 3x
func BenchmarkReadJSONL(b *testing.B) {
	data, err := os.ReadFile(shared.Path("corpus", "ant", "ant-v1.1.jsonl"))
	if err != nil {
		b.Skipf("shared corpus not read (%v): set MARSAD_SHARED to the shared data folder", err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		// ANT has a few articles without text, refused as any input's would be
		n, err := ReadJSONL(b.Context(), bytes.NewReader(data), "ant.jsonl", Options{}, func(Document) error { return nil }, func(error) {})
		if err != nil || n < 10000 {
			b.Fatalf("read %d documents: %v", n, err)
		}
	}
}
