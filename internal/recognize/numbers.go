package recognize

import (
	"strconv"
	"strings"

	"marsad/internal/text"
)

// Number is a number stated in the text, in digits or words, with its qualifier.
type Number struct {
	From, To  int // tokens, qualifier included
	NumFrom   int // first token of the number itself
	NumTo     int // end of the number itself (before a trailing qualifier)
	Value     float64
	Qualifier string // "" (exact), approx, at_least, at_most
	Words     bool   // written in words
	// Definite is set for an Arabic number word with the article that follows its noun
	// ("المشتبه فيهم الثلاثة").
	Definite bool
}

// pluralScales are scale words that mean "thousands of", "millions of" when no number
// precedes them: vague, not a figure.
var pluralScales = map[string]bool{
	"الاف": true, "ملايين": true, "مليارات": true, "millions": true, "milliards": true,
	"thousands": true, "millions ": true, "billions": true, "milliers": true,
}

func (d *Doc) findNumbers() {
	toks := d.A.Tokens
	for i := 0; i < len(toks); i++ {
		// numberAt's own first test, without the call: a number opens with digits or a
		// number word (a temporal token); most tokens are neither
		if t := &toks[i]; d.dateTok[i] || t.Kind != text.Number && (t.Kind != text.Word || !d.temporal(i)) {
			continue
		}
		v, end, words, ok := d.numberAt(i)
		if !ok {
			continue
		}
		if isTimeOrScore(toks, i, end) {
			i = end - 1
			continue
		}
		n := Number{From: i, To: end, NumFrom: i, NumTo: end, Value: v, Words: words}
		if q, start, ok := d.wordEndingAt(i, "qualifier", 4); ok && q.Extra == "before" {
			n.From, n.Qualifier = start, q.Tag
		} else if q, qe, ok := d.word(end, "qualifier"); ok && q.Extra == "after" {
			n.To, n.Qualifier = qe, q.Tag
		}
		if _, _, ok := d.wordTag(i, "number", "approx"); ok && n.Qualifier == "" {
			n.Qualifier = "approx" // une quinzaine
		}
		d.Numbers = append(d.Numbers, n)
		i = end - 1
	}
	// Definite number words after their noun: الثلاثة, الأربعة.
	for i := range toks {
		t := &toks[i]
		if t.Script != text.Arabic || !strings.HasPrefix(t.Key, "ال") || d.dateTok[i] {
			continue
		}
		if w, ok := d.Lex.NumberWord(strings.TrimPrefix(t.Key, "ال")); ok && w >= 2 && w <= 10 && i > 0 && toks[i-1].Kind == text.Word {
			d.Numbers = append(d.Numbers, Number{From: i, To: i + 1, NumFrom: i, NumTo: i + 1, Value: w, Words: true, Definite: true})
		}
	}
}

// numberAt reads a number starting at token i: digits (with a following scale word) or a
// run of number words. It returns the value, the end token and whether it was in words.
func (d *Doc) numberAt(i int) (float64, int, bool, bool) {
	toks := d.A.Tokens
	if i < 0 || i >= len(toks) {
		return 0, 0, false, false // past the text: "من قبل" ending it, read as "ago"
	}
	t := &toks[i]
	if t.Kind == text.Number {
		v, ok := parseDigits(t.Key, d.A.Lang)
		if !ok {
			return 0, 0, false, false
		}
		end := i + 1
		// French and English write thousands with a space: "3 000 personnes".
		for end < len(toks) && toks[end].Kind == text.Number && toks[end].Space && !toks[end].Break &&
			len(toks[end].Key) == 3 && d.A.Lang != "ar" && v < 1000 && !strings.ContainsAny(toks[end-1].Key, ".,") {
			n, _ := strconv.Atoi(toks[end].Key)
			v = v*1000 + float64(n)
			end++
		}
		if w, e, ok := d.wordTag(end, "number", "scale"); ok {
			v *= w.Value
			end = e
			// "31 ألف و 319": the remainder after the scale word
			if end+1 < len(toks) && toks[end].Key == "و" && toks[end+1].Kind == text.Number && !toks[end+1].Break {
				if r, err := strconv.ParseFloat(toks[end+1].Key, 64); err == nil && r < w.Value {
					v += r
					end += 2
				}
			}
		} else if w, e, ok := d.wordTag(end, "number", "dual"); ok && w.Value >= 1000 {
			v *= w.Value / 2
			end = e
		}
		return v, end, false, true
	}
	if t.Kind != text.Word || !d.temporal(i) {
		// a number word is a temporal token (see Recognize): most words need no lookup
		return 0, 0, false, false
	}
	// Words: accumulate like the grammar reads them.
	total, current := 0.0, 0.0
	end, seen := i, false
	for j := i; j < len(toks); {
		w, e, ok := d.word(j, "number")
		if !ok || toks[j].Break && j > i {
			break
		}
		switch w.Tag {
		case "unit", "teen", "ten":
			if seen && current != 0 && current < 10 && w.Value < 10 {
				return 0, 0, false, false // "deux trois": not one number
			}
			current += w.Value
		case "hundred":
			if current > 0 && current < 10 && w.Value == 100 {
				current *= 100
			} else {
				current += w.Value
			}
		case "scale":
			if !seen {
				if pluralScales[toks[j].Key] {
					return 0, 0, false, false
				}
				current = 1
			}
			total += current * w.Value
			current = 0
		case "dual":
			total += w.Value
		case "approx":
			if seen {
				goto done
			}
			total += w.Value
			seen, end = true, e
			goto done
		default:
			goto done
		}
		seen, end = true, e
		j = e
		// skip a joining "and"/"et" between number words
		if j < len(toks) && (toks[j].Key == "and" || toks[j].Key == "et" || toks[j].Key == "و" || toks[j].Text == "-") {
			if _, _, ok := d.word(j+1, "number"); ok {
				j++
			}
		}
	}
done:
	if !seen {
		return 0, 0, false, false
	}
	return total + current, end, true, true
}

// parseDigits reads a digit token: leading zeros ("06"), thousands separators ("1.000",
// "1,000"), decimal commas ("1,45", "2,5").
func parseDigits(s, lang string) (float64, bool) {
	if !strings.ContainsAny(s, ".,،٫٬") {
		v, err := strconv.ParseFloat(s, 64)
		return v, err == nil
	}
	if strings.ContainsAny(s, "،٫٬") {
		// the Arabic comma and separators read as commas (a Replacer built here cost
		// 8,000 instructions a number)
		s = strings.Map(func(r rune) rune {
			if r == '،' || r == '٫' || r == '٬' {
				return ','
			}
			return r
		}, s)
	}
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == ',' })
	seps := strings.Map(func(r rune) rune {
		if r == '.' || r == ',' {
			return r
		}
		return -1
	}, s)
	thousands := len(groups) > 1
	for _, g := range groups[1:] {
		if len(g) != 3 {
			thousands = false
		}
	}
	// "1,45" with one separator: a decimal comma in Arabic and French, a thousands comma
	// in English only when three digits follow.
	if len(groups) == 2 && thousands {
		sep := seps[0]
		switch {
		case lang == "en" && sep == ',':
		case lang != "en" && sep == '.':
		case len(groups[0]) > 3:
			thousands = false
		default:
			thousands = sep == ','
			if lang != "en" {
				thousands = false
			}
		}
	}
	if thousands {
		v, err := strconv.ParseFloat(strings.Join(groups, ""), 64)
		return v, err == nil
	}
	if len(groups) == 2 {
		v, err := strconv.ParseFloat(groups[0]+"."+groups[1], 64)
		return v, err == nil
	}
	return 0, false
}

// isTimeOrScore skips clock times (12:30, 2 h 30), scores (2-1), percentages and phone-like
// digit runs: numbers that are never figures.
func isTimeOrScore(toks []text.Token, from, to int) bool {
	next := func(i int) string {
		if i < len(toks) && !toks[i].Space {
			return toks[i].Text
		}
		return ""
	}
	prev := func(i int) string {
		if i >= 0 && i+1 < len(toks) && !toks[i+1].Space {
			return toks[i].Text
		}
		return ""
	}
	switch next(to) {
	case ":", "%", "٪":
		return true
	case "-", "/":
		if to+1 < len(toks) && toks[to+1].Kind == text.Number && !toks[to+1].Space {
			return true
		}
	}
	switch prev(from - 1) {
	case ":", "/":
		return true
	}
	if to < len(toks) && (toks[to].Key == "h" || toks[to].Key == "a.m" || toks[to].Key == "p.m" || toks[to].Key == "utc") {
		return true
	}
	return false
}
