// Package shared locates the shared corpus and evaluation data (../shared beside the
// checkout, or $MARSAD_SHARED) for tests and benchmarks that read it. The data is never
// copied into the project; callers skip with a message when it is absent.
package shared

import (
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
