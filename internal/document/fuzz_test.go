package document

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"
)

func checkDoc(t *testing.T, d Document) {
	t.Helper()
	if d.ID == "" {
		t.Errorf("empty id: %+v", d)
	}
	for _, s := range []string{d.ID, d.URL, d.Source, d.Title, d.Published, d.Lang, d.Text, d.HTML} {
		if !utf8.ValidString(s) {
			t.Errorf("invalid UTF-8 %q in %+v", s, d)
		}
	}
	if d.Text == "" && d.HTML == "" {
		t.Errorf("document without text: %+v", d)
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","title":"t","published":"2023-12-26","text":"` + arBody + `"}` + "\n"))
	f.Add([]byte(`{"html":"<p>x</p>","published":"2016-01-12T09:30:00+02:00"}`))
	f.Add([]byte("\xEF\xBB\xBF{\"id\":7,\"text\":\"\xe9t\xe9\"}\r\n\n[1]\n{\"id\":"))
	f.Add([]byte("{\"text\":\"a\x00\"}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ReadJSONL(context.Background(), strings.NewReader(string(data)), "f.jsonl", Options{MaxDocBytes: 4096, Logger: slog.New(slog.DiscardHandler)},
			func(d Document) error { checkDoc(t, d); return nil },
			func(error) {})
		if err != nil {
			t.Errorf("ReadJSONL failed on its own: %v", err)
		}
	})
}

func FuzzReadTXT(f *testing.F) {
	f.Add("a.txt", []byte(arTitle+"\n\n"+arBody))
	f.Add(".txt", []byte("\xEF\xBB\xBF\r\n x"))
	f.Add("b.txt", []byte("\xff\xfe\x41\x00"))
	f.Add("c.txt", []byte("caf\xe9 cr\xe8me"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		d, _, p := parseTXT(name, data)
		if p != nil {
			if p.err == nil || p.hint == "" {
				t.Errorf("problem without error or hint: %+v", p)
			}
			return
		}
		checkDoc(t, d)
		if !strings.Contains(d.Text, d.Title) {
			t.Errorf("title %q is not in the text", d.Title)
		}
	})
}
