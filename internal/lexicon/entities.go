package lexicon

import (
	"bufio"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Paths of the entity lexicons inside the data tree (data.FS).
const (
	OrgsPath          = "orgs/orgs.tsv"
	UnitsPath         = "orgs/units.tsv"
	PersonsPath       = "persons/persons.tsv"
	TitlesPath        = "names/titles.tsv"
	NationalitiesPath = "names/nationalities.tsv"
	GivenArPath       = "names/given-ar.txt"
	GivenLatinPath    = "names/given-latin.txt"
	ParticlesPath     = "names/family-particles.txt"
	AmbiguousPath     = "names/given-ambiguous.txt"
)

// OrgEntry is one organisation of orgs.tsv.
//
// Aliases holds every surface form of the body, the weak ones included, so a
// matcher can compile Aliases alone; Weak is the subset that is ambiguous on its
// own (shared with another body, or also a common word) and needs an
// organisation context or the document's country to be trusted. Titles are
// office phrases ("المدير العام للأمن الوطني") that name the body through a
// person's office; they are not aliases, because they mention a person too.
type OrgEntry struct {
	ID, Kind, Country, Name string
	Aliases, Weak, Titles   []string
	// Actor: the body carries out security operations (police, gendarmerie,
	// intelligence, customs, armed forces, courts for convictions).
	Actor bool
	// Group: an armed, terrorist, extremist or organised-crime group that can
	// stand as the affiliation of a cell, network or attack.
	Group  bool
	Parent string
}

// UnitEntry is a local-unit type of units.tsv ("ولاية أمن", "commissariat de
// police") that forms an organisation with a place name.
type UnitEntry struct {
	Phrase, Lang, Parent, Kind, Country string
	// PlaceBefore: the place comes before the phrase ("El Paso Police
	// Department"); otherwise it follows ("ولاية أمن طنجة", "brigade de
	// gendarmerie de Grasse").
	PlaceBefore bool
}

// PersonEntry is one known public figure of persons.tsv.
type PersonEntry struct {
	ID, Name string
	Aliases  []string
	Country  string
	Role     string
}

// TitleEntry is a title or role word of titles.tsv that announces a person
// name; Org names the body the office belongs to, when it has one.
type TitleEntry struct{ Phrase, Lang, Kind, Org string }

// Nationality lists the adjective and demonym forms of one country (ISO 3166-1
// alpha-2). They tell a country; they are never entities themselves.
type Nationality struct {
	Country string
	Forms   []string
}

// Names holds the word lists the person recognizer anchors on.
type Names struct {
	GivenAr, GivenLatin, Particles []string
	// Ambiguous lists given names (both scripts) that are also common words
	// ("أمل" hope, "نور" light, "Rose", "Victoire"): a recognizer should accept
	// them only with more evidence (a title, a known family name).
	Ambiguous []string
}

// The closed vocabularies are switches rather than package maps so that the
// package holds no mutable state; a typo in the data must fail the load, not
// silently create a kind the recognizer has never heard of.

func validOrgKind(k string) bool {
	switch k {
	case "police", "intelligence", "gendarmerie", "military", "customs", "justice",
		"ministry", "government", "intl", "group", "union", "party", "media", "sport", "company", "other":
		return true
	}
	return false
}

func validLang(l string) bool {
	switch l {
	case "ar", "fr", "en", "es":
		return true
	}
	return false
}

func validTitleKind(k string) bool {
	switch k {
	case "office", "honorific", "role":
		return true
	}
	return false
}

// LoadOrgs reads the organisation lexicon: every orgs/*.tsv file but units.tsv
// (orgs.tsv, companies.tsv, clubs.tsv, ...), in file-name order, all with the
// orgs.tsv header. Ids are unique across the files, and parent ids are checked
// against every loaded id, so a renamed body cannot leave dangling children and
// a company may have its parent in another file. Errors name the file and line.
func LoadOrgs(fsys fs.FS) ([]OrgEntry, error) {
	files, err := fs.Glob(fsys, path.Join(path.Dir(OrgsPath), "*.tsv"))
	if err != nil {
		return nil, fmt.Errorf("lexicon: list orgs: %w", err)
	}
	// orgs.tsv is always read: without it the tree is broken, and opening it says so
	// (fs.ErrNotExist) rather than returning an empty lexicon.
	names := []string{OrgsPath}
	for _, f := range files {
		if f != OrgsPath && f != UnitsPath {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	type pos struct {
		file string
		line int
	}
	var out []OrgEntry
	var at []pos // at[i] is where out[i] was read
	seen := map[string]pos{}
	header := []string{"id", "kind", "country", "name", "aliases", "weak", "titles", "actor", "group", "parent"}
	for _, file := range names {
		err := readTSV(fsys, file, header, func(line int, r row) error {
			e := OrgEntry{
				ID: r.get("id"), Kind: r.get("kind"), Country: r.get("country"), Name: r.get("name"),
				Aliases: splitList(r.get("aliases")), Weak: splitList(r.get("weak")), Titles: splitList(r.get("titles")),
				Parent: r.get("parent"),
			}
			if e.ID == "" || e.Name == "" {
				return fmt.Errorf("org needs an id and a name")
			}
			if prev, ok := seen[e.ID]; ok {
				if prev.file == file {
					return fmt.Errorf("org id %q already defined on line %d", e.ID, prev.line)
				}
				return fmt.Errorf("org id %q already defined in %s:%d", e.ID, prev.file, prev.line)
			}
			seen[e.ID] = pos{file, line}
			if !validOrgKind(e.Kind) {
				return fmt.Errorf("org %s: unknown kind %q", e.ID, e.Kind)
			}
			if err := checkCountry(e.Country); err != nil {
				return fmt.Errorf("org %s: %w", e.ID, err)
			}
			var err error
			if e.Actor, err = parseFlag(r.get("actor")); err != nil {
				return fmt.Errorf("org %s: actor: %w", e.ID, err)
			}
			if e.Group, err = parseFlag(r.get("group")); err != nil {
				return fmt.Errorf("org %s: group: %w", e.ID, err)
			}
			// Weak forms are written once, in the weak column; the loaded entry
			// lists them among the aliases too so that a matcher needs one list.
			e.Aliases = appendMissing(e.Aliases, e.Weak)
			if len(e.Aliases) == 0 {
				return fmt.Errorf("org %s: no alias", e.ID)
			}
			out = append(out, e)
			at = append(at, pos{file, line})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for i, e := range out {
		if e.Parent == "" {
			continue
		}
		if _, ok := seen[e.Parent]; !ok {
			return nil, fmt.Errorf("lexicon: %s:%d: org %s: unknown parent %q", at[i].file, at[i].line, e.ID, e.Parent)
		}
		if e.Parent == e.ID {
			return nil, fmt.Errorf("lexicon: %s:%d: org %s is its own parent", at[i].file, at[i].line, e.ID)
		}
	}
	return out, nil
}

// LoadUnits reads units.tsv. A unit's parent must be an org id of orgs.tsv
// or empty (the parent then comes from the country in context), so the two
// files are loaded together.
func LoadUnits(fsys fs.FS) ([]UnitEntry, error) {
	orgs, err := LoadOrgs(fsys)
	if err != nil {
		return nil, err
	}
	ids := make(map[string]bool, len(orgs))
	for _, o := range orgs {
		ids[o.ID] = true
	}
	var out []UnitEntry
	err = readTSV(fsys, UnitsPath, []string{"phrase", "lang", "parent", "kind", "country", "place"}, func(line int, r row) error {
		u := UnitEntry{Phrase: r.get("phrase"), Lang: r.get("lang"), Parent: r.get("parent"), Kind: r.get("kind"), Country: r.get("country")}
		if u.Phrase == "" {
			return fmt.Errorf("unit needs a phrase")
		}
		if !validLang(u.Lang) {
			return fmt.Errorf("unit %q: unknown lang %q", u.Phrase, u.Lang)
		}
		if !validOrgKind(u.Kind) {
			return fmt.Errorf("unit %q: unknown kind %q", u.Phrase, u.Kind)
		}
		if u.Parent != "" && !ids[u.Parent] {
			return fmt.Errorf("unit %q: unknown parent %q", u.Phrase, u.Parent)
		}
		if err := checkCountry(u.Country); err != nil {
			return fmt.Errorf("unit %q: %w", u.Phrase, err)
		}
		switch r.get("place") {
		case "", "after":
		case "before":
			u.PlaceBefore = true
		default:
			return fmt.Errorf("unit %q: place must be before or after, got %q", u.Phrase, r.get("place"))
		}
		out = append(out, u)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LoadPersons reads persons.tsv.
func LoadPersons(fsys fs.FS) ([]PersonEntry, error) {
	var out []PersonEntry
	seen := map[string]int{}
	err := readTSV(fsys, PersonsPath, []string{"id", "name", "aliases", "country", "role"}, func(line int, r row) error {
		p := PersonEntry{ID: r.get("id"), Name: r.get("name"), Aliases: splitList(r.get("aliases")), Country: r.get("country"), Role: r.get("role")}
		if p.ID == "" || p.Name == "" {
			return fmt.Errorf("person needs an id and a name")
		}
		if prev, ok := seen[p.ID]; ok {
			return fmt.Errorf("person id %q already defined on line %d", p.ID, prev)
		}
		seen[p.ID] = line
		if err := checkCountry(p.Country); err != nil {
			return fmt.Errorf("person %s: %w", p.ID, err)
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LoadTitles reads titles.tsv. An org column naming an unknown org id fails,
// as in LoadUnits.
func LoadTitles(fsys fs.FS) ([]TitleEntry, error) {
	orgs, err := LoadOrgs(fsys)
	if err != nil {
		return nil, err
	}
	ids := make(map[string]bool, len(orgs))
	for _, o := range orgs {
		ids[o.ID] = true
	}
	var out []TitleEntry
	err = readTSV(fsys, TitlesPath, []string{"phrase", "lang", "kind", "org"}, func(line int, r row) error {
		t := TitleEntry{Phrase: r.get("phrase"), Lang: r.get("lang"), Kind: r.get("kind"), Org: r.get("org")}
		if t.Phrase == "" {
			return fmt.Errorf("title needs a phrase")
		}
		if !validLang(t.Lang) {
			return fmt.Errorf("title %q: unknown lang %q", t.Phrase, t.Lang)
		}
		if !validTitleKind(t.Kind) {
			return fmt.Errorf("title %q: unknown kind %q", t.Phrase, t.Kind)
		}
		if t.Org != "" && !ids[t.Org] {
			return fmt.Errorf("title %q: unknown org %q", t.Phrase, t.Org)
		}
		out = append(out, t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LoadNationalities reads nationalities.tsv.
func LoadNationalities(fsys fs.FS) ([]Nationality, error) {
	var out []Nationality
	seen := map[string]int{}
	err := readTSV(fsys, NationalitiesPath, []string{"country", "forms"}, func(line int, r row) error {
		n := Nationality{Country: r.get("country"), Forms: splitList(r.get("forms"))}
		if n.Country == "" {
			return fmt.Errorf("nationality needs a country")
		}
		if err := checkCountry(n.Country); err != nil {
			return err
		}
		if prev, ok := seen[n.Country]; ok {
			return fmt.Errorf("country %s already listed on line %d", n.Country, prev)
		}
		seen[n.Country] = line
		if len(n.Forms) == 0 {
			return fmt.Errorf("country %s: no forms", n.Country)
		}
		out = append(out, n)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LoadNames reads the given-name, ambiguous-name and family-particle lists.
func LoadNames(fsys fs.FS) (Names, error) {
	var n Names
	for _, f := range []struct {
		path string
		dst  *[]string
	}{
		{GivenArPath, &n.GivenAr},
		{GivenLatinPath, &n.GivenLatin},
		{ParticlesPath, &n.Particles},
		{AmbiguousPath, &n.Ambiguous},
	} {
		words, err := readList(fsys, f.path)
		if err != nil {
			return Names{}, err
		}
		*f.dst = words
	}
	return n, nil
}

// readList reads a one-item-per-line file with '#' comments. Duplicates are an
// error: they are always an editing slip, and a silent duplicate hides the
// real size of a list.
func readList(fsys fs.FS, path string) ([]string, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	var out []string
	seen := map[string]int{}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		w := strings.TrimSpace(sc.Text())
		if n == 1 {
			w = strings.TrimPrefix(w, "\ufeff")
		}
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		if strings.Contains(w, "\t") {
			return nil, fmt.Errorf("lexicon: %s:%d: tab inside %q", path, n, w)
		}
		if prev, ok := seen[w]; ok {
			return nil, fmt.Errorf("lexicon: %s:%d: %q already listed on line %d", path, n, w, prev)
		}
		seen[w] = n
		out = append(out, w)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: read %s: %w", path, err)
	}
	return out, nil
}

func parseFlag(s string) (bool, error) {
	switch s {
	case "1":
		return true, nil
	case "0", "":
		return false, nil
	}
	return false, fmt.Errorf("want 0 or 1, got %q", s)
}

// checkCountry accepts "" (international or unknown) or an upper-case ISO
// 3166-1 alpha-2 code.
func checkCountry(c string) error {
	if c == "" {
		return nil
	}
	if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
		return fmt.Errorf("country %q is not an ISO 3166-1 alpha-2 code", c)
	}
	return nil
}

func appendMissing(dst, src []string) []string {
	have := make(map[string]bool, len(dst))
	for _, s := range dst {
		have[s] = true
	}
	for _, s := range src {
		if !have[s] {
			dst = append(dst, s)
			have[s] = true
		}
	}
	return dst
}
