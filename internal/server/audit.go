package server

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"marsad/internal/store"
)

// auditor writes audit entries in batches from one goroutine. A request only queues its
// entry, so reading an event costs no write transaction; the queue is bounded and a full
// one makes requests wait rather than lose entries: the trail is complete or the server
// is slow, never silently partial.
type auditor struct {
	acc   store.Accounts
	log   *slog.Logger
	in    chan store.AuditEntry
	done  chan struct{}
	batch int
	delay time.Duration
	m     *metrics

	mu     sync.Mutex
	closed bool
	err    error // the last write failure, reported by close
}

func newAuditor(acc store.Accounts, log *slog.Logger, batch int, delay time.Duration, m *metrics) *auditor {
	if batch <= 0 {
		batch = 256
	}
	if delay <= 0 {
		delay = 200 * time.Millisecond
	}
	a := &auditor{acc: acc, log: log, in: make(chan store.AuditEntry, 4*batch), done: make(chan struct{}),
		batch: batch, delay: delay, m: m}
	go a.run()
	return a
}

// add queues an entry. After close it writes the entry at once.
func (a *auditor) add(e store.AuditEntry) {
	a.mu.Lock()
	closed := a.closed
	a.mu.Unlock()
	if closed {
		a.write([]store.AuditEntry{e})
		return
	}
	a.in <- e
}

func (a *auditor) run() {
	defer close(a.done)
	var buf []store.AuditEntry
	var timer <-chan time.Time
	for {
		select {
		case e, ok := <-a.in:
			if !ok {
				a.write(buf)
				return
			}
			buf = append(buf, e)
			if len(buf) == 1 {
				timer = time.After(a.delay)
			}
			if len(buf) >= a.batch {
				a.write(buf)
				buf, timer = nil, nil
			}
		case <-timer:
			a.write(buf)
			buf, timer = nil, nil
		}
	}
}

func (a *auditor) write(es []store.AuditEntry) {
	if len(es) == 0 {
		return
	}
	// The request that caused an entry may be gone; the entry must still be written.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := a.acc.AppendAudit(ctx, es); err != nil {
		a.log.Error("audit log: entries not written", "entries", len(es), "err", err)
		a.mu.Lock()
		a.err = err
		a.mu.Unlock()
		return
	}
	a.m.auditWritten.Add(float64(len(es)))
}

// flush waits until every entry queued before it is written (tests read the log back).
func (a *auditor) flush() {
	for len(a.in) > 0 {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(a.delay + 20*time.Millisecond)
}

func (a *auditor) close() error {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return nil
	}
	a.closed = true
	a.mu.Unlock()
	close(a.in)
	<-a.done
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.err != nil {
		return fmt.Errorf("audit log: some entries could not be written: %w", a.err)
	}
	return nil
}

// auditFilter reads the filters of an audit listing: user, action, since and until
// (YYYY-MM-DD or RFC 3339), limit and offset.
func auditFilter(r *http.Request, defLimit int) (store.AuditFilter, error) {
	q := r.URL.Query()
	f := store.AuditFilter{User: q.Get("user"), Action: q.Get("action"), Limit: defLimit}
	for name, dst := range map[string]*time.Time{"since": &f.Since, "until": &f.Until} {
		v := q.Get(name)
		if v == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			t, err = time.Parse("2006-01-02", v)
		}
		if err != nil {
			return f, fmt.Errorf("%s=%q: give a date (2025-03-12) or an RFC 3339 time", name, v)
		}
		*dst = t
	}
	var err error
	if f.Limit, f.Offset, err = paging(r, defLimit, 10000); err != nil {
		return f, err
	}
	return f, nil
}

// apiAudit lists the audit log as JSON, or exports it whole as CSV or JSON lines
// (format=csv|jsonl, no limit unless one is given).
func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	def := 100
	if format == "csv" || format == "jsonl" {
		def = 0
	}
	f, err := auditFilter(r, def)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if r.URL.Query().Get("limit") == "" && def == 0 {
		f.Limit = 0
	}
	es, err := s.accounts.Audit(r.Context(), f)
	if err != nil {
		s.internal(w, r, true, err)
		return
	}
	stamp := s.cfg.Now().UTC().Format("20060102-150405")
	switch format {
	case "csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="marsad-audit-`+stamp+`.csv"`)
		cw := csv.NewWriter(w)
		cw.Write([]string{"id", "at", "user", "role", "action", "target", "remote", "status", "detail"})
		for _, e := range es {
			cw.Write([]string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339Nano), e.User, e.Role, e.Action,
				e.Target, e.Remote, strconv.Itoa(e.Status), e.Detail})
		}
		cw.Flush()
	case "jsonl":
		w.Header().Set("Content-Type", "application/jsonl; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="marsad-audit-`+stamp+`.jsonl"`)
		enc := json.NewEncoder(w)
		for _, e := range es {
			enc.Encode(auditJSON(e))
		}
	case "", "json":
		items := make([]apiAuditEntry, len(es))
		for i, e := range es {
			items[i] = auditJSON(e)
		}
		writeJSON(w, http.StatusOK, page[apiAuditEntry]{Items: items, Limit: f.Limit, Offset: f.Offset})
	default:
		writeError(w, http.StatusBadRequest, "format="+format+": use json, csv or jsonl")
	}
}

type apiAuditEntry struct {
	ID     int64     `json:"id"`
	At     time.Time `json:"at"`
	User   string    `json:"user"`
	Role   string    `json:"role"`
	Action string    `json:"action"`
	Target string    `json:"target"`
	Remote string    `json:"remote"`
	Status int       `json:"status"`
	Detail string    `json:"detail,omitempty"`
}

func auditJSON(e store.AuditEntry) apiAuditEntry {
	return apiAuditEntry{ID: e.ID, At: e.At.UTC(), User: e.User, Role: e.Role, Action: e.Action, Target: e.Target,
		Remote: e.Remote, Status: e.Status, Detail: e.Detail}
}
