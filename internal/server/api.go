package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"marsad/internal/document"
	"marsad/internal/event"
	"marsad/internal/extract"
	"marsad/internal/resolve"
	"marsad/internal/store"
)

// page is a slice of a longer listing. Total is set when it is known.
type page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total,omitempty"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	bw := bufio.NewWriterSize(w, 32<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if st, ok := v.(jsonStream); ok {
		st.streamJSON(bw, enc)
	} else {
		enc.Encode(v)
	}
	bw.Flush()
}

// jsonStream is a body writeJSON writes piece by piece: a page of contradictions or a
// balance by place at a million documents is 15-18 MB of JSON, which one Encode call
// holds whole (and more while its buffer grows), once per concurrent request.
type jsonStream interface {
	streamJSON(w *bufio.Writer, enc *json.Encoder)
}

// streamJSON writes the page as encoding/json would, item by item.
func (p page[T]) streamJSON(w *bufio.Writer, enc *json.Encoder) {
	w.WriteString(`{"items":`)
	streamArray(w, enc, p.Items)
	if p.Total != 0 {
		fmt.Fprintf(w, `,"total":%d`, p.Total)
	}
	fmt.Fprintf(w, `,"limit":%d,"offset":%d}`+"\n", p.Limit, p.Offset)
}

// streamArray writes items as a JSON array (null when nil), one Encode call each.
func streamArray[T any](w *bufio.Writer, enc *json.Encoder, items []T) {
	if items == nil {
		w.WriteString("null")
		return
	}
	w.WriteByte('[')
	for i := range items {
		if i > 0 {
			w.WriteByte(',')
		}
		enc.Encode(items[i]) // its trailing newline is JSON whitespace
	}
	w.WriteByte(']')
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg})
}

// internal answers 500 and logs the cause; the client is not shown database details.
func (s *Server) internal(w http.ResponseWriter, r *http.Request, api bool, err error) {
	s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	s.fail(w, r, api, http.StatusInternalServerError, "internal error: it was logged; try again, or tell the administrator")
}

// paging reads limit and offset, with a default and a maximum limit.
func paging(r *http.Request, def, maxLimit int) (limit, offset int, err error) {
	q := r.URL.Query()
	limit, offset = def, 0
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > maxLimit {
			return 0, 0, fmt.Errorf("limit=%q: give a number from 1 to %d", v, maxLimit)
		}
	}
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, fmt.Errorf("offset=%q: give a number, 0 or more", v)
		}
	}
	return limit, offset, nil
}

// docRef is a document as listings show it.
type docRef struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"`
}

func toDocRef(d store.DocRef) docRef {
	return docRef{ID: d.ID, Title: d.Title, URL: d.URL, Source: d.Source, Published: d.Published}
}

// apiEvent is one report of an event: what one document said, with its cluster.
type apiEvent struct {
	ID      int64  `json:"id"`
	Cluster int64  `json:"cluster,omitempty"`
	Doc     docRef `json:"doc"`
	event.Event
}

func (v *view) apiEvent(e store.StoredEvent) apiEvent {
	out := apiEvent{ID: e.ID, Doc: toDocRef(*e.Doc), Event: e.Event}
	if v == nil {
		return out // no view yet (searchView): the event without its cluster
	}
	if ci, ok := v.clusterOf(e.ID); ok {
		out.Cluster = v.clusterID[ci]
	}
	return out
}

// eventFilter is the filter of event listings, in the API and the UI alike.
type eventFilter struct {
	Type, From, To, Place, Actor, Source, Doc string
}

func readEventFilter(r *http.Request) (eventFilter, error) {
	q := r.URL.Query()
	f := eventFilter{Type: q.Get("type"), From: q.Get("from"), To: q.Get("to"), Place: strings.TrimSpace(q.Get("place")),
		Actor: strings.TrimSpace(q.Get("actor")), Source: strings.TrimSpace(q.Get("source")), Doc: q.Get("doc")}
	if f.Type != "" && !slices.Contains(event.Types, f.Type) {
		return f, fmt.Errorf("type=%q: use one of %s", f.Type, strings.Join(event.Types, ", "))
	}
	for name, d := range map[string]string{"from": f.From, "to": f.To} {
		if d != "" {
			if err := store.CheckDate(d); err != nil {
				return f, fmt.Errorf("%s: %v", name, err)
			}
		}
	}
	return f, nil
}

// match says whether an event passes f. A date range keeps events whose period overlaps
// it; an undated event never does.
func (f eventFilter) match(e *store.StoredEvent, key func(string) string) bool {
	ev := &e.Event
	if f.Type != "" && ev.Type != f.Type {
		return false
	}
	if f.Doc != "" && e.Doc.ID != f.Doc {
		return false
	}
	if f.From != "" || f.To != "" {
		if ev.Date == nil {
			return false
		}
		if f.From != "" && ev.Date.To < f.From {
			return false
		}
		if f.To != "" && ev.Date.From > f.To+"~" {
			return false
		}
	}
	if f.Source != "" && key(e.Doc.Source) != key(f.Source) {
		return false
	}
	if f.Place != "" {
		k, ok := key(f.Place), false
		for _, p := range ev.Places {
			if key(p.Name) == k || slices.ContainsFunc(p.Names, func(n string) bool { return key(n) == k }) || p.ID == f.Place {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if f.Actor != "" {
		k, ok := key(f.Actor), false
		for _, a := range ev.Actors {
			for _, part := range strings.Split(a, "|") {
				if key(part) == k {
					ok = true
				}
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// filterEvents returns the events passing f, most recent first (undated last), as
// pointers into the view: a listing of thousands of events copies none of them.
func (s *Server) filterEvents(v *view, f eventFilter) []*store.StoredEvent {
	var out []*store.StoredEvent
	s.eachEvent(v, f, func(e *store.StoredEvent) { out = append(out, e) })
	return out
}

// pageEvents returns the limit events passing f from offset on, in filterEvents' order,
// and how many pass in all. A page of a million documents' events does not collect the
// others (a slice of 3 MB and its growth per request).
func (s *Server) pageEvents(v *view, f eventFilter, offset, limit int) (page []*store.StoredEvent, total int) {
	s.eachEvent(v, f, func(e *store.StoredEvent) {
		if total >= offset && total < offset+limit {
			page = append(page, e)
		}
		total++
	})
	return page, total
}

// eachEvent calls fn for the events passing f, in filterEvents' order.
func (s *Server) eachEvent(v *view, f eventFilter, fn func(*store.StoredEvent)) {
	for i := len(v.events) - 1; i >= 0; i-- {
		if v.events[i].Event.Date != nil && f.match(v.events[i], s.cfg.Key) {
			fn(v.events[i])
		}
	}
	for i := range v.events {
		if v.events[i].Event.Date == nil && f.match(v.events[i], s.cfg.Key) {
			fn(v.events[i])
		}
	}
}

// searchViewWait is how long a search waits for a view being built before it answers
// without one: longer than a rebuild a request waits for (inlineBuild).
const searchViewWait = 2 * inlineBuild

// searchView returns the view that decorates search hits with their clusters and entity
// links, or nil while the first view of a large store is still being built (30 s at a
// million documents): the hits come from the store alone and need not wait for it.
func (s *Server) searchView(w http.ResponseWriter, r *http.Request, api bool) (*view, bool) {
	ctx, cancel := context.WithTimeout(r.Context(), searchViewWait)
	defer cancel()
	v, err := s.views.get(ctx)
	if errors.Is(err, context.DeadlineExceeded) && r.Context().Err() == nil {
		return nil, true
	}
	if err != nil {
		s.internal(w, r, api, err)
		return nil, false
	}
	return v, true
}

func (s *Server) view(w http.ResponseWriter, r *http.Request, api bool) (*view, bool) {
	v, err := s.views.get(r.Context())
	if err != nil {
		s.internal(w, r, api, err)
		return nil, false
	}
	return v, true
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	who := info(r).who
	out := map[string]any{"user": who.user.Name, "role": who.user.Role}
	if who.session != nil {
		out["csrf"] = who.session.CSRF
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiDocuments(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := paging(r, 50, 500)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	ds, err := s.lister.Documents(r.Context(), store.DocumentFilter{Source: r.URL.Query().Get("source"), Limit: limit, Offset: offset})
	if err != nil {
		s.internal(w, r, true, err)
		return
	}
	items := make([]docRef, len(ds))
	for i, d := range ds {
		items[i] = toDocRef(d)
	}
	writeJSON(w, http.StatusOK, page[docRef]{Items: items, Limit: limit, Offset: offset})
}

// apiDocumentBody is a stored document with its text, entities and events.
type apiDocumentBody struct {
	extract.Result
	Text string `json:"text"`
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	res, err := s.cfg.Store.Get(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no document "+r.PathValue("id"))
		return
	}
	if err != nil {
		s.internal(w, r, true, err)
		return
	}
	writeJSON(w, http.StatusOK, apiDocumentBody{Result: res, Text: res.Text})
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	f, err := readEventFilter(r)
	if err == nil {
		var limit, offset int
		if limit, offset, err = paging(r, 50, 500); err == nil {
			v, ok := s.view(w, r, true)
			if !ok {
				return
			}
			shown, total := s.pageEvents(v, f, offset, limit)
			ts, err := readEvidence(r.Context(), s.cfg.Store, shown)
			if err != nil {
				s.internal(w, r, true, err)
				return
			}
			items := []apiEvent{}
			for _, e := range shown {
				items = append(items, v.apiEvent(whole(e, ts)))
			}
			writeJSON(w, http.StatusOK, page[apiEvent]{Items: items, Total: total, Limit: limit, Offset: offset})
			return
		}
	}
	writeError(w, http.StatusBadRequest, err.Error())
}

func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		writeError(w, http.StatusBadRequest, "an event id is a positive number")
		return
	}
	v, ok := s.view(w, r, true)
	if !ok {
		return
	}
	i, ok := v.event(id)
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no event %d", id))
		return
	}
	e := []*store.StoredEvent{v.events[i]}
	ts, err := readEvidence(r.Context(), s.cfg.Store, e)
	if err != nil {
		s.internal(w, r, true, err)
		return
	}
	writeJSON(w, http.StatusOK, v.apiEvent(whole(e[0], ts)))
}

// apiClusterBody is one real event as its sources reported it.
type apiClusterBody struct {
	ID             int64                   `json:"id"`
	Type           string                  `json:"type"`
	Scale          resolve.Scale           `json:"scale"`
	Period         *event.Period           `json:"period,omitempty"`
	Places         []entityRef             `json:"places"`
	Actors         []entityRef             `json:"actors"`
	Participants   []entityRef             `json:"participants"`
	Affiliations   []entityRef             `json:"affiliations"`
	Sources        []docRef                `json:"sources"`
	Claims         []resolve.Claim         `json:"claims"`
	Contradictions []resolve.Contradiction `json:"contradictions"`
	Events         []apiEvent              `json:"events,omitempty"`
}

type entityRef struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

func (v *view) refs(keys []string) []entityRef {
	out := make([]entityRef, 0, len(keys))
	for _, k := range keys {
		out = append(out, entityRef{Key: k, Name: v.res.Name(k)})
	}
	return out
}

// apiCluster is the body of a cluster; ts holds what its light events lack (readEvidence).
func (v *view) apiCluster(ci int, withEvents bool, ts map[int64]store.Evidence) apiClusterBody {
	wc := wholeCluster(&v.res.Clusters[ci], ts)
	c := &wc
	out := apiClusterBody{ID: v.clusterID[ci], Type: c.Type, Scale: c.Scale, Period: c.Period,
		Places: v.refs(c.Places()), Actors: v.refs(c.Actors()), Participants: v.refs(c.Participants()),
		Affiliations: v.refs(c.Affiliations()), Claims: c.Claims(), Contradictions: []resolve.Contradiction{}}
	if out.Claims == nil {
		out.Claims = []resolve.Claim{}
	}
	seen := map[string]bool{}
	for _, e := range c.Events {
		if !seen[e.Doc.ID] {
			seen[e.Doc.ID] = true
			out.Sources = append(out.Sources, toDocRef(*e.Doc))
		}
		if withEvents {
			out.Events = append(out.Events, v.apiEvent(*e))
		}
	}
	// The cluster is whole: its contradictions come with their sentences.
	for _, k := range resolve.Contradictions([]resolve.Cluster{*c}) {
		k.Cluster = int(out.ID)
		out.Contradictions = append(out.Contradictions, k)
	}
	return out
}

func (s *Server) apiClusters(w http.ResponseWriter, r *http.Request) {
	f, err := readEventFilter(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	limit, offset, err := paging(r, 50, 500)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	v, ok := s.view(w, r, true)
	if !ok {
		return
	}
	// Only the page's clusters are collected; the others are counted.
	var shown []int
	total := 0
	for ci := len(v.res.Clusters) - 1; ci >= 0; ci-- {
		for _, e := range v.res.Clusters[ci].Events {
			if f.match(e, s.cfg.Key) {
				if total >= offset && total < offset+limit {
					shown = append(shown, ci)
				}
				total++
				break
			}
		}
	}
	evs := make([][]*store.StoredEvent, len(shown))
	for i, ci := range shown {
		evs[i] = v.res.Clusters[ci].Events
	}
	ts, err := readEvidence(r.Context(), s.cfg.Store, evs...)
	if err != nil {
		s.internal(w, r, true, err)
		return
	}
	items := []apiClusterBody{}
	for _, ci := range shown {
		items = append(items, v.apiCluster(ci, false, ts))
	}
	writeJSON(w, http.StatusOK, page[apiClusterBody]{Items: items, Total: total, Limit: limit, Offset: offset})
}

func (s *Server) apiCluster(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		writeError(w, http.StatusBadRequest, "a cluster id is a positive number")
		return
	}
	v, ok := s.view(w, r, true)
	if !ok {
		return
	}
	ci, ok := v.cluster(id)
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no cluster %d (a cluster's id is the smallest id of its events)", id))
		return
	}
	ts, err := readEvidence(r.Context(), s.cfg.Store, v.res.Clusters[ci].Events)
	if err != nil {
		s.internal(w, r, true, err)
		return
	}
	writeJSON(w, http.StatusOK, v.apiCluster(ci, true, ts))
}

// apiEntityBody is an entity with all its names and how often it comes up.
type apiEntityBody struct {
	resolve.Entity
	Clusters int                  `json:"clusters"`
	Timeline []timelinePoint      `json:"timeline,omitempty"`
	Recent   []apiClusterBodyLite `json:"recent,omitempty"`
}

type timelinePoint struct {
	Period string `json:"period"` // YYYY-MM
	Count  int    `json:"count"`
}

type apiClusterBodyLite struct {
	ID     int64         `json:"id"`
	Type   string        `json:"type"`
	Period *event.Period `json:"period,omitempty"`
}

// matchEntities lists entities whose kind and names match, most mentioned first.
func (s *Server) matchEntities(v *view, kind, q string) []resolve.Entity {
	k := s.cfg.Key(q)
	var out []resolve.Entity
	for _, e := range v.res.Entities {
		if kind != "" && e.Kind != kind {
			continue
		}
		if k != "" {
			hit := strings.Contains(s.cfg.Key(e.Name), k)
			for _, n := range e.Names {
				hit = hit || strings.Contains(s.cfg.Key(n), k)
			}
			if !hit {
				continue
			}
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b resolve.Entity) int {
		return len(v.entityClusters[b.Key]) - len(v.entityClusters[a.Key])
	})
	return out
}

func (s *Server) apiEntities(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := paging(r, 50, 500)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	kind := r.URL.Query().Get("kind")
	if kind != "" && kind != "place" && kind != "org" && kind != "person" {
		writeError(w, http.StatusBadRequest, "kind="+kind+": use place, org or person")
		return
	}
	v, ok := s.view(w, r, true)
	if !ok {
		return
	}
	es := s.matchEntities(v, kind, r.URL.Query().Get("q"))
	items := []apiEntityBody{}
	for _, e := range es[min(offset, len(es)):min(offset+limit, len(es))] {
		items = append(items, apiEntityBody{Entity: e, Clusters: len(v.entityClusters[e.Key])})
	}
	writeJSON(w, http.StatusOK, page[apiEntityBody]{Items: items, Total: len(es), Limit: limit, Offset: offset})
}

// timeline counts an entity's clusters per month of their start.
func (v *view) timeline(key string) []timelinePoint {
	counts := map[string]int{}
	for _, ci := range v.entityClusters[key] {
		if p := v.res.Clusters[ci].Period; p != nil && len(p.From) >= 7 {
			counts[p.From[:7]]++
		}
	}
	out := make([]timelinePoint, 0, len(counts))
	for m, n := range counts {
		out = append(out, timelinePoint{Period: m, Count: n})
	}
	slices.SortFunc(out, func(a, b timelinePoint) int { return strings.Compare(a.Period, b.Period) })
	return out
}

func (s *Server) apiEntity(w http.ResponseWriter, r *http.Request) {
	v, ok := s.view(w, r, true)
	if !ok {
		return
	}
	e, ok := v.res.Entity(r.PathValue("key"))
	if !ok {
		writeError(w, http.StatusNotFound, "no entity "+r.PathValue("key"))
		return
	}
	out := apiEntityBody{Entity: e, Clusters: len(v.entityClusters[e.Key]), Timeline: v.timeline(e.Key)}
	cs := v.entityClusters[e.Key]
	for i := len(cs) - 1; i >= 0 && len(out.Recent) < 50; i-- {
		c := v.res.Clusters[cs[i]]
		out.Recent = append(out.Recent, apiClusterBodyLite{ID: v.clusterID[cs[i]], Type: c.Type, Period: c.Period})
	}
	writeJSON(w, http.StatusOK, out)
}

// apiHit is one document found by a search.
type apiHit struct {
	Doc     docRef     `json:"doc"`
	Score   float64    `json:"score"`
	Snippet string     `json:"snippet"`
	Events  []apiEvent `json:"events"`
}

// searchQuery reads a search from the query string.
func searchQuery(r *http.Request, defLimit int) (store.SearchQuery, error) {
	q := r.URL.Query()
	sq := store.SearchQuery{Text: strings.TrimSpace(q.Get("q")), Type: q.Get("type"), From: q.Get("from"), To: q.Get("to"),
		Place: strings.TrimSpace(q.Get("place"))}
	if sq.Type != "" && !slices.Contains(event.Types, sq.Type) {
		return sq, fmt.Errorf("type=%q: use one of %s", sq.Type, strings.Join(event.Types, ", "))
	}
	for name, d := range map[string]string{"from": sq.From, "to": sq.To} {
		if d != "" {
			if err := store.CheckDate(d); err != nil {
				return sq, fmt.Errorf("%s: %v", name, err)
			}
		}
	}
	if v := q.Get("window"); v != "" {
		w, err := strconv.Atoi(v)
		if err != nil || w < -1 {
			return sq, fmt.Errorf("window=%q: give the number of newest matches to rank together, or -1 to rank them all", v)
		}
		sq.Window = w
	}
	var err error
	sq.Limit, sq.Offset, err = paging(r, defLimit, 100)
	return sq, err
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	sq, err := searchQuery(r, store.DefaultSearchLimit)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if sq.Text == "" {
		writeError(w, http.StatusBadRequest, "q: give the words to look for, e.g. ?q=تفكيك+خلية")
		return
	}
	hits, err := s.cfg.Store.Search(r.Context(), sq)
	if errors.Is(err, store.ErrNoSearchTerms) {
		writeError(w, http.StatusBadRequest, "q="+sq.Text+": no word to search for (only punctuation or very common words)")
		return
	}
	if err != nil {
		s.internal(w, r, true, err)
		return
	}
	v, ok := s.searchView(w, r, true)
	if !ok {
		return
	}
	items := make([]apiHit, len(hits))
	for i, h := range hits {
		items[i] = apiHit{Doc: toDocRef(h.Doc), Score: h.Score, Snippet: h.Snippet, Events: []apiEvent{}}
		for _, e := range h.Events {
			items[i].Events = append(items[i].Events, v.apiEvent(e))
		}
	}
	writeJSON(w, http.StatusOK, page[apiHit]{Items: items, Limit: sq.Limit, Offset: sq.Offset})
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	v, ok := s.view(w, r, true)
	if !ok {
		return
	}
	rows := v.balance
	if by := r.URL.Query().Get("by"); by != "" {
		b, err := resolve.ParseBy(by)
		if err != nil {
			writeError(w, http.StatusBadRequest, "by: "+err.Error())
			return
		}
		if rows, err = v.balanceBy(r.Context(), s.cfg.Store, s.cfg.Resolver, b); err != nil {
			s.internal(w, r, true, err)
			return
		}
	}
	if rows == nil {
		rows = []resolve.Row{}
	}
	writeJSON(w, http.StatusOK, statsBody{head: map[string]any{
		"documents": v.stats.Documents, "events": v.stats.Events, "entities": v.stats.Entities, "figures": v.stats.Figures,
		"events_by_type": v.stats.EventsByType, "clusters": len(v.res.Clusters), "contradictions": len(v.contradictions),
	}, balance: rows})
}

// statsBody is the stats answer: the counts, and the balance streamed row by row.
type statsBody struct {
	head    map[string]any
	balance []resolve.Row
}

func (b statsBody) streamJSON(w *bufio.Writer, enc *json.Encoder) {
	w.WriteString(`{"balance":`)
	streamArray(w, enc, b.balance)
	head, _ := json.Marshal(b.head) // small: counts
	w.WriteByte(',')
	w.Write(head[1:]) // without its opening brace
	w.WriteByte('\n')
}

// apiContradictions pages through the contradictions in cluster order. (It gave them all
// at once, which at a million documents was 17 MB of JSON, and the claims' sentences are
// read for the page: sourceContradictions.)
func (s *Server) apiContradictions(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := paging(r, 50, 500)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	v, ok := s.view(w, r, true)
	if !ok {
		return
	}
	all := v.contradictions
	out, err := v.sourceContradictions(r.Context(), s.cfg.Store, all[min(offset, len(all)):min(offset+limit, len(all))])
	if err != nil {
		s.internal(w, r, true, err)
		return
	}
	for i := range out {
		out[i].Cluster = int(v.publicID(out[i].Cluster))
	}
	writeJSON(w, http.StatusOK, page[resolve.Contradiction]{Items: out, Total: len(all), Limit: limit, Offset: offset})
}

// ingestOutcome is what became of one posted document.
type ingestOutcome struct {
	ID     string `json:"id"`
	Status string `json:"status"` // stored | duplicate | failed
	Events int    `json:"events"`
	Error  string `json:"error,omitempty"`
}

type ingestReport struct {
	Read       int             `json:"read"`
	Stored     int             `json:"stored"`
	Duplicates int             `json:"duplicates"`
	Failed     int             `json:"failed"`
	Documents  []ingestOutcome `json:"documents"`
	Errors     []string        `json:"errors,omitempty"`
}

// apiIngest stores posted documents: a JSON object or array of objects
// (application/json), or JSON lines (application/jsonl or application/x-ndjson), each
// as in `marsad ingest`'s .jsonl files. Every document is extracted and the lot stored
// in one transaction.
func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Extract == nil {
		writeError(w, http.StatusServiceUnavailable, "this server takes no documents (started without an extractor)")
		return
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is over %d bytes: send fewer documents per request", s.cfg.MaxBodyBytes))
		return
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "read body: "+err.Error())
		return
	}
	var lines []byte
	switch mt {
	case "application/json":
		if lines, err = jsonToLines(body); err != nil {
			writeError(w, http.StatusBadRequest, "bad JSON: "+err.Error()+": send an object or an array of objects with text or html")
			return
		}
	case "application/jsonl", "application/x-ndjson", "application/x-jsonlines":
		lines = body
	default:
		writeError(w, http.StatusUnsupportedMediaType, "Content-Type "+strconv.Quote(mt)+": send application/json or application/jsonl")
		return
	}
	rep, err := s.ingest(r, lines, "POST /api/v1/documents")
	if err != nil {
		s.internal(w, r, true, err)
		return
	}
	status := http.StatusOK
	switch {
	case rep.Read == 0:
		status = http.StatusBadRequest
	case rep.Stored > 0:
		status = http.StatusCreated
	}
	writeJSON(w, status, rep)
}

// ingest reads documents from JSON lines, extracts them and stores them in one
// transaction, and says what became of each; the request's audit entry gets the ids
// and counts. An error means the store failed and nothing was stored.
func (s *Server) ingest(r *http.Request, lines []byte, name string) (ingestReport, error) {
	rep := ingestReport{Documents: []ingestOutcome{}}
	var docs []document.Document
	_, err := document.ReadJSONL(r.Context(), bytes.NewReader(lines), name,
		document.Options{MaxDocBytes: s.cfg.MaxBodyBytes, Logger: s.log},
		func(d document.Document) error { docs = append(docs, d); return nil },
		func(err error) { rep.Errors = append(rep.Errors, err.Error()); rep.Failed++ })
	if err != nil {
		return rep, err
	}
	rep.Read = len(docs)
	var results []extract.Result
	var at []int
	for _, d := range docs {
		res, err := s.cfg.Extract(r.Context(), d)
		if err != nil {
			rep.Failed++
			rep.Documents = append(rep.Documents, ingestOutcome{ID: d.ID, Status: "failed", Error: err.Error()})
			continue
		}
		at = append(at, len(rep.Documents))
		rep.Documents = append(rep.Documents, ingestOutcome{ID: res.Doc, Status: "stored", Events: len(res.Events)})
		results = append(results, res)
	}
	if len(results) > 0 {
		outs, err := s.cfg.Store.PutBatch(r.Context(), results)
		if err != nil {
			return rep, err
		}
		for i, o := range outs {
			d := &rep.Documents[at[i]]
			switch {
			case o.Err != nil:
				d.Status, d.Error = "failed", o.Err.Error()
				rep.Failed++
			case o.Inserted:
				rep.Stored++
			default:
				d.Status = "duplicate"
				rep.Duplicates++
			}
		}
	}
	if rep.Stored > 0 {
		s.views.invalidate()
	}
	ids := make([]string, 0, len(rep.Documents))
	for _, d := range rep.Documents {
		ids = append(ids, d.ID)
	}
	ri := info(r)
	ri.target = strings.Join(ids, ",")
	ri.detail = fmt.Sprintf("read %d, stored %d, duplicates %d, failed %d", rep.Read, rep.Stored, rep.Duplicates, rep.Failed)
	return rep, nil
}

// jsonToLines turns a JSON object or array of objects into JSON lines, so that both
// forms are read by the same reader as .jsonl files.
func jsonToLines(body []byte) ([]byte, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errors.New("empty body")
	}
	var objs []json.RawMessage
	if trimmed[0] == '[' {
		if err := json.Unmarshal(trimmed, &objs); err != nil {
			return nil, err
		}
	} else {
		var one json.RawMessage
		if err := json.Unmarshal(trimmed, &one); err != nil {
			return nil, err
		}
		objs = []json.RawMessage{one}
	}
	var b bytes.Buffer
	for i, o := range objs {
		o = bytes.TrimSpace(o)
		if len(o) == 0 || o[0] != '{' {
			return nil, fmt.Errorf("item %d is not an object", i+1)
		}
		if err := json.Compact(&b, o); err != nil {
			return nil, err
		}
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

func (s *Server) apiUsers(w http.ResponseWriter, r *http.Request) {
	us, err := s.accounts.Users(r.Context())
	if err != nil {
		s.internal(w, r, true, err)
		return
	}
	items := make([]map[string]any, len(us))
	for i, u := range us {
		items[i] = map[string]any{"name": u.Name, "role": u.Role, "must_change_password": u.MustChangePassword, "created": u.Created.UTC()}
	}
	writeJSON(w, http.StatusOK, page[map[string]any]{Items: items, Total: len(items), Limit: len(items)})
}

// newUser creates a user with a random one-time password, which it returns.
func (s *Server) newUser(r *http.Request, name, role string) (string, int, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 64 || strings.ContainsAny(name, " \t\r\n") {
		return "", http.StatusBadRequest, errors.New("a user name is 1 to 64 characters without spaces")
	}
	if store.RoleRank(role) < 0 {
		return "", http.StatusBadRequest, fmt.Errorf("role %q: use one of %s", role, strings.Join(store.Roles, ", "))
	}
	pw := RandomPassword()
	hash, err := s.cfg.Hash.Hash(pw)
	if err != nil {
		return "", http.StatusInternalServerError, err
	}
	_, err = s.accounts.CreateUser(r.Context(), store.User{Name: name, Role: role, PasswordHash: hash, MustChangePassword: true, Created: s.cfg.Now()})
	if errors.Is(err, store.ErrExists) {
		return "", http.StatusConflict, fmt.Errorf("the name %s is taken", name)
	}
	if err != nil {
		return "", http.StatusInternalServerError, err
	}
	ri := info(r)
	ri.target, ri.detail = name, "role "+role
	return pw, http.StatusCreated, nil
}

func (s *Server) apiCreateUser(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name string `json:"name"`
		Role string `json:"role"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "bad JSON: "+err.Error()+`: send {"name": "...", "role": "viewer|analyst|admin"}`)
		return
	}
	pw, status, err := s.newUser(r, in.Name, in.Role)
	if err != nil {
		if status == http.StatusInternalServerError {
			s.internal(w, r, true, err)
			return
		}
		writeError(w, status, err.Error())
		return
	}
	writeJSON(w, status, map[string]string{"name": in.Name, "role": in.Role, "password": pw,
		"note": "a one-time password: it is shown once and must be changed at the first sign-in"})
}

// newToken creates an API token for the requesting user and returns its secret.
func (s *Server) newToken(r *http.Request, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "token"
	}
	if len(name) > 100 {
		return "", errors.New("a token name is at most 100 characters")
	}
	who := info(r).who
	secret, hash := NewToken()
	if _, err := s.accounts.CreateToken(r.Context(), store.Token{UserID: who.user.ID, Name: name, Hash: hash, Created: s.cfg.Now()}); err != nil {
		return "", err
	}
	info(r).target = name
	return secret, nil
}

func (s *Server) apiCreateToken(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name string `json:"name"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&in); err != nil && !errors.Is(err, io.EOF) {
		writeError(w, http.StatusBadRequest, "bad JSON: "+err.Error()+`: send {"name": "what the token is for"}`)
		return
	}
	secret, err := s.newToken(r, in.Name)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusCreated, map[string]string{"name": in.Name, "token": secret,
		"note": "shown once: send it as Authorization: Bearer TOKEN"})
}
