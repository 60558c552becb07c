package clean

import (
	"slices"
	"strings"
	"testing"
)

func TestMatchPrefixes(t *testing.T) {
	tests := []struct {
		expr string
		want []string // nil: no prefixes
	}{
		{`^abc`, []string{"abc"}},
		{`^(?:ab|cd)e`, []string{"abe", "cde"}},
		{`^a ?:`, []string{"a :", "a:"}},
		{`^(?:x|y)+z`, []string{"x", "y"}},
		{`^[0-9k]+ v`, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "k"}},
		{`^ab*c`, []string{"a"}},
		{`^(a)(?:b|c{2,3})`, []string{"ab", "ac"}},
		{`^(?:a|b?)c`, []string{"ac", "bc", "c"}},
		{`^(?:a|b?)c*`, nil}, // may be empty
		{`^.x`, nil},         // any character
		{`^(?i:ab)`, nil},    // case folded
		{`^\x{FFFD}a`, nil},  // U+FFFD also matches an invalid byte
		{`abc`, nil},         // not anchored
		{`^abc|d`, nil},      // not anchored in every alternative
		{`^(?:a|b)*`, nil},   // may be empty
		{`^[^a]bc`, nil},     // large class
		{`^(?:الي|ل)اعلي`, []string{"الياعلي", "لاعلي"}},
	}
	for _, tc := range tests {
		got, ok := matchPrefixes(tc.expr)
		if ok != (tc.want != nil) || !slices.Equal(got, tc.want) {
			t.Errorf("matchPrefixes(%q) = %q, %v; want %q", tc.expr, got, ok, tc.want)
		}
	}
}

// A prefix guard must never hide a match: each furniture line the tests drop, and each
// phrase the patterns name, is matched with and without it alike.
func TestPrefixedSameMatches(t *testing.T) {
	res := []prefixedRE{reAgency, reCounter, reReadAlso, reComment, reBackToTop, reFollowUs, reTags, reCredit, reURL, reUpdated, reByName}
	inputs := []string{"", "x", "و م ع", "12 comments", "1.2k views", "اقرا ايضا: x", "a lire : x", "related", "leave a comment",
		"back to top", "follow us on x", "tags: a", "mots-cles : x", "المصدر: وكالات", "https://x.ma", "www.x.ma", "updated: x",
		"last updated", "By John Smith", "PAR Marie de la Tour", "\xffx", "\ufffdx"}
	for _, re := range res {
		for _, s := range inputs {
			for _, v := range []string{s, strings.ToUpper(s), s + " tail"} {
				if got, want := re.MatchString(v), re.re.MatchString(v); got != want {
					t.Errorf("%v.MatchString(%q) = %v, regexp gives %v", re.re, v, got, want)
				}
			}
		}
	}
}

// FuzzPrefixed checks the guards on any text: a match the guard would hide fails.
func FuzzPrefixed(f *testing.F) {
	for _, s := range []string{"اقرا ايضا: x", "12 comments", "By John Smith", "tags: a", "zz", "الذهاب الي الاعلي", "BZ", "و م ع"} {
		f.Add(s)
	}
	res := []prefixedRE{reAgency, reCounter, reReadAlso, reComment, reBackToTop, reFollowUs, reTags, reCredit, reURL, reUpdated, reByName}
	f.Fuzz(func(t *testing.T, s string) {
		for _, re := range res {
			if re.re.MatchString(s) && !re.hasPrefix(s) {
				t.Fatalf("%v matches %q, which has none of its prefixes", re.re, s)
			}
			all, _ := matchPrefixes(re.re.String())
			want := slices.ContainsFunc(all, func(p string) bool { return strings.HasPrefix(s, p) })
			if got := re.hasPrefix(s); got != want {
				t.Fatalf("%v: hasPrefix(%q) = %v, its prefixes say %v", re.re, s, got, want)
			}
		}
	})
}
