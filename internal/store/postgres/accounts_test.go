package postgres

import (
	"testing"

	"marsad/internal/store"
	"marsad/internal/store/storetest"
)

func TestAccountsConformance(t *testing.T) {
	storetest.RunAccounts(t, func(t *testing.T) store.Store {
		return open(t, testDSN(t))
	})
}
