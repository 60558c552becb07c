package document

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The shared corpus lives outside the repository; these tests read it in place.
const sharedDir = "../../../shared"

func needShared(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(sharedDir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared corpus not available (%v); these tests read ../shared next to the checkout", err)
	}
	return p
}

func TestSeedFiles(t *testing.T) {
	dir := needShared(t, "corpus/seeds")
	docs, errs, log := collect(t, []string{dir}, Options{})
	if len(errs) > 0 || log != "" {
		t.Fatalf("errors %v, warnings %s", errs, log)
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(names) != 5 {
		t.Fatalf("expected the 5 seed files, found %d (%v)", len(names), err)
	}
	if len(docs) != len(names) {
		t.Fatalf("read %d documents from %d files", len(docs), len(names))
	}
	for i, name := range names { // Glob sorts, as Walk does
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		d := docs[i]
		if want := strings.TrimSuffix(filepath.Base(name), ".txt"); d.ID != want {
			t.Errorf("ID = %q, want the file name %q", d.ID, want)
		}
		if d.Text != string(raw) {
			t.Errorf("%s: text differs from the file", d.ID)
		}
		sc := bufio.NewScanner(strings.NewReader(string(raw)))
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" {
				if d.Title != line {
					t.Errorf("%s: title %q, want the first line %q", d.ID, d.Title, line)
				}
				break
			}
		}
	}
}

func TestDevJSONL(t *testing.T) {
	for _, tc := range []struct {
		file string
		n    int
	}{{"eval/dev-docs.jsonl", 20}, {"eval/dev-docs-fren.jsonl", 14}} {
		path := needShared(t, tc.file)
		docs, errs, _ := collect(t, []string{path}, Options{})
		if len(errs) > 0 {
			t.Fatalf("%s: errors %v", tc.file, errs)
		}
		if len(docs) != tc.n {
			t.Fatalf("%s: %d documents, want %d", tc.file, len(docs), tc.n)
		}
		// Compare with a plain decoding of each line.
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		i := 0
		for line := range strings.Lines(string(raw)) {
			if strings.TrimSpace(line) == "" {
				continue
			}
			var want map[string]string
			if err := json.Unmarshal([]byte(line), &want); err != nil {
				t.Fatal(err)
			}
			d := docs[i]
			i++
			if d.ID != want["id"] || d.Text != want["text"] || d.Title != strings.TrimSpace(want["title"]) ||
				d.Published != want["published"] || d.Lang != want["lang"] || d.Source != want["source"] || d.URL != want["url"] {
				t.Errorf("%s line %d: got %+v", tc.file, i, d)
			}
		}
	}
}
