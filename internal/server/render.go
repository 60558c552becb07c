package server

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"

	"marsad/internal/event"
	"marsad/internal/resolve"
	"marsad/internal/store"
	"marsad/internal/store/search"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// parsePages parses each page template with the layout into a set of its own.
func parsePages() (map[string]*template.Template, error) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", f)
		if err != nil {
			return nil, fmt.Errorf("server: template %s: %w", f, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// Page is what every template receives: the UI language and its words, who is signed
// in, and the page's own Data.
type Page struct {
	Lang, Dir string
	Nav       string // the menu entry to show as current
	Title     string
	User      *store.User
	CSRF      string
	Path      string // the request's path and query, for the language switcher
	query     url.Values
	Data      any
}

// T translates a message key into the page's language.
func (p *Page) T(key string) string { return tr(p.Lang, key) }

// Type names an event type in the page's language.
func (p *Page) Type(t string) string { return tr(p.Lang, "t."+t) }

// FigKey names a figure key in the page's language.
func (p *Page) FigKey(k string) string { return tr(p.Lang, "f."+k) }

// Fig writes a figure as analysts read it: "≈8", "≥40", "3 t cannabis resin".
func (p *Page) Fig(f event.Figure) string {
	return qualified(f.Qualifier, f.Value, f.Unit, f.Item)
}

// Claim writes a claim's value like Fig.
func (p *Page) Claim(c resolve.Claim) string {
	return qualified(c.Qualifier, c.Value, c.Unit, c.Item)
}

// Figures writes an event's figures in one line, in the contract's key order.
func (p *Page) Figures(fs map[string]event.Figure) string {
	var parts []string
	for _, k := range figureKeys(fs) {
		parts = append(parts, p.FigKey(k)+" "+p.Fig(fs[k]))
	}
	return strings.Join(parts, " · ")
}

// Lang links to the current page in another language.
func (p *Page) LangURL(lang string) string {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	q.Set("lang", lang)
	u, _ := url.Parse(p.Path)
	if u == nil {
		u = &url.URL{Path: "/"}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// With links to the current page with one query parameter set (or removed when v is
// ""), back to its first page.
func (p *Page) With(k, v string) string {
	q := url.Values{}
	for kk, vv := range p.query {
		if kk != "lang" && kk != "offset" && kk != "page" {
			q[kk] = vv
		}
	}
	if v == "" {
		q.Del(k)
	} else {
		q.Set(k, v)
	}
	u, _ := url.Parse(p.Path)
	u.RawQuery = q.Encode()
	return u.String()
}

// Q returns a query parameter of the request.
func (p *Page) Q(k string) string { return p.query.Get(k) }

// Can says whether the signed-in user has at least a role.
func (p *Page) Can(role string) bool {
	return p.User != nil && store.RoleRank(p.User.Role) >= store.RoleRank(role)
}

// Sep separates the items of a list: the Arabic comma in Arabic.
func (p *Page) Sep() string {
	if p.Lang == "ar" {
		return "، "
	}
	return ", "
}

// Langs is the language switcher's list.
func (p *Page) Langs() []string { return uiLangs }

// LangName names a UI language in itself.
func (p *Page) LangName(l string) string {
	return map[string]string{"ar": "العربية", "fr": "Français", "en": "English"}[l]
}

var figureOrder = []string{"cells", "networks", "plots", "arrested", "attempts", "migrants", "killed", "injured", "quantity", "years"}

// figureKeys lists the keys of fs in the contract's order, unknown keys last by name.
func figureKeys(fs map[string]event.Figure) []string {
	var out []string
	for _, k := range figureOrder {
		if _, ok := fs[k]; ok {
			out = append(out, k)
		}
	}
	var rest []string
	for k := range fs {
		if !contains(figureOrder, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func qualified(q string, v float64, unit, item string) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	switch q {
	case "approx":
		s = "≈" + s
	case "at_least":
		s = "≥" + s
	case "at_most":
		s = "≤" + s
	}
	if unit != "" && unit != "units" {
		s += " " + unit
	}
	if item != "" {
		s += " " + item
	}
	return s
}

// funcs are the templates' helpers that need no page.
var funcs = template.FuncMap{
	"add":  func(a, b int) int { return a + b },
	"list": func(xs ...string) []string { return xs },
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	"navHref": func(k string) string {
		if k == "overview" {
			return "/"
		}
		return "/" + k
	},
	"snippet": func(s string) template.HTML {
		// Escape first, then turn the analyzer's marks into <mark>.
		e := template.HTMLEscapeString(s)
		e = strings.ReplaceAll(e, template.HTMLEscapeString(search.MarkStart), "<mark>")
		e = strings.ReplaceAll(e, template.HTMLEscapeString(search.MarkEnd), "</mark>")
		return template.HTML(e)
	},
	"actor": actorName,
	// period writes a date or period isolated left to right: inside Arabic text,
	// "2025-03-11" would otherwise be shown as "11-03-2025".
	"period": func(p *event.Period) template.HTML {
		if p == nil {
			return ""
		}
		s := p.From
		if p.From != p.To {
			s = p.From + " – " + p.To
		}
		return template.HTML(`<bdi dir="ltr">` + template.HTMLEscapeString(s) + `</bdi>`)
	},
	"pathEscape": url.PathEscape,
	"f1":         func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
	"fnum":       func(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) },
}

// actorName is an actor's canonical name: actors are stored "DGST|المديرية العامة...".
func actorName(a string) string {
	name, _, _ := strings.Cut(a, "|")
	return name
}

func (s *Server) newPage(w http.ResponseWriter, r *http.Request, nav string) *Page {
	lang := s.uiLang(w, r)
	p := &Page{Lang: lang, Dir: dir(lang), Nav: nav, Title: tr(lang, nav), Path: r.URL.Path, query: r.URL.Query()}
	if who := info(r).who; who != nil {
		u := who.user
		p.User = &u
		if who.session != nil {
			p.CSRF = who.session.CSRF
		}
	}
	return p
}

// render executes a page into a buffer first, so a template error becomes a clean 500
// rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, p *Page) {
	t, ok := s.pages[name]
	if !ok {
		s.log.Error("no such template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("render", "template", name, "err", err)
		http.Error(w, "internal error: the page could not be drawn; see the server log", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Language", p.Lang)
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	p := s.newPage(w, r, "error")
	p.Data = map[string]any{"Status": status, "StatusText": http.StatusText(status), "Message": msg}
	s.render(w, status, "error", p)
}
