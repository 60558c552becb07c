package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestNamesMatch(t *testing.T) {
	in := "# a comment\nحموشي\tHammouchi\nالحموشي\tHamouchi\nإنزكان أيت ملول\tInezgane-Aït Melloul\nداعش\tISIS\nحموشي\tHamdouchi\nTetouan\tTaounate\n"
	path := filepath.Join(t.TempDir(), "pairs.tsv")
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []bool{true, true, true, true, false, false}
	code, out, errOut := runCmd(t, context.Background(), "names", "match", "--pairs", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d lines for %d pairs:\n%s", len(lines), len(want), out)
	}
	for i, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 2 {
			t.Fatalf("line %q: want score<TAB>same", l)
		}
		s, err := strconv.ParseFloat(f[0], 64)
		if err != nil || s < 0 || s > 1 {
			t.Errorf("line %q: score not in [0,1]", l)
		}
		if f[1] != strconv.FormatBool(want[i]) {
			t.Errorf("pair %d: %q, want same=%v", i+1, l, want[i])
		}
	}
	if errOut != "" {
		t.Errorf("unlabelled pairs print no accuracy: %q", errOut)
	}
}

func TestNamesMatchStdinAndLabels(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stdin")
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("Hammouchi\tحموشي\tsame\tperson\nRabat\tSalé\tdifferent\tplace\n")
	f.Seek(0, 0)
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old; f.Close() }()
	code, out, errOut := runCmd(t, context.Background(), "names", "match", "--no-tables")
	if code != 0 || strings.Count(out, "\n") != 2 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "accuracy 1.000 (2 of 2 pairs") {
		t.Errorf("accuracy line: %q", errOut)
	}
}

func TestNamesUsage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.tsv")
	os.WriteFile(path, []byte("no tab on this line\n"), 0o644)
	if code, _, errOut := runCmd(t, context.Background(), "names", "match", "--pairs", path); code != 1 || !strings.Contains(errOut, "line 1") {
		t.Errorf("bad line: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, context.Background(), "names", "match", "--pairs", filepath.Join(t.TempDir(), "missing.tsv")); code != 1 || errOut == "" {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
	for _, args := range [][]string{{"names"}, {"names", "compare"}, {"names", "match", "extra"}, {"names", "match", "--bogus"}} {
		if code, _, errOut := runCmd(t, context.Background(), args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}
