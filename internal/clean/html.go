package clean

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"marsad/internal/document"
)

// ErrNoText is returned when a page or document has no text left after cleaning.
var ErrNoText = errors.New("no article text")

// Page is what HTML finds in a web page.
type Page struct {
	Title     string
	Text      string // the main text, cleaned by Text; paragraphs separated by blank lines
	Published string // YYYY-MM-DD, or "" when the page does not say
	Lang      string // from <html lang>, primary subtag ("ar"), or ""
}

// HTML extracts the article from a web page: its main text (chosen by go-readability, as
// a reader view would), title, publication date and language. pageURL may be empty; it
// only helps readability resolve links. Broken HTML is read as browsers read it; when
// readability finds no article, the text of the whole body is used instead, so a page
// that has text always yields some.
func HTML(raw, pageURL string) (Page, error) {
	doc, err := html.Parse(strings.NewReader(raw))
	if err != nil {
		// html.Parse only fails when reading fails, which a strings.Reader does not.
		return Page{}, fmt.Errorf("parse html: %w", err)
	}
	// Metadata is read before readability, which clones the tree but drops scripts
	// (JSON-LD) and <time> elements outside the article.
	p := Page{Lang: langOf(doc), Published: publishedOf(doc), Title: headlineOf(doc)}
	var base *url.URL
	if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
		base = u
	}
	art, err := readArticle(doc, base)
	if err == nil {
		if t := collapseSpace(art.Title); p.Title == "" && t != "" {
			p.Title = t
		}
		if content, err := html.Parse(strings.NewReader(art.Content)); err == nil {
			p.Text = Text(blockText(content))
		}
	}
	if p.Text == "" {
		p.Text = Text(blockText(bodyOf(doc)))
	}
	if p.Text == "" {
		return p, fmt.Errorf("%w in the page", ErrNoText)
	}
	return p, nil
}

// readArticle runs readability, turning a panic into an error: it is a large third-party
// parser fed with arbitrary pages, and one odd page must not stop a whole ingest. Its
// output is then not used and the body text stands in.
func readArticle(doc *html.Node, base *url.URL) (art readability.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("readability: panic: %v", r)
		}
	}()
	return readability.FromDocument(doc, base)
}

// Document cleans one document: the main text of its page when HTML is set (filling Title,
// Published and Lang when the document does not give them), then Text. A title that is
// page furniture (a .txt file whose first line is a byline) is replaced by the first line
// of the cleaned text. It fails with ErrNoText when no text is left.
func Document(d document.Document) (document.Document, error) {
	var c Cleaner
	return c.Document(d)
}

// Document is the package's Document, in c's buffers.
func (c *Cleaner) Document(d document.Document) (document.Document, error) {
	if d.HTML != "" {
		p, err := HTML(d.HTML, d.URL)
		if err != nil {
			return d, fmt.Errorf("clean %s: %w", d.ID, err)
		}
		d.Text = p.Text
		if d.Title == "" {
			d.Title = p.Title
		}
		if d.Published == "" {
			d.Published = p.Published
		}
		if d.Lang == "" {
			d.Lang = p.Lang
		}
	} else {
		d.Text = c.Text(d.Text)
	}
	if d.Text == "" {
		return d, fmt.Errorf("clean %s: %w (all of it was page furniture or blank)", d.ID, ErrNoText)
	}
	if d.Title != "" {
		title := c.collapseSpace(d.Title)
		if title == "" {
			// The title was furniture: a .txt file whose first line is a byline. The
			// contract's "first non-empty line" then means the first line of the article.
			title, _, _ = strings.Cut(d.Text, "\n")
		}
		d.Title = title
	}
	return d, nil
}

// blockText renders a tree as text: block elements become paragraphs separated by blank
// lines, <br> a line break, runs of white space one space (as a browser shows them) except
// inside <pre>.
func blockText(n *html.Node) string {
	var w textWriter
	w.walk(n)
	return w.b.String()
}

type textWriter struct {
	b      strings.Builder
	breaks int  // line breaks owed before the next text
	space  bool // a space owed before the next text
}

func (w *textWriter) walk(n *html.Node) {
	if n == nil {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, w.inPre(n))
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe, atom.Object,
			atom.Head, atom.Button, atom.Select, atom.Input, atom.Textarea, atom.Form, atom.Nav:
			return
		case atom.Br:
			w.lineBreak(1)
			return
		}
	}
	block := n.Type == html.ElementNode && isBlock(n.DataAtom)
	if block {
		w.lineBreak(2)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
		if n.Type == html.ElementNode && (n.DataAtom == atom.Tr) && c.Type == html.ElementNode {
			w.space = true // cells of a row read as one line
		}
	}
	if block {
		w.lineBreak(2)
	}
}

func (w *textWriter) lineBreak(n int) {
	if w.b.Len() > 0 && n > w.breaks {
		w.breaks = n
	}
	w.space = false
}

func (w *textWriter) text(s string, pre bool) {
	if pre {
		w.flush()
		w.b.WriteString(s)
		return
	}
	for i, f := range strings.Fields(s) {
		if i > 0 || startsWithSpace(s) {
			w.space = true
		}
		w.flush()
		w.b.WriteString(f)
	}
	if endsWithSpace(s) {
		w.space = true
	}
}

func (w *textWriter) flush() {
	if w.breaks > 0 {
		w.b.WriteString(strings.Repeat("\n", w.breaks))
		w.breaks, w.space = 0, false
		return
	}
	if w.space && w.b.Len() > 0 {
		w.b.WriteByte(' ')
	}
	w.space = false
}

func (w *textWriter) inPre(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.Pre {
			return true
		}
	}
	return false
}

func startsWithSpace(s string) bool { return s != "" && strings.TrimLeft(s, " \t\n\r\f") != s }
func endsWithSpace(s string) bool   { return s != "" && strings.TrimRight(s, " \t\n\r\f") != s }

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer, atom.Aside,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd,
		atom.Blockquote, atom.Pre, atom.Table, atom.Tr, atom.Figure, atom.Figcaption, atom.Hr,
		atom.Address, atom.Details, atom.Summary, atom.Caption, atom.Center, atom.Fieldset:
		return true
	}
	return false
}

// find returns the first element with the given tag, depth first.
func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}

// each calls fn for every element, depth first.
func each(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		each(c, fn)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// collapseSpace cleans s as one line: a title.
func collapseSpace(s string) string {
	var c Cleaner
	return c.collapseSpace(s)
}

func (c *Cleaner) collapseSpace(s string) string { return strings.ReplaceAll(c.Text(s), "\n", " ") }

func bodyOf(doc *html.Node) *html.Node {
	if b := find(doc, atom.Body); b != nil {
		return b
	}
	return doc
}

// headlineOf finds the headline without the outlet's name that <title> appends ("... -
// Hespress"): og:title when the page gives it, else an <h1> that <title> contains. It
// returns "" when neither is found; readability's title is used then.
func headlineOf(doc *html.Node) string {
	var og, h1 string
	each(doc, func(n *html.Node) {
		switch n.DataAtom {
		case atom.Meta:
			if key := attr(n, "property"); og == "" && (key == "og:title" || attr(n, "name") == "twitter:title") {
				og = collapseSpace(attr(n, "content"))
			}
		case atom.H1:
			if h1 == "" {
				h1 = collapseSpace(textOf(n))
			}
		}
	})
	if og != "" {
		return og
	}
	if title := collapseSpace(textOf(find(doc, atom.Title))); h1 != "" && strings.Contains(title, h1) {
		return h1
	}
	return ""
}

// langOf reads <html lang="ar-MA"> as "ar".
func langOf(doc *html.Node) string {
	h := find(doc, atom.Html)
	if h == nil {
		return ""
	}
	lang := strings.ToLower(attr(h, "lang"))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}

// publishedOf finds the publication date in the places outlets put it, most explicit
// first: Open Graph article:published_time, JSON-LD datePublished, then a <time datetime>
// marked as the publication date, then the first <time datetime> of the page.
func publishedOf(doc *html.Node) string {
	var meta, ld, marked, first string
	each(doc, func(n *html.Node) {
		switch n.DataAtom {
		case atom.Meta:
			key := attr(n, "property")
			if key == "" {
				key = attr(n, "name")
			}
			if meta == "" && (key == "article:published_time" || key == "og:published_time" || attr(n, "itemprop") == "datePublished") {
				meta = dateOnly(attr(n, "content"))
			}
		case atom.Script:
			if ld == "" && strings.EqualFold(attr(n, "type"), "application/ld+json") {
				ld = jsonLDDate(textOf(n))
			}
		case atom.Time:
			d := dateOnly(attr(n, "datetime"))
			if d == "" {
				break
			}
			if marked == "" && (attr(n, "itemprop") == "datePublished" || hasAttr(n, "pubdate")) {
				marked = d
			}
			if first == "" {
				first = d
			}
		}
	})
	for _, d := range []string{meta, ld, marked, first} {
		if d != "" {
			return d
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func dateOnly(s string) string {
	d, _ := document.ParseDate(s)
	return d
}

// jsonLDDate returns the first datePublished in a JSON-LD block, which may be an object,
// an array of them, or an @graph.
func jsonLDDate(src string) string {
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return ""
	}
	var walk func(any) string
	walk = func(v any) string {
		switch v := v.(type) {
		case map[string]any:
			if s, ok := v["datePublished"].(string); ok {
				if d := dateOnly(s); d != "" {
					return d
				}
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if d := walk(v[k]); d != "" {
					return d
				}
			}
		case []any:
			for _, e := range v {
				if d := walk(e); d != "" {
					return d
				}
			}
		}
		return ""
	}
	return walk(v)
}
