package resolve

import (
	"reflect"
	"strings"
	"testing"
)

// TestIndexedEntitiesMatchExhaustive resolves real events twice: through the name index,
// which aligns only the pairs whose consonants allow a match, and by comparing every new name
// with every entity no table knows, as resolution did before the index. Entities and clusters
// must be the same, to the order of names.
func TestIndexedEntitiesMatchExhaustive(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts the whole corpus and resolves it twice")
	}
	evs := corpusEvents(t, 0)
	r := projectResolver(t)
	got := r.Resolve(evs)
	oracle := *r
	oracle.exhaustive = true
	want := oracle.Resolve(evs)

	free, several := 0, 0
	for _, e := range want.Entities {
		if strings.HasPrefix(e.Key, e.Kind+":~") {
			free++
			if len(e.Names) > 0 {
				several++
			}
		}
	}
	t.Logf("%d events: %d clusters, %d entities, %d of them known to no table (%d under more than one name)",
		len(evs), len(want.Clusters), len(want.Entities), free, several)
	if !reflect.DeepEqual(got.Entities, want.Entities) {
		for i := range min(len(got.Entities), len(want.Entities)) {
			if !reflect.DeepEqual(got.Entities[i], want.Entities[i]) {
				t.Fatalf("entity %d: indexed %+v, exhaustive %+v", i, got.Entities[i], want.Entities[i])
			}
		}
		t.Fatalf("%d entities indexed, %d exhaustive", len(got.Entities), len(want.Entities))
	}
	if !reflect.DeepEqual(got.Clusters, want.Clusters) {
		t.Fatalf("clusters differ: indexed %v, exhaustive %v", groups(got), groups(want))
	}
}
