package lexicon

import (
	"fmt"
	"strings"
	"testing"
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
	if 2*len(wt.entries) > len(wt.slots) {
		t.Errorf("%d entries in %d slots: the table is more than half full", len(wt.entries), len(wt.slots))
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
