package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"marsad/internal/store"
)

// Cells longer than these are cut with "…" so one long list does not push every other
// row off the screen. The last column (doc) is never cut.
const (
	maxFigures = 44
	maxPlaces  = 32
	maxActors  = 28
)

// WriteTable writes an aligned table: type, date, figures, places, actors, doc.
//
// Columns are aligned by display width, not bytes or runes: Arabic harakat take no
// column, CJK and emoji take two. A cell holding right-to-left text is wrapped in Unicode
// directional isolates (FSI … PDI): a terminal that lays out bidirectional text then keeps
// the cell in its column instead of reordering it with the padding and its neighbours;
// terminals that do not, show nothing for them.
func WriteTable(w io.Writer, evs []store.StoredEvent) error {
	rows := [][]string{{"TYPE", "DATE", "FIGURES", "PLACES", "ACTORS", "DOC"}}
	for _, e := range evs {
		ev := e.Event
		rows = append(rows, []string{
			ev.Type,
			orDash(Date(ev.Date)),
			orDash(truncate(Figures(ev.Figures), maxFigures)),
			orDash(truncate(strings.Join(PlaceNames(ev.Places), ", "), maxPlaces)),
			orDash(truncate(strings.Join(ev.Actors, ", "), maxActors)),
			e.Doc.ID,
		})
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], Width(c))
		}
	}
	bw := bufio.NewWriter(w)
	for _, r := range rows {
		for i, c := range r {
			if i == len(r)-1 {
				bw.WriteString(isolate(c))
				break
			}
			bw.WriteString(isolate(c))
			bw.WriteString(strings.Repeat(" ", widths[i]-Width(c)+2))
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// Width is the number of terminal columns s takes.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf), r == 0x200B:
		return 0 // combining marks, bidi controls, zero-width joiners and spaces
	case unicode.IsControl(r):
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// truncate cuts s to at most max columns, ending with "…" when cut. It never separates a
// letter from the marks that follow it.
func truncate(s string, max int) string {
	if Width(s) <= max {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		rw := runeWidth(r)
		if rw > 0 && n+rw > max-1 {
			break
		}
		b.WriteRune(r)
		n += rw
	}
	return strings.TrimRight(b.String(), " ,") + "…"
}

// isolate wraps right-to-left text in FSI … PDI.
func isolate(s string) string {
	for _, r := range s {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return "\u2068" + s + "\u2069"
		}
	}
	return s
}
