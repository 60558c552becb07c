package document

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// DefaultMaxDocBytes bounds one article: far above any real news story (the longest in the
// corpora is under 100 KB), low enough that a mistaken path cannot exhaust memory.
const DefaultMaxDocBytes = 10 << 20

// Options controls the readers. The zero value is ready to use.
type Options struct {
	// MaxDocBytes is the largest .txt or .html file, and the longest JSONL line, read as
	// one article. Zero means DefaultMaxDocBytes.
	MaxDocBytes int64
	// Logger receives warnings about input that was read but needed repair (a legacy
	// encoding, an unreadable date). Nil means slog.Default().
	Logger *slog.Logger
}

func (o Options) maxBytes() int64 {
	if o.MaxDocBytes > 0 {
		return o.MaxDocBytes
	}
	return DefaultMaxDocBytes
}

func (o Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.Default()
}

// format is how one file is read, chosen by its extension.
type format int

const (
	formatUnknown format = iota
	formatTXT
	formatHTML
	formatJSONL
)

func formatOf(path string) format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt":
		return formatTXT
	case ".html", ".htm":
		return formatHTML
	case ".jsonl":
		return formatJSONL
	}
	return formatUnknown
}

// Walk reads every document under paths and calls fn for each. A path is a file or a
// directory; directories are walked recursively in lexical order, so runs are
// reproducible, and files of other types in them are skipped, as are hidden files and
// directories (editor backups, .git). A file named explicitly must be .txt, .html, .htm
// or .jsonl.
//
// A problem with one file or line is passed to onErr as an *InputError and reading goes
// on; a nil onErr logs it instead. Walk returns the number of documents fn accepted, and
// an error only when ctx is cancelled or fn fails (that error, unchanged).
func Walk(ctx context.Context, paths []string, opt Options, fn func(Document) error, onErr func(error)) (int, error) {
	if onErr == nil {
		log := opt.logger()
		onErr = func(err error) { log.Warn("skipped input", "err", err) }
	}
	w := walker{ctx: ctx, opt: opt, fn: fn, onErr: onErr}
	for _, p := range paths {
		if err := w.path(p); err != nil {
			return w.n, err
		}
	}
	return w.n, nil
}

type walker struct {
	ctx   context.Context
	opt   Options
	fn    func(Document) error
	onErr func(error)
	n     int
}

func (w *walker) path(root string) error {
	info, err := os.Stat(root)
	if err != nil {
		w.onErr(&InputError{Path: root, Err: err, Hint: "check the path exists and is readable"})
		return nil
	}
	if !info.IsDir() {
		if formatOf(root) == formatUnknown {
			w.onErr(&InputError{Path: root, Err: ErrUnsupported, Hint: "give .txt, .html, .htm or .jsonl files, or a directory of them"})
			return nil
		}
		return w.file(root, info.Size())
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			w.onErr(&InputError{Path: p, Err: err, Hint: "check permissions; the rest of the directory is read"})
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || formatOf(p) == formatUnknown {
			return nil
		}
		// Stat follows symlinks: a link to a file is read, a link to a directory is not
		// followed (WalkDir does not either), which rules out cycles.
		info, err := os.Stat(p)
		if err != nil {
			w.onErr(&InputError{Path: p, Err: err, Hint: "check the file is readable (a broken symlink?)"})
			return nil
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		return w.file(p, info.Size())
	})
}

// file reads one file; it returns an error only to stop the whole walk.
func (w *walker) file(path string, size int64) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if formatOf(path) == formatJSONL {
		f, err := os.Open(path)
		if err != nil {
			w.onErr(&InputError{Path: path, Err: err, Hint: "check the file is readable"})
			return nil
		}
		defer f.Close()
		n, err := ReadJSONL(w.ctx, f, path, w.opt, w.fn, w.onErr)
		w.n += n
		return err
	}

	max := w.opt.maxBytes()
	if size > max {
		w.onErr(tooLargeFile(path, size, max))
		return nil
	}
	// The limit is enforced on what is read too: the file may have grown since Stat.
	b, err := readAtMost(path, max)
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			w.onErr(ie)
		} else {
			w.onErr(&InputError{Path: path, Err: err, Hint: "check the file is readable"})
		}
		return nil
	}
	var doc Document
	var p *problem
	var note string
	if formatOf(path) == formatTXT {
		doc, note, p = parseTXT(path, b)
	} else {
		doc, note, p = parseHTML(path, b)
	}
	if p != nil {
		w.onErr(p.inputError(path, 0))
		return nil
	}
	if note != "" {
		w.opt.logger().Warn("input was not clean UTF-8; decoded it", "path", path, "as", note)
	}
	if err := w.fn(doc); err != nil {
		return err
	}
	w.n++
	return nil
}

func readAtMost(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(b)) > max {
		return nil, tooLargeFile(path, 0, max)
	}
	return b, nil
}

// tooLargeFile reports a file over the limit; size is 0 when only the read (not Stat)
// found it too large, as the file then grew while being read and its size is unknown.
func tooLargeFile(path string, size, max int64) *InputError {
	what := "file is over the " + megabytes(max) + " limit for one article"
	if size > 0 {
		got := megabytes(size)
		if got == megabytes(max) || got == fmt.Sprintf("%.1f MB", float64(max)/(1<<20)) {
			got = fmt.Sprintf("%d bytes", size) // "10.0 MB, over the 10 MB limit" would puzzle
		}
		what = fmt.Sprintf("file is %s, over the %s limit for one article", got, megabytes(max))
	}
	return &InputError{
		Path: path,
		Err:  fmt.Errorf("%w: %s", ErrTooLarge, what),
		Hint: "split it or raise --max-doc-size",
	}
}

// megabytes prints a size the way users think of file sizes ("10 MB", "12.5 MB"); sizes
// under a megabyte (only ever a test's or a user's small limit) in bytes.
func megabytes(n int64) string {
	const mb = 1 << 20
	switch {
	case n < mb:
		return fmt.Sprintf("%d bytes", n)
	case n%mb == 0:
		return fmt.Sprintf("%d MB", n/mb)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/mb)
}

// stem is a file name without directory and extension: the id of a .txt or .html article.
// File names are bytes on Unix; an id must be text.
func stem(path string) string {
	base := strings.ToValidUTF8(filepath.Base(path), "\uFFFD")
	if s := strings.TrimSuffix(base, filepath.Ext(base)); s != "" {
		return s
	}
	return base // ".txt": a name that is all extension is its own id
}

// parseTXT reads a plain-text article. The first non-empty line is the title; the text is
// the whole file as published, title included, so offsets match what the outlet printed.
func parseTXT(path string, b []byte) (Document, string, *problem) {
	d, p := decodeText(b, false)
	if p != nil {
		return Document{}, "", p
	}
	return Document{
		ID:     stem(path),
		Title:  firstLine(d.text),
		Text:   d.text,
		Origin: path,
	}, d.note, nil
}

// parseHTML keeps the page whole: package clean chooses the article text and metadata.
func parseHTML(path string, b []byte) (Document, string, *problem) {
	d, p := decodeText(b, true)
	if p != nil {
		return Document{}, "", p
	}
	return Document{ID: stem(path), HTML: d.text, Origin: path}, d.note, nil
}

func firstLine(s string) string {
	for line := range strings.Lines(s) {
		if t := strings.TrimSpace(line); t != "" {
			return t
		}
	}
	return ""
}
