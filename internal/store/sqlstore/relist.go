package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"

	"marsad/internal/store"
)

// relistMark is what Relist keeps in a Listing (its Mark) to know, at the next Relist,
// which of its events are still stored as they were.
//
// An event's fields are written once, with its document's version, and never updated,
// with two exceptions the mark catches:
//   - a new version of a document deletes its events, and SQLite may give a later event
//     a deleted one's id (the largest ids are reused): each event is known by its id and
//     its document's version (the document's key, content hash and ingested_at, which
//     every version rewrites, in nanoseconds), hashed. Only a document put back to an
//     earlier text at the same instant by the clock, whose events then took the ids of
//     the ones in between and were read otherwise, would escape it;
//   - an event's places show their entity's country and coordinates, which a later
//     document may fill in where they were missing (never change or remove): the mark
//     counts the entities that had them, and when any entity listed before gained one,
//     nothing is taken from the previous listing.
type relistMark struct {
	versions []uint64 // per event of the listing, its document's version
	entities entityMark
}

// entityMark is the count of the entities up to id max that have a country, and that
// have coordinates.
type entityMark struct {
	max, countries, coords int64
}

// Relist implements store.Store.
func (s *Store) Relist(ctx context.Context, prev *store.Listing) (*store.Listing, error) {
	var out *store.Listing
	err := s.read(ctx, "list events", func(tx *sql.Tx) error {
		var err error
		out, err = s.relist(ctx, tx, prev)
		return err
	})
	return out, err
}

func (s *Store) relist(ctx context.Context, tx *sql.Tx, prev *store.Listing) (*store.Listing, error) {
	old := markOf(prev)
	var then int64 // the previous listing's largest entity id
	if old != nil {
		then = old.entities.max
	}
	var ents, before entityMark
	if err := tx.QueryRowContext(ctx, s.q(`SELECT COALESCE(MAX(id), 0), COUNT(country), COUNT(lat),
			COALESCE(SUM(CASE WHEN id <= ? AND country IS NOT NULL THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN id <= ? AND lat IS NOT NULL THEN 1 ELSE 0 END), 0)
		FROM entities`), then, then).Scan(&ents.max, &ents.countries, &ents.coords, &before.countries, &before.coords); err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	before.max = then
	if old != nil && before != old.entities {
		old = nil // an entity listed before gained a country or coordinates
	}

	// Every event's id and its document's version, in the listing's order.
	var ids []int64
	var versions []uint64
	h := fnv.New64a()
	var buf []byte
	if err := eachRow(ctx, tx, `SELECT e.id, d.pk, d.hash, d.ingested_at FROM events e JOIN documents d ON d.pk = e.doc_pk
		ORDER BY e.date_from IS NULL, e.date_from, e.id`, func(rows *sql.Rows) error {
		var id, pk int64
		var hash, at sql.RawBytes
		if err := rows.Scan(&id, &pk, &hash, &at); err != nil {
			return err
		}
		buf = strconv.AppendInt(buf[:0], pk, 10)
		buf = append(append(append(append(buf, 0), hash...), 0), at...)
		h.Reset()
		h.Write(buf)
		ids = append(ids, id)
		versions = append(versions, h.Sum64())
		return nil
	}); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}

	out := &store.Listing{Events: make([]*store.StoredEvent, len(ids)), Mark: &relistMark{versions: versions, entities: ents}}
	var missing []int64
	if old != nil {
		// The previous listing's events by id, to look the current ones up.
		byID := make([]int32, len(prev.Events))
		for i := range byID {
			byID[i] = int32(i)
		}
		slices.SortFunc(byID, func(a, b int32) int { return cmp.Compare(prev.Events[a].ID, prev.Events[b].ID) })
		for i, id := range ids {
			j, ok := slices.BinarySearchFunc(byID, id, func(k int32, id int64) int { return cmp.Compare(prev.Events[k].ID, id) })
			if ok && old.versions[byID[j]] == versions[i] {
				out.Events[i] = prev.Events[byID[j]]
			} else {
				missing = append(missing, id)
			}
		}
	}
	if old == nil || len(missing) > len(ids)/2 {
		// Reading every event in one pass costs less than looking half of them up by id.
		evs, err := s.queryEvents(ctx, tx, true, len(ids), `ORDER BY e.date_from IS NULL, e.date_from, e.id`)
		if err != nil {
			return nil, err
		}
		if len(evs) != len(ids) {
			return nil, fmt.Errorf("events: %d listed, %d counted in the same transaction", len(evs), len(ids))
		}
		for i := range evs {
			out.Events[i] = &evs[i]
		}
		out.Read = len(evs)
		return out, nil
	}
	// The events not taken from prev, read by id in chunks that share their values.
	l := newLister(true)
	read := make(map[int64]*store.StoredEvent, len(missing))
	for rest := missing; len(rest) > 0; {
		n := min(500, len(rest))
		evs, err := l.query(ctx, s, tx, n, `WHERE e.id IN (`+inList(rest[:n])+`)`)
		if err != nil {
			return nil, err
		}
		for i := range evs {
			read[evs[i].ID] = &evs[i]
		}
		rest = rest[n:]
	}
	for i, id := range ids {
		if out.Events[i] == nil {
			if out.Events[i] = read[id]; out.Events[i] == nil {
				return nil, fmt.Errorf("events: event %d listed but not read in the same transaction", id)
			}
		}
	}
	out.Read = len(missing)
	return out, nil
}

// markOf returns the mark of a listing this package made, nil for any other (or none).
func markOf(l *store.Listing) *relistMark {
	if l == nil {
		return nil
	}
	m, ok := l.Mark.(*relistMark)
	if !ok || len(m.versions) != len(l.Events) {
		return nil
	}
	return m
}
