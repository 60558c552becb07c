package server

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"marsad/internal/event"
	"marsad/internal/store"
)

func TestLoginSessionAndCSRF(t *testing.T) {
	e := newEnv(t, openSQLite)
	b := e.newBrowser()

	// A wrong password: 401, no session, a failed sign-in in the audit log.
	b.get("/login")
	resp, body := b.post("/login", url.Values{"csrf": {b.csrf}, "user": {"viewer"}, "password": {"guess"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, tr("en", "badlogin")) {
		t.Fatalf("wrong password: %d", resp.StatusCode)
	}
	// A sign-in without the form's token is refused even with the right password.
	resp, _ = b.post("/login", url.Values{"csrf": {"forged"}, "user": {"viewer"}, "password": {e.pass["viewer"]}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in with a forged CSRF token: %d, want 403", resp.StatusCode)
	}

	// The right one: a session cookie, HttpOnly and SameSite, and back to where we were.
	b.get("/login?next=/events%3Ftype%3Darrest")
	resp, _ = b.post("/login", url.Values{"csrf": {b.csrf}, "user": {"viewer"}, "password": {e.pass["viewer"]}, "next": {"/events?type=arrest"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/events?type=arrest" {
		t.Fatalf("sign in: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var sc *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			sc = c
		}
	}
	if sc == nil || !sc.HttpOnly || sc.SameSite != http.SameSiteLaxMode || sc.Secure {
		t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, not Secure on plain HTTP", sc)
	}
	resp, body = b.get("/")
	if resp.StatusCode != 200 || !strings.Contains(body, ">viewer <small>") {
		t.Fatalf("overview after sign-in: %d", resp.StatusCode)
	}

	// The session works for the API, but its writes need the CSRF header.
	req, _ := http.NewRequest("POST", e.ts.URL+"/api/v1/tokens", strings.NewReader(`{"name":"x"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("session POST without X-CSRF-Token: %d, want 403", resp.StatusCode)
	}
	req, _ = http.NewRequest("POST", e.ts.URL+"/api/v1/tokens", strings.NewReader(`{"name":"x"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", b.csrf)
	if resp, err = b.c.Do(req); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("session POST with X-CSRF-Token: %d, want 201", resp.StatusCode)
	}

	// A form posted from another site is refused, token or not.
	resp, _ = b.post("/account/tokens", url.Values{"csrf": {b.csrf}, "name": {"evil"}}, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site form: %d, want 403", resp.StatusCode)
	}

	// Signing out needs the token too, and ends the session for good.
	resp, _ = b.post("/logout", url.Values{})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("sign out without the CSRF token: %d, want 403", resp.StatusCode)
	}
	resp, _ = b.post("/logout", url.Values{"csrf": {b.csrf}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("sign out: %d", resp.StatusCode)
	}
	req, _ = http.NewRequest("GET", e.ts.URL+"/api/v1/me", nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: sc.Value})
	if resp, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the old session cookie after sign-out: %d, want 401", resp.StatusCode)
	}

	e.srv.audit.flush()
	acc, _ := store.AccountsOf(e.st)
	failed, _ := acc.Audit(context.Background(), store.AuditFilter{Action: "login.failed"})
	if len(failed) != 1 || failed[0].User != "viewer" || failed[0].Remote != "127.0.0.1" || failed[0].Status != 401 {
		t.Errorf("failed sign-ins in the audit log: %+v", failed)
	}
	ok, _ := acc.Audit(context.Background(), store.AuditFilter{Action: "login"})
	if len(ok) != 1 || ok[0].Role != "viewer" {
		t.Errorf("sign-ins in the audit log: %+v", ok)
	}
}

func TestSecureCookiesOnTLS(t *testing.T) {
	e := newEnv(t, openSQLite, func(c *Config) { c.SecureCookies = true })
	b := e.newBrowser()
	resp, _ := b.get("/login")
	if hsts := resp.Header.Get("Strict-Transport-Security"); hsts == "" {
		t.Error("no Strict-Transport-Security with SecureCookies")
	}
	for _, c := range resp.Cookies() {
		if !c.Secure {
			t.Errorf("cookie %s is not Secure", c.Name)
		}
	}
}

func TestLoginRateLimit(t *testing.T) {
	e := newEnv(t, openSQLite)
	b := e.newBrowser()
	for range 10 {
		b.get("/login")
		b.post("/login", url.Values{"csrf": {b.csrf}, "user": {"admin"}, "password": {"wrong"}})
	}
	b.get("/login")
	resp, _ := b.post("/login", url.Values{"csrf": {b.csrf}, "user": {"admin"}, "password": {e.pass["admin"]}})
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("11th attempt after 10 failures: %d, want 429 even with the right password", resp.StatusCode)
	}
}

func TestFirstAdminMustChangePassword(t *testing.T) {
	st := openSQLite(t)
	srv, err := New(Config{Store: st, Hash: testHash, AuditDelay: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, srv: srv, st: st}
	e.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(func() { e.ts.Close(); srv.Close(); st.Close() })
	pw, err := srv.Bootstrap(context.Background(), "admin")
	if err != nil || len(pw) < 16 {
		t.Fatalf("bootstrap: %q, %v", pw, err)
	}
	if again, err := srv.Bootstrap(context.Background(), "admin"); again != "" || err != nil {
		t.Errorf("second bootstrap: %q, %v; want nothing", again, err)
	}
	b := e.newBrowser()
	b.get("/login")
	resp, _ := b.post("/login", url.Values{"csrf": {b.csrf}, "user": {"admin"}, "password": {pw}, "next": {"/events"}})
	if loc := resp.Header.Get("Location"); loc != "/account?first=1" {
		t.Fatalf("first sign-in goes to %q, want the password page", loc)
	}
	b.get("/account")
	resp, _ = b.get("/events")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/account") {
		t.Errorf("before changing the password, /events: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = b.post("/account/password", url.Values{"csrf": {b.csrf}, "current": {pw}, "new": {"short"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a short new password: %d, want 400", resp.StatusCode)
	}
	resp, _ = b.post("/account/password", url.Values{"csrf": {b.csrf}, "current": {pw}, "new": {"a much longer passphrase"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change password: %d", resp.StatusCode)
	}
	if resp, _ = b.get("/events"); resp.StatusCode != 200 {
		t.Errorf("after changing the password, /events: %d", resp.StatusCode)
	}
	// The one-time password no longer works.
	b2 := e.newBrowser()
	b2.get("/login")
	if resp, _ = b2.post("/login", url.Values{"csrf": {b2.csrf}, "user": {"admin"}, "password": {pw}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the one-time password after the change: %d, want 401", resp.StatusCode)
	}
}

// TestAuditRecordsReadsAndWrites checks the trail: every read of a document or event and
// every write, with who, what, when and from where; admins read it and export it.
func TestAuditRecordsReadsAndWrites(t *testing.T) {
	e := newEnv(t, openSQLite)
	_, b := e.do("GET", "/api/v1/events?type=cell_dismantled", "viewer", "", nil)
	id := decode[page[apiEvent]](t, b).Items[0].ID
	before := time.Now().Add(-time.Second)
	e.do("GET", fmt.Sprintf("/api/v1/events/%d", id), "viewer", "", nil)
	e.do("GET", "/api/v1/documents/t-fr-saisie", "analyst", "", nil)
	e.do("POST", "/api/v1/documents", "analyst", "application/json", []byte(`{"id":"aud","text":"Saisie de 5 kg de cocaïne à Rabat le 3 juin 2025."}`))
	e.do("POST", "/api/v1/documents", "viewer", "application/json", []byte(`{"id":"no","text":"x"}`))
	br := e.newBrowser()
	br.login("viewer", e.pass["viewer"])
	br.get(fmt.Sprintf("/events/%d", id))
	e.srv.audit.flush()

	acc, _ := store.AccountsOf(e.st)
	all, err := acc.Audit(context.Background(), store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	find := func(action, user, target string, status int, detail ...string) store.AuditEntry {
		t.Helper()
		for _, a := range all {
			if a.Action == action && a.User == user && strings.Contains(a.Target, target) && a.Status == status &&
				(len(detail) == 0 || strings.Contains(a.Detail, detail[0])) {
				return a
			}
		}
		t.Errorf("no audit entry %s by %s on %q with status %d", action, user, target, status)
		return store.AuditEntry{}
	}
	ev := find("event.read", "viewer", fmt.Sprint(id), 200, "token test")
	if ev.Remote != "127.0.0.1" || ev.At.Before(before) || ev.Role != "viewer" {
		t.Errorf("event read entry: %+v", ev)
	}
	find("document.read", "analyst", "t-fr-saisie", 200)
	if in := find("ingest", "analyst", "aud", 201); !strings.Contains(in.Detail, "stored 1") {
		t.Errorf("ingest entry: %+v", in)
	}
	find("ingest", "viewer", "", 403)
	find("event.read", "viewer", fmt.Sprint(id), 200)
	// The event page shows every source's article: each is a document read.
	find("document.read", "viewer", "t-ar-cell-a", 200)
	find("document.read", "viewer", "t-ar-cell-b", 200)
	find("login", "viewer", "viewer", 303)

	// Admins read the log in the UI and export it; nobody else.
	adm := e.newBrowser()
	adm.login("admin", e.pass["admin"])
	resp, page := adm.get("/admin/audit?action=event.read")
	if resp.StatusCode != 200 || !strings.Contains(page, "<code>event.read</code>") || strings.Contains(page, "<code>ingest</code>") {
		t.Errorf("audit page filtered by action: %d", resp.StatusCode)
	}
	resp, body := e.do("GET", "/api/v1/audit?format=csv", "admin", "", nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("CSV export: %d %s", resp.StatusCode, resp.Header)
	}
	rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil || len(rows) < 8 || strings.Join(rows[0], ",") != "id,at,user,role,action,target,remote,status,detail" {
		t.Errorf("CSV export: %d rows, header %v, %v", len(rows), rows[0], err)
	}
	resp, body = e.do("GET", "/api/v1/audit?format=jsonl&user=analyst", "admin", "", nil)
	if lines := strings.Split(strings.TrimSpace(string(body)), "\n"); resp.StatusCode != 200 || len(lines) < 2 || !strings.Contains(lines[0], `"user":"analyst"`) {
		t.Errorf("JSONL export for analyst: %d\n%s", resp.StatusCode, body)
	}
	// Reading the log is itself recorded.
	e.srv.audit.flush()
	if got, _ := acc.Audit(context.Background(), store.AuditFilter{Action: "audit.read", User: "admin"}); len(got) < 3 {
		t.Errorf("audit reads recorded: %d, want 3", len(got))
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t, openSQLite)
	for _, path := range []string{"/login", "/api/v1/events", "/healthz", "/static/style.css"} {
		resp, _ := e.do("GET", path, "viewer", "", nil)
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

func TestStaticAssets(t *testing.T) {
	e := newEnv(t, openSQLite)
	for path, want := range map[string]int{"/static/style.css": 200, "/static/app.js": 200, "/static/assets/land.json": 404, "/static/": 404, "/static/land.json": 200} {
		if resp, _ := e.do("GET", path, "", "", nil); resp.StatusCode != want {
			t.Errorf("%s without a sign-in: %d, want %d", path, resp.StatusCode, want)
		}
	}
}

func TestLanguageChoice(t *testing.T) {
	e := newEnv(t, openSQLite)
	b := e.newBrowser()
	b.login("viewer", e.pass["viewer"])
	htmlTag := regexp.MustCompile(`<html lang="(\w+)" dir="(\w+)">`)
	check := func(what, body, lang, dir string) {
		t.Helper()
		m := htmlTag.FindStringSubmatch(body)
		if m == nil || m[1] != lang || m[2] != dir {
			t.Errorf("%s: <html> %v, want lang=%s dir=%s", what, m, lang, dir)
		}
	}
	_, body := b.get("/events", "Accept-Language", "fr-MA,fr;q=0.9,en;q=0.5")
	check("Accept-Language fr-MA", body, "fr", "ltr")
	_, body = b.get("/events", "Accept-Language", "ar-MA,ar;q=0.9")
	check("Accept-Language ar-MA", body, "ar", "rtl")
	if !strings.Contains(body, "الأحداث") {
		t.Error("the Arabic page does not say الأحداث")
	}
	_, body = b.get("/events?lang=en", "Accept-Language", "ar")
	check("?lang=en", body, "en", "ltr")
	_, body = b.get("/events", "Accept-Language", "ar")
	check("the cookie after ?lang=en", body, "en", "ltr")
	_, body = b.get("/events", "Accept-Language", "de")
	check("German asked for", body, "en", "ltr")
}

// TestPagesRender opens every page in every language as an admin: each answers 200 with
// the language's <html lang dir>, and no message key is left untranslated.
func TestPagesRender(t *testing.T) {
	e := newEnv(t, openSQLite)
	_, b := e.do("GET", "/api/v1/events?type=cell_dismantled", "viewer", "", nil)
	id := decode[page[apiEvent]](t, b).Items[0].ID
	_, b = e.do("GET", "/api/v1/entities?q="+url.QueryEscape("طنجة"), "viewer", "", nil)
	tangier := decode[page[apiEntityBody]](t, b).Items[0].Key
	br := e.newBrowser()
	br.login("admin", e.pass["admin"])
	pages := []string{"/", "/search", "/search?q=" + url.QueryEscape("خلية"), "/search?q=cannabis&type=seizure", "/events", "/events?type=seizure&place=Nador",
		fmt.Sprintf("/events/%d", id), "/documents/t-ar-cell-a", "/entities", "/entities?q=" + url.QueryEscape("طنجة"),
		"/entities/" + url.PathEscape(tangier), "/map", "/map?type=seizure", "/balance", "/balance?year=2025", "/contradictions",
		"/account", "/admin/audit", "/admin/users", "/add"}
	for _, lang := range uiLangs {
		for _, p := range pages {
			sep := "?"
			if strings.Contains(p, "?") {
				sep = "&"
			}
			resp, body := br.get(p + sep + "lang=" + lang)
			if resp.StatusCode != 200 {
				t.Errorf("%s in %s: %d\n%.300s", p, lang, resp.StatusCode, body)
				continue
			}
			if !strings.Contains(body, fmt.Sprintf(`<html lang="%s" dir="%s">`, lang, dir(lang))) {
				t.Errorf("%s in %s: wrong <html>", p, lang)
			}
			for _, k := range []string{">t.", ">f.", "t.cell", "f.arrested"} {
				if strings.Contains(body, k) {
					t.Errorf("%s in %s: an untranslated key %q", p, lang, k)
				}
			}
		}
	}
	// The event page shows both figures side by side, and marks the disagreement.
	_, body := br.get(fmt.Sprintf("/events/%d?lang=en", id))
	for _, want := range []string{`class="disagree"`, `<mark class="ev" id="e`, `<mark class="fig" id="e`, `dir="auto"`, ">6<", ">4<"} {
		if !strings.Contains(body, want) {
			t.Errorf("event page lacks %q", want)
		}
	}
	// The map draws the land and the places with coordinates.
	_, body = br.get("/map")
	if strings.Count(body, `class="land"`) < 3 || !strings.Contains(body, "<title>Tangier (MA)") {
		t.Errorf("map: %d land paths, Tangier %v", strings.Count(body, `class="land"`), strings.Contains(body, "Tangier"))
	}
}

func TestTranslationsComplete(t *testing.T) {
	for k, m := range messages {
		for i, s := range m {
			if strings.TrimSpace(s) == "" {
				t.Errorf("message %q has no text in language %d", k, i)
			}
		}
	}
	for _, typ := range event.Types {
		if _, ok := messages["t."+typ]; !ok {
			t.Errorf("event type %s has no name", typ)
		}
	}
	for _, k := range figureOrder {
		if _, ok := messages["f."+k]; !ok {
			t.Errorf("figure %s has no name", k)
		}
	}
}

func TestHighlight(t *testing.T) {
	text := "أول جملة. تفكيك خلية من 4 عناصر بطنجة. آخر جملة."
	ev := event.Event{Evidence: event.Span{Start: 10, End: 38}, Figures: map[string]event.Figure{"arrested": {Value: 4, Start: 24, End: 31}}}
	segs := highlight(text, ev, "e1")
	var got []string
	for _, s := range segs {
		got = append(got, fmt.Sprintf("%q ev=%v fig=%s id=%s", s.Text, s.Evidence, s.Fig, s.ID))
	}
	want := []string{
		`"أول جملة. " ev=false fig= id=`,
		`"تفكيك خلية من " ev=true fig= id=e1`,
		`"4 عناصر" ev=true fig=arrested id=e1-arrested`,
		`" بطنجة." ev=true fig= id=`,
		`" آخر جملة." ev=false fig= id=`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("segments\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Spans past the text are clamped, not a panic.
	if segs := highlight("short", event.Event{Evidence: event.Span{Start: 2, End: 99}}, "e2"); len(segs) != 2 {
		t.Errorf("clamped: %+v", segs)
	}
}

// TestAddArticle adds an article through the analysts' form: it is extracted, stored
// and shown, the same text twice is stored once, and the write is in the audit log.
func TestAddArticle(t *testing.T) {
	e := newEnv(t, openSQLite)
	b := e.newBrowser()
	b.login("analyst", e.pass["analyst"])
	b.get("/add")
	form := url.Values{"csrf": {b.csrf}, "title": {"Saisie à Tanger Med"}, "source": {"Formulaire"}, "published": {"2025-06-03"},
		"text": {"Les douaniers ont saisi, lundi 2 juin 2025 au port de Tanger Med, 300 kg de cocaïne dans un conteneur."}}
	resp, body := b.post("/add", form)
	if resp.StatusCode != http.StatusCreated || !strings.Contains(body, "/documents/web-") {
		t.Fatalf("add: %d\n%.2000s", resp.StatusCode, body)
	}
	id := regexp.MustCompile(`/documents/(web-[0-9a-f]+)`).FindStringSubmatch(body)[1]
	if resp, page := b.get("/documents/" + id); resp.StatusCode != 200 || !strings.Contains(page, "300 kg") {
		t.Errorf("the added document: %d", resp.StatusCode)
	}
	_, body2 := e.do("GET", "/api/v1/events?source=Formulaire", "viewer", "", nil)
	if p := decode[page[apiEvent]](t, body2); len(p.Items) == 0 || p.Items[0].Doc.ID != id {
		t.Errorf("events of the added article: %s", body2)
	}
	form.Set("csrf", b.csrf)
	if resp, _ = b.post("/add", form); resp.StatusCode != http.StatusOK {
		t.Errorf("the same article again: %d, want 200 (already stored)", resp.StatusCode)
	}
	form.Set("text", "")
	if resp, _ = b.post("/add", form); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("no text: %d, want 400", resp.StatusCode)
	}
	e.srv.audit.flush()
	acc, _ := store.AccountsOf(e.st)
	es, _ := acc.Audit(context.Background(), store.AuditFilter{Action: "ingest", User: "analyst"})
	if len(es) != 3 || es[2].Target != id || es[2].Status != http.StatusCreated {
		t.Errorf("audit of the form: %+v", es)
	}
}
