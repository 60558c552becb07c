// Package lexicontest compiles the embedded lexicon for tests.
package lexicontest

import (
	"fmt"
	"os"

	"marsad/data"
	"marsad/internal/lexicon"
)

// MustLoad compiles the embedded lexicon, or exits: a package's TestMain calls it once,
// since compiling takes longer than most of the tests that use it.
func MustLoad() *lexicon.Lexicon {
	lx, err := lexicon.Load(data.FS)
	if err != nil {
		fmt.Fprintln(os.Stderr, "load lexicon:", err)
		os.Exit(1)
	}
	return lx
}
