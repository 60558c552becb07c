package ner

// Span is one entity over tokens [From, To) of a sentence.
type Span struct {
	From, To int
	Type     string
}

// Spans reads entities from BIO tags the way conlleval does, so that our scores can be
// compared with published ones: an entity starts at B-X, and also at an I-X that does not
// continue an entity of type X (after O, or after another type); it ends before any tag
// that does not continue it. Tags are assumed valid (see Read).
func Spans(tags []string) []Span {
	var out []Span
	open := -1
	typ := ""
	for i, t := range tags {
		prefix, ty := splitTag(t)
		if open >= 0 && (prefix != 'I' || ty != typ) {
			out = append(out, Span{From: open, To: i, Type: typ})
			open = -1
		}
		if prefix == 'B' || (prefix == 'I' && open < 0) {
			open, typ = i, ty
		}
	}
	if open >= 0 {
		out = append(out, Span{From: open, To: len(tags), Type: typ})
	}
	return out
}

// Tags writes spans as BIO tags over n tokens: B- on the first token of each span, so that
// adjacent entities of one type stay apart. Spans must not overlap.
func Tags(n int, spans []Span) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "O"
	}
	for _, s := range spans {
		for k := s.From; k < s.To; k++ {
			if k == s.From {
				out[k] = "B-" + s.Type
			} else {
				out[k] = "I-" + s.Type
			}
		}
	}
	return out
}

// splitTag returns the prefix letter ('B', 'I' or 0 for O) and the type of a tag.
func splitTag(t string) (byte, string) {
	if len(t) < 3 || t[1] != '-' {
		return 0, ""
	}
	return t[0], t[2:]
}
