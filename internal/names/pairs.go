package names

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Pair is one line of a pairs file: two names and, in labelled tables, whether they name the
// same entity.
type Pair struct {
	A, B  string
	Label string // same | different | "" (unlabelled)
	Kind  string // person | place | org | ""
	Line  int
}

// ReadPairs reads tab-separated pairs, name_a<TAB>name_b[<TAB>label[<TAB>kind...]], one a
// line; blank lines and lines starting with # are skipped. A line without a tab is an error
// naming its line.
func ReadPairs(r io.Reader) ([]Pair, error) {
	var out []Pair
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: want name_a<TAB>name_b, found no tab", n)
		}
		p := Pair{A: strings.TrimSpace(f[0]), B: strings.TrimSpace(f[1]), Line: n}
		if len(f) > 2 {
			p.Label = strings.TrimSpace(f[2])
		}
		if len(f) > 3 {
			p.Kind = strings.TrimSpace(f[3])
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read pairs: %w", err)
	}
	return out, nil
}

// Accuracy is how often a scorer's verdicts agree with labelled pairs.
type Accuracy struct {
	Pairs, Correct       int
	FalseSame, FalseDiff int // different pairs judged same; same pairs judged different
}

// Rate is Correct/Pairs (0 for no pairs).
func (a Accuracy) Rate() float64 {
	if a.Pairs == 0 {
		return 0
	}
	return float64(a.Correct) / float64(a.Pairs)
}

// Measure scores the labelled pairs with score and counts the verdicts at threshold.
// Unlabelled pairs are skipped.
func Measure(pairs []Pair, score func(a, b string) float64, threshold float64) Accuracy {
	var acc Accuracy
	for _, p := range pairs {
		if p.Label != "same" && p.Label != "different" {
			continue
		}
		acc.Pairs++
		same := score(p.A, p.B) >= threshold
		switch {
		case same == (p.Label == "same"):
			acc.Correct++
		case same:
			acc.FalseSame++
		default:
			acc.FalseDiff++
		}
	}
	return acc
}
