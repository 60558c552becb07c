package names

import (
	"math/rand/v2"
	"strings"
	"testing"

	"marsad/data"
	"marsad/internal/lexicon"
)

// longNames are organisation names of the kind court and police reports give (Tunisian
// units, courts), whose parts make comparisons costly; written for the tests.
var longNames = []string{
	"فرقة الأبحاث والتفتيش للحرس الوطني بالمهدية",
	"فرقة الابحاث والتفتيش للحرس الوطني بالمنستير",
	"فرقة الأبحاث والتفتيش للحرس الوطني بسيدي بوزيد",
	"النيابة العمومية بالمحكمة الابتدائية بمنوبة",
	"النيابة العمومية بالمحكمة الابتدائية في منّوبة",
	"منطقة الحرس الوطني بقرمبالية",
	"شرطة ليما", "شرطة هلسنكي", "محكمة جنايات القاهرة",
	"Direction générale de la sûreté nationale", "Brigade nationale de la police judiciaire",
	"Abdellatif Hammouchi", "Hammouchi Abdellatif", "عبد اللطيف حموشي", "حموشي", "Hamdouchi",
	"Mohammed VI", "محمد السادس", "Hassan II", "Aya", "آية", "Ali", "علي", "العمري",
	// More consonants of one class than the counts hold.
	strings.Repeat("ب", 300), strings.Repeat("ba", 150) + " " + strings.Repeat("ba", 150),
}

// samplePairs returns the pairs the bound tests run on: the pair tables, the long names with
// each other, and random pairs of lexicon names (persons, organisations, places).
func samplePairs(t *testing.T, random int) [][2]string {
	t.Helper()
	var out [][2]string
	for _, file := range []string{"names/pairs-tune.tsv", "names/pairs-heldout.tsv"} {
		for _, p := range readTable(t, file) {
			out = append(out, [2]string{p.A, p.B})
		}
	}
	for _, a := range longNames {
		for _, b := range longNames {
			out = append(out, [2]string{a, b})
		}
	}
	lx, err := lexicon.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	var pool []string
	for _, p := range lx.Persons {
		pool = append(append(pool, p.Name), p.Aliases...)
	}
	for _, o := range lx.Orgs {
		pool = append(append(pool, o.Name), o.Aliases...)
	}
	for i, p := range lx.Places {
		if i%20 == 0 {
			pool = append(append(pool, p.Name), p.Aliases...)
		}
	}
	pool = append(pool, longNames...)
	rng := rand.New(rand.NewPCG(3, 5))
	for range random {
		out = append(out, [2]string{pool[rng.IntN(len(pool))], pool[rng.IntN(len(pool))]})
	}
	return out
}

// TestBoundsHold checks what every shortcut of SameName rests on, against full alignments:
// no similarity exceeds the consonant bound of its two word lists (whole names, rotations,
// every part); no transliteration exceeds the pair bound; an alignment told a least it
// reaches gives the exact similarity, and one it does not reach gives no more than that.
func TestBoundsHold(t *testing.T) {
	full, translit := matchers(t)
	pairs := samplePairs(t, 3000)
	leasts := []float64{0.3, 0.82, 0.85, 0.911}
	var cx, cy consonants
	for _, m := range []*Matcher{full, translit} {
		al := &aligner{mc: &m.minCost}
		for _, p := range pairs {
			a, b := m.Prepare(p[0]), m.Prepare(p[1])
			check := func(x, y []word) {
				exact := al.similarity(x, y, 0)
				cx.reset()
				cx.add(x)
				cy.reset()
				cy.add(y)
				if u := m.wholeBound(&cx, &cy); exact > u+boundSlack {
					t.Errorf("%s / %s: similarity %v above its consonant bound %v (%d and %d words)",
						p[0], p[1], exact, u, len(x), len(y))
				}
				for _, l := range leasts {
					got := al.similarity(x, y, l)
					if exact >= l && got != exact || got > exact {
						t.Errorf("%s / %s: similarity %v, %v when told to reach %v", p[0], p[1], exact, got, l)
					}
				}
			}
			if len(a.words) == 0 || len(b.words) == 0 {
				continue
			}
			check(a.words, b.words)
			if len(a.words) > 1 {
				check((&aligner{}).rotate(a.words), b.words)
			}
			for _, sides := range [][2]*Name{{a, b}, {b, a}} {
				long, other := sides[0].words, sides[1].words
				if !partsTried(long) {
					continue
				}
				for mask := 1; mask < 1<<len(long)-1; mask++ {
					var part []word
					for i := range long {
						if mask&(1<<i) != 0 {
							part = append(part, long[i])
						}
					}
					check(part, other)
				}
			}
			tr := m.Transliteration(p[0], p[1])
			if u := m.bound(a, b); tr > u+boundSlack {
				t.Errorf("%s / %s: transliteration %v above the pair bound %v", p[0], p[1], tr, u)
			}
			if got, want := m.SameName(a, b), m.Same(p[0], p[1]); got != want {
				t.Errorf("%s / %s: SameName %v, Same %v (score %.4f)", p[0], p[1], got, want, m.Score(p[0], p[1]))
			}
		}
	}
}

// An Index finds the first name added that is the same as the query, as a scan comparing
// every name with Same does.
func TestIndexFirst(t *testing.T) {
	full, _ := matchers(t)
	var pairs [][2]string
	for _, p := range readTable(t, "names/pairs-heldout.tsv") {
		pairs = append(pairs, [2]string{p.A, p.B})
	}
	for i, a := range longNames {
		pairs = append(pairs, [2]string{a, longNames[(i+1)%len(longNames)]})
	}
	var known []string
	x := full.NewIndex()
	for _, p := range pairs {
		known = append(known, p[1])
		x.Add(full.Prepare(p[1]))
	}
	if x.Len() != len(known) {
		t.Fatalf("Len %d, want %d", x.Len(), len(known))
	}
	odd := func(i int) bool { return i%2 == 1 }
	for _, p := range pairs {
		for _, accept := range []func(int) bool{func(int) bool { return true }, odd} {
			want := -1
			for i, k := range known {
				if accept(i) && full.Same(p[0], k) {
					want = i
					break
				}
			}
			if got := x.First(full.Prepare(p[0]), accept); got != want {
				t.Fatalf("%s: First %d, scan %d", p[0], got, want)
			}
		}
	}
}

// minCosts must stay below whatever subst and skip charge a consonant that is not matched
// with its own class, against every phone the readers make of Arabic letters and of Latin
// letter groups: the bounds rest on it, and a change of the costs must not silently break it.
func TestMinCostsBelowEveryCost(t *testing.T) {
	mc := minCosts()
	seen := map[phone]bool{}
	collect := func(ps []phone) {
		for _, p := range ps {
			p.last, p.end = false, false
			seen[p] = true
		}
	}
	for r := rune(0x0620); r <= 0x064A; r++ {
		for _, w := range []string{string(r), "ب" + string(r), "ال" + string(r) + "ب" + string(r)} {
			collect(arabicPhones(foldArabicWord(w)))
		}
	}
	for _, r := range "پچڤۋڥگڭڨیکةى" {
		collect(arabicPhones(foldArabicWord("ب" + string(r))))
	}
	letters := "abcdefghijklmnopqrstuvwxyz'2357 9"
	for _, x := range letters {
		for _, y := range letters {
			for _, z := range letters {
				collect(latinPhones(string([]rune{x, y, z})))
			}
		}
	}
	collect([]phone{{sym: symArt, kind: art}, {sym: symArtL, kind: artL}})
	var consonants, others []phone
	for p := range seen {
		if p.kind == cons {
			consonants = append(consonants, p)
		}
		others = append(others, p)
	}
	if len(consonants) < 15 {
		t.Fatalf("%d consonant classes read, want the ~18 of phones.go", len(consonants))
	}
	for _, c := range consonants {
		s := c.sym
		if c.skip(false) < mc[0][s] {
			t.Errorf("consonant %c: skip %v below minCost %v", s, c.skip(false), mc[0][s])
		}
		for _, o := range others {
			if o.kind == cons && o.sym == s {
				continue // matched with its own class: what the bounds count apart
			}
			flags := 0 // the flags under which the other name can offer o
			switch o.kind {
			case artL:
				flags = 1
			case final:
				flags = 2
			}
			for _, cost := range []float64{subst(c, o), subst(o, c)} {
				if cost < mc[flags][s] {
					t.Errorf("consonant %c against %+v: cost %v below minCost %v", s, o, cost, mc[flags][s])
				}
			}
		}
	}
}
