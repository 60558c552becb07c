package main

import (
	"context"
	"fmt"
	"io"
)

func cmdIngest(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "marsad ingest: not implemented yet")
	return 1
}

func cmdEvents(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "marsad events: not implemented yet")
	return 1
}
