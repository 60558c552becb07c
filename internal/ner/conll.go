// Package ner measures Marsad's entity recognition on token-level NER corpora: it reads and
// writes CoNLL token files, tags their sentences with the recognizer's persons, places and
// organisations as BIO tags, and scores tags the way conlleval does (exact-span entity F1).
//
// It sits beside the pipeline, not in it: the recognizer works on running text with its own
// tokens, and this package is the bridge from that to corpora that fix the tokens for us.
package ner

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Token is one token line of a CoNLL file.
type Token struct {
	Text string
	// Gold is the second column (the reference tag); empty when the file has one column.
	Gold string
	// Pred is the third column (a system's tag); empty when the file has fewer columns.
	Pred string
}

// Sentence is a run of token lines between blank lines.
type Sentence struct {
	Tokens []Token
	// Line is the 1-based line number of the first token, for messages.
	Line int
	// blanksAfter counts the blank lines that follow the sentence, so that writing the
	// file back reproduces its layout line for line.
	blanksAfter int
}

// File is a CoNLL token file: one `token [GOLD [PRED]]` per line, blank lines between
// sentences. Every token line has the same number of columns.
type File struct {
	Sentences []Sentence
	// Columns is the number of columns of the token lines (1, 2 or 3); 0 for a file
	// without tokens.
	Columns int
	// leadBlanks counts blank lines before the first sentence; noFinalNewline records a
	// last line without its newline. Both exist so that output lines up with input line
	// for line, whatever tool produced it.
	leadBlanks     int
	noFinalNewline bool
}

// Read parses a CoNLL token file. Fields are separated by spaces or tabs; a line holding only
// white space counts as blank; a UTF-8 byte-order mark and CR before LF are dropped. Tags
// must be O, B-TYPE or I-TYPE. A malformed line is reported with its number.
func Read(r io.Reader) (*File, error) {
	f := &File{}
	br := bufio.NewReader(r)
	inSentence := false // the previous line was a token line
	lineNo := 0
	for {
		line, err := br.ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("conll: read line %d: %w", lineNo+1, err)
		}
		if line == "" && errors.Is(err, io.EOF) {
			break
		}
		lineNo++
		hasNewline := strings.HasSuffix(line, "\n")
		f.noFinalNewline = !hasNewline
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if lineNo == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		fields := strings.Fields(line)
		n := len(f.Sentences)
		switch {
		case len(fields) == 0 && n == 0:
			f.leadBlanks++
		case len(fields) == 0:
			f.Sentences[n-1].blanksAfter++
		default:
			tok, err := parseToken(fields, lineNo, f)
			if err != nil {
				return nil, err
			}
			if !inSentence {
				f.Sentences = append(f.Sentences, Sentence{Line: lineNo})
				n++
			}
			f.Sentences[n-1].Tokens = append(f.Sentences[n-1].Tokens, tok)
		}
		inSentence = len(fields) > 0
		if !hasNewline {
			break
		}
	}
	return f, nil
}

func parseToken(fields []string, lineNo int, f *File) (Token, error) {
	if len(fields) > 3 {
		return Token{}, fmt.Errorf("conll: line %d: %d columns %q; want `token`, `token TAG` or `token GOLD PRED`",
			lineNo, len(fields), strings.Join(fields, " "))
	}
	if f.Columns == 0 {
		f.Columns = len(fields)
	} else if len(fields) != f.Columns {
		return Token{}, fmt.Errorf("conll: line %d: %d columns, but earlier token lines have %d",
			lineNo, len(fields), f.Columns)
	}
	t := Token{Text: fields[0]}
	if len(fields) > 1 {
		t.Gold = fields[1]
	}
	if len(fields) > 2 {
		t.Pred = fields[2]
	}
	for _, tag := range fields[1:] {
		if !validTag(tag) {
			return Token{}, fmt.Errorf("conll: line %d: tag %q of token %q is not O, B-TYPE or I-TYPE", lineNo, tag, fields[0])
		}
	}
	return t, nil
}

func validTag(t string) bool {
	if t == "O" {
		return true
	}
	return len(t) > 2 && (t[0] == 'B' || t[0] == 'I') && t[1] == '-'
}

// Layout selects the columns Write puts after each token.
type Layout int

const (
	// AsRead writes the columns the file was read with.
	AsRead Layout = iota
	// PredOnly writes `token PRED`: a tagger's output.
	PredOnly
	// GoldPred writes `token GOLD PRED`: what a scorer reads.
	GoldPred
)

// Write writes f with the given columns, reproducing its blank lines (and a missing final
// newline) so that line n of the output is line n of the input. A column that is empty for
// some token is an error: the result would no longer be a table.
func (f *File) Write(w io.Writer, layout Layout) error {
	bw := bufio.NewWriter(w)
	// Each line's newline is written only when another line follows, so that the last one
	// can go without it when the input's did.
	pending := false
	newline := func() {
		if pending {
			bw.WriteByte('\n')
		}
		pending = true
	}
	for range f.leadBlanks {
		newline()
	}
	for _, s := range f.Sentences {
		for i, t := range s.Tokens {
			var cols []string
			switch layout {
			case AsRead:
				cols = []string{t.Gold, t.Pred}[:f.Columns-1]
			case PredOnly:
				cols = []string{t.Pred}
			case GoldPred:
				cols = []string{t.Gold, t.Pred}
			}
			newline()
			bw.WriteString(t.Text)
			for _, c := range cols {
				if c == "" {
					return fmt.Errorf("conll: write: token %q (line %d) has an empty column", t.Text, s.Line+i)
				}
				bw.WriteByte(' ')
				bw.WriteString(c)
			}
		}
		for range s.blanksAfter {
			newline()
		}
	}
	if pending && !f.noFinalNewline {
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("conll: write: %w", err)
	}
	return nil
}

// Words returns the token texts sentence by sentence: what Tag reads.
func (f *File) Words() [][]string {
	out := make([][]string, len(f.Sentences))
	for i, s := range f.Sentences {
		out[i] = make([]string, len(s.Tokens))
		for j, t := range s.Tokens {
			out[i][j] = t.Text
		}
	}
	return out
}

// SetPred stores tags (as returned by Tag) in the Pred column. It fails when their shape
// differs from the file's, which would misalign every later line.
func (f *File) SetPred(tags [][]string) error {
	if len(tags) != len(f.Sentences) {
		return fmt.Errorf("conll: %d tagged sentences for %d in the file", len(tags), len(f.Sentences))
	}
	for i := range f.Sentences {
		s := &f.Sentences[i]
		if len(tags[i]) != len(s.Tokens) {
			return fmt.Errorf("conll: sentence at line %d: %d tags for %d tokens", s.Line, len(tags[i]), len(s.Tokens))
		}
		for j := range s.Tokens {
			s.Tokens[j].Pred = tags[i][j]
		}
	}
	return nil
}
