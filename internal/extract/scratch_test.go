package extract

import (
	"context"
	"encoding/json"
	"sync"
	"testing"

	"marsad/internal/document"
)

// The extractor reuses a document's token and match arrays for the next one. A result
// must not change when later documents are read, whichever goroutine reads them, and a
// document must give the same result as on a fresh extractor.
func TestExtractReusesNothingOfEarlierDocuments(t *testing.T) {
	docs := []document.Document{
		{ID: "a", Published: "2024-03-02", Text: "أعلن المكتب المركزي للأبحاث القضائية، يوم الخميس، عن تفكيك خلية إرهابية تتكون من أربعة عناصر تنشط بمدينتي طنجة وتطوان."},
		{ID: "b", Published: "2024-05-10", Text: "La Gendarmerie royale a saisi 3 tonnes de chira à Nador et interpellé cinq suspects, dont un Espagnol."},
		{ID: "c", Text: "8 مايو 2025\nأوقفت عناصر الشرطة بالدار البيضاء ثلاثة أشخاص للاشتباه في تورطهم في السرقة بالعنف."},
		{ID: "d", Published: "2023-01-15", Text: "Police in Madrid arrested two men suspected of planning an attack on a concert, the interior ministry said on Sunday. " +
			"The suspects were detained in a joint operation with Moroccan security services."},
	}
	ctx := context.Background()
	asJSON := func(r Result) string {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	fresh := make([]string, len(docs))
	for i, d := range docs {
		r, err := newExtractor(t).Extract(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Events) == 0 {
			t.Fatalf("%s: no event; the test needs documents that give events", d.ID)
		}
		fresh[i] = asJSON(r)
	}

	x := newExtractor(t)
	// Results kept while later documents (and a long one that grows the arrays) are read.
	long := document.Document{ID: "long", Published: "2024-01-01"}
	for range 300 {
		long.Text += docs[0].Text + "\n\n" + docs[1].Text + "\n\n"
	}
	var kept []Result
	for round := 0; round < 2; round++ {
		for _, d := range append(append([]document.Document{}, docs...), long) {
			r, err := x.Extract(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			kept = append(kept, r)
		}
	}
	for k, r := range kept {
		i := k % (len(docs) + 1)
		if i == len(docs) {
			continue
		}
		if got := asJSON(r); got != fresh[i] {
			t.Errorf("%s (read %d-th): result changed after later documents:\n got %s\nwant %s", docs[i].ID, k, got, fresh[i])
		}
	}

	// The same from several goroutines sharing the extractor.
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 20; n++ {
				i := (g + n) % len(docs)
				r, err := x.Extract(ctx, docs[i])
				if err != nil {
					errs <- err.Error()
					return
				}
				if got := asJSON(r); got != fresh[i] {
					errs <- docs[i].ID + ": concurrent result differs from a fresh extractor's"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
