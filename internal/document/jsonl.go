package document

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ReadJSONL reads one document per line from r, as Walk does for a .jsonl file; name
// stands for r in messages and derived ids (a file path, or "POST /api/documents").
// Blank lines are skipped. A broken line is passed to onErr with its line number and the
// other lines are still read; a failure of r itself ends reading, also reported to onErr.
// It returns the number of documents fn accepted, and an error only when ctx is cancelled
// or fn fails.
func ReadJSONL(ctx context.Context, r io.Reader, name string, opt Options, fn func(Document) error, onErr func(error)) (int, error) {
	if onErr == nil {
		log := opt.logger()
		onErr = func(err error) { log.Warn("skipped input", "err", err) }
	}
	max := opt.maxBytes()
	br := bufio.NewReaderSize(r, 64<<10)

	// A binary file given a .jsonl name would otherwise produce one error per "line".
	head, _ := br.Peek(512)
	if len(bytes.TrimSpace(head)) > 0 {
		if p := sniffBinary(head); p != nil {
			onErr(p.inputError(name, 0))
			return 0, nil
		}
	}

	var (
		n, lineNo, nonBlank, decodedLines int
		buf                               []byte
	)
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		line, tooLong, err := readLine(br, max, buf[:0])
		buf = line
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// The stream itself failed: there is no next line to go on to.
			onErr(&InputError{Path: name, Line: lineNo + 1, Err: fmt.Errorf("read: %w", err), Hint: "the lines before this one were read; read the input again"})
			return n, nil
		}
		lineNo++
		if tooLong {
			nonBlank++
			onErr(&InputError{
				Path: name, Line: lineNo,
				Err:  fmt.Errorf("%w: line is over the %s limit for one article", ErrTooLarge, megabytes(max)),
				Hint: "split the article or raise --max-doc-size; the other lines are read",
			})
			continue
		}
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, []byte(bomUTF8))
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		nonBlank++
		doc, note, p := parseJSONLine(name, lineNo, line, opt)
		if p != nil {
			onErr(p.inputError(name, lineNo))
			continue
		}
		if note != "" {
			// A file in a legacy encoding has it on every line: say so once.
			if decodedLines == 0 {
				opt.logger().Warn("input was not clean UTF-8; decoded it", "path", name, "line", lineNo, "as", note)
			}
			decodedLines++
		}
		if err := fn(doc); err != nil {
			return n, err
		}
		n++
	}
	if decodedLines > 1 {
		opt.logger().Warn("lines were not clean UTF-8; decoded them", "path", name, "lines", decodedLines)
	}
	if nonBlank == 0 {
		onErr(&InputError{Path: name, Err: fmt.Errorf("%w: no documents", ErrEmpty), Hint: "each line should be one JSON object with an \"id\" and a \"text\""})
	}
	return n, nil
}

// readLine returns the next line without its line ending, reusing buf. A line longer
// than max bytes is consumed whole but not kept (tooLong), so that one huge line costs
// no memory and reading resumes at the next. The error is io.EOF only when no line is left.
func readLine(br *bufio.Reader, max int64, buf []byte) (line []byte, tooLong bool, err error) {
	read := false
	for {
		chunk, err := br.ReadSlice('\n')
		read = read || len(chunk) > 0
		if !tooLong {
			// +2 leaves room for the "\r\n" that is not part of the line.
			if int64(len(buf)+len(chunk)) > max+2 {
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, false, err
		}
		if err != nil && !read {
			return nil, false, io.EOF
		}
		break
	}
	buf = bytes.TrimSuffix(buf, []byte("\n"))
	buf = bytes.TrimSuffix(buf, []byte("\r"))
	if int64(len(buf)) > max {
		return buf[:0], true, nil
	}
	return buf, tooLong, nil
}

// parseJSONLine reads one JSON object. Fields other than the documented ones are ignored,
// so exports from other tools (with "category", "author", ...) can be read as they are.
// note says how the line was decoded when it was not clean UTF-8.
func parseJSONLine(name string, lineNo int, line []byte, opt Options) (doc Document, note string, p *problem) {
	d, p := decodeText(line, false)
	if p != nil {
		return Document{}, "", p
	}
	trimmed := strings.TrimSpace(d.text)
	if !strings.HasPrefix(trimmed, "{") {
		return Document{}, "", &problem{fmt.Errorf("%w: the line is not a JSON object", ErrSyntax), "write one {...} object per line"}
	}
	fields, err := readObject(trimmed)
	if err != nil {
		if se, ok := err.(*syntaxError); ok {
			err = fmt.Errorf("%w at byte %d: %s", ErrSyntax, se.offset, se.msg)
		}
		return Document{}, "", &problem{err, "fix or remove this line; the other lines are read"}
	}

	var bad []string
	field := func(f int, name string, number bool) string {
		s, ok := jsonString(fields[f], number)
		if !ok {
			bad = append(bad, name)
		}
		return s
	}
	doc.ID = strings.TrimSpace(field(fID, "id", true))
	doc.URL = strings.TrimSpace(field(fURL, "url", false))
	doc.Source = strings.TrimSpace(field(fSource, "source", false))
	doc.Title = strings.TrimSpace(field(fTitle, "title", false))
	published := strings.TrimSpace(field(fPublished, "published", false))
	doc.Lang = langCode(strings.TrimSpace(field(fLang, "lang", false)))
	text := field(fText, "text", false)
	page := field(fHTML, "html", false)
	if len(bad) > 0 {
		return Document{}, "", &problem{
			fmt.Errorf("%w: %s must be a string", ErrField, strings.Join(bad, ", ")),
			"fix this line; the other lines are read",
		}
	}
	// The text given by the exporter is preferred to its raw page: it was chosen by someone
	// who saw the page, where our extraction would guess.
	switch {
	case strings.TrimSpace(text) != "":
		doc.Text = text
	case strings.TrimSpace(page) != "":
		doc.HTML = page
	default:
		return Document{}, "", &problem{fmt.Errorf("%w: the object has no article", ErrNoText), `put the article in "text" (plain text) or "html" (a web page)`}
	}
	if doc.ID == "" {
		// Line numbers are stable for a given file, so re-reading it gives the same ids.
		doc.ID = stem(name) + "-" + strconv.Itoa(lineNo)
	}
	if published != "" {
		date, ok := ParseDate(published)
		if !ok {
			opt.logger().Warn("unreadable published date; reading the document without it",
				"path", name, "line", lineNo, "published", published, "want", "YYYY-MM-DD or RFC 3339")
		}
		doc.Published = date
	}
	doc.Origin = fmt.Sprintf("%s:%d", name, lineNo)
	return doc, d.note, nil
}

// jsonString reads a JSON string; null and absence read as "". An id may also be a
// number, as some exporters write it. ok is false for any other JSON type.
func jsonString(v jsonValue, number bool) (string, bool) {
	switch v.kind {
	case 0, '"':
		return v.value, true
	case '0':
		return v.value, number
	}
	return "", false
}

// langCode keeps the primary language subtag, lower-cased: "AR-ma" → "ar".
func langCode(s string) string {
	s = strings.ToLower(s)
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	return s
}

// ParseDate reads a publication date written as YYYY-MM-DD or as RFC 3339 (or any
// timestamp that starts with the date, "2023-12-26 10:00") and returns the calendar
// date as written. The date is not moved to UTC: "2023-12-26T00:30:00+01:00" was published
// on the 26th where it was written, which is what relative dates in the article mean.
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return "", false
	}
	date, rest := s[:10], s[10:]
	if rest != "" && rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ' {
		return "", false
	}
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return "", false
	}
	return date, true
}
