package clean

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// prefixedRE is a regular expression anchored at the start of the text, with literal
// prefixes one of which every match starts with. Most lines start with none, and looking
// them up is far cheaper than running the matcher, which for every line would also clear
// a bitmap the size of the program times the line.
type prefixedRE struct {
	re *regexp.Regexp
	// prefixes is sorted, and no prefix starts with another: the only one that can start
	// a text is the greatest not above it.
	prefixes []string
	// heads holds head(p) of each prefix of two bytes or more, and short the first byte of
	// each one-byte prefix: a text whose first bytes are in neither starts with no prefix,
	// told without the binary search (a line is tried against half a dozen expressions).
	heads, short [4]uint64
}

// head hashes the first two bytes of s (it must have two) to a byte.
func head(s string) uint8 { return s[0]*31 + s[1] }

func bitSet(set *[4]uint64, b uint8) { set[b>>6] |= 1 << (b & 63) }

func bitIn(set *[4]uint64, b uint8) bool { return set[b>>6]&(1<<(b&63)) != 0 }

// mustPrefixed compiles expr, which must start with "^" and whose matches must start with
// one of a set of literal prefixes (matchPrefixes); it panics otherwise.
func mustPrefixed(expr string) prefixedRE {
	prefixes, ok := matchPrefixes(expr)
	if !ok {
		panic("clean: no literal prefixes for " + expr)
	}
	slices.Sort(prefixes)
	// A text that starts with a longer prefix starts with any shorter one it extends:
	// keeping the shorter finds the same texts. Sorted, a string comes after its prefixes
	// and before any other string that does not start with them.
	var kept []string
	for _, p := range prefixes {
		if len(kept) == 0 || !strings.HasPrefix(p, kept[len(kept)-1]) {
			kept = append(kept, p)
		}
	}
	p := prefixedRE{re: regexp.MustCompile(expr), prefixes: kept}
	for _, k := range kept {
		if len(k) == 1 {
			bitSet(&p.short, k[0])
		} else {
			bitSet(&p.heads, head(k))
		}
	}
	return p
}

// hasPrefix reports whether s starts with one of p.prefixes. Any prefix of s is not above
// s, and any string between it and s starts with it: so it is the greatest prefix not
// above s, as no prefix starts with another.
func (p *prefixedRE) hasPrefix(s string) bool {
	if len(s) >= 2 && !bitIn(&p.heads, head(s)) && !bitIn(&p.short, s[0]) {
		return false
	}
	i, found := slices.BinarySearch(p.prefixes, s)
	if found {
		return true
	}
	return i > 0 && strings.HasPrefix(s, p.prefixes[i-1])
}

// MatchString is p.re.MatchString(s).
func (p *prefixedRE) MatchString(s string) bool {
	return p.hasPrefix(s) && p.re.MatchString(s)
}

// FindStringSubmatch is p.re.FindStringSubmatch(s).
func (p *prefixedRE) FindStringSubmatch(s string) []string {
	if !p.hasPrefix(s) {
		return nil
	}
	return p.re.FindStringSubmatch(s)
}

// maxPrefixes bounds the prefix sets matchPrefixes builds: a concatenation stops growing
// its prefixes when the next element would take them past it.
const maxPrefixes = 256

// matchPrefixes returns non-empty literal strings one of which every match of expr starts
// with. ok is false when expr is not anchored at the start of the text ("^..." with no
// top-level alternation) or when some match may start with no known literal.
func matchPrefixes(expr string) (prefixes []string, ok bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) == 0 || re.Sub[0].Op != syntax.OpBeginText {
		return nil, false
	}
	set, _ := litPrefixes(re)
	for _, p := range set {
		if p == "" {
			return nil, false
		}
	}
	return set, true
}

// litPrefixes returns strings one of which every match of re starts with. When complete,
// every match of re is one of them exactly, and what follows re in a concatenation can
// extend them.
func litPrefixes(re *syntax.Regexp) (set []string, complete bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginText:
		// BeginText matches only where a match anchored at the start begins: an empty string.
		return []string{""}, true
	case syntax.OpLiteral:
		// U+FFFD also matches an invalid byte, which is not its encoding.
		if re.Flags&syntax.FoldCase != 0 || slices.Contains(re.Rune, utf8.RuneError) {
			return []string{""}, false
		}
		return []string{string(re.Rune)}, true
	case syntax.OpCharClass:
		n := 0
		for i := 0; i < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
		}
		if n > 32 || slices.ContainsFunc(re.Rune, func(r rune) bool { return r >= utf8.RuneError }) {
			return []string{""}, false
		}
		for i := 0; i < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				set = append(set, string(r))
			}
		}
		return set, true
	case syntax.OpCapture:
		return litPrefixes(re.Sub[0])
	case syntax.OpQuest:
		set, complete = litPrefixes(re.Sub[0])
		return append(set, ""), complete
	case syntax.OpPlus:
		set, _ = litPrefixes(re.Sub[0])
		return set, false
	case syntax.OpRepeat:
		if re.Min == 0 {
			return []string{""}, false
		}
		set, _ = litPrefixes(re.Sub[0])
		return set, false
	case syntax.OpAlternate:
		complete = true
		for _, sub := range re.Sub {
			s, c := litPrefixes(sub)
			set = append(set, s...)
			complete = complete && c
		}
		return set, complete
	case syntax.OpConcat:
		set = []string{""}
		for _, sub := range re.Sub {
			next, c := litPrefixes(sub)
			if len(set)*len(next) > maxPrefixes {
				return set, false
			}
			var joined []string
			for _, a := range set {
				for _, b := range next {
					joined = append(joined, a+b)
				}
			}
			set = joined
			if !c {
				return set, false
			}
		}
		return set, true
	}
	// Anything else (stars, any character, large classes, other assertions): a match may
	// start with anything, or is empty.
	return []string{""}, false
}
