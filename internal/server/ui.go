package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"marsad/internal/event"
	"marsad/internal/extract"
	"marsad/internal/resolve"
	"marsad/internal/store"
)

// evRow is an event as the lists show it.
type evRow struct {
	store.StoredEvent
	Cluster int64
	Sources int // documents reporting the same real event
	Places  []placeLink
}

type placeLink struct {
	Name, Href string
}

func (v *view) row(e store.StoredEvent) evRow {
	r := evRow{StoredEvent: e, Sources: 1}
	if v != nil { // nil before the first view is built (searchView): no cluster yet
		if ci, ok := v.clusterOf(e.ID); ok {
			r.Cluster = v.clusterID[ci]
			c := v.res.Clusters[ci]
			r.Sources = len(c.Docs())
		}
	}
	for _, p := range e.Event.Places {
		r.Places = append(r.Places, placeLink{Name: p.Name, Href: v.placeHref(p)})
	}
	return r
}

// placeHref links a place to its entity page when resolution knows it by its gazetteer
// id (with or without the "place:" prefix the extractor gives some), else to its events.
func (v *view) placeHref(p event.Place) string {
	if p.ID != "" && v != nil {
		for _, k := range []string{p.ID, "place:" + p.ID} {
			if _, ok := v.res.Entity(k); ok {
				return "/entities/" + url.PathEscape(k)
			}
		}
	}
	return "/events?place=" + url.QueryEscape(p.Name)
}

func (v *view) rows(evs []store.StoredEvent) []evRow {
	out := make([]evRow, len(evs))
	for i, e := range evs {
		out[i] = v.row(e)
	}
	return out
}

func (v *view) rowsOf(evs []*store.StoredEvent) []evRow {
	out := make([]evRow, len(evs))
	for i, e := range evs {
		out[i] = v.row(*e)
	}
	return out
}

// pager is the page navigation under a list.
type pager struct {
	Page, Pages, Total int
	Prev, Next         string
}

func (p *Page) pager(total, perPage int) (pager, int) {
	n, _ := strconv.Atoi(p.Q("page"))
	pages := max(1, (total+perPage-1)/perPage)
	n = min(max(n, 1), pages)
	pg := pager{Page: n, Pages: pages, Total: total}
	link := func(k int) string {
		q := url.Values{}
		for kk, vv := range p.query {
			if kk != "lang" {
				q[kk] = vv
			}
		}
		q.Set("page", strconv.Itoa(k))
		return p.Path + "?" + q.Encode()
	}
	if n > 1 {
		pg.Prev = link(n - 1)
	}
	if n < pages {
		pg.Next = link(n + 1)
	}
	return pg, (n - 1) * perPage
}

func (s *Server) overviewPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.view(w, r, false)
	if !ok {
		return
	}
	p := s.newPage(w, r, "overview")
	chart := monthChart(v.monthly, 36, func(m, t string) string {
		return "/events?" + url.Values{"type": {t}, "from": {m}, "to": {m}}.Encode()
	}, func(m, t string, n int) string { return fmt.Sprintf("%s · %s: %d", m, p.Type(t), n) })
	// Each contradiction as its distinct values, each with how many sources give it
	// and a link to the first one's sentence: "4 (2) ≠ 6".
	type value struct {
		Text, Href string
		N          int
	}
	type contra struct {
		resolve.Contradiction
		ID     int64
		Values []value
	}
	var cs []contra
	for i := len(v.contradictions) - 1; i >= 0 && len(cs) < 8; i-- {
		c := contra{Contradiction: v.contradictions[i], ID: v.publicID(v.contradictions[i].Cluster)}
		at := map[string]int{}
		for _, cl := range c.Claims {
			txt := p.Claim(cl)
			if j, ok := at[txt]; ok {
				c.Values[j].N++
				continue
			}
			at[txt] = len(c.Values)
			c.Values = append(c.Values, value{Text: txt, Href: fmt.Sprintf("/events/%d#e%d-%s", cl.Event, cl.Event, cl.Key), N: 1})
		}
		cs = append(cs, c)
	}
	p.Data = map[string]any{
		"Stats": v.stats, "Clusters": len(v.res.Clusters), "Contradictions": len(v.contradictions),
		"Chart": chart, "Latest": v.rowsOf(v.latest), "Contra": cs,
	}
	s.render(w, http.StatusOK, "overview", p)
}

// facet is one value of a search facet with its count.
type facet struct {
	Value, Label, Href string
	N                  int
	On                 bool
}

func facetsOf(counts map[string]int, label func(string) string, href func(string) string, current string, limit int) []facet {
	out := make([]facet, 0, len(counts))
	for v, n := range counts {
		out = append(out, facet{Value: v, Label: label(v), Href: href(v), N: n, On: v == current})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Value < out[j].Value
	})
	return out[:min(limit, len(out))]
}

const searchFacetHits = 100

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "search")
	data := map[string]any{"Types": event.Types}
	p.Data = data
	q := strings.TrimSpace(p.Q("q"))
	if q == "" {
		info(r).noAudit = true
		s.render(w, http.StatusOK, "search", p)
		return
	}
	sq, err := searchQuery(r, searchFacetHits)
	if err != nil {
		data["Error"] = err.Error()
		s.render(w, http.StatusBadRequest, "search", p)
		return
	}
	// Facets count over the first hits; the page shows 20 of them.
	sq.Limit, sq.Offset = searchFacetHits, 0
	hits, err := s.cfg.Store.Search(r.Context(), sq)
	if errors.Is(err, store.ErrNoSearchTerms) {
		data["Error"] = tr(p.Lang, "no_results")
		s.render(w, http.StatusOK, "search", p)
		return
	}
	if err != nil {
		s.internal(w, r, false, err)
		return
	}
	v, ok := s.searchView(w, r, false)
	if !ok {
		return
	}
	types, years, places, sources := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for _, h := range hits {
		if h.Doc.Source != "" {
			sources[h.Doc.Source]++
		}
		seenT, seenY, seenP := map[string]bool{}, map[string]bool{}, map[string]bool{}
		if len(h.Doc.Published) >= 4 {
			seenY[h.Doc.Published[:4]] = true
		}
		for _, e := range h.Events {
			seenT[e.Event.Type] = true
			if e.Event.Date != nil && len(e.Event.Date.From) >= 4 {
				seenY[e.Event.Date.From[:4]] = true
			}
			for _, pl := range e.Event.Places {
				seenP[pl.Name] = true
			}
		}
		for k := range seenT {
			types[k]++
		}
		for k := range seenY {
			years[k]++
		}
		for k := range seenP {
			places[k]++
		}
	}
	ident := func(s string) string { return s }
	data["Facets"] = []map[string]any{
		{"Name": tr(p.Lang, "type"), "Items": facetsOf(types, p.Type, func(t string) string { return p.With("type", t) }, p.Q("type"), 12)},
		{"Name": tr(p.Lang, "year"), "Items": facetsOf(years, ident, func(y string) string {
			return p.With("from", y) + "&to=" + y
		}, p.Q("from"), 12)},
		{"Name": tr(p.Lang, "place"), "Items": facetsOf(places, ident, func(x string) string { return p.With("place", x) }, p.Q("place"), 12)},
		{"Name": tr(p.Lang, "source"), "Items": facetsOf(sources, ident, func(x string) string { return p.With("source", x) }, "", 8)},
	}
	// A source facet filters the hits already found (the store's search has no source
	// filter).
	if src := p.Q("source"); src != "" {
		hits = slices.DeleteFunc(hits, func(h store.SearchHit) bool { return h.Doc.Source != src })
	}
	pg, off := p.pager(len(hits), 20)
	type hitRow struct {
		store.SearchHit
		Rows []evRow
	}
	var rows []hitRow
	for _, h := range hits[off:min(off+20, len(hits))] {
		rows = append(rows, hitRow{h, v.rows(h.Events)})
	}
	data["Hits"], data["Pager"], data["More"] = rows, pg, len(hits) == searchFacetHits
	s.render(w, http.StatusOK, "search", p)
}

func (s *Server) eventsPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "events")
	f, err := readEventFilter(r)
	data := map[string]any{"Types": event.Types, "F": f}
	p.Data = data
	if err != nil {
		data["Error"] = err.Error()
		s.render(w, http.StatusBadRequest, "events", p)
		return
	}
	v, ok := s.view(w, r, false)
	if !ok {
		return
	}
	_, total := s.pageEvents(v, f, 0, 0)
	pg, off := p.pager(total, 50)
	shown, _ := s.pageEvents(v, f, off, 50)
	data["Rows"], data["Pager"] = v.rowsOf(shown), pg
	s.render(w, http.StatusOK, "events", p)
}

// segment is a run of article text with one highlighting.
type segment struct {
	Text     string
	Evidence bool   // inside the evidence sentence
	Fig      string // the figure key it belongs to, if any
	ID       string // anchor id for the first segment of a figure or of the evidence
}

// highlight cuts text into segments at the evidence and figure spans of ev (rune
// offsets), so the template can mark them. id prefixes the anchors ("e12").
func highlight(text string, ev event.Event, id string) []segment {
	rs := []rune(text)
	n := len(rs)
	clamp := func(i int) int { return min(max(i, 0), n) }
	type span struct {
		s, e int
		key  string
	}
	var figs []span
	for _, k := range figureKeys(ev.Figures) {
		f := ev.Figures[k]
		if f.End > f.Start {
			figs = append(figs, span{clamp(f.Start), clamp(f.End), k})
		}
	}
	es, ee := clamp(ev.Evidence.Start), clamp(ev.Evidence.End)
	cuts := map[int]bool{0: true, n: true, es: true, ee: true}
	for _, f := range figs {
		cuts[f.s], cuts[f.e] = true, true
	}
	var pts []int
	for c := range cuts {
		pts = append(pts, c)
	}
	sort.Ints(pts)
	var out []segment
	firstEv := true
	seenFig := map[string]bool{}
	for i := 0; i+1 < len(pts); i++ {
		a, b := pts[i], pts[i+1]
		if a == b {
			continue
		}
		sg := segment{Text: string(rs[a:b]), Evidence: a >= es && b <= ee && ee > es}
		for _, f := range figs {
			if a >= f.s && b <= f.e {
				sg.Fig = f.key
				if !seenFig[f.key] {
					seenFig[f.key] = true
					sg.ID = id + "-" + f.key
				}
				break
			}
		}
		if sg.Evidence && firstEv && sg.ID == "" {
			sg.ID = id
			firstEv = false
		}
		out = append(out, sg)
	}
	return out
}

// source is one report of the event on its page: the document, the event as it read
// it, and the article text with the evidence and figures marked.
type source struct {
	Event    store.StoredEvent
	Doc      extract.Result
	Segments []segment
	Main     bool
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "an event id is a positive number")
		return
	}
	v, ok := s.view(w, r, false)
	if !ok {
		return
	}
	i, ok := v.event(id)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, fmt.Sprintf("no event %d", id))
		return
	}
	shown := []*store.StoredEvent{v.events[i]}
	var cl *resolve.Cluster
	var clusterID int64
	if ci, ok := v.clusterOf(id); ok {
		cl = &v.res.Clusters[ci]
		clusterID = v.clusterID[ci]
		for _, e := range cl.Events {
			if e.ID != id {
				shown = append(shown, e)
			}
		}
	}
	ts, err := readEvidence(r.Context(), s.cfg.Store, shown)
	if err != nil {
		s.internal(w, r, false, err)
		return
	}
	members := make([]store.StoredEvent, len(shown))
	for k, e := range shown {
		members[k] = whole(e, ts)
	}
	docs := map[string]extract.Result{}
	var srcs []source
	for k, e := range members {
		d, ok := docs[e.Doc.ID]
		if !ok {
			var err error
			d, err = s.cfg.Store.Get(r.Context(), e.Doc.ID)
			if err != nil {
				s.internal(w, r, false, err)
				return
			}
			docs[e.Doc.ID] = d
			// The page shows the whole article: a read of the document too.
			s.audit.add(store.AuditEntry{At: s.cfg.Now(), User: info(r).who.user.Name, Role: info(r).who.user.Role,
				Action: "document.read", Target: e.Doc.ID, Remote: remoteHost(r), Status: http.StatusOK, Detail: fmt.Sprintf("via event %d", id)})
		}
		srcs = append(srcs, source{Event: e, Doc: d, Segments: highlight(d.Text, e.Event, fmt.Sprintf("e%d", e.ID)), Main: k == 0})
	}
	// The figures side by side: one row per key, one column per report.
	type cell struct {
		Text, Href string
		Has        bool
	}
	type figRow struct {
		Key      string
		Cells    []cell
		Disagree bool
	}
	keys := map[string]bool{}
	for _, e := range members {
		for k := range e.Event.Figures {
			keys[k] = true
		}
	}
	all := map[string]event.Figure{}
	for k := range keys {
		all[k] = event.Figure{}
	}
	disagree := map[string]bool{}
	if cl != nil {
		// from the cluster itself, not a scan of all the view's contradictions
		for _, c := range resolve.Contradictions([]resolve.Cluster{*cl}) {
			disagree[c.Key] = true
		}
	}
	p := s.newPage(w, r, "event_page")
	var table []figRow
	for _, k := range figureKeys(all) {
		row := figRow{Key: k, Disagree: disagree[k]}
		for _, e := range members {
			f, ok := e.Event.Figures[k]
			c := cell{Has: ok}
			if ok {
				c.Text = p.Fig(f)
				c.Href = fmt.Sprintf("#e%d-%s", e.ID, k)
			}
			row.Cells = append(row.Cells, c)
		}
		table = append(table, row)
	}
	p.Title = p.Type(members[0].Event.Type)
	data := map[string]any{"Main": v.row(members[0]), "Sources": srcs, "Table": table, "ClusterID": clusterID}
	if cl != nil {
		data["Cluster"] = cl
		data["Scale"] = "scale_" + string(cl.Scale)
	}
	p.Data = data
	s.render(w, http.StatusOK, "event", p)
}

func (s *Server) documentPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.cfg.Store.Get(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "no document "+r.PathValue("id"))
		return
	}
	if err != nil {
		s.internal(w, r, false, err)
		return
	}
	v, ok := s.view(w, r, false)
	if !ok {
		return
	}
	evs := s.filterEvents(v, eventFilter{Doc: d.Doc})
	p := s.newPage(w, r, "document")
	p.Title = d.Title
	// The article once, with every event's evidence marked.
	segs := []segment{{Text: d.Text}}
	if len(evs) > 0 {
		segs = highlightAll(d.Text, evs)
	}
	p.Data = map[string]any{"Doc": d, "Events": v.rowsOf(evs), "Segments": segs}
	s.render(w, http.StatusOK, "document", p)
}

// highlightAll marks the evidence of several events in one text; each evidence start
// gets the anchor of its event.
func highlightAll(text string, evs []*store.StoredEvent) []segment {
	rs := []rune(text)
	n := len(rs)
	in := make([]bool, n)
	anchor := map[int]string{}
	for _, e := range evs {
		s, t := min(max(e.Event.Evidence.Start, 0), n), min(max(e.Event.Evidence.End, 0), n)
		for i := s; i < t; i++ {
			in[i] = true
		}
		if _, ok := anchor[s]; !ok && t > s {
			anchor[s] = fmt.Sprintf("e%d", e.ID)
		}
	}
	var out []segment
	start := 0
	for i := 1; i <= n; i++ {
		_, cut := anchor[i]
		if i == n || in[i] != in[start] || cut {
			out = append(out, segment{Text: string(rs[start:i]), Evidence: in[start], ID: anchor[start]})
			start = i
		}
	}
	return out
}

func (s *Server) entitiesPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.view(w, r, false)
	if !ok {
		return
	}
	p := s.newPage(w, r, "entities")
	es := s.matchEntities(v, p.Q("kind"), p.Q("q"))
	pg, off := p.pager(len(es), 50)
	type entRow struct {
		resolve.Entity
		N int
	}
	var rows []entRow
	for _, e := range es[off:min(off+50, len(es))] {
		rows = append(rows, entRow{e, len(v.entityClusters[e.Key])})
	}
	p.Data = map[string]any{"Rows": rows, "Pager": pg}
	s.render(w, http.StatusOK, "entities", p)
}

// scriptOf names the script of a name: Arabic, Latin or other.
func scriptOf(name string) string {
	for _, r := range name {
		switch {
		case unicode.Is(unicode.Arabic, r):
			return "Arabic"
		case unicode.Is(unicode.Latin, r):
			return "Latin"
		}
	}
	return "Other"
}

func (s *Server) entityPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.view(w, r, false)
	if !ok {
		return
	}
	e, ok := v.res.Entity(r.PathValue("key"))
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "no entity "+r.PathValue("key"))
		return
	}
	p := s.newPage(w, r, "entities")
	p.Title = e.Name
	scripts := map[string][]string{}
	seen := map[string]bool{}
	for _, n := range append([]string{e.Name}, e.Names...) {
		if !seen[n] {
			seen[n] = true
			scripts[scriptOf(n)] = append(scripts[scriptOf(n)], n)
		}
	}
	counts := map[string]map[string]int{}
	var rows []evRow
	cs := v.entityClusters[e.Key]
	for i := len(cs) - 1; i >= 0; i-- {
		c := v.res.Clusters[cs[i]]
		if c.Period != nil && len(c.Period.From) >= 7 {
			m := c.Period.From[:7]
			if counts[m] == nil {
				counts[m] = map[string]int{}
			}
			counts[m][c.Type]++
		}
		if len(rows) < 100 {
			rows = append(rows, v.row(*c.Events[0]))
		}
	}
	filterKey := "place"
	if e.Kind != "place" {
		filterKey = "actor"
	}
	chart := monthChart(counts, 60, func(m, t string) string {
		return "/events?" + url.Values{"type": {t}, "from": {m}, "to": {m}, filterKey: {e.Name}}.Encode()
	}, func(m, t string, n int) string { return fmt.Sprintf("%s · %s: %d", m, p.Type(t), n) })
	p.Data = map[string]any{"E": e, "Scripts": scripts, "Chart": chart, "Rows": rows, "N": len(cs), "FilterKey": filterKey}
	s.render(w, http.StatusOK, "entity", p)
}

// landOutline reads the embedded land outline once per call; it is small (12 KB).
func landOutline() ([]string, error) {
	b, err := assetFS.ReadFile("assets/land.json")
	if err != nil {
		return nil, err
	}
	var d struct {
		Paths []string `json:"paths"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("assets/land.json: %w", err)
	}
	return d.Paths, nil
}

func (s *Server) mapPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.view(w, r, false)
	if !ok {
		return
	}
	p := s.newPage(w, r, "map")
	f, err := readEventFilter(r)
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, err.Error())
		return
	}
	byPlace := map[string]*placeCount{}
	var order []string
	for _, e := range s.filterEvents(v, f) {
		for _, pl := range e.Event.Places {
			if pl.Lat == nil || pl.Lon == nil {
				continue
			}
			k := pl.ID
			if k == "" {
				k = pl.Name + "|" + pl.Country
			}
			pc, ok := byPlace[k]
			if !ok {
				pc = &placeCount{Name: pl.Name, Country: pl.Country, ID: pl.ID, Lat: *pl.Lat, Lon: *pl.Lon}
				byPlace[k] = pc
				order = append(order, k)
			}
			pc.N++
		}
	}
	places := make([]placeCount, 0, len(order))
	for _, k := range order {
		places = append(places, *byPlace[k])
	}
	land, err := landOutline()
	if err != nil {
		s.internal(w, r, false, err)
		return
	}
	mv := buildMap(land, places, func(pc placeCount) string {
		q := url.Values{"place": {pc.Name}}
		if f.Type != "" {
			q.Set("type", f.Type)
		}
		return "/events?" + q.Encode()
	})
	p.Data = map[string]any{"Map": mv, "Types": event.Types, "F": f}
	s.render(w, http.StatusOK, "map", p)
}

func (s *Server) balancePage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.view(w, r, false)
	if !ok {
		return
	}
	p := s.newPage(w, r, "balance")
	var years []string
	seen := map[string]bool{}
	for _, row := range v.balance {
		y := row.Period[:min(4, len(row.Period))]
		if !seen[y] {
			seen[y] = true
			years = append(years, y)
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(years)))
	year := p.Q("year")
	if year == "" && len(years) > 0 {
		year = years[0]
	}
	type claimLink struct {
		resolve.Claim
		Href string
	}
	type balRow struct {
		resolve.Row
		Claims []claimLink
	}
	var rows []balRow
	for _, row := range v.balance {
		if !strings.HasPrefix(row.Period, year) && !strings.Contains(row.Period, "-"+year) {
			continue
		}
		br := balRow{Row: row}
		for _, c := range row.Reported {
			br.Claims = append(br.Claims, claimLink{c, fmt.Sprintf("/events/%d#e%d-%s", c.Event, c.Event, c.Key)})
		}
		rows = append(rows, br)
	}
	p.Data = map[string]any{"Years": years, "Year": year, "Rows": rows}
	s.render(w, http.StatusOK, "balance", p)
}

func (s *Server) contradictionsPage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.view(w, r, false)
	if !ok {
		return
	}
	p := s.newPage(w, r, "contradictions")
	type item struct {
		resolve.Contradiction
		ID int64
	}
	// newest first; the page's claims read their figures' words (sourceContradictions)
	pg, off := p.pager(len(v.contradictions), 30)
	shown := slices.Clone(v.contradictions[max(0, len(v.contradictions)-off-30) : len(v.contradictions)-off])
	slices.Reverse(shown)
	shown, err := v.sourceContradictions(r.Context(), s.cfg.Store, shown)
	if err != nil {
		s.internal(w, r, false, err)
		return
	}
	items := make([]item, 0, len(shown))
	for _, c := range shown {
		items = append(items, item{c, v.publicID(c.Cluster)})
	}
	p.Data = map[string]any{"Items": items, "Pager": pg}
	s.render(w, http.StatusOK, "contradictions", p)
}

// accountPage shows the password form and the user's API tokens.
func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	s.renderAccount(w, r, http.StatusOK, map[string]any{})
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	p := s.newPage(w, r, "account")
	who := info(r).who
	ts, err := s.accounts.Tokens(r.Context(), who.user.ID)
	if err != nil {
		s.internal(w, r, false, err)
		return
	}
	data["Tokens"] = ts
	data["First"] = who.user.MustChangePassword
	p.Data = data
	s.render(w, status, "account", p)
}

// minPassword is the shortest password accepted.
const minPassword = 12

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	who := info(r).who
	cur, next := r.PostFormValue("current"), r.PostFormValue("new")
	switch {
	case !CheckPassword(who.user.PasswordHash, cur):
		info(r).detail = "wrong current password"
		s.renderAccount(w, r, http.StatusBadRequest, map[string]any{"PwError": tr(s.uiLang(w, r), "badlogin")})
		return
	case utf8.RuneCountInString(next) < minPassword || next == cur:
		info(r).detail = "new password refused"
		s.renderAccount(w, r, http.StatusBadRequest, map[string]any{"PwError": tr(s.uiLang(w, r), "new_password")})
		return
	}
	hash, err := s.cfg.Hash.Hash(next)
	if err != nil {
		s.internal(w, r, false, err)
		return
	}
	keep := ""
	if who.session != nil {
		keep = who.session.Hash
	}
	if err := s.accounts.SetPassword(r.Context(), who.user.ID, hash, false, keep); err != nil {
		s.internal(w, r, false, err)
		return
	}
	info(r).target = who.user.Name
	http.Redirect(w, r, "/account?saved=1", http.StatusSeeOther)
}

func (s *Server) createTokenForm(w http.ResponseWriter, r *http.Request) {
	secret, err := s.newToken(r, r.PostFormValue("name"))
	if err != nil {
		s.renderAccount(w, r, http.StatusBadRequest, map[string]any{"TokenError": err.Error()})
		return
	}
	s.renderAccount(w, r, http.StatusCreated, map[string]any{"NewToken": secret})
}

func (s *Server) revokeTokenForm(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "no such token")
		return
	}
	err := s.accounts.DeleteToken(r.Context(), info(r).who.user.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "no such token")
		return
	}
	if err != nil {
		s.internal(w, r, false, err)
		return
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "audit")
	f, err := auditFilter(r, 100)
	if err != nil {
		s.errorPage(w, r, http.StatusBadRequest, err.Error())
		return
	}
	n, _ := strconv.Atoi(p.Q("page"))
	n = max(n, 1)
	f.Limit, f.Offset = 101, (n-1)*100
	es, err := s.accounts.Audit(r.Context(), f)
	if err != nil {
		s.internal(w, r, false, err)
		return
	}
	pg := pager{Page: n}
	if len(es) > 100 {
		es = es[:100]
		pg.Next = p.With("page", strconv.Itoa(n+1))
	}
	if n > 1 {
		pg.Prev = p.With("page", strconv.Itoa(n-1))
	}
	q := url.Values{}
	for _, k := range []string{"user", "action", "since", "until"} {
		if v := p.Q(k); v != "" {
			q.Set(k, v)
		}
	}
	q.Set("format", "csv")
	csvURL := "/api/v1/audit?" + q.Encode()
	q.Set("format", "jsonl")
	p.Data = map[string]any{"Entries": es, "Pager": pg, "CSV": csvURL, "JSONL": "/api/v1/audit?" + q.Encode()}
	s.render(w, http.StatusOK, "audit", p)
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	s.renderUsers(w, r, http.StatusOK, map[string]any{})
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	p := s.newPage(w, r, "users")
	us, err := s.accounts.Users(r.Context())
	if err != nil {
		s.internal(w, r, false, err)
		return
	}
	data["Users"], data["Roles"] = us, store.Roles
	p.Data = data
	s.render(w, status, "users", p)
}

func (s *Server) createUserForm(w http.ResponseWriter, r *http.Request) {
	name, role := r.PostFormValue("name"), r.PostFormValue("role")
	pw, status, err := s.newUser(r, name, role)
	if err != nil {
		if status == http.StatusInternalServerError {
			s.internal(w, r, false, err)
			return
		}
		s.renderUsers(w, r, status, map[string]any{"Error": err.Error()})
		return
	}
	s.renderUsers(w, r, http.StatusCreated, map[string]any{"Created": strings.TrimSpace(name), "Password": pw})
}

// addPage is the form analysts add an article with: pasted text and what is known of it.
func (s *Server) addPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "add")
	p.Data = map[string]any{}
	s.render(w, http.StatusOK, "add", p)
}

// addDocument stores the article of the form, as POST /api/v1/documents would, and
// shows what was read from it.
func (s *Server) addDocument(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Extract == nil {
		s.errorPage(w, r, http.StatusServiceUnavailable, "this server takes no documents (started without an extractor)")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("the article is over %d bytes", s.cfg.MaxBodyBytes))
		return
	}
	p := s.newPage(w, r, "add")
	data := map[string]any{}
	p.Data = data
	doc := map[string]string{}
	for _, k := range []string{"id", "title", "source", "url", "published", "lang", "text"} {
		if v := strings.TrimSpace(r.PostFormValue(k)); v != "" {
			doc[k] = v
		}
	}
	if doc["text"] == "" {
		data["Error"] = tr(p.Lang, "add_need_text")
		s.render(w, http.StatusBadRequest, "add", p)
		return
	}
	if doc["id"] == "" {
		// An id from the text itself: adding the same article twice finds it stored.
		doc["id"] = "web-" + hashSecret(doc["text"])[:16]
	}
	line, err := json.Marshal(doc)
	if err != nil {
		s.internal(w, r, false, err)
		return
	}
	rep, err := s.ingest(r, append(line, '\n'), "the form")
	if err != nil {
		s.internal(w, r, false, err)
		return
	}
	data["Report"] = rep
	if len(rep.Documents) == 1 && rep.Documents[0].Status != "failed" {
		data["DocID"] = rep.Documents[0].ID
	}
	status := http.StatusOK
	if rep.Stored > 0 {
		status = http.StatusCreated
	} else if rep.Failed > 0 {
		status = http.StatusBadRequest
	}
	s.render(w, status, "add", p)
}
