package main

import (
	"context"
	"fmt"
	"io"
)

func cmdExtract(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "marsad extract: not implemented yet")
	return 1
}
