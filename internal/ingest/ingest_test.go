package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"marsad/internal/document"
	"marsad/internal/event"
	"marsad/internal/extract"
	"marsad/internal/store"
	"marsad/internal/store/sqlite"
	"marsad/internal/store/storetest"
)

func openStore(t *testing.T) (*sqlite.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "marsad.db")
	s, err := sqlite.Open(context.Background(), path, store.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// docs is a Source over a fixed list; bad names input errors reported through onErr.
func docs(list []document.Document, bad ...string) Source {
	return func(ctx context.Context, emit func(document.Document) error, onErr func(error)) error {
		for _, b := range bad {
			onErr(&document.InputError{Path: b, Err: document.ErrSyntax})
		}
		for _, d := range list {
			if err := emit(d); err != nil {
				return err
			}
		}
		return nil
	}
}

func doc(id, text string) document.Document {
	return document.Document{ID: id, Text: text, Origin: "test.jsonl:" + id}
}

// extractOne gives every document one arrest event; documents whose text starts with
// "FAIL" cannot be read.
func extractOne(ctx context.Context, d document.Document) (extract.Result, error) {
	if strings.HasPrefix(d.Text, "FAIL") {
		return extract.Result{}, errors.New("unreadable")
	}
	ev := storetest.Event("arrest")
	ev.Figures = map[string]event.Figure{"arrested": {Value: 2, Qualifier: "exact"}}
	ev.Places = []event.Place{{Name: "Nador", Country: "MA"}}
	return storetest.Result(d.ID, d.Text, ev), ctx.Err()
}

func TestDuplicatesStoredOnce(t *testing.T) {
	s, _ := openStore(t)
	in := []document.Document{doc("a", "text a"), doc("b", "text b"), doc("a-copy", "text a"), doc("a", "text a")}
	c, err := Run(context.Background(), docs(in), extractOne, s, Config{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if c.Read != 4 || c.Stored != 2 || c.Duplicates != 2 || c.Failed != 0 {
		t.Errorf("first run: %+v, want 4 read, 2 stored, 2 duplicates", c)
	}
	c, err = Run(context.Background(), docs(in), extractOne, s, Config{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if c.Read != 4 || c.Stored != 0 || c.Duplicates != 4 {
		t.Errorf("second run: %+v, want everything a duplicate", c)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 || st.Events != 2 {
		t.Errorf("stats: %+v, want 2 documents, 2 events", st)
	}
}

func TestFailuresDoNotStopTheRest(t *testing.T) {
	s, _ := openStore(t)
	var logs bytes.Buffer
	in := []document.Document{doc("a", "text a"), doc("bad", "FAIL here"), doc("b", "text b"), doc("c", "text c")}
	c, err := Run(context.Background(), docs(in, "broken.jsonl"), extractOne, s, Config{
		Workers: 2, Logger: newLogger(&logs),
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.Read != 4 || c.Stored != 3 || c.Failed != 2 {
		t.Errorf("counts: %+v, want 4 read, 3 stored, 2 failed (one unreadable input, one document)", c)
	}
	for _, want := range []string{"origin=test.jsonl:bad", "broken.jsonl"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log does not name %q:\n%s", want, logs.String())
		}
	}
}

// putThen runs a hook before each write of the real store, with the number of documents
// given to the store so far, this batch's included.
type putThen struct {
	store.Store
	before func(n int)
	n      int
}

func (p *putThen) PutBatch(ctx context.Context, res []extract.Result) ([]store.PutOutcome, error) {
	p.n += len(res)
	p.before(p.n)
	return p.Store.PutBatch(ctx, res)
}

func endless(ctx context.Context, emit func(document.Document) error, onErr func(error)) error {
	for i := 0; ; i++ {
		if err := emit(doc(fmt.Sprintf("d%d", i), fmt.Sprintf("text %d", i))); err != nil {
			return err
		}
	}
}

func TestCancelFinishesTheCurrentDocument(t *testing.T) {
	s, path := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Cancel while the second batch of five is on its way into the store.
	p := &putThen{Store: s, before: func(n int) {
		if n == 10 {
			cancel()
		}
	}}
	c, err := Run(ctx, endless, extractOne, p, Config{Workers: 4, BatchSize: 5, BatchDelay: time.Hour})
	if !Interrupted(err) {
		t.Fatalf("err = %v, want an interruption", err)
	}
	if c.Stored != 10 || p.n != 10 {
		t.Errorf("stored %d (%d given to the store), want 10: the batch being written is finished, none after", c.Stored, p.n)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s2, err := sqlite.Open(context.Background(), path, store.Config{MustExist: true})
	if err != nil {
		t.Fatalf("reopen after an interrupted ingest: %v", err)
	}
	defer s2.Close()
	st, err := s2.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 10 || st.Events != 10 || st.Figures != 10 {
		t.Errorf("store after interruption: %+v, want 10 whole documents", st)
	}
	evs, err := s2.Events(context.Background(), store.EventFilter{Place: "Nador"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if len(e.Event.Places) != 1 || len(e.Event.Figures) != 1 {
			t.Errorf("event %d of %s is incomplete: %+v", e.ID, e.Doc.ID, e.Event)
		}
	}
}

func newLogger(w *bytes.Buffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, nil))
}

func TestStoreFailuresStopTheRun(t *testing.T) {
	s, _ := openStore(t)
	s.Close() // every Put now fails
	var puts atomic.Int64
	p := &putThen{Store: s, before: func(int) { puts.Add(1) }}
	c, err := Run(context.Background(), endless, extractOne, p, Config{Workers: 2, MaxStoreFailures: 3, BatchSize: 1})
	if err == nil || Interrupted(err) {
		t.Fatalf("err = %v, want the store's failure", err)
	}
	if c.Failed != 3 || puts.Load() != 3 {
		t.Errorf("counts %+v after %d puts, want 3 failures then a stop", c, puts.Load())
	}
}

func TestSourceErrorIsReturned(t *testing.T) {
	s, _ := openStore(t)
	boom := errors.New("disk gone")
	src := func(ctx context.Context, emit func(document.Document) error, onErr func(error)) error {
		if err := emit(doc("a", "text a")); err != nil {
			return err
		}
		return boom
	}
	c, err := Run(context.Background(), src, extractOne, s, Config{})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want %v", err, boom)
	}
	if c.Stored != 1 {
		t.Errorf("documents read before the failure are stored: %+v", c)
	}
}

func TestProgressReported(t *testing.T) {
	s, _ := openStore(t)
	var seen []Counts
	in := []document.Document{doc("a", "text a"), doc("b", "text b"), doc("c", "text c")}
	_, err := Run(context.Background(), docs(in), extractOne, s, Config{BatchSize: 1, Progress: func(c Counts) { seen = append(seen, c) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 3 || seen[2].Stored != 3 || seen[2].Read != 3 || seen[2].Elapsed <= 0 {
		t.Errorf("progress calls: %+v, want one per write ending at 3 stored", seen)
	}
}

// Documents arriving slower than a batch fills are written after BatchDelay, not held
// until the batch is full or the input ends.
func TestBatchWrittenAfterDelay(t *testing.T) {
	s, _ := openStore(t)
	stored := make(chan int, 10)
	src := func(ctx context.Context, emit func(document.Document) error, onErr func(error)) error {
		if err := emit(doc("a", "text a")); err != nil {
			return err
		}
		select { // the input stalls until the first document is stored
		case <-stored:
		case <-time.After(5 * time.Second):
			return errors.New("the first document was never written")
		}
		return emit(doc("b", "text b"))
	}
	c, err := Run(context.Background(), src, extractOne, s, Config{BatchSize: 64, BatchDelay: 20 * time.Millisecond,
		Progress: func(c Counts) { stored <- c.Stored }})
	if err != nil || c.Stored != 2 {
		t.Errorf("counts %+v, err %v; want 2 stored", c, err)
	}
}

func TestProgressTerminalLine(t *testing.T) {
	var out bytes.Buffer
	p := NewProgress(&out, true)
	clock := time.Unix(0, 0)
	p.now = func() time.Time { return clock }
	p.Update(Counts{Read: 1, Stored: 1, Elapsed: time.Second})
	clock = clock.Add(10 * time.Millisecond)
	p.Update(Counts{Read: 2, Stored: 2, Elapsed: time.Second}) // too soon: not drawn
	clock = clock.Add(time.Second)
	p.Update(Counts{Read: 3, Stored: 2, Failed: 1, Elapsed: 2 * time.Second})
	fmt.Fprintln(p, "level=WARN msg=boom")
	p.Finish()
	want := "\r\x1b[Kingest: 1 read, 1 stored, 0 duplicates, 0 failed · 1.0 docs/s" +
		"\r\x1b[Kingest: 3 read, 2 stored, 0 duplicates, 1 failed · 1.5 docs/s" +
		"\r\x1b[K" + "level=WARN msg=boom\n" +
		"\r\x1b[Kingest: 3 read, 2 stored, 0 duplicates, 1 failed · 1.5 docs/s" +
		"\r\x1b[K"
	if got := out.String(); got != want {
		t.Errorf("terminal output\n got %q\nwant %q", got, want)
	}
}

func TestProgressPlainLines(t *testing.T) {
	var out bytes.Buffer
	p := NewProgress(&out, false)
	clock := time.Unix(0, 0)
	p.now = func() time.Time { return clock }
	p.last = clock
	p.EveryDocs = 10
	for i := 1; i <= 25; i++ {
		p.Update(Counts{Read: i, Stored: i, Elapsed: time.Duration(i) * time.Second})
	}
	clock = clock.Add(11 * time.Second) // a quiet spell still gets a line
	p.Update(Counts{Read: 26, Stored: 26, Elapsed: 26 * time.Second})
	p.Finish()
	got := out.String()
	if strings.Contains(got, "\r") {
		t.Errorf("plain output has carriage returns: %q", got)
	}
	if n := strings.Count(got, "msg=\"ingest progress\""); n != 3 {
		t.Errorf("%d progress lines, want 3 (at 10, 20 documents and after 11 s):\n%s", n, got)
	}
	if !strings.Contains(got, "stored=26") {
		t.Errorf("last line does not show 26 stored:\n%s", got)
	}
}
