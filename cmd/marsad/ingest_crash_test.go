package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"marsad/internal/store"
)

// crashArgsEnv carries the arguments of `marsad` to the test binary run as a child.
const crashArgsEnv = "MARSAD_TEST_CRASH_ARGS"

// syntheticArticles writes n short Arabic articles, each distinct (numbers, places,
// dates), as JSONL.
func syntheticArticles(t *testing.T, path string, n int) {
	t.Helper()
	places := []string{"طنجة", "الناظور", "الدار البيضاء", "فاس", "مراكش", "وجدة", "تطوان", "أكادير"}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for i := range n {
		place := places[i%len(places)]
		day := fmt.Sprintf("20%02d-%02d-%02d", 18+i%7, 1+i%12, 1+i%28)
		text := fmt.Sprintf("تمكنت عناصر المكتب المركزي للأبحاث القضائية يوم %s من تفكيك خلية إرهابية بمدينة %s "+
			"تتكون من %d عناصر موالين لتنظيم داعش، وحجز %d كيلوغرامات من المخدرات. "+
			"وأوضح بلاغ للمديرية العامة للأمن الوطني أن الموقوفين، وعددهم %d، كانوا يخططون لتنفيذ عمليات تخريبية. "+
			"وقد تم إيداعهم تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يشرف عليه النيابة العامة المختصة. "+
			"ويأتي هذا التدخل في إطار الجهود المتواصلة لمكافحة التهديدات الإرهابية (المقال رقم %d).",
			day, place, 3+i%9, 10+i, 2+i%7, i)
		if err := enc.Encode(map[string]string{
			"id": fmt.Sprintf("syn-%04d", i), "lang": "ar", "published": day,
			"title": fmt.Sprintf("تفكيك خلية إرهابية ب%s (%d)", place, i), "text": text,
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestKilledIngestLosesNothing kills `marsad ingest` (this test binary running the
// command) with SIGKILL in the middle of a run, then checks that the database passes
// SQLite's integrity check, that running the same command again completes, and that the
// result is the same as one clean run: every document there, none twice, every event,
// figure and entity counted once, and search finding the same documents.
func TestKilledIngestLosesNothing(t *testing.T) {
	if env := os.Getenv(crashArgsEnv); env != "" {
		var args []string
		if err := json.Unmarshal([]byte(env), &args); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		os.Exit(run(context.Background(), args, os.Stdout, os.Stderr))
	}
	if testing.Short() {
		t.Skip("runs marsad ingest in a child process")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "articles.jsonl")
	const docs = 600
	syntheticArticles(t, in, docs)

	clean := filepath.Join(dir, "clean.db")
	if code, out, errOut := runCmd(t, context.Background(), "ingest", "--db", clean, in); code != 0 {
		t.Fatalf("clean ingest: exit %d\n%s%s", code, out, errOut)
	}

	crashed := filepath.Join(dir, "crashed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledIngestLosesNothing$")
	args, _ := json.Marshal([]string{"ingest", "--db", crashed, in})
	cmd.Env = append(os.Environ(), crashArgsEnv+"="+string(args))
	var childErr strings.Builder
	cmd.Stderr = &childErr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once some batches are committed, while the rest is being extracted and written.
	atKill := waitForDocuments(t, crashed, 100, 60*time.Second)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed mid-run (err %v); it finished first:\n%s", err, childErr.String())
	}
	if atKill >= docs {
		t.Fatalf("the child had stored all %d documents before the kill: nothing was tested", docs)
	}

	db, err := sql.Open("sqlite", crashed)
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check after the kill: %q, %v", check, err)
	}
	var kept int
	if err := db.QueryRow(`SELECT COUNT(*) FROM documents`).Scan(&kept); err != nil {
		t.Fatal(err)
	}
	db.Close()
	t.Logf("killed with %d of %d documents seen stored, %d committed", atKill, docs, kept)

	code, out, errOut := runCmd(t, context.Background(), "ingest", "--db", crashed, in)
	if code != 0 {
		t.Fatalf("ingest again after the kill: exit %d\n%s%s", code, out, errOut)
	}
	if want := fmt.Sprintf("%d stored, %d already stored", docs-kept, kept); !strings.Contains(out, want) {
		t.Errorf("second run: want %q in\n%s", want, out)
	}

	a, b := snapshot(t, clean), snapshot(t, crashed)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("killed then resumed differs from one clean run\nclean:   %+v\nresumed: %+v", a, b)
	}
	if a.Stats.Documents != docs || len(a.Docs) != docs {
		t.Errorf("clean run: %d documents, %d found by search; want %d", a.Stats.Documents, len(a.Docs), docs)
	}
}

// waitForDocuments polls the database a child is writing until it holds at least n
// documents, and returns how many it saw.
func waitForDocuments(t *testing.T, path string, n int, limit time.Duration) int {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(1000)")
			if err == nil {
				var got int
				err = db.QueryRow(`SELECT COUNT(*) FROM documents`).Scan(&got)
				db.Close()
				if err == nil && got >= n {
					return got
				}
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("%s: fewer than %d documents after %s", path, n, limit)
	return 0
}

// storeSnapshot is what must be equal between two databases built from the same input.
type storeSnapshot struct {
	Stats store.Stats
	Docs  []string // ids of every document, from search hits over all of them, sorted
	Hits  []string // ids found by a search with filters, sorted
}

func snapshot(t *testing.T, path string) storeSnapshot {
	t.Helper()
	st, err := openStore(context.Background(), path, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var s storeSnapshot
	if s.Stats, err = st.Stats(context.Background()); err != nil {
		t.Fatal(err)
	}
	ids := func(q store.SearchQuery) []string {
		hits, err := st.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		out := []string{}
		for _, h := range hits {
			out = append(out, h.Doc.ID)
		}
		// Ranks tie on these near-identical articles and ties go by insertion order,
		// which parallel extraction varies: compare sets, duplicates kept.
		slices.Sort(out)
		return out
	}
	// Every article has the word: the index must hold each document exactly once.
	s.Docs = ids(store.SearchQuery{Text: "خلية", Limit: 10000})
	s.Hits = ids(store.SearchQuery{Text: "الخلايا طنجة", From: "2019", To: "2020", Limit: 10000})
	return s
}
