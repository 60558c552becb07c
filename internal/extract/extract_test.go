package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"weak"

	"marsad/internal/clean"
	"marsad/internal/document"
	"marsad/internal/event"
	"marsad/internal/recognize"
	"marsad/internal/text"
)

// one shared extractor: compiling the lexicon takes a fraction of a second
func newExtractor(t testing.TB) *Extractor {
	t.Helper()
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func extractText(t *testing.T, x *Extractor, id, published, body string) Result {
	t.Helper()
	r, err := x.Extract(context.Background(), document.Document{ID: id, Published: published, Text: body})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func eventsOf(r Result, typ string) []event.Event {
	var out []event.Event
	for _, e := range r.Events {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

func placeNames(e event.Event) []string {
	var out []string
	for _, p := range e.Places {
		out = append(out, p.Name)
	}
	sort.Strings(out)
	return out
}

func hasActor(e event.Event, name string) bool {
	for _, a := range e.Actors {
		if strings.Split(a, "|")[0] == name {
			return true
		}
	}
	return false
}

func figure(t *testing.T, e event.Event, key string, value float64, qualifier string) {
	t.Helper()
	f, ok := e.Figures[key]
	if !ok {
		t.Errorf("%s: no %s figure (figures %v)", e.Type, key, e.Figures)
		return
	}
	if f.Value != value || f.Qualifier != qualifier {
		t.Errorf("%s: %s = %v %q, want %v %q", e.Type, key, f.Value, f.Qualifier, value, qualifier)
	}
}

// TestSeed004 checks the seed article the project was born from: the 2023 balance of
// six cells and 21 arrests in seven cities, by the DGST and the BCIJ.
func TestSeed004(t *testing.T) {
	path := filepath.Join(sharedDir(), "corpus", "seeds", "004_1d7fd286a55e51f8.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("seed article not available (%v): set MARSAD_SHARED", err)
	}
	x := newExtractor(t)
	var r Result
	_, err := document.Walk(context.Background(), []string{path}, document.Options{}, func(d document.Document) error {
		var err error
		r, err = x.Extract(context.Background(), d)
		return err
	}, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	var six *event.Event
	for i, e := range eventsOf(r, "cell_dismantled") {
		if f, ok := e.Figures["cells"]; ok && f.Value == 6 {
			six = &eventsOf(r, "cell_dismantled")[i]
		}
	}
	if six == nil {
		t.Fatalf("no cell_dismantled event with 6 cells; events: %+v", r.Events)
	}
	figure(t, *six, "arrested", 21, "")
	want := []string{"Chtouka Ait Baha", "Inezgane-Ait Melloul", "Larache", "Nador", "Souk El Arbaa", "Tangier", "Tetouan"}
	got := placeNames(*six)
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("place %s missing from %v", w, got)
		}
	}
	for _, a := range []string{"DGST", "BCIJ"} {
		if !hasActor(*six, a) {
			t.Errorf("actor %s missing from %v", a, six.Actors)
		}
	}
	if six.Date == nil || !strings.HasPrefix(six.Date.From, "2023") {
		t.Errorf("date %+v, want a period in 2023", six.Date)
	}
}

// TestSeed000 checks the approximate figure: "حوالي8 خلايا" in 2023.
func TestSeed000(t *testing.T) {
	path := filepath.Join(sharedDir(), "corpus", "seeds", "000_e003d6a8f18d6a85.txt")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("seed article not available (%v): set MARSAD_SHARED", err)
	}
	x := newExtractor(t)
	r := extractText(t, x, "000", "", string(raw))
	for _, e := range eventsOf(r, "cell_dismantled") {
		if f, ok := e.Figures["cells"]; ok && f.Value == 8 {
			if f.Qualifier != "approx" {
				t.Errorf("cells 8 should be approx, got %q", f.Qualifier)
			}
			if e.Date == nil || e.Date.From != "2023" || e.Date.To != "2023" {
				t.Errorf("date %+v, want 2023", e.Date)
			}
			return
		}
	}
	t.Fatalf("no cell_dismantled with about 8 cells: %+v", r.Events)
}

func TestExampleArticles(t *testing.T) {
	x := newExtractor(t)
	results := map[string]Result{}
	_, err := document.Walk(context.Background(), []string{filepath.Join("..", "..", "examples")}, document.Options{},
		func(d document.Document) error {
			r, err := x.Extract(context.Background(), d)
			results[r.Doc] = r
			return err
		}, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
	r := results["ar-cell-tangier"]
	cells := eventsOf(r, "cell_dismantled")
	if len(cells) != 1 {
		t.Fatalf("ar-cell-tangier: %d cell events, want 1: %+v", len(cells), r.Events)
	}
	c := cells[0]
	figure(t, c, "cells", 1, "")
	figure(t, c, "arrested", 4, "")
	if got := placeNames(c); strings.Join(got, ",") != "Tangier,Tetouan" {
		t.Errorf("places %v, want Tangier and Tetouan", got)
	}
	if c.Date == nil || c.Date.From != "2025-03-11" {
		t.Errorf("date %+v, want 2025-03-11", c.Date)
	}
	if len(c.Affiliations) == 0 || !strings.HasPrefix(c.Affiliations[0], "ISIS") {
		t.Errorf("affiliations %v, want ISIS", c.Affiliations)
	}

	r = results["ar-darija-balance"]
	if r.Published != "2024-12-30" {
		t.Errorf("darija example: published %q, want the dateline 2024-12-30", r.Published)
	}
	cells = eventsOf(r, "cell_dismantled")
	if len(cells) == 0 {
		t.Fatalf("darija example: no cell event: %+v", r.Events)
	}
	figure(t, cells[0], "cells", 8, "approx")
	figure(t, cells[0], "arrested", 40, "at_least")
	coop := eventsOf(r, "cooperation")
	if len(coop) != 1 || coop[0].Date == nil || coop[0].Date.From != "2024-12-16" {
		t.Errorf("darija example: want one cooperation on 2024-12-16, got %+v", coop)
	}

	r = results["fr-saisie"]
	if r.Published != "2025-04-14" {
		t.Errorf("html example: published %q from the page metadata, want 2025-04-14", r.Published)
	}
	if strings.Contains(r.Text, "cookies") || strings.Contains(r.Text, "Partager") {
		t.Errorf("html example: page furniture left in the text: %q", r.Text)
	}
	sz := eventsOf(r, "seizure")
	if len(sz) != 1 {
		t.Fatalf("html example: %d seizures, want 1: %+v", len(sz), r.Events)
	}
	q := sz[0].Figures["quantity"]
	if q.Value != 120 || q.Unit != "kg" || q.Item != "cocaine" || q.Qualifier != "approx" {
		t.Errorf("html example: quantity %+v, want about 120 kg of cocaine", q)
	}

	r = results["ex-en-conviction"]
	conv := eventsOf(r, "conviction")
	if len(conv) != 1 {
		t.Fatalf("english example: %d convictions: %+v", len(conv), r.Events)
	}
	figure(t, conv[0], "years", 8, "")
	if conv[0].Date == nil || conv[0].Date.From != "2025-09-18" {
		t.Errorf("english example: date %+v, want Thursday 2025-09-18", conv[0].Date)
	}
}

// TestEvidenceAndFigureSpans: every evidence span and figure span points into the text the
// result carries, so an analyst can always see where a number came from.
func TestEvidenceAndFigureSpans(t *testing.T) {
	x := newExtractor(t)
	_, err := document.Walk(context.Background(), []string{filepath.Join("..", "..", "examples")}, document.Options{},
		func(d document.Document) error {
			r, err := x.Extract(context.Background(), d)
			if err != nil {
				return err
			}
			for _, e := range r.Events {
				if got := text.RuneSlice(r.Text, e.Evidence.Start, e.Evidence.End); got != e.Evidence.Text || got == "" {
					t.Errorf("%s %s: evidence span [%d,%d) = %q, evidence text %q", r.Doc, e.Type, e.Evidence.Start, e.Evidence.End, got, e.Evidence.Text)
				}
				for k, f := range e.Figures {
					span := text.RuneSlice(r.Text, f.Start, f.End)
					if f.End <= f.Start || f.Start < e.Evidence.Start-2000 || span == "" {
						t.Errorf("%s %s %s: bad figure span [%d,%d)", r.Doc, e.Type, k, f.Start, f.End)
					}
				}
			}
			return nil
		}, func(err error) { t.Error(err) })
	if err != nil {
		t.Fatal(err)
	}
}

// TestLatinEvents: French and English articles yield the same event types and slots.
func TestLatinEvents(t *testing.T) {
	x := newExtractor(t)
	cases := []struct {
		name, published, body string
		typ                   string
		figures               map[string]float64
		place, date           string
	}{
		{"fr-cell", "2024-05-03", "La police espagnole a démantelé hier une cellule terroriste à Barcelone et arrêté quatre personnes liées à l'État islamique.",
			"cell_dismantled", map[string]float64{"cells": 1, "arrested": 4}, "Barcelona", "2024-05-02"},
		{"en-attack", "2020-06-05", "At least 12 people were killed on Tuesday when a gunman opened fire at a market in Kano, Nigeria.",
			"attack", map[string]float64{"killed": 12}, "Kano", "2020-06-02"},
		{"fr-seizure", "2023-02-10", "Les douaniers ont saisi plus de 2 tonnes de résine de cannabis au port d'Algésiras, jeudi.",
			"seizure", map[string]float64{"quantity": 2}, "Algeciras", "2023-02-09"},
		{"en-extradition", "2022-11-20", "Spain extradited a Moroccan national to Rabat on Friday, the Interior Ministry said.",
			"extradition", nil, "", "2022-11-18"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := extractText(t, x, c.name, c.published, c.body)
			evs := eventsOf(r, c.typ)
			if len(evs) == 0 {
				t.Fatalf("no %s event in %+v", c.typ, r.Events)
			}
			e := evs[0]
			for k, v := range c.figures {
				if f, ok := e.Figures[k]; !ok || f.Value != v {
					t.Errorf("figure %s = %+v, want %v", k, e.Figures[k], v)
				}
			}
			if c.place != "" {
				found := false
				for _, p := range e.Places {
					found = found || p.Name == c.place
				}
				if !found {
					t.Errorf("places %v, want %s", placeNames(e), c.place)
				}
			}
			if e.Date == nil || e.Date.From != c.date {
				t.Errorf("date %+v, want %s", e.Date, c.date)
			}
		})
	}
}

// FuzzExtract runs the whole pipeline on arbitrary text: it never fails on a readable
// document, and every evidence and figure span points into the text it returns.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"تفكيك خلية إرهابية بمدينة طنجة وإيقاف 4 أشخاص",
		"Le 17 février, une fusillade a fait 3 morts à Paris.",
		"At least 12 people were killed on Tuesday in Kano.",
		"حجز 6 الاف لتر من البنزين", "٢٠٢٣ 06 حوالي8", "la ville, the city, المدينة",
	} {
		f.Add(s, "2024-01-02")
	}
	x := newExtractor(f)
	f.Fuzz(func(t *testing.T, body, published string) {
		r, err := x.Extract(context.Background(), document.Document{ID: "fuzz", Text: body, Published: published})
		if errors.Is(err, clean.ErrNoText) {
			return // nothing left once page furniture is removed: reported, not a failure
		}
		if err != nil {
			t.Fatalf("Extract: %v", err)
		}
		n := len([]rune(r.Text))
		for _, e := range r.Events {
			if e.Evidence.Start < 0 || e.Evidence.End > n || e.Evidence.Start > e.Evidence.End {
				t.Fatalf("evidence span [%d,%d) outside text of %d runes", e.Evidence.Start, e.Evidence.End, n)
			}
			for k, fg := range e.Figures {
				if fg.Start < 0 || fg.End > n || fg.Start > fg.End {
					t.Fatalf("figure %s span [%d,%d) outside text of %d runes", k, fg.Start, fg.End, n)
				}
			}
		}
	})
}

// TestLazyExtractsAsTheExtractor: the lazy extractor, called first by several goroutines
// at once, compiles one extractor and reads documents exactly as a compiled one does.
func TestLazyExtractsAsTheExtractor(t *testing.T) {
	x := newExtractor(t)
	doc := document.Document{ID: "lazy-1", Lang: "ar", Published: "2025-03-04",
		Text: "أعلن المكتب المركزي للأبحاث القضائية عن تفكيك خلية إرهابية بمدينة طنجة وتوقيف أربعة عناصر."}
	want, err := x.Extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Events) == 0 {
		t.Fatal("the fixture must give events")
	}
	var l Lazy
	got := make([]Result, 4)
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i], errs[i] = l.Extract(context.Background(), doc) })
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil {
			t.Fatalf("call %d: %v", i, errs[i])
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("call %d differs from the compiled extractor's\n got: %+v\nwant: %+v", i, got[i], want)
		}
	}
	if l.compiled != 1 {
		t.Errorf("4 calls at once compiled the tables %d times, want once", l.compiled)
	}
}

// TestLazyLetsGoWhenIdle: with Idle set, the tables are let go once no call came for that
// long, never while a call runs, and compiled again at the next call, which reads as before.
func TestLazyLetsGoWhenIdle(t *testing.T) {
	doc := document.Document{ID: "lazy-2", Lang: "ar", Published: "2025-03-04",
		Text: "أعلن المكتب المركزي للأبحاث القضائية عن تفكيك خلية إرهابية بمدينة طنجة وتوقيف أربعة عناصر."}
	released := make(chan struct{}, 2)
	l := &Lazy{Idle: 30 * time.Millisecond, OnRelease: func() { released <- struct{}{} }}
	held := func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.x != nil
	}
	first, err := l.Extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	// A call in progress keeps the tables however long it takes.
	if _, err := l.acquire(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(4 * l.Idle)
	if !held() {
		t.Fatal("the tables were let go while a call was running")
	}
	l.release()
	for deadline := time.Now().Add(5 * time.Second); held(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the tables are still held 5 s after the last call (Idle %v)", l.Idle)
		}
	}
	select {
	case <-released:
	case <-time.After(5 * time.Second):
		t.Fatal("OnRelease was not called after the tables were let go")
	}
	again, err := l.Extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	if l.compiled != 2 {
		t.Errorf("compiled %d times, want twice (once more after being let go)", l.compiled)
	}
	if !reflect.DeepEqual(again, first) {
		t.Errorf("the recompiled extractor reads the document otherwise\n got: %+v\nwant: %+v", again, first)
	}
}

// Release lets the tables go at once, but never from under a call in progress.
func TestLazyReleaseLetsGoNowUnlessRunning(t *testing.T) {
	doc := document.Document{ID: "lazy-3", Lang: "fr", Published: "2025-03-04",
		Text: "La police a interpellé trois suspects à Tanger."}
	released := make(chan struct{}, 2)
	l := &Lazy{OnRelease: func() { released <- struct{}{} }} // no Idle: kept until released
	held := func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.x != nil
	}
	l.Release() // nothing compiled yet: nothing to let go
	select {
	case <-released:
		t.Fatal("OnRelease was called with no tables held")
	case <-time.After(20 * time.Millisecond):
	}
	if _, err := l.Extract(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if _, err := l.acquire(); err != nil {
		t.Fatal(err)
	}
	l.Release()
	if !held() {
		t.Fatal("Release let the tables go while a call was running")
	}
	l.release()
	l.Release()
	if held() {
		t.Fatal("Release kept the tables with no call running")
	}
	select {
	case <-released:
	case <-time.After(5 * time.Second):
		t.Fatal("OnRelease was not called after Release let the tables go")
	}
	if _, err := l.Extract(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if l.compiled != 2 {
		t.Errorf("compiled %d times, want twice (once more after Release)", l.compiled)
	}
}

// TestReleasedTablesGoAtTheNextCollection checks that an extractor that has read
// documents is freed by one collection once nothing holds it: a server that lets its
// extractor go collects once and reads the live heap to pace its collector, and the 78 MB
// of tables must not be in it. (Its pool of per-document arrays, when it lay inside the
// Extractor, kept the whole of it for a second collection: the runtime holds every pool
// used since the last one, and the arrays it kept for one more.)
func TestReleasedTablesGoAtTheNextCollection(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	doc := document.Document{ID: "weak-1", Lang: "fr", Published: "2025-03-04",
		Text: "La police a interpellé trois suspects à Tanger."}
	for range 3 {
		if _, err := x.Extract(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
	}
	w := weak.Make(x)
	x = nil
	runtime.GC()
	if w.Value() != nil {
		t.Fatal("the extractor outlived the collection after its last use")
	}
}

// keyIndex numbers keys in the order they come and finds each again, below and past the
// size where a map takes over.
func TestKeyIndex(t *testing.T) {
	var x keyIndex
	for i := range 3 * smallIndex {
		key := fmt.Sprintf("place:%d", i)
		if _, ok := x.find(key); ok {
			t.Fatalf("%q found before it was added", key)
		}
		if k := x.add(key); k != i {
			t.Fatalf("add(%q) = %d, want %d", key, k, i)
		}
		for j := 0; j <= i; j++ {
			if k, ok := x.find(fmt.Sprintf("place:%d", j)); !ok || k != j {
				t.Fatalf("after %d keys, find(place:%d) = %d, %v", i+1, j, k, ok)
			}
		}
	}
	if _, ok := x.find(""); ok {
		t.Error("the empty key was found")
	}
}

// mergeSorted is the union of two sorted sets, as sorting both together and dropping
// repeats gives it.
func TestMergeSorted(t *testing.T) {
	words := []string{"", "a", "b", "ba", "c", "تونس", "Tunis", "tunis"}
	for mask := range 1 << (2 * len(words)) {
		var a, b []string
		for i, w := range words {
			if mask&(1<<i) != 0 {
				a = append(a, w)
			}
			if mask&(1<<(len(words)+i)) != 0 {
				b = append(b, w)
			}
		}
		slices.Sort(a)
		slices.Sort(b)
		want := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(a), b...))))
		if got := mergeSorted([]string{"before"}, a, b); !slices.Equal(got[1:], want) || got[0] != "before" {
			t.Fatalf("mergeSorted(%q, %q) = %q, want %q", a, b, got, want)
		}
	}
}

// The Extractor's sorted alias lists give each entity the names Entities gives it
// sorting them in the document, on the first document that names a place and on the next.
func TestEntitiesSortedAliases(t *testing.T) {
	x := newExtractor(t)
	var sc scratch
	texts := []string{
		"فككت المصالح الأمنية بمدينة طنجة خلية إرهابية، وأوقفت الشرطة في الرباط ثلاثة أشخاص.",
		"La police a arrêté deux suspects à Tunis et à Sfax, selon le ministère de l'Intérieur.",
	}
	for round := range 2 {
		for _, s := range texts {
			a := text.Analyze(s, "")
			d := recognize.Recognize(x.lex, &a, "2024-01-02")
			want := Entities(d)
			got := sc.entities(d)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round %d, %q:\n got %+v\nwant %+v", round, s, got, want)
			}
			if round == 0 && len(want) < 2 {
				t.Errorf("%q: %d entities, want the places and the body named", s, len(want))
			}
		}
	}
	if len(sc.aliases) == 0 {
		t.Error("no alias list was kept")
	}
}
