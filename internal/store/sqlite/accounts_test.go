package sqlite

import (
	"path/filepath"
	"testing"

	"marsad/internal/store"
	"marsad/internal/store/storetest"
)

func TestAccountsConformance(t *testing.T) {
	storetest.RunAccounts(t, func(t *testing.T) store.Store {
		return open(t, filepath.Join(t.TempDir(), "marsad.db"), store.Config{})
	})
}
