package document

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/charmap"
)

// readJSONL runs ReadJSONL on s and returns what it produced.
func readJSONL(t *testing.T, s string, opt Options) (docs []Document, errs []error, log string) {
	t.Helper()
	var buf bytes.Buffer
	opt.Logger = slog.New(slog.NewTextHandler(&buf, nil))
	n, err := ReadJSONL(context.Background(), strings.NewReader(s), "in/docs.jsonl", opt,
		func(d Document) error { docs = append(docs, d); return nil },
		func(err error) { errs = append(errs, err) })
	if err != nil {
		t.Fatalf("ReadJSONL: %v", err)
	}
	if n != len(docs) {
		t.Fatalf("ReadJSONL returned %d, fn saw %d documents", n, len(docs))
	}
	return docs, errs, buf.String()
}

func TestReadJSONLFields(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"ja-1","url":"http://example.org/a","source":"Jawhara FM","title":" ` + arTitle + ` ","published":"2017-03-03","lang":"ar","category":"localNews","text":"` + arBody + `"}`,
		``,
		`{"id":42,"published":"2016-01-12T09:30:00+02:00","lang":"FR-fr","text":"` + frBody + `"}`,
		`{"published":"","text":"` + frBody + `"}`,
		`   `,
		`{"id":"  ","html":"<p>` + arBody + `</p>","text":"  "}`,
		`{"id":"both","html":"<p>page</p>","text":"` + arBody + `","extra":{"nested":[1,2]}}`,
	}, "\n")
	docs, errs, _ := readJSONL(t, in, Options{})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := []Document{
		{ID: "ja-1", URL: "http://example.org/a", Source: "Jawhara FM", Title: arTitle, Published: "2017-03-03", Lang: "ar", Text: arBody, Origin: "in/docs.jsonl:1"},
		{ID: "42", Published: "2016-01-12", Lang: "fr", Text: frBody, Origin: "in/docs.jsonl:3"},
		{ID: "docs-4", Text: frBody, Origin: "in/docs.jsonl:4"},
		{ID: "docs-6", HTML: "<p>" + arBody + "</p>", Origin: "in/docs.jsonl:6"},
		{ID: "both", Text: arBody, Origin: "in/docs.jsonl:7"},
	}
	if len(docs) != len(want) {
		t.Fatalf("got %d docs, want %d: %+v", len(docs), len(want), docs)
	}
	for i := range want {
		if docs[i] != want[i] {
			t.Errorf("doc %d:\n got %+v\nwant %+v", i, docs[i], want[i])
		}
	}
}

func TestReadJSONLBadLines(t *testing.T) {
	// Longer than the 512 bytes sniffed for binary data, so that a bad line after it is
	// judged on its own.
	good := `{"id":"ok","text":"` + strings.Repeat(arBody+" ", 8) + `"}`
	tests := []struct {
		name    string
		line    string
		opt     Options
		wantErr error
		want    string // a phrase the message must contain
	}{
		{"truncated object", `{"id":"x","text":"abc`, Options{}, ErrSyntax, "fix or remove this line"},
		{"syntax error", `{"id": x}`, Options{}, ErrSyntax, "at byte"},
		{"not an object", `["a","b"]`, Options{}, ErrSyntax, "not a JSON object"},
		{"null", `null`, Options{}, ErrSyntax, "not a JSON object"},
		{"no text", `{"id":"x","title":"t"}`, Options{}, ErrNoText, `"text"`},
		{"blank text", `{"id":"x","text":" \n "}`, Options{}, ErrNoText, `"html"`},
		{"wrong type", `{"id":"x","title":5,"text":["a"]}`, Options{}, ErrField, "title, text must be a string"},
		{"object id", `{"id":{},"text":"a"}`, Options{}, ErrField, "id must be a string"},
		{"line over the limit", `{"id":"x","text":"` + strings.Repeat("a", 1000) + `"}`, Options{MaxDocBytes: 1000},
			ErrTooLarge, "line is over the 1000 bytes limit for one article"},
		{"binary line", "{\"id\":\"x\",\"text\":\"a\x00b\"}", Options{}, ErrBinary, "NUL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs, errs, _ := readJSONL(t, good+"\n"+tc.line+"\n"+good+"\n", tc.opt)
			if len(docs) != 2 {
				t.Errorf("got %d docs, want the 2 good lines", len(docs))
			}
			if len(errs) != 1 {
				t.Fatalf("errors = %v, want one", errs)
			}
			var ie *InputError
			if !errors.As(errs[0], &ie) || ie.Path != "in/docs.jsonl" || ie.Line != 2 {
				t.Fatalf("error %#v should be an *InputError for in/docs.jsonl line 2", errs[0])
			}
			msg := errs[0].Error()
			if !errors.Is(errs[0], tc.wantErr) || !strings.HasPrefix(msg, "in/docs.jsonl:2: ") || !strings.Contains(msg, tc.want) {
				t.Errorf("message %q: want %v, prefix in/docs.jsonl:2, phrase %q", msg, tc.wantErr, tc.want)
			}
		})
	}
}

func TestReadJSONLInput(t *testing.T) {
	long := strings.Repeat(arBody+" ", 5000) // ~400 KB: longer than the read buffer
	cp1256 := string(encode(t, charmap.Windows1256, `{"id":"cp","text":"`+arBody+`"}`))
	tests := []struct {
		name     string
		in       string
		wantIDs  string
		wantText string // text of the first document
		wantLog  string
	}{
		{"BOM and CRLF", "\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"" + arBody + "\"}\r\n{\"id\":\"b\",\"text\":\"x\"}\r\n", "a b", arBody, ""},
		{"no final newline", `{"id":"a","text":"x"}` + "\n" + `{"id":"b","text":"y"}`, "a b", "x", ""},
		{"line longer than the buffer", `{"id":"long","text":"` + long + `"}` + "\n" + `{"id":"next","text":"y"}`, "long next", long, ""},
		{"windows-1256 line", cp1256 + "\n", "cp", arBody, "windows-1256"},
		{"escaped text", `{"id":"e","text":"سطر\nثان \u0041 \"اقتباس\""}`, "e", "سطر\nثان A \"اقتباس\"", ""},
		{"unreadable date", `{"id":"d","published":"yesterday","text":"x"}`, "d", "x", "unreadable published date"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs, errs, log := readJSONL(t, tc.in, Options{})
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			var ids []string
			for _, d := range docs {
				ids = append(ids, d.ID)
			}
			if got := strings.Join(ids, " "); got != tc.wantIDs {
				t.Errorf("ids = %q, want %q", got, tc.wantIDs)
			}
			if len(docs) > 0 && docs[0].Text != tc.wantText {
				t.Errorf("text = %.80q, want %.80q", docs[0].Text, tc.wantText)
			}
			if tc.wantLog == "" && log != "" || !strings.Contains(log, tc.wantLog) {
				t.Errorf("log = %q, want %q", log, tc.wantLog)
			}
			if tc.wantLog != "" && !strings.Contains(log, "line=1") {
				t.Errorf("warning %q should give the line", log)
			}
		})
	}
}

func TestReadJSONLEmpty(t *testing.T) {
	for _, in := range []string{"", "\n\n  \n", "\xEF\xBB\xBF"} {
		docs, errs, _ := readJSONL(t, in, Options{})
		if len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrEmpty) || !strings.Contains(errs[0].Error(), "in/docs.jsonl") {
			t.Errorf("%q: docs %v errors %v, want one ErrEmpty naming the file", in, docs, errs)
		}
	}
}

func TestReadJSONLBrokenStream(t *testing.T) {
	in := `{"id":"a","text":"x"}` + "\n" + `{"id":"b","text":"y"}` + "\n"
	// DataErrReader returns the data then fails, as a dropped connection would.
	r := io.MultiReader(strings.NewReader(in), iotest.ErrReader(io.ErrUnexpectedEOF))
	var docs []Document
	var errs []error
	n, err := ReadJSONL(context.Background(), r, "POST", Options{},
		func(d Document) error { docs = append(docs, d); return nil },
		func(err error) { errs = append(errs, err) })
	if err != nil || n != 2 {
		t.Fatalf("n=%d err=%v, want the 2 lines read and no error", n, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], io.ErrUnexpectedEOF) || !strings.HasPrefix(errs[0].Error(), "POST:3: ") {
		t.Errorf("errors = %v, want the read failure at POST:3", errs)
	}
}

func TestReadJSONLStops(t *testing.T) {
	in := `{"id":"a","text":"x"}` + "\n" + `{"id":"b","text":"y"}` + "\n"
	stop := errors.New("enough")
	n, err := ReadJSONL(context.Background(), strings.NewReader(in), "x.jsonl", Options{}, func(Document) error { return stop }, nil)
	if n != 0 || !errors.Is(err, stop) {
		t.Errorf("n=%d err=%v, want 0 and fn's error", n, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n, err = ReadJSONL(ctx, strings.NewReader(in), "x.jsonl", Options{}, func(Document) error { return nil }, nil)
	if n != 0 || !errors.Is(err, context.Canceled) {
		t.Errorf("n=%d err=%v, want 0 and context.Canceled", n, err)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2023-12-26", "2023-12-26", true},
		{" 2023-12-26 ", "2023-12-26", true},
		{"2023-12-26T00:30:00+01:00", "2023-12-26", true}, // the local date, not UTC's 25th
		{"2023-12-26T23:59:59Z", "2023-12-26", true},
		{"2023-12-26 10:00", "2023-12-26", true},
		{"2023-02-30", "", false},
		{"2023-12-261", "", false},
		{"26/12/2023", "", false},
		{"2023-12", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		got, ok := ParseDate(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseDate(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestReadJSONLLegacyFileWarnsOnce(t *testing.T) {
	line := string(encode(t, charmap.Windows1256, `{"text":"`+arBody+`"}`))
	docs, errs, log := readJSONL(t, line+"\n"+line+"\n"+line+"\n", Options{})
	if len(docs) != 3 || len(errs) != 0 || docs[2].Text != arBody {
		t.Fatalf("docs %v errors %v", docs, errs)
	}
	if n := strings.Count(log, "level=WARN"); n != 2 || !strings.Contains(log, "lines=3") {
		t.Errorf("want one warning for the first line and one summary, got:\n%s", log)
	}
}
