package server

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"sync"
	"time"

	"marsad/internal/resolve"
	"marsad/internal/store"
)

// view is the resolved picture of the store at one moment: every event, the clusters of
// reports of one real event, the entities under all their names, the contradictions and
// the balance. Clustering needs every event at once, so it is computed once per change
// of the store and shared, read-only, by every request.
type view struct {
	stats store.Stats
	// gen is the store's Generation read before the view was listed: a later one means
	// the store changed since (the view may already hold that change; one rebuild too many
	// is harmless, one too few is not).
	gen int64
	// events are as Store.Events orders them (by date, undated last), light (without
	// their sentences, which would be a sixth of the view, and figure offsets): a page
	// reads what the events it shows lack (readEvidence). They are the listing's, which
	// the next view's listing takes the unchanged ones from (Store.Relist): a rebuild
	// after a change does not hold every event twice.
	events  []*store.StoredEvent
	listing *store.Listing
	// relisted counts the events the listings since the last whole one read: the events
	// they replaced stay in the arrays of the older listings, so after many changes the
	// next listing reads everything again (see build).
	relisted int
	res      resolve.Result
	// The indexes are sorted slices rather than maps, a fifth of the size at a million
	// documents. byID lists the events' indexes by id; evCluster gives each event's
	// cluster (every event is in one). clusterID is the public id of each cluster: the
	// smallest id of its events, which stays the same when later documents are added
	// (resolve's own numbering does not); byCluster lists the clusters by it.
	byID      []int32
	evCluster []int32
	clusterID []int64
	byCluster []int32
	// entityClusters lists, per entity key, the clusters naming it (as place, actor,
	// participant or affiliation), in cluster order.
	entityClusters map[string][]int32
	contradictions []resolve.Contradiction
	balance        []resolve.Row // by year and type
	// balances are the balances by other breakdowns, computed when first asked for.
	balMu    sync.Mutex
	balances map[resolve.By]*balanceOnce
	// For the overview: the most recent events, and single operations counted by month
	// ("YYYY-MM") and type.
	latest  []*store.StoredEvent
	monthly map[string]map[string]int
	built   time.Time
}

// views keeps the current view and rebuilds it when the store changed. A rebuild reads
// only the events that changed but resolves every event again, which takes seconds on a
// large store (0.4 s for 5,000 events; docs/benchmarks.md "At scale" for 1M documents):
// while one runs, requests are answered from the previous view, unless the last rebuild
// was quick enough to wait for (inlineBuild), so a small store shows what was just posted
// at once, or oneView let the previous view go (then they wait).
type views struct {
	st  store.Store
	rv  *resolve.Resolver
	ttl time.Duration
	now func() time.Time
	log *slog.Logger
	// onBuild is Config.OnBuild.
	onBuild func(done bool)
	// onSlowBuild is Config.OnSlowBuild.
	onSlowBuild func()
	// oneView is Config.OneView.
	oneView bool

	mu       sync.Mutex
	cur      *view
	checked  time.Time
	stale    bool
	building chan struct{} // closed when the rebuild in progress ends; nil when none
	lastCost time.Duration // how long the last rebuild took
	err      error         // the last rebuild's failure, for the next caller
}

// inlineBuild is the longest rebuild a request waits for.
const inlineBuild = time.Second

func (vs *views) invalidate() {
	vs.mu.Lock()
	vs.stale = true
	vs.mu.Unlock()
}

// get returns the current view. Every ttl it asks the store for its generation and
// rebuilds when it changed (another process stored documents); invalidate forces a
// rebuild.
func (vs *views) get(ctx context.Context) (*view, error) {
	vs.mu.Lock()
	now := vs.now()
	if vs.cur != nil && !vs.stale && now.Sub(vs.checked) < vs.ttl {
		v := vs.cur
		vs.mu.Unlock()
		return v, nil
	}
	if vs.building == nil {
		if vs.cur != nil && !vs.stale {
			// Only the store can tell whether another process changed it. (Its counts
			// told it before, at the cost of counting a million rows, 0.1 to 0.8 s, and
			// missed a new version that left them equal.)
			gen, err := vs.st.Generation(ctx)
			if err != nil {
				vs.mu.Unlock()
				return nil, err
			}
			vs.checked = now
			if gen == vs.cur.gen {
				v := vs.cur
				vs.mu.Unlock()
				return v, nil
			}
		}
		vs.building = make(chan struct{})
		vs.stale = false
		// The build outlives the request that started it.
		go vs.rebuild(context.WithoutCancel(ctx), vs.building, vs.lastCost > inlineBuild)
	}
	done, cur, cost := vs.building, vs.cur, vs.lastCost
	vs.mu.Unlock()
	if cur != nil && cost > inlineBuild {
		return cur, nil
	}
	select {
	case <-done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	vs.mu.Lock()
	defer vs.mu.Unlock()
	if vs.cur == nil {
		return nil, vs.err
	}
	return vs.cur, nil
}

func (vs *views) rebuild(ctx context.Context, done chan struct{}, slow bool) {
	if vs.onBuild != nil {
		vs.onBuild(false)
		defer vs.onBuild(true) // after the lock below is released
	}
	if slow {
		vs.mu.Lock()
		old := vs.cur
		vs.mu.Unlock()
		old.dropBalances()
		if vs.onSlowBuild != nil {
			vs.onSlowBuild() // after OnBuild(false): what it frees is collected at the build's pace
		}
	}
	start := time.Now()
	v, err := func() (*view, error) {
		gen, err := vs.st.Generation(ctx)
		if err != nil {
			return nil, err
		}
		st, err := vs.st.Stats(ctx)
		if err != nil {
			return nil, err
		}
		v, err := build(ctx, vs.st, vs.rv, st, vs.base())
		if v != nil {
			v.gen = gen
		}
		return v, err
	}()
	vs.mu.Lock()
	defer vs.mu.Unlock()
	defer close(done)
	vs.building = nil
	vs.err = err
	if err != nil {
		vs.log.Error("view rebuild failed", "err", err)
		vs.stale = true
		return
	}
	v.built = vs.now()
	vs.cur, vs.checked, vs.lastCost = v, v.built, time.Since(start)
	vs.log.Info("view rebuilt", "events", len(v.events), "clusters", len(v.res.Clusters),
		"entities", len(v.res.Entities), "duration", vs.lastCost.Round(time.Millisecond))
}

// base is what the next view takes from the current one: its listing, whose unchanged
// events it shares.
type base struct {
	listing  *store.Listing
	relisted int // see view.relisted
}

// base returns the base of the next view. With oneView the current view is let go, so
// that its clusters and indexes can be collected while the next view builds; requests
// wait for that one.
func (vs *views) base() base {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	b := vs.cur.next()
	if vs.oneView {
		vs.cur = nil
	}
	return b
}

// next is the base of the view built after v (nil: none).
func (v *view) next() base {
	if v == nil || v.relisted > len(v.events)/4 {
		return base{} // see view.relisted
	}
	return base{listing: v.listing, relisted: v.relisted}
}

// build builds the view of the store, taking from the base's listing (none: read all)
// the events that did not change.
func build(ctx context.Context, st store.Store, rv *resolve.Resolver, stats store.Stats, from base) (*view, error) {
	relisted := from.relisted
	l, err := st.Relist(ctx, from.listing)
	if err != nil {
		return nil, err
	}
	evs := l.Events
	if l.Read < len(evs) {
		relisted += l.Read
	} else {
		relisted = 0
	}
	v := &view{stats: stats, events: evs, listing: l, relisted: relisted, entityClusters: map[string][]int32{}}
	v.byID = sortedBy(len(evs), func(i int) int64 { return evs[i].ID })
	v.res = rv.ResolveEach(evs)
	v.evCluster = make([]int32, len(evs))
	v.clusterID = make([]int64, len(v.res.Clusters))
	for ci, c := range v.res.Clusters {
		var lead int64
		for _, e := range c.Events {
			if i, ok := v.event(e.ID); ok {
				v.evCluster[i] = int32(ci)
			}
			if lead == 0 || e.ID < lead {
				lead = e.ID
			}
		}
		v.clusterID[ci] = lead
		for _, k := range c.Keys() { // each once
			v.entityClusters[k] = append(v.entityClusters[k], int32(ci))
		}
	}
	v.byCluster = sortedBy(len(v.clusterID), func(i int) int64 { return v.clusterID[i] })
	v.contradictions = resolve.Contradictions(v.res.Clusters) // light: see sourceContradictions
	v.balance = rv.Stats(v.res, resolve.By{})
	if err := v.sourceRows(ctx, st, v.balance); err != nil {
		return nil, err
	}
	v.balances = map[resolve.By]*balanceOnce{}
	v.latest = latest(evs, 12)
	v.monthly = map[string]map[string]int{}
	for _, c := range v.res.Clusters {
		if c.Scale != resolve.Operation || c.Period == nil || len(c.Period.From) < 7 {
			continue
		}
		m := c.Period.From[:7]
		if v.monthly[m] == nil {
			v.monthly[m] = map[string]int{}
		}
		v.monthly[m][c.Type]++
	}
	return v, nil
}

// publicID returns the public id of the cluster resolve numbered rid.
func (v *view) publicID(rid int) int64 {
	for ci := range v.res.Clusters {
		if v.res.Clusters[ci].ID == rid {
			return v.clusterID[ci]
		}
	}
	return 0
}

// cluster returns the index of the cluster with a public id.
func (v *view) cluster(id int64) (int, bool) {
	return find(v.byCluster, id, func(i int32) int64 { return v.clusterID[i] })
}

// event returns the index of the event with an id.
func (v *view) event(id int64) (int, bool) {
	return find(v.byID, id, func(i int32) int64 { return v.events[i].ID })
}

// clusterOf returns the index of the cluster of the event with an id.
func (v *view) clusterOf(id int64) (int, bool) {
	i, ok := v.event(id)
	if !ok {
		return 0, false
	}
	return int(v.evCluster[i]), true
}

// sortedBy returns 0..n-1 sorted by key.
func sortedBy(n int, key func(int) int64) []int32 {
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int { return cmp.Compare(key(int(a)), key(int(b))) })
	return idx
}

// find looks a key up in an index sortedBy made.
func find(idx []int32, k int64, key func(int32) int64) (int, bool) {
	j, ok := slices.BinarySearchFunc(idx, k, func(i int32, k int64) int { return cmp.Compare(key(i), k) })
	if !ok {
		return 0, false
	}
	return int(idx[j]), true
}

// latest returns up to n dated events, the most recent first (by period end, then id).
func latest(evs []*store.StoredEvent, n int) []*store.StoredEvent {
	idx := make([]int, 0, len(evs))
	for i, e := range evs {
		if e.Event.Date != nil {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ea, eb := evs[idx[a]], evs[idx[b]]
		if ea.Event.Date.To != eb.Event.Date.To {
			return ea.Event.Date.To > eb.Event.Date.To
		}
		return ea.ID > eb.ID
	})
	out := make([]*store.StoredEvent, 0, n)
	for _, i := range idx[:min(n, len(idx))] {
		out = append(out, evs[i])
	}
	return out
}

// sourceContradictions returns copies of cs whose claims carry their sentences and the
// figures' own words, read from the store. The view holds its contradictions light: with
// their sentences they were 13 MB of each view at a million documents, and a rebuild
// holds two views; a response reads the sentences of what it shows.
func (v *view) sourceContradictions(ctx context.Context, st store.Store, cs []resolve.Contradiction) ([]resolve.Contradiction, error) {
	lists := make([][]resolve.Claim, len(cs))
	for i, c := range cs {
		lists[i] = c.Claims
	}
	ws, err := claimsEvidence(ctx, st, lists)
	if err != nil {
		return nil, err
	}
	out := make([]resolve.Contradiction, len(cs))
	for i, c := range cs {
		c.Claims = slices.Clone(c.Claims) // the view's own stay light
		v.source(c.Claims, ws)
		out[i] = c
	}
	return out, nil
}

// claimsEvidence reads from the store what the light events of the claims lack.
func claimsEvidence(ctx context.Context, st store.Store, lists [][]resolve.Claim) (map[int64]store.Evidence, error) {
	var ids []int64
	for _, l := range lists {
		for _, c := range l {
			ids = append(ids, c.Event)
		}
	}
	return evidenceByID(ctx, st, ids)
}

// source gives claims of the view's events their sentences and words from ws.
func (v *view) source(claims []resolve.Claim, ws map[int64]store.Evidence) {
	for j := range claims {
		c := &claims[j]
		if k, ok := v.event(c.Event); ok {
			c.Source(whole(v.events[k], ws).Event)
		}
	}
}

// readEvidence reads from the store what the light events of evs lack (whole makes them
// whole with it).
func readEvidence(ctx context.Context, st store.Store, evs ...[]*store.StoredEvent) (map[int64]store.Evidence, error) {
	var ids []int64
	for _, l := range evs {
		for _, e := range l {
			ids = append(ids, e.ID)
		}
	}
	return evidenceByID(ctx, st, ids)
}

// sourceRows gives the claims of balance rows their sentences, read from the store for the
// view's events.
func (v *view) sourceRows(ctx context.Context, st store.Store, rows []resolve.Row) error {
	lists := make([][]resolve.Claim, len(rows))
	for i, r := range rows {
		lists[i] = r.Reported
	}
	ws, err := claimsEvidence(ctx, st, lists)
	if err != nil {
		return err
	}
	for i := range rows {
		v.source(rows[i].Reported, ws) // Stats gives each row arrays of its own
	}
	return nil
}

// balanceOnce is a balance by one breakdown, computed once per view.
type balanceOnce struct {
	once sync.Once
	rows []resolve.Row
	err  error
}

// dropBalances lets the balances by place or actor go, as a rebuild that holds two views
// starts: the next view computes its own, and the previous one's, computed while
// listings made garbage around them, kept half-empty pages of the heap through the
// rebuild (at a million documents, after four clients read 240 listings and asked for
// the balance by place, a rebuild peaked at 512–521 MB with them and 499 without). A
// request for one during the rebuild computes it again.
func (v *view) dropBalances() {
	if v == nil {
		return
	}
	v.balMu.Lock()
	defer v.balMu.Unlock()
	clear(v.balances)
}

// balanceBy returns the balance by b. It is computed once per view: by place it reads
// every cluster (seconds at a million documents), and concurrent requests each computing
// their own held one copy each.
func (v *view) balanceBy(ctx context.Context, st store.Store, rv *resolve.Resolver, b resolve.By) ([]resolve.Row, error) {
	if b == (resolve.By{}) {
		return v.balance, nil
	}
	v.balMu.Lock()
	o, ok := v.balances[b]
	if !ok {
		o = &balanceOnce{}
		v.balances[b] = o
	}
	v.balMu.Unlock()
	o.once.Do(func() {
		o.rows = rv.Stats(v.res, b)
		// Not the request's context: the rows are kept for the requests that follow.
		o.err = v.sourceRows(context.WithoutCancel(ctx), st, o.rows)
	})
	if o.err != nil {
		// Not kept: the next request tries again.
		v.balMu.Lock()
		if v.balances[b] == o {
			delete(v.balances, b)
		}
		v.balMu.Unlock()
	}
	return o.rows, o.err
}

// evidenceByID reads from the store what light events lack, by event id.
func evidenceByID(ctx context.Context, st store.Store, ids []int64) (map[int64]store.Evidence, error) {
	if len(ids) == 0 {
		return map[int64]store.Evidence{}, nil
	}
	ev, err := st.Evidence(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("evidence of %d events: %w", len(ids), err)
	}
	return ev, nil
}

// whole returns a view's event whole, with what ts holds of it. An event deleted since the
// view was built (a new version of its document) stays as the view has it.
func whole(e *store.StoredEvent, ts map[int64]store.Evidence) store.StoredEvent {
	if ev, ok := ts[e.ID]; ok {
		return ev.Whole(*e)
	}
	return *e
}

// wholeCluster returns a copy of a view's cluster whose events are whole, for its claims.
func wholeCluster(c *resolve.Cluster, ts map[int64]store.Evidence) resolve.Cluster {
	out := *c
	out.Events = make([]*store.StoredEvent, len(c.Events))
	for i, e := range c.Events {
		w := whole(e, ts)
		out.Events[i] = &w
	}
	return out
}
