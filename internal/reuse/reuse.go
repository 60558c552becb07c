// Package reuse holds the one helper the extraction stages share for the arrays they keep
// from one document to the next (the scratch of extract.Extractor, recognize.Buffers,
// event.Buffers).
package reuse

// Zeroed returns s resized to n elements, all zero, reusing its array when it is large
// enough.
func Zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}
