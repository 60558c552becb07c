package document

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// collect runs Walk and returns what it produced, with warnings logged to a buffer.
func collect(t *testing.T, paths []string, opt Options) (docs []Document, errs []error, log string) {
	t.Helper()
	var buf bytes.Buffer
	opt.Logger = slog.New(slog.NewTextHandler(&buf, nil))
	n, err := Walk(context.Background(), paths, opt,
		func(d Document) error { docs = append(docs, d); return nil },
		func(err error) { errs = append(errs, err) })
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	if n != len(docs) {
		t.Fatalf("Walk returned %d, fn saw %d documents", n, len(docs))
	}
	return docs, errs, buf.String()
}

func writeFile(t *testing.T, dir, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

// The fixtures are short texts written for these tests.
const (
	arTitle = "تفكيك خلية إرهابية بطنجة"
	arBody  = "تمكنت المصالح الأمنية من توقيف أربعة أشخاص."
	frTitle = "Démantèlement d'une cellule à Tanger"
	frBody  = "Quatre personnes ont été interpellées – «une opération préventive»."
)

func TestReadTXT(t *testing.T) {
	longArabic := strings.Repeat(arBody+"\n", 10)
	utf16, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(frTitle + "\n" + frBody))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		file      string
		content   []byte
		wantTitle string
		wantText  string
		wantLog   string // a warning that must be logged, "" for none
	}{
		{
			name: "utf-8 with leading blank lines", file: "000_abc.txt",
			content:   []byte("\n  \n  " + arTitle + "  \n\n" + arBody + "\n"),
			wantTitle: arTitle, wantText: "\n  \n  " + arTitle + "  \n\n" + arBody + "\n",
		},
		{
			name: "BOM stripped", file: "bom.txt",
			content:   []byte("\xEF\xBB\xBF" + arTitle + "\n" + arBody),
			wantTitle: arTitle, wantText: arTitle + "\n" + arBody,
		},
		{
			name: "CRLF title has no carriage return", file: "crlf.TXT",
			content:   []byte(frTitle + "\r\n" + frBody + "\r\n"),
			wantTitle: frTitle, wantText: frTitle + "\r\n" + frBody + "\r\n",
		},
		{
			name: "windows-1256 Arabic decoded", file: "cp1256.txt",
			content:   encode(t, charmap.Windows1256, arTitle+"\n"+arBody),
			wantTitle: arTitle, wantText: arTitle + "\n" + arBody, wantLog: "windows-1256",
		},
		{
			name: "windows-1252 French decoded", file: "cp1252.txt",
			content:   encode(t, charmap.Windows1252, frTitle+"\n"+frBody),
			wantTitle: frTitle, wantText: frTitle + "\n" + frBody, wantLog: "windows-1252",
		},
		{
			name: "UTF-16 with BOM decoded", file: "utf16.txt",
			content:   utf16,
			wantTitle: frTitle, wantText: frTitle + "\n" + frBody, wantLog: "UTF-16",
		},
		{
			name: "one broken byte in UTF-8 replaced, the rest kept", file: "cut.txt",
			content:   []byte(longArabic + "\xD8"),
			wantTitle: arBody, wantText: longArabic + "\uFFFD", wantLog: "1 invalid bytes",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), tc.file, tc.content)
			docs, errs, log := collect(t, []string{path}, Options{})
			if len(errs) > 0 || len(docs) != 1 {
				t.Fatalf("got %d docs, errors %v", len(docs), errs)
			}
			d := docs[0]
			wantID := strings.TrimSuffix(tc.file, filepath.Ext(tc.file))
			if d.ID != wantID || d.Title != tc.wantTitle || d.Text != tc.wantText || d.HTML != "" || d.Origin != path {
				t.Errorf("got ID %q Title %q Text %q HTML %q Origin %q\nwant ID %q Title %q Text %q",
					d.ID, d.Title, d.Text, d.HTML, d.Origin, wantID, tc.wantTitle, tc.wantText)
			}
			if tc.wantLog == "" && log != "" {
				t.Errorf("unexpected warning: %s", log)
			}
			if tc.wantLog != "" && (!strings.Contains(log, tc.wantLog) || !strings.Contains(log, path)) {
				t.Errorf("warning %q should name %q and %q", log, tc.wantLog, path)
			}
		})
	}
}

func TestReadHTML(t *testing.T) {
	page := `<html lang="ar"><head><title>` + arTitle + `</title></head><body><p>` + arBody + `</p></body></html>`
	// ISO-8859-6 puts Arabic letters where Windows-1256 does not: only the declaration
	// tells them apart, so this checks the declaration wins over our guess.
	isoPage := `<html><head><meta charset="iso-8859-6"></head><body><p>` + arBody + `</p></body></html>`
	tests := []struct {
		name     string
		file     string
		content  []byte
		wantHTML string
	}{
		{"utf-8 page kept whole", "page.html", []byte(page), page},
		{"htm extension", "page.htm", []byte(page), page},
		{"malformed page kept as is", "broken.html", []byte("<p>" + arBody + "<b><div>"), "<p>" + arBody + "<b><div>"},
		{"declared charset used", "iso.html", encode(t, charmap.ISO8859_6, isoPage), isoPage},
		{"undeclared windows-1256 guessed", "cp.html", encode(t, charmap.Windows1256, page), page},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), tc.file, tc.content)
			docs, errs, _ := collect(t, []string{path}, Options{})
			if len(errs) > 0 || len(docs) != 1 {
				t.Fatalf("got %d docs, errors %v", len(docs), errs)
			}
			d := docs[0]
			if want := strings.TrimSuffix(tc.file, filepath.Ext(tc.file)); d.ID != want {
				t.Errorf("ID = %q, want %q", d.ID, want)
			}
			if d.HTML != tc.wantHTML || d.Text != "" {
				t.Errorf("HTML = %q, Text = %q; want HTML %q", d.HTML, d.Text, tc.wantHTML)
			}
		})
	}
}

func TestBadFiles(t *testing.T) {
	garbage := bytes.Repeat([]byte("\xa4\xa5\xa6\xa8\xb2\xb3\xb6\xb8 "), 20)
	tests := []struct {
		name     string
		file     string
		content  []byte
		opt      Options
		wantErr  error
		wantText []string // phrases the message must contain besides the path
	}{
		{"empty file", "empty.txt", nil, Options{}, ErrEmpty, []string{"remove the file"}},
		{"blank file", "blank.txt", []byte(" \n\t\n"), Options{}, ErrEmpty, nil},
		{"BOM only", "bom.html", []byte("\xEF\xBB\xBF\n"), Options{}, ErrEmpty, nil},
		{"NUL bytes", "image.txt", []byte("GIF89a\x00\x01\x02text"), Options{}, ErrBinary, []string{"NUL"}},
		{"control bytes", "ctrl.txt", bytes.Repeat([]byte("ab\x01\x02\x03"), 10), Options{}, ErrBinary, nil},
		{"PDF", "report.txt", []byte("%PDF-1.7\n%âãÏÓ\nstream"), Options{}, ErrBinary, []string{"pdftotext"}},
		{"undecodable bytes", "mojibake.txt", garbage, Options{}, ErrEncoding, []string{"re-save the file as UTF-8"}},
		{"over the size limit", "big.txt", bytes.Repeat([]byte("a"), 3<<20), Options{MaxDocBytes: 2 << 20},
			ErrTooLarge, []string{"file is 3 MB, over the 2 MB limit for one article; split it or raise --max-doc-size"}},
		{"unknown extension named explicitly", "notes.md", []byte(arBody), Options{}, ErrUnsupported, []string{".jsonl"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), tc.file, tc.content)
			docs, errs, _ := collect(t, []string{path}, tc.opt)
			if len(docs) != 0 || len(errs) != 1 {
				t.Fatalf("got %d docs and errors %v, want one error", len(docs), errs)
			}
			err := errs[0]
			var ie *InputError
			if !errors.As(err, &ie) || ie.Path != path || ie.Hint == "" {
				t.Fatalf("error %#v should be an *InputError naming %s with a hint", err, path)
			}
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("error %q is not %v", err, tc.wantErr)
			}
			for _, want := range append([]string{path}, tc.wantText...) {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("message %q lacks %q", err, want)
				}
			}
		})
	}
}

func TestDefaultSizeLimitMessage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.txt")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// A sparse file: the limit is checked before anything is read.
	if err := os.Truncate(path, 11<<20); err != nil {
		t.Fatal(err)
	}
	_, errs, _ := collect(t, []string{path}, Options{})
	want := path + ": too large: file is 11 MB, over the 10 MB limit for one article; split it or raise --max-doc-size"
	if len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("errors = %v\nwant %s", errs, want)
	}
}

func TestMissingPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope")
	docs, errs, _ := collect(t, []string{path}, Options{})
	if len(docs) != 0 || len(errs) != 1 {
		t.Fatalf("got %d docs, errors %v", len(docs), errs)
	}
	if !errors.Is(errs[0], fs.ErrNotExist) || !strings.Contains(errs[0].Error(), path) {
		t.Errorf("error %q should be ErrNotExist and name %s", errs[0], path)
	}
}

// A directory with good and broken files still yields the good ones, in lexical order,
// skipping other types and hidden files silently.
func TestWalkDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b.txt", []byte(arTitle+"\n"+arBody))
	writeFile(t, dir, "a_broken.txt", []byte("\x00\x01binary"))
	writeFile(t, dir, "notes.md", []byte("not an article"))
	writeFile(t, dir, ".hidden.txt", []byte("editor backup"))
	writeFile(t, dir, ".git/HEAD.txt", []byte("not an article"))
	writeFile(t, dir, "sub/c.html", []byte("<p>"+frBody+"</p>"))
	writeFile(t, dir, "sub/d.jsonl", []byte(`{"id":"d1","text":"`+frBody+`"}`+"\n"+`{"id":"d2","text":"`+arBody+`"}`+"\n"))
	explicit := writeFile(t, t.TempDir(), "e.txt", []byte(frTitle))

	docs, errs, _ := collect(t, []string{dir, explicit}, Options{})
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if got, want := strings.Join(ids, " "), "b c d1 d2 e"; got != want {
		t.Errorf("ids = %q, want %q", got, want)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrBinary) || !strings.Contains(errs[0].Error(), "a_broken.txt") {
		t.Errorf("errors = %v, want one binary-file error naming a_broken.txt", errs)
	}
}

func TestWalkStops(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", []byte(arBody))
	writeFile(t, dir, "b.txt", []byte(frBody))

	stop := errors.New("enough")
	n, err := Walk(context.Background(), []string{dir}, Options{}, func(Document) error { return stop }, nil)
	if !errors.Is(err, stop) || n != 0 {
		t.Errorf("fn error: got n=%d err=%v, want 0 and fn's error", n, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	n, err = Walk(ctx, []string{dir}, Options{}, func(Document) error { return nil }, nil)
	if !errors.Is(err, context.Canceled) || n != 0 {
		t.Errorf("cancelled: got n=%d err=%v, want 0 and context.Canceled", n, err)
	}
}
