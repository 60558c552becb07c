// Package storetest is the conformance suite every store backend runs (Run), and the
// Results the suite, the ingest tests and the benchmarks build their documents from.
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"marsad/internal/event"
	"marsad/internal/extract"
	"marsad/internal/store"
)

// Result returns a Result for a document with the given id and cleaned text, its hash
// computed as extract computes it, and the given events.
func Result(id, text string, events ...event.Event) extract.Result {
	sum := sha256.Sum256([]byte(text))
	if events == nil {
		events = []event.Event{}
	}
	return extract.Result{
		Doc: id, Lang: "ar", Title: "عنوان " + id, Text: text, Hash: hex.EncodeToString(sum[:]),
		Entities: []event.Entity{}, Events: events,
	}
}

// Event returns an event of type typ with empty (non-nil) lists, the shape the store
// gives back.
func Event(typ string) event.Event {
	return event.Event{
		Type: typ, Places: []event.Place{}, Actors: []string{}, Participants: []string{},
		Partners: []string{}, Affiliations: []string{},
	}
}

// Realistic returns the i-th of a series of distinct, realistic Results: an Arabic article
// of a few paragraphs with the given numbers of events and entities, each event with
// figures, two places, actors and a date, drawing on a small set of recurring entities as
// real news does. Entities are distinct within a document up to 6 places and 4
// organisations (entities up to 12).
func Realistic(i, events, entities int) extract.Result {
	places := []struct {
		name, ar, country, id string
		lat, lon              float64
	}{
		{"Tangier", "طنجة", "MA", "place:MA.01.511", 35.77, -5.80},
		{"Nador", "الناظور", "MA", "place:MA.02.381", 35.17, -2.93},
		{"Casablanca", "الدار البيضاء", "MA", "place:MA.06.141", 33.57, -7.59},
		{"Tetouan", "تطوان", "MA", "place:MA.01.571", 35.57, -5.37},
		{"Fes", "فاس", "MA", "place:MA.03.231", 34.03, -5.00},
		{"Madrid", "مدريد", "ES", "place:ES.MD", 40.42, -3.70},
	}
	orgs := []struct{ name, ar string }{
		{"DGST", "المديرية العامة لمراقبة التراب الوطني"},
		{"BCIJ", "المكتب المركزي للأبحاث القضائية"},
		{"DGSN", "المديرية العامة للأمن الوطني"},
		{"Gendarmerie Royale", "الدرك الملكي"},
	}
	types := event.Types
	text := fmt.Sprintf("وثيقة رقم %d. ", i)
	for p := 0; p < 12; p++ {
		text += "تمكنت عناصر المكتب المركزي للأبحاث القضائية، بناء على معلومات دقيقة وفرتها المديرية العامة لمراقبة التراب الوطني، من تفكيك خلية إرهابية تتكون من أربعة عناصر موالين لما يسمى بتنظيم داعش، ينشطون بمدينتي طنجة والناظور. "
	}
	res := Result(fmt.Sprintf("doc-%06d", i), text)
	res.Published = fmt.Sprintf("20%02d-%02d-%02d", 18+i%7, 1+i%12, 1+i%28)
	res.URL = fmt.Sprintf("https://example.org/news/%d", i)
	res.Source = "Example"
	for e := 0; e < entities; e++ {
		switch e % 3 {
		case 0:
			p := places[(i+e/3)%len(places)]
			lat, lon := p.lat, p.lon
			res.Entities = append(res.Entities, event.Entity{Type: "place", Name: p.name, Names: []string{p.ar},
				Country: p.country, Lat: &lat, Lon: &lon, ID: p.id})
		case 1:
			o := orgs[(i+e/3)%len(orgs)]
			res.Entities = append(res.Entities, event.Entity{Type: "org", Name: o.name, Names: []string{o.ar},
				ID: "org:" + o.name})
		default:
			res.Entities = append(res.Entities, event.Entity{Type: "person",
				Name: fmt.Sprintf("Person %d-%d", i%500, e), Names: []string{fmt.Sprintf("شخص %d-%d", i%500, e)}})
		}
	}
	for e := 0; e < events; e++ {
		ev := Event(types[(i+e)%len(types)])
		year := 2018 + (i+e)%7
		ev.Date = &event.Period{From: fmt.Sprintf("%d-01-01", year), To: fmt.Sprintf("%d-%02d-15", year, 1+e%12)}
		ev.Figures = map[string]event.Figure{
			"arrested": {Value: float64(1 + (i+e)%30), Qualifier: "exact", Start: 100 + e, End: 103 + e},
			"cells":    {Value: 1, Qualifier: "exact", Start: 90, End: 94},
			"quantity": {Value: 1.5 * float64(e+1), Qualifier: "approx", Unit: "t", Item: "cannabis resin", Start: 200, End: 210},
		}
		for k := 0; k < 2; k++ {
			p := places[(i+e+k)%len(places)]
			lat, lon := p.lat, p.lon
			ev.Places = append(ev.Places, event.Place{Name: p.name, Names: []string{p.ar}, Country: p.country,
				Lat: &lat, Lon: &lon, ID: p.id})
		}
		ev.Actors = []string{orgs[e%len(orgs)].name, orgs[(e+1)%len(orgs)].name}
		ev.Affiliations = []string{"ISIS"}
		ev.Evidence = event.Span{Start: 30 * e, End: 30*e + 120, Text: "تفكيك خلية إرهابية تتكون من أربعة عناصر"}
		res.Events = append(res.Events, ev)
	}
	return res
}

// BenchPutBatch stores b.N distinct Realistic documents (5 events, 10 entities) into s in
// batches of the given size, as `marsad ingest` writes, and reports documents per second:
// the store's side of ingest, for each backend's BenchmarkPutBatch.
func BenchPutBatch(b *testing.B, s store.Store, batch int) {
	docs := make([]extract.Result, b.N)
	for i := range docs {
		docs[i] = Realistic(i, 5, 10)
	}
	ctx := context.Background()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i += batch {
		out, err := s.PutBatch(ctx, docs[i:min(i+batch, b.N)])
		if err != nil {
			b.Fatal(err)
		}
		for _, o := range out {
			if o.Err != nil || !o.Inserted {
				b.Fatalf("%+v", o)
			}
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "docs/s")
}
