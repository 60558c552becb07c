package text

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is a run of tokens [From, To) and the rune span it covers.
type Sentence struct {
	From, To   int // token indexes
	Start, End int // rune offsets
}

// abbreviations whose final dot does not end a sentence (folded keys, without the dot).
var abbreviations = map[string]bool{
	"m": true, "mm": true, "mme": true, "mlle": true, "dr": true, "mr": true, "mrs": true, "ms": true,
	"st": true, "ste": true, "jr": true, "sr": true, "prof": true, "gen": true, "col": true,
	"lt": true, "sgt": true, "capt": true, "gov": true, "sen": true, "rep": true, "no": true,
	"vs": true, "etc": false, "av": true, "j.-c": true, "cf": true, "p": true, "art": true,
	"u.s": true, "u.k": true, "inc": true, "ltd": true, "co": true, "corp": true, "dept": true,
	"mt": true, "ft": true, "fig": true, "vol": true, "n°": true,
}

// Sentences splits tokens into sentences. A line break always ends a sentence (headlines,
// datelines and paragraphs are separate units in news text); so do . ! ? ؟ … unless the
// dot closes an abbreviation or an initial ("Richard K. Guy") or a lower-case word follows.
func Sentences(toks []Token) []Sentence {
	return appendSentences(nil, toks)
}

// appendSentences appends the sentences of toks to out[:0].
func appendSentences(out []Sentence, toks []Token) []Sentence {
	// about one sentence in twenty tokens of news text: room at once, not by regrowth
	out = slices.Grow(out[:0], len(toks)/16+1)
	from := 0 // a local of the loop, not of a closure: it stays in a register
	for i := range toks {
		t := &toks[i]
		if i > from && t.Break {
			out = appendSentence(out, toks, from, i)
			from = i
		}
		if t.Kind != Punct {
			continue
		}
		switch t.Text {
		case "!", "?", "؟", "…", "!?", "?!":
		case ".":
			if !endsSentence(toks, i) {
				continue
			}
		default:
			continue
		}
		out = appendSentence(out, toks, from, i+1)
		from = i + 1
	}
	return appendSentence(out, toks, from, len(toks))
}

// appendSentence appends the sentence of tokens [from, to) to out, if it has any.
func appendSentence(out []Sentence, toks []Token, from, to int) []Sentence {
	if to > from {
		out = append(out, Sentence{From: from, To: to, Start: toks[from].Start, End: toks[to-1].End})
	}
	return out
}

func endsSentence(toks []Token, i int) bool {
	if i+1 < len(toks) {
		next := &toks[i+1]
		if next.Break {
			return true
		}
		if next.Kind == Punct && (next.Text == "." || next.Text == "," || next.Text == ")" || next.Text == "»" || next.Text == "\"") {
			return false
		}
		if next.Script == Latin && !next.IsUpper() && !next.Space {
			return false // "U.S." and "e.g." inside a word
		}
		if next.Script == Latin {
			r, _ := utf8.DecodeRuneInString(next.Text)
			if unicode.IsLower(r) {
				return false
			}
		}
	}
	if i > 0 {
		prev := &toks[i-1]
		if prev.Script == Latin && !toks[i].Space {
			if utf8.RuneCountInString(prev.Text) == 1 && prev.IsUpper() {
				return false // an initial
			}
			if abbreviations[strings.TrimSuffix(prev.Key, ".")] {
				return false
			}
		}
	}
	return true
}

// Analysis is a document's text broken into tokens and sentences.
type Analysis struct {
	Text      string
	Lang      string
	Tokens    []Token
	Sentences []Sentence
}

// Analyze tokenizes text and finds its language and sentences. declared, when not empty,
// is the language the source claims; it is trusted only if the text agrees that it is
// written in that script.
func Analyze(s, declared string) Analysis {
	return AnalyzeInto(nil, nil, s, declared)
}

// AnalyzeInto is Analyze with the tokens appended to buf[:0] and the keys and sentences
// built in z's buffers (either may be nil): a caller that analyzes many documents one after the other
// reuses one token array (the largest allocation of a document: 64 bytes a token) and one
// Tokenizer once it no longer needs the previous analysis.
func AnalyzeInto(buf []Token, z *Tokenizer, s, declared string) Analysis {
	if z == nil {
		z = &Tokenizer{}
	}
	toks := z.Append(slices.Grow(buf[:0], tokenEstimate(s)), s)
	lang := DetectLang(toks)
	if declared != "" && scriptOf(declared) == scriptOf(lang) {
		lang = declared
	}
	z.sents = appendSentences(z.sents, toks)
	sents := z.sents
	if cap(z.sents) > maxKeptSpans {
		z.sents = nil
	}
	return Analysis{Text: s, Lang: lang, Tokens: toks, Sentences: sents}
}

func scriptOf(lang string) string {
	if lang == "ar" {
		return "ar"
	}
	return "latin"
}

// SentenceOf returns the index of the sentence holding token i.
func (a *Analysis) SentenceOf(i int) int {
	lo, hi := 0, len(a.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		if a.Sentences[m].To <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Slice returns the text between two rune offsets.
func (a *Analysis) Slice(start, end int) string {
	return RuneSlice(a.Text, start, end)
}

// RuneSlice returns s[start:end] counted in runes.
func RuneSlice(s string, start, end int) string {
	if start < 0 {
		start = 0
	}
	bs, be := -1, len(s)
	n := 0
	for i := range s {
		if n == start {
			bs = i
		}
		if n == end {
			be = i
			break
		}
		n++
	}
	if bs < 0 {
		return ""
	}
	return s[bs:be]
}
