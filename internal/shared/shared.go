// Package shared locates the shared corpus and evaluation data (../shared beside the
// checkout, or $MARSAD_SHARED) for tests and benchmarks that read it. The data is never
// copied into the project; callers skip with a message when it is absent.
package shared

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// Dir is the shared data folder: $MARSAD_SHARED when set, else "shared" beside the
// repository, found from this source file so that it does not depend on the directory a
// test runs in.
func Dir() string {
	if d := os.Getenv("MARSAD_SHARED"); d != "" {
		return d
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "shared")
	}
	// file is <repo>/internal/shared/shared.go
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared")
}

// Path joins parts below Dir.
func Path(parts ...string) string {
	return filepath.Join(append([]string{Dir()}, parts...)...)
}

// Texts reads a corpus file below Dir (JSON lines with "title" and "text") and returns
// each document's title and text as extraction reads them, the title, a blank line, the
// text; and the bytes of titles and texts together, for a benchmark's MB/s.
func Texts(parts ...string) ([]string, int64, error) {
	path := Path(parts...)
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var texts []string
	var size int64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		var d struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, 0, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		texts = append(texts, d.Title+"\n\n"+d.Text)
		size += int64(len(d.Title) + len(d.Text))
	}
	if err := sc.Err(); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	return texts, size, nil
}
