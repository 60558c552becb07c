// Package resolve works across documents: it resolves the entities events name (one person,
// organisation or place under every script and spelling), groups the reports of one real
// event into clusters, turns every figure into a claim with its source, finds the claims
// that cannot all hold, and draws the yearly balance.
//
// It is pure: it takes events with their document references (store.StoredEvent) and
// returns values, so it runs the same in a command, a test or the server.
package resolve

import (
	"math"
	"sort"

	"marsad/internal/event"
	"marsad/internal/names"
	"marsad/internal/store"
)

// Gazetteer tells how places nest. The lexicon implements it (see FromLexicon).
type Gazetteer interface {
	// Parent returns the id of the place that contains id, or "" at the top or for an id it
	// does not know.
	Parent(id string) string
	// Country returns the gazetteer id and canonical name of a country's row.
	Country(code string) (id, name string, ok bool)
}

// Config holds the tables and thresholds of a Resolver. The zero value works: names are
// compared by transliteration alone and places by id and country code.
type Config struct {
	Names  *names.Matcher
	Places Gazetteer
	// OperationMaxDays is the longest period of a single operation; longer periods are
	// aggregates ("6 cells in 2023"). Default 31.
	OperationMaxDays int
	// OperationGapDays is how many days may separate the periods two reports give one
	// operation ("yesterday" counted from different publication days). 0 means the default,
	// 2; a negative value allows no gap.
	OperationGapDays int
	// AggregateMinOverlap is the share of their joined period two aggregates must both cover
	// to count the same thing ("in 2023" and "from 1 January to 26 December 2023").
	// Default 0.75.
	AggregateMinOverlap float64
}

func (c Config) withDefaults() Config {
	if c.Names == nil {
		c.Names = names.New(names.Tables{})
	}
	if c.OperationMaxDays <= 0 {
		c.OperationMaxDays = 31
	}
	if c.OperationGapDays < 0 {
		c.OperationGapDays = 0
	} else if c.OperationGapDays == 0 {
		c.OperationGapDays = 2
	}
	if c.AggregateMinOverlap <= 0 || c.AggregateMinOverlap > 1 {
		c.AggregateMinOverlap = 0.75
	}
	return c
}

// Resolver holds a Config; it is read-only and safe to share.
type Resolver struct {
	cfg Config
	// exhaustive: see entityIndex.exhaustive. Set by tests only.
	exhaustive bool
}

// New returns a Resolver with cfg, defaults filled in.
func New(cfg Config) *Resolver { return &Resolver{cfg: cfg.withDefaults()} }

// Scale tells a single operation from an aggregate over a long period.
type Scale string

// The scales. Clusters never mix them: "6 cells in 2023" is not a report of one of them.
const (
	Operation Scale = "operation"
	Aggregate Scale = "aggregate"
	Undated   Scale = "undated"
)

// Cluster is one real event as several documents reported it. It keeps every source event.
type Cluster struct {
	ID     int           `json:"id"` // 1-based, in order of period start
	Type   string        `json:"type"`
	Scale  Scale         `json:"scale"`
	Period *event.Period `json:"period,omitempty"` // the span the reports cover together
	// Events point into the slice given to Resolve, which must not change while the
	// Result is in use: a copy per cluster was a sixth of the server's resolved view.
	Events []*store.StoredEvent `json:"events"`

	// keys are the entities the reports name, each once, as keys into Result.Entities:
	// the places, then the actors, the participants and the affiliations, each role
	// ending at ends[role] (the last at len(keys)). One window of an array the clusters
	// share, rather than four slices each: 72 bytes less a cluster and no small arrays,
	// which at a million documents is about 25 MB of each view a rebuild holds twice.
	keys []string
	ends [3]int32

	span  span
	dated bool
}

// Places are the keys of the places the reports name.
func (c *Cluster) Places() []string { return c.keys[:c.ends[0]] }

// Actors are the keys of the actors the reports name (as actors).
func (c *Cluster) Actors() []string { return c.keys[c.ends[0]:c.ends[1]] }

// Participants are the keys of the people the reports name, and not as actors.
func (c *Cluster) Participants() []string { return c.keys[c.ends[1]:c.ends[2]] }

// Affiliations are the keys of the groups the participants belong to, not named before.
func (c *Cluster) Affiliations() []string { return c.keys[c.ends[2]:] }

// Keys are every entity key the cluster names, each once: places, actors, participants
// and affiliations.
func (c *Cluster) Keys() []string { return c.keys }

// Docs lists the documents of the cluster's events, each once, in event order.
func (c *Cluster) Docs() []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range c.Events {
		if !seen[e.Doc.ID] {
			seen[e.Doc.ID] = true
			out = append(out, e.Doc.ID)
		}
	}
	return out
}

// Result is what Resolve finds.
type Result struct {
	Clusters []Cluster
	Entities []Entity
	// entity keys → index, for names in output
	byKey map[string]int
}

// Entity returns the resolved entity with key k.
func (r *Result) Entity(k string) (Entity, bool) {
	i, ok := r.byKey[k]
	if !ok {
		return Entity{}, false
	}
	return r.Entities[i], true
}

// Name returns the canonical name of the entity with key k, or k.
func (r *Result) Name(k string) string {
	if e, ok := r.Entity(k); ok {
		return e.Name
	}
	return k
}

// item is an event prepared for clustering: its period, scale and resolved entities.
// Its places, figures and roles are windows of the arena's arrays, by offset and length:
// with three slices per item (72 bytes of headers, and three small arrays) the items of a
// million documents were most of what resolution held, at the peak of a rebuild.
type item struct {
	ev    *store.StoredEvent
	sp    span
	scale Scale
	// place, fig and role are the offsets of the item's windows; the roles are the
	// entities of its actors, then of its participants, then of their affiliations.
	place, fig, role                          uint32
	nPlaces, nFigs, nActors, nPeople, nGroups uint16
	dated                                     bool
}

// arena holds the places, figures and roles of every item, each kind in one array.
type arena struct {
	places []*placeRef
	figs   []*claimKey
	roles  []int32
}

func (a *arena) placesOf(it *item) []*placeRef {
	return a.places[it.place : it.place+uint32(it.nPlaces)]
}
func (a *arena) figsOf(it *item) []*claimKey { return a.figs[it.fig : it.fig+uint32(it.nFigs)] }
func (a *arena) actors(it *item) []int32 {
	return a.roles[it.role : it.role+uint32(it.nActors)]
}
func (a *arena) people(it *item) []int32 {
	from := it.role + uint32(it.nActors)
	return a.roles[from : from+uint32(it.nPeople)]
}
func (a *arena) groups(it *item) []int32 {
	from := it.role + uint32(it.nActors) + uint32(it.nPeople)
	return a.roles[from : from+uint32(it.nGroups)]
}

// window caps a list's length to what an item records (no real event comes near).
func window(n int) uint16 { return uint16(min(n, math.MaxUint16)) }

type placeRef struct {
	ent     int
	id      string
	country string
	up      []string // ids of the places that contain it, nearest first
	isCtry  bool
}

// Resolve resolves the entities of evs and groups the events into clusters. The clusters
// point into evs.
func (r *Resolver) Resolve(evs []store.StoredEvent) Result {
	ptrs := make([]*store.StoredEvent, len(evs))
	for i := range evs {
		ptrs[i] = &evs[i]
	}
	return r.ResolveEach(ptrs)
}

// ResolveEach is Resolve for events held by pointer (a store.Listing's): the clusters
// point to them.
func (r *Resolver) ResolveEach(evs []*store.StoredEvent) Result {
	x := newEntityIndex(r.cfg.Names)
	x.exhaustive = r.exhaustive
	items := make([]item, len(evs))
	pc := prepCache{ups: map[string][]string{}, places: map[placeKey]*placeRef{}, claims: map[claimKey]*claimKey{}}
	ar := &arena{}
	for i, e := range evs {
		items[i] = r.prepare(x, &pc, ar, e)
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.dated != b.dated {
			return a.dated
		}
		if a.sp.from != b.sp.from {
			return a.sp.from < b.sp.from
		}
		if a.ev.Doc.ID != b.ev.Doc.ID {
			return a.ev.Doc.ID < b.ev.Doc.ID
		}
		return a.ev.ID < b.ev.ID
	})

	type group struct{ members []int }
	var groups []group
	open := map[string][]int{} // type|scale → groups that may still take events
	for i := range items {
		it := &items[i]
		k := it.ev.Event.Type + "|" + string(it.scale)
		best, bestScore := -1, -1
		if it.scale != Undated {
			kept := open[k][:0]
			for _, g := range open[k] {
				if r.expired(items, groups[g].members, it) {
					continue
				}
				kept = append(kept, g)
				score, ok := r.joins(ar, items, groups[g].members, it)
				if ok && score > bestScore {
					best, bestScore = g, score
				}
			}
			open[k] = kept
		}
		if best < 0 {
			groups = append(groups, group{members: []int{i}})
			if it.scale != Undated {
				open[k] = append(open[k], len(groups)-1)
			}
			continue
		}
		groups[best].members = append(groups[best].members, i)
	}

	res := Result{Entities: x.entities(), byKey: map[string]int{}, Clusters: make([]Cluster, 0, len(groups))}
	for i, e := range res.Entities {
		res.byKey[e.Key] = i
	}
	cb := clusterBuilder{x: x, ar: ar, items: items, seen: map[int]bool{}, events: make([]*store.StoredEvent, 0, len(items))}
	for _, g := range groups {
		res.Clusters = append(res.Clusters, cb.cluster(g.members))
	}
	sort.SliceStable(res.Clusters, func(i, j int) bool {
		a, b := res.Clusters[i], res.Clusters[j]
		if a.dated != b.dated {
			return a.dated
		}
		return a.span.from < b.span.from
	})
	for i := range res.Clusters {
		res.Clusters[i].ID = i + 1
	}
	return res
}

// prepCache holds what many items share, each once: the places they name (with the chain
// of places above each) and the figures they give. Held per item, these were half of what
// resolving a million documents' events held at its peak.
type prepCache struct {
	ups    map[string][]string
	places map[placeKey]*placeRef
	claims map[claimKey]*claimKey
}

type placeKey struct {
	ent         int
	id, country string
}

func (r *Resolver) placeRef(pc *prepCache, k placeKey) *placeRef {
	if ref, ok := pc.places[k]; ok {
		return ref
	}
	ref := &placeRef{ent: k.ent, id: k.id, country: k.country}
	if k.id != "" && r.cfg.Places != nil {
		up, ok := pc.ups[k.id]
		if !ok {
			for id, n := r.cfg.Places.Parent(k.id), 0; id != "" && n < 16; id, n = r.cfg.Places.Parent(id), n+1 {
				up = append(up, id)
			}
			pc.ups[k.id] = up
		}
		ref.up = up
		if cid, _, ok := r.cfg.Places.Country(k.country); ok && cid == k.id {
			ref.isCtry = true
		}
	}
	pc.places[k] = ref
	return ref
}

// prepare reads an event for clustering.
func (r *Resolver) prepare(x *entityIndex, pc *prepCache, ar *arena, e *store.StoredEvent) item {
	it := item{ev: e}
	it.sp, it.dated = parseSpan(e.Event.Date)
	it.scale = r.scale(it)
	places := e.Event.Places[:window(len(e.Event.Places))]
	it.place, it.nPlaces = uint32(len(ar.places)), uint16(len(places))
	for _, p := range places {
		ar.places = append(ar.places, r.placeRef(pc, placeKey{ent: x.place(p), id: p.ID, country: p.Country}))
	}
	actors := e.Event.Actors[:window(len(e.Event.Actors))]
	people := e.Event.Participants[:window(len(e.Event.Participants))]
	groups := e.Event.Affiliations[:window(len(e.Event.Affiliations))]
	it.role = uint32(len(ar.roles))
	it.nActors, it.nPeople, it.nGroups = uint16(len(actors)), uint16(len(people)), uint16(len(groups))
	for _, a := range actors {
		ar.roles = append(ar.roles, int32(x.role("org", a)))
	}
	for _, a := range people {
		ar.roles = append(ar.roles, int32(x.role("person", a)))
	}
	for _, a := range groups {
		ar.roles = append(ar.roles, int32(x.role("org", a)))
	}
	it.fig = uint32(len(ar.figs))
	for key, f := range e.Event.Figures {
		if it.nFigs == math.MaxUint16 {
			break
		}
		k := newClaimKey(key, f)
		shared, ok := pc.claims[k]
		if !ok {
			shared = &k
			pc.claims[k] = shared
		}
		ar.figs = append(ar.figs, shared)
		it.nFigs++
	}
	return it
}

// unitFigure is the figure that counts the events of a type themselves: a report of "3 cells"
// over weeks is a tally, not one operation.
func unitFigure(typ string) string {
	switch typ {
	case "cell_dismantled":
		return "cells"
	case "network_dismantled":
		return "networks"
	case "plot_foiled":
		return "plots"
	case "migration_interdiction":
		return "attempts"
	}
	return ""
}

// scale classes an event: undated; an aggregate when its period is longer than a single
// operation can be, or longer than a week and counting several of its units; else an
// operation.
func (r *Resolver) scale(it item) Scale {
	if !it.dated {
		return Undated
	}
	d := it.sp.days()
	if d > r.cfg.OperationMaxDays {
		return Aggregate
	}
	if u := unitFigure(it.ev.Event.Type); u != "" && d > 7 {
		if f, ok := it.ev.Event.Figures[u]; ok && f.Value > 1 {
			return Aggregate
		}
	}
	return Operation
}

// expired reports a group that no later event can join: events come sorted by start, so
// once an event starts after every member ended (plus the allowed gap), none will fit.
func (r *Resolver) expired(items []item, members []int, it *item) bool {
	gap := 0
	if it.scale == Operation {
		gap = r.cfg.OperationGapDays
	}
	for _, m := range members {
		if it.sp.from <= items[m].sp.to+day(gap) {
			return false
		}
	}
	return true
}

// joins reports whether it may join the group of members, and how strongly it is tied to
// them. It must be compatible with every member: one report per document, periods that fit,
// places that can be the same, figures that can be the same operation.
func (r *Resolver) joins(ar *arena, items []item, members []int, it *item) (int, bool) {
	total := 0
	for _, m := range members {
		s, ok := r.link(ar, &items[m], it)
		if !ok {
			return 0, false
		}
		total += s
	}
	return total, true
}

// The weights of the ties between two reports of one operation.
const (
	tiePlace       = 2 // the same place below country level, or one inside the other
	tieParticipant = 2
	tieActor       = 1
	tieAffiliation = 1
	tieFigure      = 1 // a figure both give with a value that agrees
	// opMinTie is what two reports of one operation must share besides type and date: a
	// place, or a named participant, or two lesser ties (an actor and an agreeing figure).
	opMinTie = 2
)

// link compares two events of the same type and scale.
func (r *Resolver) link(ar *arena, a, b *item) (int, bool) {
	if a.ev.Doc.ID == b.ev.Doc.ID {
		return 0, false // one document reports one event once: the extractor has merged
	}
	switch a.scale {
	case Operation:
		if a.sp.overlapDays(b.sp) == 0 && a.sp.gapDays(b.sp) > r.cfg.OperationGapDays {
			return 0, false
		}
	case Aggregate:
		if a.sp.iou(b.sp) < r.cfg.AggregateMinOverlap {
			return 0, false
		}
	default:
		return 0, false
	}
	score := 0
	if a.nPlaces > 0 && b.nPlaces > 0 {
		aPlaces, bPlaces := ar.placesOf(a), ar.placesOf(b)
		rel := placesRelation(aPlaces, bPlaces)
		switch {
		case rel == relNear:
			score += tiePlace
		case a.scale == Aggregate && !sharesCountry(aPlaces, bPlaces):
			// A tally is national: two list different cities of one country and still
			// count the same thing, but not another country's.
			return 0, false
		case a.scale == Operation && rel == relNone:
			return 0, false
		}
	}
	actors := shared(ar.actors(a), ar.actors(b))
	score += tieActor*actors + tieParticipant*shared(ar.people(a), ar.people(b)) +
		tieAffiliation*shared(ar.groups(a), ar.groups(b))
	if a.nActors > 0 && b.nActors > 0 && actors == 0 {
		score -= tieActor // the police here, the gendarmerie there: likely two operations
	}
	for _, fa := range ar.figsOf(a) {
		for _, fb := range ar.figsOf(b) {
			if !fa.sameKey(*fb) {
				continue
			}
			if a.scale == Operation && !fa.sameOperation(*fb) {
				return 0, false // 3 arrests and 40 arrests are two operations
			}
			if fa.claim().agrees(fb.claim()) {
				score += tieFigure
			}
		}
	}
	if a.scale == Operation && score < opMinTie {
		return 0, false
	}
	return score, true
}

func shared(a, b []int32) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if x == y {
				n++
				break
			}
		}
	}
	return n
}

type placeRel int

const (
	relNone    placeRel = iota // no place of one can be a place of the other
	relCountry                 // only as far as the country goes (Morocco and Tangier; two Moroccan cities are relNone)
	relNear                    // the same place, or one inside the other below country level
)

// placesRelation is the closest relation between any place of a and any of b.
func placesRelation(a, b []*placeRef) placeRel {
	best := relNone
	for _, p := range a {
		for _, q := range b {
			best = max(best, placeRelation(p, q))
		}
	}
	return best
}

func sharesCountry(a, b []*placeRef) bool {
	for _, p := range a {
		for _, q := range b {
			if p.country != "" && p.country == q.country {
				return true
			}
		}
	}
	return false
}

func placeRelation(p, q *placeRef) placeRel {
	if p.ent == q.ent {
		if p.isCtry {
			return relCountry
		}
		return relNear
	}
	if p.country != "" && p.country == q.country && (p.isCtry || q.isCtry) {
		return relCountry
	}
	for _, u := range q.up {
		if u == p.id && !p.isCtry {
			return relNear
		}
	}
	for _, u := range p.up {
		if u == q.id && !q.isCtry {
			return relNear
		}
	}
	return relNone
}

// clusterBuilder makes the clusters of one Result; their events and entity keys are
// windows of arrays it shares among them.
type clusterBuilder struct {
	x     *entityIndex
	ar    *arena
	items []item
	seen  map[int]bool
	roles [4][]string // scratch: the keys of the cluster being built, by role
	// events holds every cluster's events: its capacity is the number of items, which
	// the groups share out exactly, so it never moves.
	events []*store.StoredEvent
	// keys is the current block of entity keys; a new block starts when one is full
	// (the total is not known in advance, and appending would leave the earlier
	// windows in the old arrays).
	keys []string
}

// keyBlock is the size of a block of entity keys: a few hundred clusters' worth.
const keyBlock = 4096

// cluster builds the Cluster of a group of items.
func (b *clusterBuilder) cluster(members []int) Cluster {
	first := b.items[members[0]]
	c := Cluster{Type: first.ev.Event.Type, Scale: first.scale, span: first.sp, dated: first.dated}
	clear(b.seen)
	for r := range b.roles {
		b.roles[r] = b.roles[r][:0]
	}
	add := func(role, ent int) {
		if !b.seen[ent] {
			b.seen[ent] = true
			b.roles[role] = append(b.roles[role], b.x.ents[ent].Key)
		}
	}
	start := len(b.events)
	for _, m := range members {
		it := &b.items[m]
		b.events = append(b.events, it.ev)
		if it.dated {
			c.span = c.span.union(it.sp)
		}
		for _, p := range b.ar.placesOf(it) {
			add(0, p.ent)
		}
		for _, a := range b.ar.actors(it) {
			add(1, int(a))
		}
		for _, a := range b.ar.people(it) {
			add(2, int(a))
		}
		for _, a := range b.ar.groups(it) {
			add(3, int(a))
		}
	}
	c.Events = b.events[start:len(b.events):len(b.events)]
	n := 0
	for r, keys := range b.roles {
		n += len(keys)
		if r < len(c.ends) {
			c.ends[r] = int32(n)
		}
	}
	if n > 0 {
		if cap(b.keys)-len(b.keys) < n {
			b.keys = make([]string, 0, max(keyBlock, n))
		}
		from := len(b.keys)
		for _, keys := range b.roles {
			b.keys = append(b.keys, keys...)
		}
		c.keys = b.keys[from:len(b.keys):len(b.keys)]
	}
	if c.dated {
		p := c.span.period()
		c.Period = &p
	}
	return c
}
