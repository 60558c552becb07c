package sqlite

import (
	"path/filepath"
	"strings"
	"testing"

	"marsad/internal/store"
	"marsad/internal/store/storetest"
)

// A store folds names through its cache of keys: the keys are its Config's, the second
// time as the first, and two stores with different foldings do not share them.
func TestPrepareKeysAreTheConfigs(t *testing.T) {
	upper := store.Config{Normalize: func(s string) string { return "U:" + strings.ToUpper(s) }}
	a := open(t, filepath.Join(t.TempDir(), "a.db"), upper)
	defer a.Close()
	b := open(t, filepath.Join(t.TempDir(), "b.db"), store.Config{})
	defer b.Close()
	for round := range 2 {
		for i := range 5 {
			res := storetest.Realistic(i, 2, 6)
			for _, s := range []*Store{a, b} {
				p := s.Prepare(res)
				if len(p.Keys) < 4 {
					t.Fatalf("%d keys prepared, want the names of the fixture", len(p.Keys))
				}
				for name, k := range p.Keys {
					if want := s.Cfg.Key(name); k != want {
						t.Errorf("round %d, %s: key of %q = %q, want %q", round, s.Where, name, k, want)
					}
				}
			}
		}
	}
}
