package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"marsad/internal/store"
	"marsad/internal/store/storetest"
)

// TestKilledWriterLeavesWholeDocuments kills a process that is writing documents as fast as
// it can (so almost surely in the middle of a transaction) and checks that the database
// reopens, passes SQLite's integrity check, and holds every document the process reported
// committed, each one whole.
func TestKilledWriterLeavesWholeDocuments(t *testing.T) {
	if path := os.Getenv("MARSAD_TEST_CRASH_DB"); path != "" {
		crashWriter(path) // the child: never returns
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "marsad.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriterLeavesWholeDocuments$")
	cmd.Env = append(os.Environ(), "MARSAD_TEST_CRASH_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := 0
	sc := bufio.NewScanner(out)
	for committed < 30 && sc.Scan() {
		if n, err := strconv.Atoi(sc.Text()); err == nil {
			committed = n
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if committed < 30 {
		t.Fatalf("the writer reported only %d commits", committed)
	}

	s := open(t, path, store.Config{MustExist: true})
	defer s.Close()
	var check string
	if err := s.R.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents < committed {
		t.Errorf("%d documents after the kill, but %d were reported committed", st.Documents, committed)
	}
	if st.Events != 5*st.Documents || st.Figures != 3*st.Events {
		t.Errorf("a document was stored in part: %+v (each has 5 events of 3 figures)", st)
	}
	for i := 0; i < st.Documents; i++ {
		want := storetest.Realistic(i, 5, 10)
		got, err := s.Get(context.Background(), want.Doc)
		if err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
		if len(got.Events) != 5 || len(got.Entities) != 10 || got.Text != want.Text {
			t.Errorf("document %d is not whole: %d events, %d entities", i, len(got.Events), len(got.Entities))
		}
	}
	// And the store takes writes again, starting with the document that was cut.
	if inserted, err := s.Put(context.Background(), storetest.Realistic(st.Documents, 5, 10)); err != nil || !inserted {
		t.Errorf("put after the kill: inserted=%v err=%v", inserted, err)
	}
}

func crashWriter(path string) {
	s, err := Open(context.Background(), path, store.Config{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	for i := 0; ; i++ {
		if _, err := s.Put(context.Background(), storetest.Realistic(i, 5, 10)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Println(i + 1)
	}
}
