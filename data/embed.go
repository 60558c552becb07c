// Package data holds the lexicons and gazetteers Marsad compiles into its binary.
// Every file names its source and licence (see README.md in each folder).
package data

import "embed"

// FS is the data tree, read-only.
//
//go:embed *
var FS embed.FS
