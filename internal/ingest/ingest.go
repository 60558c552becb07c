// Package ingest runs documents through extraction into a store: a pool of extraction
// workers (extraction is CPU-bound) feeding a single writer (the store takes one write
// transaction at a time anyway), with per-document failures logged and skipped.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"marsad/internal/document"
	"marsad/internal/extract"
)

// Source emits documents to emit, in order, and reports input it could not read to onErr
// (reading goes on). It stops and returns emit's error when emit fails, and ctx.Err()
// when ctx is cancelled. document.Walk with its paths bound is a Source.
type Source func(ctx context.Context, emit func(document.Document) error, onErr func(error)) error

// Extractor reads one document; an error means that document is skipped.
type Extractor func(ctx context.Context, doc document.Document) (extract.Result, error)

// Putter stores one Result; store.Store is one. inserted=false means the document was
// already stored.
type Putter interface {
	Put(ctx context.Context, res extract.Result) (inserted bool, err error)
}

// Config tunes a run. The zero value is ready to use.
type Config struct {
	Workers  int          // extraction workers; 0 means GOMAXPROCS
	Logger   *slog.Logger // per-document problems; nil discards them
	Progress func(Counts) // called by the writer after each document; nil for none
	// MaxStoreFailures stops the run after that many consecutive failed writes (a full
	// disk or a broken database fails every document, and saying so once beats ten
	// thousand log lines); 0 means 10.
	MaxStoreFailures int
}

// Counts says what became of the input.
type Counts struct {
	Read       int // documents read from the source
	Stored     int // new documents (or new versions) stored
	Duplicates int // documents whose text was already stored
	// Failed counts unreadable input (a file or line the source could not read; it is not
	// in Read), documents extraction could not read, and documents the store refused.
	Failed  int
	Elapsed time.Duration
}

// Done is the number of documents finished one way or another.
func (c Counts) Done() int { return c.Stored + c.Duplicates + c.Failed }

// outcome is what reaches the writer: a document to store, or a failure to count.
type outcome struct {
	res    extract.Result
	origin string // where the document came from, for messages
	stage  string // "read" or "extract" for failures
	err    error
}

// Run reads src through ex into st and returns the counts. It returns an error only when
// the run as a whole stopped early: ctx was cancelled (the document being written is
// finished first, so the store holds whole documents only, and running again skips
// them as duplicates), the source failed, or the store kept failing.
func Run(ctx context.Context, src Source, ex Extractor, st Putter, cfg Config) (Counts, error) {
	start := time.Now()
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	maxFail := cfg.MaxStoreFailures
	if maxFail <= 0 {
		maxFail = 10
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}

	// stop ends reading and extraction early without touching ctx, so the writer can tell
	// the caller's cancellation from its own decision to give up.
	inner, stop := context.WithCancel(ctx)
	defer stop()

	var read atomic.Int64
	docs := make(chan document.Document, workers)
	outcomes := make(chan outcome, workers)
	var srcErr error
	var wg sync.WaitGroup

	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(docs)
		emit := func(d document.Document) error {
			// count before handing over: a worker may store the document before this
			// goroutine runs again, and progress must never show more stored than read
			read.Add(1)
			select {
			case docs <- d:
				return nil
			case <-inner.Done():
				read.Add(-1)
				return inner.Err()
			}
		}
		onErr := func(err error) {
			select {
			case outcomes <- outcome{stage: "read", err: err}:
			case <-inner.Done():
			}
		}
		if err := src(inner, emit, onErr); err != nil && inner.Err() == nil {
			srcErr = err // read after wg.Wait, which orders it
		}
	}()
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range docs {
				if inner.Err() != nil {
					continue // drain so the source is never left blocked
				}
				res, err := ex(inner, d)
				o := outcome{res: res, origin: origin(d), stage: "extract", err: err}
				if err != nil && inner.Err() != nil {
					continue // cut short by cancellation, not the document's fault
				}
				outcomes <- o
			}
		}()
	}
	go func() {
		wg.Wait()
		close(outcomes)
	}()

	var c Counts
	var storeErr error
	failStreak := 0
	// A Put that has begun is allowed to finish after cancellation: the promise is "stops
	// after the current document", and a finished document is one a rerun need not redo.
	putCtx := context.WithoutCancel(ctx)
	for o := range outcomes {
		if inner.Err() != nil {
			continue // drain: after cancellation nothing more is stored
		}
		switch {
		case o.err != nil && o.stage == "read":
			c.Failed++
			log.Warn("input skipped", "err", o.err)
		case o.err != nil:
			c.Failed++
			log.Warn("document skipped", "origin", o.origin, "stage", o.stage, "err", o.err)
		default:
			inserted, err := st.Put(putCtx, o.res)
			switch {
			case err != nil:
				c.Failed++
				failStreak++
				log.Warn("document not stored", "origin", o.origin, "doc", o.res.Doc, "err", err)
				if failStreak >= maxFail {
					storeErr = fmt.Errorf("the store failed %d documents in a row, last: %w", failStreak, err)
					stop()
				}
			case inserted:
				c.Stored++
				failStreak = 0
			default:
				c.Duplicates++
				failStreak = 0
				log.Debug("document already stored", "origin", o.origin, "doc", o.res.Doc)
			}
		}
		if cfg.Progress != nil {
			c.Read = int(read.Load())
			c.Elapsed = time.Since(start)
			cfg.Progress(c)
		}
	}
	c.Read = int(read.Load())
	c.Elapsed = time.Since(start)
	switch {
	case storeErr != nil:
		return c, storeErr
	case ctx.Err() != nil:
		return c, fmt.Errorf("ingest interrupted: %w", ctx.Err())
	case srcErr != nil:
		return c, fmt.Errorf("read input: %w", srcErr)
	}
	return c, nil
}

func origin(d document.Document) string {
	if d.Origin != "" {
		return d.Origin
	}
	return d.ID
}

// Interrupted reports whether err means the run was cancelled rather than failed.
func Interrupted(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
