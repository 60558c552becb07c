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
	"time"

	"marsad/internal/document"
	"marsad/internal/extract"
	"marsad/internal/ingest"
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
	tune := os.Getenv("GOGC") == ""
	if tune {
		// Building the resolved view allocates much and keeps a part: a dense collector
		// keeps the peak low while it runs (tuneCollector sets the pace once it is built).
		debug.SetGCPercent(50)
	}

	st, err := openStore(context.WithoutCancel(ctx), *db, false, log)
	if err != nil {
		storeError(stderr, "serve", *db, err)
		return 1
	}
	defer st.Close()
	x, err := extract.New()
	if err != nil {
		fmt.Fprintf(stderr, "marsad serve: %v\n", err)
		return 1
	}
	// The resolver copies what it needs of the lexicon. The extractor is kept only to
	// ingest the given paths; otherwise the server compiles its own at the first document
	// posted, and until then does not hold the tables.
	rv := resolve.New(resolve.FromLexicon(x.Lexicon()))
	extractFn := (&extract.Lazy{}).Extract
	if len(paths) > 0 {
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
		if tune {
			tuneCollector(log)
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

// gcGarbage is the garbage serve lets pile up between two collections once its resolved
// view is built.
const gcGarbage = 512 << 20

// tuneCollector paces the collector by the live heap: the resolved view keeps every event
// in memory and each collection scans it all, so on a small store a sparse collector
// (GOGC=400) nearly doubles the requests served per second (docs/benchmarks.md, "Serve"),
// while on a store of a million documents the same ratio let the process grow to 3 GB.
// The ratio is the one that allows gcGarbage of garbage, from 400 down to 50.
func tuneCollector(log *slog.Logger) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := sample[0].Value.Uint64()
	pct := gcPercent(live)
	debug.SetGCPercent(pct)
	debug.FreeOSMemory()
	log.Info("collector paced by the live heap", "live_mb", live>>20, "gogc", pct)
}

// gcPercent is the GOGC that lets gcGarbage pile up over a live heap, from 400 down to 50.
func gcPercent(live uint64) int {
	if live == 0 {
		return 400
	}
	return int(max(50, min(400, gcGarbage*100/live)))
}
