package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	"marsad/data"
	"marsad/internal/document"
	"marsad/internal/extract"
	"marsad/internal/ingest"
	"marsad/internal/lexicon"
	"marsad/internal/resolve"
	"marsad/internal/server"
	"marsad/internal/store"
	"marsad/internal/text"
)

// stringList is a flag that may be given several times.
type stringList []string

func (l *stringList) String() string     { return fmt.Sprint(*l) }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", defaultDB, dbUsage)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port); 127.0.0.1 keeps it to this machine")
	var paths stringList
	fs.Var(&paths, "ingest", "read these articles (file or directory, .txt/.html/.jsonl) into the database before serving; may be repeated")
	certFile := fs.String("tls-cert", "", "serve HTTPS with this certificate file (PEM); cookies are then marked Secure")
	keyFile := fs.String("tls-key", "", "the private key of --tls-cert (PEM)")
	behindTLS := fs.Bool("secure-cookies", false, "mark cookies Secure and send HSTS: for a TLS-terminating proxy in front")
	maxBody := fs.String("max-body", "8MB", "largest body POST /api/v1/documents accepts")
	logFormat := fs.String("log", "text", "log format on stderr: text or json")
	oneView := fs.Bool("one-view", false, "hold one resolved view, not two, while it is rebuilt after a change: pages that need it\nwait for the rebuild (seconds at a million documents), and the extractor is compiled for each posted document (about a second)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: marsad serve [--db marsad.db] [--addr 127.0.0.1:8080] [--ingest PATH]...\n\n"+
			"Serves the web UI (Arabic, French, English) and the JSON API (/api/v1, described at\n"+
			"/api/v1/openapi.json) over the database, with /healthz and Prometheus /metrics.\n"+
			"On a database without users it creates the admin \"admin\" and prints its one-time\n"+
			"password once. Stop with Ctrl-C: requests in progress finish first.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "marsad serve: unexpected argument %q (articles to read go after --ingest)\n", fs.Arg(0))
		return 2
	}
	if (*certFile == "") != (*keyFile == "") {
		fmt.Fprintln(stderr, "marsad serve: give both --tls-cert and --tls-key, or neither")
		return 2
	}
	limit, err := parseSize(*maxBody)
	if err != nil {
		fmt.Fprintf(stderr, "marsad serve: --max-body: %v\n", err)
		return 2
	}
	var h slog.Handler
	switch *logFormat {
	case "text":
		h = slog.NewTextHandler(stderr, nil)
	case "json":
		h = slog.NewJSONHandler(stderr, nil)
	default:
		fmt.Fprintf(stderr, "marsad serve: --log %q: use text or json\n", *logFormat)
		return 2
	}
	log := slog.New(h)
	// Unless the operator set the collector's pace, serve paces it around the builds of
	// its resolved view.
	var onBuild func(bool)
	// When serve lets the extractor go, the collector frees it and gives the memory back.
	onRelease := debug.FreeOSMemory
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		p := &pacer{log: log}
		p.onBuild(false) // the first build starts soon
		onBuild, onRelease = p.onBuild, p.released
	}

	st, err := openStore(context.WithoutCancel(ctx), *db, false, log)
	if err != nil {
		storeError(stderr, "serve", *db, err)
		return 1
	}
	defer st.Close()
	// The resolver copies what it needs of the tables, read without compiling them. The
	// extractor is compiled at start only to ingest the given paths (it then reads the
	// posted documents too); otherwise the server compiles one at the first document
	// posted, and until then does not hold it.
	tables, err := lexicon.LoadData(data.FS)
	if err != nil {
		fmt.Fprintf(stderr, "marsad serve: load lexicon: %v\n", err)
		return 1
	}
	rv := resolve.New(resolve.FromData(&tables))
	idle := extractorIdle
	if *oneView {
		idle = time.Millisecond
	}
	lazy := &extract.Lazy{Idle: idle, OnRelease: onRelease}
	extractFn := lazy.Extract
	if len(paths) > 0 {
		x, err := extract.New()
		if err != nil {
			fmt.Fprintf(stderr, "marsad serve: %v\n", err)
			return 1
		}
		extractFn = x.Extract
		src := func(ctx context.Context, emit func(document.Document) error, onErr func(error)) error {
			_, err := document.Walk(ctx, paths, document.Options{Logger: log}, emit, onErr)
			return err
		}
		counts, err := ingest.Run(ctx, src, x.Extract, st, ingest.Config{Logger: log})
		if err != nil {
			fmt.Fprintf(stderr, "marsad serve: --ingest: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "read %d documents: %d stored, %d already stored, %d failed\n",
			counts.Read, counts.Stored, counts.Duplicates, counts.Failed)
	}
	srv, err := server.New(server.Config{
		Store:         st,
		Key:           store.Config{Normalize: text.NormalizeKey}.Key,
		Extract:       extractFn,
		Resolver:      rv,
		OnBuild:       onBuild,
		OnSlowBuild:   slowBuild(lazy),
		OneView:       *oneView,
		Logger:        log,
		MaxBodyBytes:  limit,
		SecureCookies: *certFile != "" || *behindTLS,
	})
	if err != nil {
		fmt.Fprintf(stderr, "marsad serve: %v\n", err)
		return 1
	}
	pw, err := srv.Bootstrap(ctx, "admin")
	if err != nil {
		fmt.Fprintf(stderr, "marsad serve: %v\n", err)
		return 1
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "marsad serve: %v\n  (is another server on %s? choose another with --addr)\n", err, *addr)
		srv.Close()
		return 1
	}
	scheme := "http"
	if *certFile != "" {
		scheme = "https"
	}
	url := fmt.Sprintf("%s://%s/", scheme, browsable(ln.Addr().String()))
	if pw != "" {
		fmt.Fprintf(stdout, "\nNo user yet: created the admin \"admin\" with this one-time password (shown only now):\n\n    %s\n\n"+
			"Sign in at %s and choose your own password. More users: marsad user add NAME --role viewer|analyst|admin\n\n", pw, url)
	}
	fmt.Fprintf(stdout, "Marsad is serving %s at %s (Ctrl-C to stop)\n", *db, url)

	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(h, slog.LevelWarn),
	}
	// Resolving every event takes seconds on a large store: start it before the first
	// request asks.
	go func() {
		if err := srv.Warm(ctx); err != nil && ctx.Err() == nil {
			log.Error("build the resolved view", "err", err)
		}
	}()
	errc := make(chan error, 1)
	go func() {
		if *certFile != "" {
			errc <- hs.ServeTLS(ln, *certFile, *keyFile)
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	code := 0
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "marsad serve: %v\n", err)
		code = 1
	case <-ctx.Done():
		log.Info("shutting down: finishing requests in progress")
		sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(stderr, "marsad serve: shutdown: %v\n", err)
			code = 1
		}
		cancel()
	}
	if err := srv.Close(); err != nil {
		fmt.Fprintf(stderr, "marsad serve: %v\n", err)
		code = 1
	}
	log.Info("stopped")
	return code
}

// browsable turns a listening address into one a browser can open: 0.0.0.0 and [::]
// become localhost.
func browsable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// heapBudget is the memory serve's Go runtime keeps to (a soft limit, debug.SetMemoryLimit)
// while its resolved view leaves room for garbage under it. The collector otherwise runs
// sparsely (GOGC=400): on a small store that nearly doubles the requests served per
// second (docs/benchmarks.md, "Serve"); on a store of a million documents the same ratio
// let the process grow to 3 GB. 352 MiB rather than 400: at a million documents, four
// clients reading 240 large listings peaked at 414–421 MB instead of 467–471, and took
// 5.6–6.5 s instead of 5.4–5.9 (three runs each).
const heapBudget = 352 << 20

// extractorIdle is how long serve keeps the compiled extractor after the last document
// posted: a burst of posts compiles it once, and a server posted to now and then gives the
// tables (78 MB) back between posts.
const extractorIdle = 2 * time.Minute

// slowBuild is server.Config.OnSlowBuild: a rebuild that holds two views at a time lets
// the extractor go, then collects and gives free memory back to the system before it
// starts, rather than keep what the requests since the last build left (the collector
// runs sparsely between builds) resident under the rebuild's peak. At a million
// documents, after four clients read 240 large listings and one posted a document, the
// rebuild peaked at 534 MB without it and 517–524 with it (one and three runs).
func slowBuild(lazy *extract.Lazy) func() {
	return func() {
		lazy.Release()
		debug.FreeOSMemory()
	}
}

// pacer paces the collector around the builds of the resolved view.
type pacer struct {
	log      *slog.Logger
	mu       sync.Mutex
	building bool
	live     uint64 // the live heap after the last build
}

// onBuild is server.Config.OnBuild.
func (p *pacer) onBuild(done bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.building = !done
	if !done {
		gogc, limit := buildPace(p.live)
		debug.SetGCPercent(gogc)
		debug.SetMemoryLimit(limit)
		return
	}
	p.settle()
}

// released is extract.Lazy's OnRelease: the extractor let go, the heap is measured again
// (unless a build runs, whose end will).
func (p *pacer) released() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.building {
		p.settle()
	}
}

// settle collects, paces the collector by the live heap and gives free memory back.
func (p *pacer) settle() {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	p.live = sample[0].Value.Uint64()
	gogc, limit := servePace(p.live)
	debug.SetGCPercent(gogc)
	debug.SetMemoryLimit(limit)
	debug.FreeOSMemory()
	p.log.Info("collector paced by the live heap", "live_mb", p.live>>20, "gogc", gogc, "limit_mb", limit>>20)
}

// servePace is the pace once a view is built: sparse, within the budget, or, when the
// live heap leaves under a third of it for garbage, within a third more than the live heap.
func servePace(live uint64) (gogc int, limit int64) {
	return 400, int64(max(heapBudget, live+live/3))
}

// buildPace is the pace while a view builds. Building allocates much and keeps a part,
// while the previous view (live) is still held: a dense collector keeps the peak low
// (GOGC 25 rather than 50: a rebuild's peak at a million documents 793 → 710 MB, the
// builds no slower; GOGC 10 rather than 25: 637 → 571 MB, the rebuild 12.8 → 13.6 s), and
// the limit leaves room for both views so that the collector does not run without end.
func buildPace(live uint64) (gogc int, limit int64) {
	return 10, int64(max(heapBudget, 3*live))
}
