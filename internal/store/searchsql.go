package store

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"marsad/internal/event"
	"marsad/internal/store/search"
)

var datePattern = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

// CheckDate accepts the date forms of SearchQuery.From and To: YYYY, YYYY-MM or YYYY-MM-DD.
func CheckDate(s string) error {
	if !datePattern.MatchString(s) {
		return fmt.Errorf("date %q: write YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return nil
}

// Prepare checks q and returns its distinct search terms. Backends call it first, so they
// all refuse the same queries.
func (q SearchQuery) Prepare() ([]string, error) {
	if q.Type != "" && !slices.Contains(event.Types, q.Type) {
		return nil, fmt.Errorf("unknown event type %q: use one of %s", q.Type, strings.Join(event.Types, ", "))
	}
	for _, d := range []string{q.From, q.To} {
		if d != "" {
			if err := CheckDate(d); err != nil {
				return nil, err
			}
		}
	}
	if q.From != "" && q.To != "" && q.From > q.To && !strings.HasPrefix(q.From, q.To) {
		return nil, fmt.Errorf("from %s is after to %s", q.From, q.To)
	}
	if q.Limit < 0 || q.Offset < 0 {
		return nil, fmt.Errorf("limit and offset must be 0 or more")
	}
	var terms []string
	for _, t := range search.Terms(q.Text) {
		if !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return nil, fmt.Errorf("%w in %q: give a word that is not a common function word (في, de, the...)", ErrNoSearchTerms, q.Text)
	}
	return terms, nil
}

// PageSize is the number of hits a query asks for.
func (q SearchQuery) PageSize() int {
	if q.Limit == 0 {
		return DefaultSearchLimit
	}
	return q.Limit
}

// FilterSQL writes the WHERE conditions of a SearchQuery's filters in SQL that both
// backends run on their common schema (events e joined to documents d). Arg binds one
// value and returns its placeholder ("?" or "$n"). Dates are compared as text, so the
// backend must compare them bytewise (PostgreSQL: COLLATE "C" columns).
type FilterSQL struct {
	Q   SearchQuery
	Key func(string) string // Config.Key, for the place name
	Arg func(v any) string
}

// Active reports whether the query filters events or documents at all.
func (f FilterSQL) Active() bool {
	return f.Q.Type != "" || f.Q.Place != "" || f.Q.From != "" || f.Q.To != ""
}

// Event is the condition an event e of document d passes; "" when nothing filters events.
func (f FilterSQL) Event() string {
	var conds []string
	if f.Q.Type != "" {
		conds = append(conds, "e.type = "+f.Arg(f.Q.Type))
	}
	if f.Q.Place != "" {
		k := f.Key(f.Q.Place)
		// The entity set first (see Events): one row per place, not per naming document.
		conds = append(conds, `e.id IN (SELECT event_id FROM event_places WHERE entity_id IN (
			SELECT id FROM entities WHERE name_key = `+f.Arg(k)+`
			UNION SELECT entity_id FROM entity_name_keys WHERE name_key = `+f.Arg(k)+`))`)
	}
	if f.Q.From != "" || f.Q.To != "" {
		conds = append(conds, "(e.date_from IS NOT NULL AND "+f.overlap("e.date_from", "e.date_to")+
			" OR e.date_from IS NULL AND "+f.overlap("d.published", "d.published")+")")
	}
	return strings.Join(conds, " AND ")
}

// Document is the condition a document d passes; "" when nothing filters.
func (f FilterSQL) Document() string {
	ev := f.Event()
	if ev == "" {
		return ""
	}
	exists := "EXISTS (SELECT 1 FROM events e WHERE e.doc_pk = d.pk AND " + ev + ")"
	if f.Q.Type == "" && f.Q.Place == "" {
		// Dates alone: a document published in the range passes without any event.
		return "(" + f.overlap("d.published", "d.published") + " OR " + exists + ")"
	}
	return exists
}

// overlap is the condition that the period [from, to] (YYYY, YYYY-MM or YYYY-MM-DD
// strings) meets [Q.From, Q.To]. A bound written shorter stands for its whole year or
// month, so a period's end and the query's To compare with "~" appended: "~" sorts after
// every digit and "-", so "2023~" is after every day of 2023.
func (f FilterSQL) overlap(from, to string) string {
	var conds []string
	if f.Q.To != "" {
		conds = append(conds, from+" <= "+f.Arg(f.Q.To+"~"))
	}
	if f.Q.From != "" {
		conds = append(conds, to+" || '~' >= "+f.Arg(f.Q.From))
	}
	return "(" + strings.Join(conds, " AND ") + ")"
}
