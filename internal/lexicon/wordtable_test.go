package lexicon

import (
	"fmt"
	"strings"
	"testing"

	"marsad/data"
)

// The first-word table finds every key added, through its growths, long keys (held
// apart) and short ones alike, keeps what was recorded on an entry, and finds nothing it
// was not given: not a prefix, an extension, a key of another length or the empty key.
func TestWordTable(t *testing.T) {
	var wt wordTable
	if wt.find("شرطة") != nil {
		t.Fatal("the empty table found a key")
	}
	var keys []string
	added := map[string]bool{}
	for i := range 5000 {
		k := fmt.Sprintf("كلمة%d", i) // 8 bytes of letters and the digits
		if i%50 == 0 {
			k = strings.Repeat("ط", 11) + k // past inlineKey
		}
		keys = append(keys, k)
		added[k] = true
	}
	for i, k := range keys {
		e := wt.add(k)
		if e.flags != 0 {
			t.Fatalf("new key %q already had flags %#x", k, e.flags)
		}
		e.flags = uint16(i + 1)
		if again := wt.add(k); again.flags != uint16(i+1) {
			t.Fatalf("adding %q again gave a new entry (flags %#x)", k, again.flags)
		}
	}
	if 2*wt.inline > len(wt.slots) {
		t.Errorf("%d keys in %d slots: the table is more than half full", wt.inline, len(wt.slots))
	}
	for i, k := range keys {
		e := wt.find(k)
		if e == nil || e.flags != uint16(i+1) {
			t.Fatalf("key %q (added %d-th) not found after %d adds: %+v", k, i, len(keys), e)
		}
		for _, other := range []string{k[:len(k)-1], k + "0", "و" + k} {
			if e := wt.find(other); e != nil && !added[other] {
				t.Errorf("absent key %q found as entry with flags %#x", other, e.flags)
			}
		}
	}
	if wt.find("") != nil {
		t.Error("the empty key was found")
	}
	n := 0
	wt.each(func(*wordEntry) { n++ })
	if n != len(keys) {
		t.Errorf("each visited %d entries, want %d", n, len(keys))
	}
}

// The hash spreads the lexicon's own first words: at most half full, linear probing
// reads about 1.5 slots to find a key when the hash is uniform. A poor hash (one that
// ignores the middle bytes of a key, say) shows as long runs.
func TestWordTableProbes(t *testing.T) {
	lx, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	for r := range lx.M.root {
		wt := &lx.M.root[r]
		reads, keys := 0, 0
		wt.each(func(e *wordEntry) {
			if e.klen == longKey {
				return
			}
			key := string(e.key[:e.klen])
			mask := uint64(len(wt.slots) - 1)
			for i := hashKey(key) & mask; ; i = (i + 1) & mask {
				reads++
				if s := wt.slots[i]; s != 0 && &wt.entries[uint32(s)-1] == e {
					break
				}
			}
			keys++
		})
		if mean := float64(reads) / float64(keys); keys < 1000 || mean > 1.7 {
			t.Errorf("root %d: %d keys, %.2f slots read per key, want at most 1.7", r, keys, mean)
		} else {
			t.Logf("root %d: %d keys in %d slots, %.2f slots read per key", r, keys, len(wt.slots), mean)
		}
	}
}

// NumberWord's hash filter hides no number word: each key of the table is found with its
// value, and a few words that are none are not.
func TestNumberWordFilter(t *testing.T) {
	lx, err := Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(lx.numberWord) < 20 {
		t.Fatalf("%d number words: the table did not load", len(lx.numberWord))
	}
	for k, want := range lx.numberWord {
		if v, ok := lx.NumberWord(k); !ok || v != want {
			t.Errorf("NumberWord(%q) = %v, %v; want %v", k, v, ok, want)
		}
	}
	for _, k := range []string{"", "امن", "مدينه", "ثلاثاء", strings.Repeat("ث", 30)} {
		if v, ok := lx.NumberWord(k); ok {
			t.Errorf("NumberWord(%q) = %v: not a number word", k, v)
		}
	}
}
