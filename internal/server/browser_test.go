package server

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds Debian's chromium (.ci/run installs it), or MARSAD_CHROMIUM.
func chromium(t *testing.T) string {
	if p := os.Getenv("MARSAD_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("MARSAD_REQUIRE_CHROMIUM") != "" {
		t.Fatal("no chromium, and MARSAD_REQUIRE_CHROMIUM is set: apt-get install chromium")
	}
	t.Skip("no chromium: apt-get install chromium (what .ci/run does), or set MARSAD_CHROMIUM")
	return ""
}

// newBrowserCtx starts a headless Chromium with a fresh profile and nothing that reaches
// the network on its own (this machine has none, and those features would stall it).
func newBrowserCtx(t *testing.T) context.Context {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("lang", "en-US"),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	return ctx
}

// TestBrowser signs in through a real headless Chromium, searches in Arabic, opens an
// event, switches to French, and checks the direction and layout each time. With
// MARSAD_SCREENSHOTS=DIR it also saves the overview and the event page in Arabic there
// (docs/screenshots, linked from the README).
func TestBrowser(t *testing.T) {
	ctx := newBrowserCtx(t)
	e := newEnv(t, openSQLite)
	ingestFile(t, e.st, sharedExtractor(t), "../../examples")
	e.srv.Invalidate()
	base := e.ts.URL

	type layout struct {
		Dir, Lang         string
		BrandRight, Width float64
	}
	readLayout := func() layout {
		t.Helper()
		l, err := chromedp.Run(ctx, chromedp.Evaluate[layout](`({Dir: document.documentElement.getAttribute("dir"),
			Lang: document.documentElement.getAttribute("lang"),
			BrandRight: document.querySelector(".brand").getBoundingClientRect().right,
			Width: document.documentElement.clientWidth})`))
		if err != nil {
			t.Fatalf("read the layout: %v", err)
		}
		return l
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	str := func(a chromedp.Action[string]) string {
		t.Helper()
		v, err := chromedp.Run(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	count := func(selector string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(selector)+`).length`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	css := func(selector, prop string) string {
		t.Helper()
		return str(chromedp.Evaluate[string](`getComputedStyle(document.querySelector(` + strconv.Quote(selector) + `)).` + prop))
	}

	// Any page asks for a sign-in first.
	do("open the site", chromedp.Navigate(base+"/search"), chromedp.WaitVisible(chromedp.CSS(`input[name=password]`)))
	if loc := str(chromedp.Location()); !strings.Contains(loc, "/login") {
		t.Errorf("not sent to the sign-in page: %s", loc)
	}
	do("sign in",
		chromedp.SendKeys(chromedp.CSS(`input[name=user]`), "analyst"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), e.pass["analyst"]),
		chromedp.Submit(chromedp.CSS(`input[name=password]`)),
		chromedp.WaitVisible(chromedp.CSS(`input[name=q]`)))
	if loc := str(chromedp.Location()); !strings.HasSuffix(loc, "/search") {
		t.Errorf("after sign-in at %s, want back at /search", loc)
	}

	// Arabic: right to left, the brand on the right.
	do("overview in Arabic", chromedp.Navigate(base+"/?lang=ar"), chromedp.WaitVisible(chromedp.CSS(`svg.chart`)))
	if l := readLayout(); l.Dir != "rtl" || l.Lang != "ar" || l.BrandRight < l.Width-60 {
		t.Errorf("Arabic overview: %+v; want lang ar, dir rtl, the brand at the right edge", l)
	}
	// The stylesheet loaded under the Content-Security-Policy (nothing inline, nothing
	// from elsewhere).
	if bg := css(".top", "backgroundColor"); bg != "rgb(15, 76, 92)" {
		t.Errorf("header background %q: the stylesheet did not apply", bg)
	}
	shot(t, ctx, "overview-ar.png")

	// Search in Arabic.
	do("search in Arabic",
		chromedp.Navigate(base+"/search"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=q]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=q]`), "خلية إرهابية"),
		chromedp.Submit(chromedp.CSS(`input[name=q]`)),
		chromedp.WaitVisible(chromedp.CSS(`li.hit`)))
	if n := count("li.hit"); n < 2 {
		t.Errorf("%d hits for خلية إرهابية, want the two cell reports at least", n)
	}

	// Open the event: the evidence and the figures are marked in the article.
	do("open an event",
		chromedp.Click(chromedp.CSS(`li.hit a.tag.t-cell_dismantled`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`table.side-by-side`)))
	if m, f := count("details[open] mark.ev"), count("details[open] mark.fig"); m == 0 || f == 0 {
		t.Errorf("event page: %d evidence marks and %d figure marks in the open article, want some of each", m, f)
	}
	if l, d := readLayout(), css("article.text", "direction"); l.Dir != "rtl" || d != "rtl" {
		t.Errorf("event page in Arabic: page %+v, Arabic article direction %q", l, d)
	}
	shot(t, ctx, "event-ar.png")

	// Switch to French: left to right, the brand on the left, the Arabic article still
	// right to left (its own dir=auto).
	do("switch to French",
		chromedp.Click(chromedp.CSS(`.langs a[lang=fr]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`html[lang=fr] table.side-by-side`)))
	if l := readLayout(); l.Dir != "ltr" || l.Lang != "fr" || l.BrandRight > l.Width/2 {
		t.Errorf("French event page: %+v; want lang fr, dir ltr, the brand on the left", l)
	}
	if d := css("article.text", "direction"); d != "rtl" {
		t.Errorf("the Arabic article under a French UI runs %q, want rtl (dir=auto)", d)
	}
	if a := str(chromedp.Evaluate[string](`document.querySelector("article.text").getAttribute("lang")`)); a != "ar" {
		t.Errorf("the article's lang is %q, want ar", a)
	}
	// Every figure links to its sentence, which is on the page.
	link := str(chromedp.Evaluate[string](`document.querySelector("table.side-by-side a.fig").getAttribute("href")`))
	if !strings.HasPrefix(link, "#e") || count(`[id="`+strings.TrimPrefix(link, "#")+`"]`) != 1 {
		t.Errorf("figure link %q does not point at one mark on the page", link)
	}
	// The choice is remembered.
	do("next page keeps French", chromedp.Navigate(base+"/events"), chromedp.WaitVisible(chromedp.CSS(`table.events`)))
	if l := readLayout(); l.Lang != "fr" {
		t.Errorf("after switching, /events is in %q", l.Lang)
	}
}

// shot saves a full-page screenshot when MARSAD_SCREENSHOTS names a directory.
func shot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("MARSAD_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
