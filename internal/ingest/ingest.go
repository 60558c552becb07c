// Package ingest runs documents through extraction into a store: a pool of extraction
// workers (extraction is CPU-bound) feeding a single writer (the store takes one write
// transaction at a time anyway), with per-document failures logged and skipped. The
// writer stores documents in batches, one transaction each: a commit costs a log write
// and sync whatever it holds, so a batch of 256 costs little more than one document, and a
// killed process loses at most the batch it was writing.
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
	"marsad/internal/store"
)

// Source emits documents to emit, in order, and reports input it could not read to onErr
// (reading goes on). It stops and returns emit's error when emit fails, and ctx.Err()
// when ctx is cancelled. document.Walk with its paths bound is a Source.
type Source func(ctx context.Context, emit func(document.Document) error, onErr func(error)) error

// Extractor reads one document; an error means that document is skipped.
type Extractor func(ctx context.Context, doc document.Document) (extract.Result, error)

// Putter stores Results in one transaction and says what became of each; store.Store is
// one.
type Putter interface {
	PutBatch(ctx context.Context, res []extract.Result) ([]store.PutOutcome, error)
}

// PreparedPutter is a Putter that can split its work: Prepare needs no database and runs
// on the extraction workers, PutPrepared runs the statements on the writer. The SQL
// stores are such Putters. The writer is the one part of ingest that cannot run on every
// core, so whatever it need not do itself is done before it.
type PreparedPutter interface {
	Putter
	Prepare(res extract.Result) store.Prepared
	PutPrepared(ctx context.Context, batch []store.Prepared) ([]store.PutOutcome, error)
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
	// A batch is written when it holds BatchSize documents (0: 256) or BatchDelay after
	// its first document arrived (0: 250ms), whichever comes first, and when the input
	// ends. The delay bounds how long a slow trickle of documents waits unwritten.
	BatchSize  int
	BatchDelay time.Duration
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
	prep   store.Prepared // when the Putter is a PreparedPutter
	origin string         // where the document came from, for messages
	stage  string         // "read" or "extract" for failures
	err    error
}

// Run reads src through ex into st and returns the counts. It returns an error only when
// the run as a whole stopped early: ctx was cancelled (the batch being written is
// finished first and the documents waiting for the next one are dropped, so the store
// holds whole documents only, and running again skips them as duplicates), the source
// failed, or the store kept failing.
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
	batchSize := cfg.BatchSize
	if batchSize <= 0 {
		// 256 rather than 64: 20% more documents per second on ANT
		// (BenchmarkRunSQLite), fewer commits and larger full-text segments to merge.
		batchSize = 256
	}
	batchDelay := cfg.BatchDelay
	if batchDelay <= 0 {
		batchDelay = 250 * time.Millisecond
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
	pp, prepared := st.(PreparedPutter)
	docs := make(chan document.Document, workers)
	// Room for a whole batch, so extraction goes on while the writer writes the last one
	// and the next is ready when it is done.
	outcomes := make(chan outcome, max(workers, batchSize))
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
				if err == nil && prepared {
					o.prep = pp.Prepare(res)
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
	progress := func() {
		if cfg.Progress != nil {
			c.Read = int(read.Load())
			c.Elapsed = time.Since(start)
			cfg.Progress(c)
		}
	}
	// A batch whose write has begun is allowed to finish after cancellation: the promise
	// is "stops after the current write", and a finished document is one a rerun need
	// not redo.
	putCtx := context.WithoutCancel(ctx)
	var batch []outcome
	var timer *time.Timer
	var due <-chan time.Time
	flush := func() {
		if timer != nil {
			timer.Stop()
			timer, due = nil, nil
		}
		if len(batch) == 0 || inner.Err() != nil {
			batch = batch[:0] // after cancellation nothing more is stored
			return
		}
		res := make([]extract.Result, len(batch))
		for i, o := range batch {
			res[i] = o.res
		}
		var out []store.PutOutcome
		var err error
		if prepared {
			prep := make([]store.Prepared, len(batch))
			for i, o := range batch {
				prep[i] = o.prep
			}
			out, err = pp.PutPrepared(putCtx, prep)
		} else {
			out, err = st.PutBatch(putCtx, res)
		}
		if err != nil {
			c.Failed += len(batch)
			failStreak++
			log.Warn("documents not stored", "count", len(batch), "first", batch[0].origin, "err", err)
			if failStreak >= maxFail {
				storeErr = fmt.Errorf("the store failed %d writes in a row, last: %w", failStreak, err)
				stop()
			}
		}
		for i, o := range out {
			switch {
			case o.Err != nil:
				c.Failed++
				log.Warn("document not stored", "origin", batch[i].origin, "doc", res[i].Doc, "err", o.Err)
			case o.Inserted:
				c.Stored++
				failStreak = 0
			default:
				c.Duplicates++
				failStreak = 0
				log.Debug("document already stored", "origin", batch[i].origin, "doc", res[i].Doc)
			}
		}
		batch = batch[:0]
		progress()
	}
	for open := true; open; {
		select {
		case o, ok := <-outcomes:
			switch {
			case !ok:
				flush()
				open = false
			case inner.Err() != nil:
				// drain: after cancellation nothing more is stored
			case o.err != nil && o.stage == "read":
				c.Failed++
				log.Warn("input skipped", "err", o.err)
				progress()
			case o.err != nil:
				c.Failed++
				log.Warn("document skipped", "origin", o.origin, "stage", o.stage, "err", o.err)
				progress()
			default:
				batch = append(batch, o)
				if len(batch) == 1 {
					timer = time.NewTimer(batchDelay)
					due = timer.C
				}
				if len(batch) >= batchSize {
					flush()
				}
			}
		case <-due:
			timer, due = nil, nil
			flush()
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
