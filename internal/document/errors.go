package document

import (
	"errors"
	"fmt"
)

// Kinds of bad input. An *InputError wraps one of these (or an I/O error), so callers can
// count or group problems with errors.Is without parsing messages.
var (
	ErrEmpty       = errors.New("empty")
	ErrBinary      = errors.New("binary data, not text")
	ErrTooLarge    = errors.New("too large")
	ErrEncoding    = errors.New("not valid UTF-8, and not a legacy encoding we recognise")
	ErrUnsupported = errors.New("unsupported file type")
	ErrSyntax      = errors.New("invalid JSON")
	ErrNoText      = errors.New(`no "text" or "html"`)
	ErrField       = errors.New("bad field")
)

// InputError names where the problem is and what to do about it. Line is 1-based and
// zero when the problem concerns a whole file.
type InputError struct {
	Path string
	Line int
	Err  error
	Hint string
}

func (e *InputError) Error() string {
	where := e.Path
	if where == "" {
		where = "input"
	}
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", where, e.Line)
	}
	if e.Hint == "" {
		return fmt.Sprintf("%s: %v", where, e.Err)
	}
	return fmt.Sprintf("%s: %v; %s", where, e.Err, e.Hint)
}

func (e *InputError) Unwrap() error { return e.Err }
