package ingest

import (
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"
)

// Progress shows the counts of a run as it goes. On a terminal it keeps one line, rewritten
// in place at most ten times a second; elsewhere (a file, a CI log) it logs a line every
// EveryDocs documents or EveryInterval, whichever comes first, because carriage returns
// make a mess of logs.
//
// Log output written while the line is shown must go through Progress (it is an
// io.Writer), so the line is cleared first and drawn again below the message.
type Progress struct {
	mu  sync.Mutex
	w   io.Writer
	tty bool
	log *slog.Logger
	now func() time.Time

	last  time.Time // last redraw (terminal) or log line
	lastN int       // documents done at the last log line
	line  string    // the line on screen, "" when none

	EveryDocs     int
	EveryInterval time.Duration
}

// NewProgress reports to w; tty says whether w is a terminal.
func NewProgress(w io.Writer, tty bool) *Progress {
	return &Progress{
		w: w, tty: tty, log: slog.New(slog.NewTextHandler(w, nil)), now: time.Now, last: time.Now(),
		EveryDocs: 1000, EveryInterval: 10 * time.Second,
	}
}

// Update is a Config.Progress function.
func (p *Progress) Update(c Counts) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if p.tty {
		if now.Sub(p.last) >= 100*time.Millisecond || p.line == "" {
			p.last = now
			p.draw(p.format(c))
		}
		return
	}
	if c.Done()-p.lastN >= p.EveryDocs || now.Sub(p.last) >= p.EveryInterval {
		p.last, p.lastN = now, c.Done()
		p.log.Info("ingest progress", "read", c.Read, "stored", c.Stored, "duplicates", c.Duplicates,
			"failed", c.Failed, "docs_per_s", fmt.Sprintf("%.1f", rate(c)))
	}
}

// Finish removes the terminal line, leaving the screen to the final summary.
func (p *Progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.draw("")
}

// Write writes log output above the progress line.
func (p *Progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	line := p.line
	p.draw("")
	n, err := p.w.Write(b)
	if line != "" {
		p.draw(line)
	}
	return n, err
}

// draw replaces the terminal line with s ("" clears it).
func (p *Progress) draw(s string) {
	if !p.tty || (s == "" && p.line == "") {
		return
	}
	// \r goes back to the start of the line, ESC[K erases to its end.
	fmt.Fprint(p.w, "\r\x1b[K"+s)
	p.line = s
}

func (p *Progress) format(c Counts) string {
	return fmt.Sprintf("ingest: %d read, %d stored, %d duplicates, %d failed · %.1f docs/s",
		c.Read, c.Stored, c.Duplicates, c.Failed, rate(c))
}

func rate(c Counts) float64 {
	if c.Elapsed <= 0 {
		return 0
	}
	return float64(c.Done()) / c.Elapsed.Seconds()
}
