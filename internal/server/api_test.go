package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"marsad/internal/resolve"
)

// TestAPIScenarios runs the API's promises as a table of requests, on every backend.
func TestAPIScenarios(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) { apiScenarios(t, newEnv(t, open)) })
	}
}

func apiScenarios(t *testing.T, e *env) {
	// Ids the scenarios refer to.
	_, b := e.do("GET", "/api/v1/events?type=cell_dismantled", "viewer", "", nil)
	cells := decode[page[apiEvent]](t, b)
	if len(cells.Items) != 2 {
		t.Fatalf("cell_dismantled events: %s", b)
	}
	cellID := cells.Items[0].ID
	clusterID := cells.Items[0].Cluster

	big := `{"id":"big","text":"` + strings.Repeat("تفكيك خلية إرهابية. ", 5000) + `"}`
	doc := func(id, text string) string {
		return fmt.Sprintf(`{"id":%q,"source":"API test","published":"2025-05-06","lang":"fr","text":%q}`, id, text)
	}
	saisie := doc("api-1", "Les douaniers ont saisi, lundi 5 mai 2025 au port de Tanger Med, 120 kg de cocaïne dans un conteneur.")

	tests := []struct {
		name        string
		method      string
		path        string
		role        string // "" sends no credentials
		contentType string
		body        string
		want        int
		check       func(t *testing.T, body []byte)
	}{
		{name: "healthz needs nobody", method: "GET", path: "/healthz", want: 200},
		{name: "events need a sign-in", method: "GET", path: "/api/v1/events", want: 401},
		{name: "a wrong token is nobody", method: "GET", path: "/api/v1/events", role: "nobody", want: 401},
		{name: "events", method: "GET", path: "/api/v1/events", role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			p := decode[page[apiEvent]](t, b)
			// 7 events: the headline "توقيف عناصر خلية إرهابية" is the dismantling of the
			// cell its body tells, not an arrest of its own
			if p.Total != len(p.Items) || p.Total < 7 {
				t.Errorf("total %d, items %d; want every event (7 or more) on one page", p.Total, len(p.Items))
			}
			// Most recent first.
			if p.Items[0].Date == nil || p.Items[0].Date.From != "2025-09-18" {
				t.Errorf("first event %+v, want the conviction of 2025-09-18", p.Items[0])
			}
			// The view holds no sentences: the page reads them for the events it shows.
			for _, e := range p.Items {
				if e.Evidence.Text == "" || e.Evidence.End <= e.Evidence.Start {
					t.Errorf("event %d listed without its evidence sentence: %+v", e.ID, e.Evidence)
				}
			}
		}},
		{name: "events by type", method: "GET", path: "/api/v1/events?type=seizure", role: "viewer", want: 200, check: every(func(e apiEvent) bool { return e.Type == "seizure" }, 3)},
		{name: "events by date range", method: "GET", path: "/api/v1/events?from=2025-04&to=2025-04-30", role: "viewer", want: 200,
			check: every(func(e apiEvent) bool { return e.Doc.ID == "t-fr-saisie" }, 2)},
		{name: "events by place in Arabic", method: "GET", path: "/api/v1/events?place=" + url.QueryEscape("تطوان"), role: "viewer", want: 200,
			check: every(func(e apiEvent) bool { return e.Doc.ID == "t-ar-cell-a" }, 1)},
		{name: "events by place in Latin", method: "GET", path: "/api/v1/events?place=Nador", role: "viewer", want: 200,
			check: every(func(e apiEvent) bool { return e.Doc.ID == "t-fr-saisie" }, 2)},
		{name: "events by actor", method: "GET", path: "/api/v1/events?actor=Gendarmerie+Royale", role: "viewer", want: 200,
			check: every(func(e apiEvent) bool { return e.Doc.ID == "t-fr-saisie" }, 0)},
		{name: "events by source", method: "GET", path: "/api/v1/events?source=Test+Wire", role: "viewer", want: 200,
			check: every(func(e apiEvent) bool { return e.Doc.Source == "Test Wire" }, 2)},
		{name: "events paged", method: "GET", path: "/api/v1/events?limit=2&offset=2", role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			p := decode[page[apiEvent]](t, b)
			if len(p.Items) != 2 || p.Offset != 2 || p.Total < 7 {
				t.Errorf("page: %d items at %d of %d", len(p.Items), p.Offset, p.Total)
			}
		}},
		{name: "events: unknown type", method: "GET", path: "/api/v1/events?type=coup", role: "viewer", want: 400, check: hasError("cell_dismantled")},
		{name: "events: bad date", method: "GET", path: "/api/v1/events?from=March", role: "viewer", want: 400},
		{name: "events: bad limit", method: "GET", path: "/api/v1/events?limit=0", role: "viewer", want: 400},
		{name: "event", method: "GET", path: fmt.Sprintf("/api/v1/events/%d", cellID), role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			ev := decode[apiEvent](t, b)
			if ev.ID != cellID || ev.Type != "cell_dismantled" || ev.Cluster != clusterID || ev.Evidence.Text == "" {
				t.Errorf("event %s", b)
			}
		}},
		{name: "event: unknown", method: "GET", path: "/api/v1/events/999999", role: "viewer", want: 404},
		{name: "event: not a number", method: "GET", path: "/api/v1/events/abc", role: "viewer", want: 400},
		{name: "documents", method: "GET", path: "/api/v1/documents", role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			p := decode[page[docRef]](t, b)
			if len(p.Items) != 4 || p.Items[0].ID != "t-en-conviction" {
				t.Errorf("documents %s", b)
			}
		}},
		{name: "document", method: "GET", path: "/api/v1/documents/t-ar-cell-a", role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			d := decode[map[string]any](t, b)
			if !strings.Contains(fmt.Sprint(d["text"]), "خلية إرهابية") || d["doc"] != "t-ar-cell-a" || len(d["events"].([]any)) == 0 {
				t.Errorf("document %s", b)
			}
		}},
		{name: "document: unknown", method: "GET", path: "/api/v1/documents/nope", role: "viewer", want: 404},
		{name: "clusters join the two reports", method: "GET", path: "/api/v1/clusters?type=cell_dismantled", role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			p := decode[page[apiClusterBody]](t, b)
			if len(p.Items) != 1 || len(p.Items[0].Sources) != 2 || p.Items[0].ID != clusterID {
				t.Errorf("clusters %s", b)
			}
		}},
		{name: "cluster with claims and contradiction", method: "GET", path: fmt.Sprintf("/api/v1/clusters/%d", clusterID), role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			c := decode[apiClusterBody](t, b)
			var arrested []float64
			for _, cl := range c.Claims {
				if cl.Key == "arrested" {
					arrested = append(arrested, cl.Value)
				}
			}
			sort.Float64s(arrested)
			if fmt.Sprint(arrested) != "[4 6]" || len(c.Contradictions) != 1 || c.Contradictions[0].Key != "arrested" || len(c.Events) != 2 {
				t.Errorf("cluster: arrested claims %v, contradictions %+v, %d events", arrested, c.Contradictions, len(c.Events))
			}
			claims := c.Claims
			for _, k := range c.Contradictions {
				claims = append(claims, k.Claims...)
			}
			sourced(t, claims)
		}},
		{name: "clusters paged", method: "GET", path: "/api/v1/clusters?limit=2&offset=4", role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			// 6 clusters (the stats say so): the page is the 5th and 6th, the total all 6.
			p := decode[page[apiClusterBody]](t, b)
			if p.Total != 6 || len(p.Items) != 2 || p.Offset != 4 || p.Items[0].ID == p.Items[1].ID {
				t.Errorf("clusters page: %d items at %d of %d", len(p.Items), p.Offset, p.Total)
			}
		}},
		{name: "clusters past the end", method: "GET", path: "/api/v1/clusters?limit=2&offset=6", role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			if p := decode[page[apiClusterBody]](t, b); p.Total != 6 || len(p.Items) != 0 {
				t.Errorf("clusters past the end: %d items of %d", len(p.Items), p.Total)
			}
		}},
		{name: "cluster: unknown", method: "GET", path: "/api/v1/clusters/999999", role: "viewer", want: 404},
		{name: "entities by Arabic name", method: "GET", path: "/api/v1/entities?q=" + url.QueryEscape("طنجة"), role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			p := decode[page[apiEntityBody]](t, b)
			if len(p.Items) == 0 || p.Items[0].Name != "Tangier" || !slices.Contains(p.Items[0].Names, "طنجة") {
				t.Errorf("entities %s", b)
			}
		}},
		{name: "entities: bad kind", method: "GET", path: "/api/v1/entities?kind=animal", role: "viewer", want: 400},
		{name: "entity: unknown", method: "GET", path: "/api/v1/entities/place:nowhere", role: "viewer", want: 404},
		{name: "search in Arabic", method: "GET", path: "/api/v1/search?q=" + url.QueryEscape("الخلايا الإرهابية"), role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			p := decode[page[apiHit]](t, b)
			if len(p.Items) != 2 || !strings.Contains(p.Items[0].Snippet, "[") || len(p.Items[0].Events) == 0 {
				t.Errorf("search %s", b)
			}
		}},
		{name: "search with a filter", method: "GET", path: "/api/v1/search?q=cannabis&type=conviction", role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			p := decode[page[apiHit]](t, b)
			if len(p.Items) != 1 || p.Items[0].Doc.ID != "t-en-conviction" {
				t.Errorf("search %s", b)
			}
		}},
		{name: "search without words", method: "GET", path: "/api/v1/search", role: "viewer", want: 400, check: hasError("q")},
		{name: "stats", method: "GET", path: "/api/v1/stats", role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			s := decode[map[string]any](t, b)
			if s["documents"] != 4.0 || s["contradictions"] != 1.0 || len(s["balance"].([]any)) == 0 {
				t.Errorf("stats %s", b)
			}
		}},
		{name: "stats by place", method: "GET", path: "/api/v1/stats?by=year,type,place", role: "viewer", want: 200},
		{name: "stats: bad breakdown", method: "GET", path: "/api/v1/stats?by=colour", role: "viewer", want: 400},
		{name: "contradictions", method: "GET", path: "/api/v1/contradictions", role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			p := decode[page[resolve.Contradiction]](t, b)
			if len(p.Items) != 1 || p.Items[0].Key != "arrested" || int64(p.Items[0].Cluster) != clusterID || len(p.Items[0].Claims) != 2 {
				t.Errorf("contradictions %s", b)
			}
			for _, k := range p.Items {
				sourced(t, k.Claims)
			}
		}},

		// Writes.
		{name: "ingest: viewers may not", method: "POST", path: "/api/v1/documents", role: "viewer", contentType: "application/json", body: saisie, want: 403},
		{name: "ingest: nobody may not", method: "POST", path: "/api/v1/documents", contentType: "application/json", body: saisie, want: 401},
		{name: "ingest one JSON document", method: "POST", path: "/api/v1/documents", role: "analyst", contentType: "application/json", body: saisie, want: 201, check: func(t *testing.T, b []byte) {
			r := decode[ingestReport](t, b)
			if r.Read != 1 || r.Stored != 1 || r.Documents[0].ID != "api-1" || r.Documents[0].Events == 0 {
				t.Errorf("ingest %s", b)
			}
		}},
		{name: "ingested document is searchable at once", method: "GET", path: "/api/v1/events?source=API+test", role: "viewer", want: 200,
			check: every(func(e apiEvent) bool { return e.Doc.ID == "api-1" }, 1)},
		{name: "ingest the same again: duplicate", method: "POST", path: "/api/v1/documents", role: "admin", contentType: "application/json; charset=utf-8", body: saisie, want: 200, check: func(t *testing.T, b []byte) {
			r := decode[ingestReport](t, b)
			if r.Duplicates != 1 || r.Stored != 0 || r.Documents[0].Status != "duplicate" {
				t.Errorf("ingest %s", b)
			}
		}},
		{name: "ingest a JSON array", method: "POST", path: "/api/v1/documents", role: "analyst", contentType: "application/json",
			body: "[" + doc("api-2", "Arrestation à Oujda le 2 mai 2025 de trois suspects.") + "," + doc("api-3", "Saisie de 3 tonnes de chira à Kénitra le 3 mai 2025.") + "]", want: 201,
			check: func(t *testing.T, b []byte) {
				if r := decode[ingestReport](t, b); r.Read != 2 || r.Stored != 2 {
					t.Errorf("ingest %s", b)
				}
			}},
		{name: "ingest JSON lines, one broken", method: "POST", path: "/api/v1/documents", role: "analyst", contentType: "application/jsonl",
			body: doc("api-4", "Démantèlement d'un réseau à Agadir le 4 mai 2025.") + "\n{not json\n", want: 201, check: func(t *testing.T, b []byte) {
				r := decode[ingestReport](t, b)
				if r.Stored != 1 || r.Failed != 1 || len(r.Errors) != 1 || !strings.Contains(r.Errors[0], ":2:") {
					t.Errorf("ingest %s", b)
				}
			}},
		{name: "ingest bad JSON", method: "POST", path: "/api/v1/documents", role: "analyst", contentType: "application/json", body: `{"id": "x", "text": `, want: 400, check: hasError("bad JSON")},
		{name: "ingest an empty array", method: "POST", path: "/api/v1/documents", role: "analyst", contentType: "application/json", body: `[]`, want: 400},
		{name: "ingest a document without text", method: "POST", path: "/api/v1/documents", role: "analyst", contentType: "application/json", body: `{"id": "empty"}`, want: 400},
		{name: "ingest a number", method: "POST", path: "/api/v1/documents", role: "analyst", contentType: "application/json", body: `[42]`, want: 400},
		{name: "ingest an oversize body", method: "POST", path: "/api/v1/documents", role: "analyst", contentType: "application/json", body: big, want: 413, check: hasError("bytes")},
		{name: "ingest plain text", method: "POST", path: "/api/v1/documents", role: "analyst", contentType: "text/plain", body: "hello", want: 415},

		// Admin.
		{name: "audit: viewers may not", method: "GET", path: "/api/v1/audit", role: "viewer", want: 403},
		{name: "audit: analysts may not", method: "GET", path: "/api/v1/audit", role: "analyst", want: 403},
		{name: "audit", method: "GET", path: "/api/v1/audit", role: "admin", want: 200},
		{name: "audit: bad date", method: "GET", path: "/api/v1/audit?since=yesterday", role: "admin", want: 400},
		{name: "users: analysts may not", method: "GET", path: "/api/v1/users", role: "analyst", want: 403},
		{name: "add a user", method: "POST", path: "/api/v1/users", role: "admin", contentType: "application/json", body: `{"name":"سلمى","role":"analyst"}`, want: 201, check: func(t *testing.T, b []byte) {
			if r := decode[map[string]string](t, b); len(r["password"]) < 12 {
				t.Errorf("created %s", b)
			}
		}},
		{name: "add a user twice", method: "POST", path: "/api/v1/users", role: "admin", contentType: "application/json", body: `{"name":"سلمى","role":"viewer"}`, want: 409},
		{name: "add a user with a bad role", method: "POST", path: "/api/v1/users", role: "admin", contentType: "application/json", body: `{"name":"x","role":"root"}`, want: 400},
		{name: "add a user: analysts may not", method: "POST", path: "/api/v1/users", role: "analyst", contentType: "application/json", body: `{"name":"y","role":"admin"}`, want: 403},
		{name: "a viewer makes a token", method: "POST", path: "/api/v1/tokens", role: "viewer", contentType: "application/json", body: `{"name":"notebook"}`, want: 201, check: func(t *testing.T, b []byte) {
			if r := decode[map[string]string](t, b); !strings.HasPrefix(r["token"], TokenPrefix) {
				t.Errorf("token %s", b)
			}
		}},
		{name: "who am I", method: "GET", path: "/api/v1/me", role: "analyst", want: 200, check: func(t *testing.T, b []byte) {
			if r := decode[map[string]string](t, b); r["role"] != "analyst" {
				t.Errorf("me %s", b)
			}
		}},
		{name: "unknown API route", method: "GET", path: "/api/v1/nothing", role: "viewer", want: 404, check: hasError("openapi")},
		{name: "wrong method", method: "DELETE", path: "/api/v1/events", role: "admin", want: 405},
		{name: "metrics need a sign-in", method: "GET", path: "/metrics", want: 401},
		{name: "metrics", method: "GET", path: "/metrics", role: "viewer", want: 200, check: func(t *testing.T, b []byte) {
			if !strings.Contains(string(b), `marsad_http_requests_total{code="200",method="GET",route="GET /api/v1/events"}`) {
				t.Errorf("metrics lack the request counter:\n%.2000s", b)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, b := e.do(tc.method, tc.path, tc.role, tc.contentType, []byte(tc.body))
			if resp.StatusCode != tc.want {
				t.Fatalf("%s %s as %q: status %d, want %d\n%.500s", tc.method, tc.path, tc.role, resp.StatusCode, tc.want, b)
			}
			if strings.HasPrefix(tc.path, "/api/") && resp.StatusCode != 405 {
				if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
					t.Errorf("Content-Type %q", ct)
				}
				if resp.StatusCode >= 400 && !json.Valid(b) {
					t.Errorf("error body is not JSON: %s", b)
				}
			}
			if tc.check != nil {
				tc.check(t, b)
			}
		})
	}
}

// every checks that a page of events has at least min items, all passing ok.
func every(ok func(apiEvent) bool, min int) func(t *testing.T, b []byte) {
	return func(t *testing.T, b []byte) {
		p := decode[page[apiEvent]](t, b)
		if len(p.Items) < min || (min > 0 && len(p.Items) == 0) {
			t.Errorf("%d events, want %d or more: %.500s", len(p.Items), min, b)
		}
		for _, e := range p.Items {
			if !ok(e) {
				t.Errorf("event %d (%s of %s) should not be listed", e.ID, e.Type, e.Doc.ID)
			}
		}
	}
}

func hasError(part string) func(t *testing.T, b []byte) {
	return func(t *testing.T, b []byte) {
		if r := decode[apiError](t, b); !strings.Contains(r.Error, part) {
			t.Errorf("error %q does not mention %q", r.Error, part)
		}
	}
}

// TestEveryRouteChecksRoles sends every route of the table without credentials and with
// each role below the one it needs: the API says 401 and 403, the UI redirects to the
// sign-in page or says 403.
func TestEveryRouteChecksRoles(t *testing.T) {
	e := newEnv(t, openSQLite)
	for _, rt := range e.srv.routes {
		if rt.access == public {
			continue
		}
		path := strings.NewReplacer("{id}", "1", "{key}", "place:x", "{$}", "").Replace(rt.pattern)
		t.Run(rt.method+" "+path, func(t *testing.T) {
			resp, _ := e.do(rt.method, path, "", "application/json", nil)
			switch {
			case rt.api && resp.StatusCode != 401:
				t.Errorf("without credentials: %d, want 401", resp.StatusCode)
			case !rt.api && (resp.StatusCode != 303 || !strings.HasPrefix(resp.Header.Get("Location"), "/login")):
				t.Errorf("without credentials: %d to %q, want 303 to /login", resp.StatusCode, resp.Header.Get("Location"))
			}
			for _, role := range []string{"viewer", "analyst"} {
				if rankOf(role) >= rankOf(rt.access.role()) {
					continue
				}
				if rt.api {
					resp, _ := e.do(rt.method, path, role, "application/json", []byte(`{}`))
					if resp.StatusCode != 403 {
						t.Errorf("as %s: %d, want 403", role, resp.StatusCode)
					}
					continue
				}
				b := e.newBrowser()
				b.login(role, e.pass[role])
				var resp *http.Response
				if rt.method == "GET" {
					resp, _ = b.get(path)
				} else {
					resp, _ = b.post(path, url.Values{"csrf": {b.csrf}})
				}
				if resp.StatusCode != 403 {
					t.Errorf("as %s in the UI: %d, want 403", role, resp.StatusCode)
				}
			}
		})
	}
}

func rankOf(role string) int {
	for i, r := range []string{"viewer", "analyst", "admin"} {
		if r == role {
			return i
		}
	}
	return -1
}

// TestOpenAPIMatchesRoutes holds openapi.json to the routes the server has: every API
// route is described, and nothing else is.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q, want 3.x", doc.OpenAPI)
	}
	var described, routed []string
	for p, ops := range doc.Paths {
		for m := range ops {
			described = append(described, strings.ToUpper(m)+" "+p)
		}
	}
	s := &Server{}
	for _, rt := range s.routeTable() {
		if strings.HasPrefix(rt.pattern, "/api/") {
			routed = append(routed, rt.method+" "+rt.pattern)
		}
	}
	sort.Strings(described)
	sort.Strings(routed)
	if !slices.Equal(described, routed) {
		t.Errorf("openapi.json describes\n  %s\nthe server routes\n  %s", strings.Join(described, "\n  "), strings.Join(routed, "\n  "))
	}
	// And it is served.
	e := newEnv(t, openSQLite)
	resp, b := e.do("GET", "/api/v1/openapi.json", "viewer", "", nil)
	if resp.StatusCode != 200 || !json.Valid(b) {
		t.Errorf("GET openapi.json: %d", resp.StatusCode)
	}
}

// A search answers from the store while the first resolved view is still being built (it
// takes half a minute at a million documents): its hits come without their clusters, and
// once the view exists they carry them again.
func TestSearchDoesNotWaitForTheFirstView(t *testing.T) {
	e := newEnv(t, openSQLite)
	never := make(chan struct{})
	e.srv.views.mu.Lock()
	if e.srv.views.cur != nil || e.srv.views.building != nil {
		e.srv.views.mu.Unlock()
		t.Fatal("the environment already has a view")
	}
	e.srv.views.building = never // a first build that does not end
	e.srv.views.mu.Unlock()

	path := "/api/v1/search?q=" + url.QueryEscape("الخلايا الإرهابية")
	start := time.Now()
	resp, b := e.do("GET", path, "viewer", "", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("search while the view builds: %d %s", resp.StatusCode, b)
	}
	if waited := time.Since(start); waited > 10*searchViewWait {
		t.Errorf("search waited %v for the view", waited)
	}
	p := decode[page[apiHit]](t, b)
	if len(p.Items) != 2 || len(p.Items[0].Events) == 0 {
		t.Fatalf("search while the view builds: %s", b)
	}
	for _, h := range p.Items {
		for _, ev := range h.Events {
			if ev.Cluster != 0 {
				t.Errorf("event %d has cluster %d before any view exists", ev.ID, ev.Cluster)
			}
		}
	}
	br := e.newBrowser()
	br.login("viewer", e.pass["viewer"])
	if resp, body := br.get("/search?q=" + url.QueryEscape("الخلايا الإرهابية")); resp.StatusCode != 200 || strings.Count(body, `class="hit"`) != 2 || !strings.Contains(body, `href="/events/`) {
		t.Errorf("search page while the view builds: %d, want two hits with their events", resp.StatusCode)
	}

	e.srv.views.mu.Lock()
	e.srv.views.building = nil
	e.srv.views.mu.Unlock()
	_, b = e.do("GET", path, "viewer", "", nil)
	p = decode[page[apiHit]](t, b)
	if len(p.Items) == 0 || len(p.Items[0].Events) == 0 || p.Items[0].Events[0].Cluster == 0 {
		t.Errorf("search once the view is built has no clusters: %s", b)
	}
}

// The search window is the analyst's to choose: a number of newest matches ranked
// together, or -1 for every match; anything else is refused with the parameter named.
func TestSearchQueryWindow(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  int
		bad   bool
	}{
		{"q=x", 0, false},
		{"q=x&window=-1", -1, false},
		{"q=x&window=2000", 2000, false},
		{"q=x&window=-2", 0, true},
		{"q=x&window=all", 0, true},
	} {
		r := httptest.NewRequest("GET", "/api/v1/search?"+tc.query, nil)
		sq, err := searchQuery(r, 20)
		switch {
		case tc.bad && (err == nil || !strings.Contains(err.Error(), "window")):
			t.Errorf("%s: err %v, want an error naming window", tc.query, err)
		case !tc.bad && err != nil:
			t.Errorf("%s: %v", tc.query, err)
		case !tc.bad && sq.Window != tc.want:
			t.Errorf("%s: window %d, want %d", tc.query, sq.Window, tc.want)
		}
	}
}

// sourced checks that every claim carries its sentence and that the figure's own words,
// cut from that sentence by the figure's offsets, are in it: the sentence of another
// event would not give them.
func sourced(t *testing.T, claims []resolve.Claim) {
	t.Helper()
	for _, cl := range claims {
		if cl.Evidence == "" || cl.Text == "" || !strings.Contains(cl.Evidence, cl.Text) {
			t.Errorf("claim %s=%v of event %d: evidence %q, text %q; want the sentence and the figure's words in it",
				cl.Key, cl.Value, cl.Event, cl.Evidence, cl.Text)
		}
	}
}

// TestOnBuildFramesEveryBuild: the hook serve paces its collector with is told when each
// build of the view starts and after it ended, including rebuilds after a change, and a
// build's end is told after the view it built is in use.
func TestOnBuildFramesEveryBuild(t *testing.T) {
	var mu sync.Mutex
	var calls []string
	var e *env
	e = newEnv(t, openSQLite, func(c *Config) {
		c.OnBuild = func(done bool) {
			mu.Lock()
			defer mu.Unlock()
			if !done {
				calls = append(calls, "start")
				return
			}
			// The view is in place: a read does not wait for another build.
			v, err := e.srv.views.get(context.Background())
			calls = append(calls, fmt.Sprintf("end:%v", err == nil && v != nil))
		}
	})
	if err := e.srv.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.srv.Invalidate()
	if err := e.srv.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The end of a build is told after Warm returned: wait for it.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		mu.Lock()
		n := len(calls)
		mu.Unlock()
		if n >= 4 {
			break
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if got := strings.Join(calls, " "); got != "start end:true start end:true" {
		t.Errorf("OnBuild calls: %q, want two builds framed", got)
	}
}

// TestBalanceClaimsAreSourced: the figures a balance reports from aggregates carry their
// sentences, by year and type and by place, first computed and then from the view, though
// the view holds its events without sentences.
func TestBalanceClaimsAreSourced(t *testing.T) {
	e := newEnv(t, openSQLite)
	body := `{"id": "agg-1", "lang": "ar", "published": "2024-01-10", "title": "حصيلة",
		"text": "تمكنت المصالح الأمنية خلال سنة 2023 من تفكيك 6 خلايا إرهابية وتوقيف 40 شخصا."}`
	if resp, b := e.do("POST", "/api/v1/documents", "analyst", "application/json", []byte(body)); resp.StatusCode != http.StatusCreated {
		t.Fatalf("post: %d %s", resp.StatusCode, b)
	}
	for _, path := range []string{"/api/v1/stats", "/api/v1/stats?by=year,type,place", "/api/v1/stats?by=place,type,year"} {
		resp, b := e.do("GET", path, "viewer", "", nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		sourcedBalance(t, b)
	}
}

// sourcedBalance checks that a balance reports aggregates and that each reported figure
// carries its sentence.
func sourcedBalance(t *testing.T, b []byte) {
	t.Helper()
	var s struct {
		Balance []resolve.Row `json:"balance"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	var claims []resolve.Claim
	for _, r := range s.Balance {
		claims = append(claims, r.Reported...)
	}
	if len(claims) == 0 {
		t.Fatalf("no reported figure in the balance: %s", b)
	}
	sourced(t, claims)
}

// TestStreamedJSONMatchesEncoding: a page or a stats body written piece by piece reads
// back as the same JSON value encoding/json gives for it.
func TestStreamedJSONMatchesEncoding(t *testing.T) {
	type item struct {
		Name string   `json:"name"`
		Tags []string `json:"tags,omitempty"`
		N    float64  `json:"n"`
	}
	items := []item{{Name: "خلية <إرهابية> & \"x\"", Tags: []string{"a"}, N: 1.5}, {Name: "two\nlines", N: -3}}
	for _, v := range []struct {
		stream jsonStream
		plain  any
	}{
		{page[item]{Items: items, Total: 9, Limit: 2, Offset: 4}, page[item]{Items: items, Total: 9, Limit: 2, Offset: 4}},
		{page[item]{Items: []item{}, Limit: 50}, page[item]{Items: []item{}, Limit: 50}},
		{page[item]{Limit: 5}, page[item]{Limit: 5}},
		{statsBody{head: map[string]any{"documents": 3, "events_by_type": map[string]int{"arrest": 2}}, balance: []resolve.Row{{Period: "2023", Type: "arrest"}}},
			map[string]any{"documents": 3, "events_by_type": map[string]int{"arrest": 2}, "balance": []resolve.Row{{Period: "2023", Type: "arrest"}}}},
	} {
		rec := httptest.NewRecorder()
		writeJSON(rec, http.StatusOK, v.stream)
		var got, want any
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatalf("streamed JSON does not parse: %v\n%s", err, rec.Body.String())
		}
		plain, _ := json.Marshal(v.plain)
		json.Unmarshal(plain, &want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("streamed\n%s\nwant the value of\n%s", rec.Body.String(), plain)
		}
	}
}

// TestPageEventsIsASliceOfFilterEvents: a page of events is the same part of the whole
// filtered listing, with its length as the total, for every offset and limit.
func TestPageEventsIsASliceOfFilterEvents(t *testing.T) {
	e := newEnv(t, openSQLite)
	v, err := e.srv.views.get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []eventFilter{{}, {Type: "seizure"}, {Doc: "t-fr-saisie"}} {
		all := e.srv.filterEvents(v, f)
		if len(all) == 0 {
			t.Fatalf("filter %+v: no event", f)
		}
		for offset := 0; offset <= len(all)+1; offset++ {
			for _, limit := range []int{0, 1, 2, 50} {
				page, total := e.srv.pageEvents(v, f, offset, limit)
				want := all[min(offset, len(all)):min(offset+limit, len(all))]
				if total != len(all) || len(page) != len(want) {
					t.Fatalf("filter %+v, offset %d, limit %d: %d events of %d, want %d of %d", f, offset, limit, len(page), total, len(want), len(all))
				}
				for i := range page {
					if page[i] != want[i] {
						t.Errorf("filter %+v, offset %d, limit %d: event %d differs", f, offset, limit, i)
					}
				}
			}
		}
	}
}
