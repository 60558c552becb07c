package lexicon

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// Table names of the language tables in data/lang.
const (
	TMonth     = "month"
	TNumber    = "number"
	TQualifier = "qualifier"
	TTime      = "time"
	TMeasure   = "measure"
	TItem      = "item"
	TCount     = "count"
	TTrigger   = "trigger"
	TFunction  = "function"
	TCue       = "cue"
)

// TableBit gives each language table a bit, so that a recognizer can note which tables
// have a phrase starting at a token and skip the others without reading their rows.
// Unknown names have none.
func TableBit(table string) uint16 {
	switch table {
	case TMonth:
		return 1 << 0
	case TNumber:
		return 1 << 1
	case TQualifier:
		return 1 << 2
	case TTime:
		return 1 << 3
	case TMeasure:
		return 1 << 4
	case TItem:
		return 1 << 5
	case TCount:
		return 1 << 6
	case TTrigger:
		return 1 << 7
	case TFunction:
		return 1 << 8
	case TCue:
		return 1 << 9
	}
	return 0
}

// Word is one row of a language table: a phrase and what it means there. The meaning of
// Tag and Value depends on the table (see data/lang/README.md).
type Word struct {
	Table  string
	Phrase string
	Lang   string
	Tag    string  // kind, qualifier, unit, item, figure key or trigger class
	Extra  string  // second string column: position (qualifiers), unit (items)
	Value  float64 // month, number value, offset, factor, count value
}

type langTable struct {
	file, table string
	header      []string
	tag, extra  string // column names read into Tag and Extra
	value       string // numeric column read into Value ("" when none)
}

var langTables = []langTable{
	{"lang/months.tsv", TMonth, []string{"phrase", "lang", "month"}, "", "", "month"},
	{"lang/numbers.tsv", TNumber, []string{"phrase", "lang", "kind", "value"}, "kind", "", "value"},
	{"lang/qualifiers.tsv", TQualifier, []string{"phrase", "lang", "qualifier", "position"}, "qualifier", "position", ""},
	{"lang/time.tsv", TTime, []string{"phrase", "lang", "kind", "value"}, "kind", "value", ""},
	{"lang/measures.tsv", TMeasure, []string{"phrase", "lang", "unit", "factor"}, "unit", "", "factor"},
	{"lang/items.tsv", TItem, []string{"phrase", "lang", "item", "unit"}, "item", "unit", ""},
	{"lang/counts.tsv", TCount, []string{"phrase", "lang", "key", "value"}, "key", "", "value"},
	{"lang/triggers.tsv", TTrigger, []string{"phrase", "lang", "class"}, "class", "", ""},
	{"lang/function-words.tsv", TFunction, []string{"phrase", "lang"}, "", "", ""},
	{"lang/cues.tsv", TCue, []string{"phrase", "lang", "cue"}, "cue", "", ""},
}

// LoadWords reads every language table of fsys.
func LoadWords(fsys fs.FS) ([]Word, error) {
	var out []Word
	for _, lt := range langTables {
		err := readTSV(fsys, lt.file, lt.header, func(line int, rec row) error {
			w := Word{Table: lt.table, Phrase: rec.get("phrase"), Lang: rec.get("lang")}
			if w.Phrase == "" {
				return fmt.Errorf("empty phrase")
			}
			switch w.Lang {
			case "ar", "fr", "en":
			default:
				return fmt.Errorf("lang %q: want ar, fr or en", w.Lang)
			}
			if lt.tag != "" {
				w.Tag = rec.get(lt.tag)
			}
			if lt.extra != "" {
				w.Extra = rec.get(lt.extra)
			}
			if lt.value != "" {
				v, err := strconv.ParseFloat(rec.get(lt.value), 64)
				if err != nil {
					return fmt.Errorf("column %s: %q is not a number", lt.value, rec.get(lt.value))
				}
				w.Value = v
			}
			if lt.table == TTime {
				// time values are offsets for some kinds and unit names for others
				if v, err := strconv.ParseFloat(w.Extra, 64); err == nil {
					w.Value = v
				}
			}
			out = append(out, w)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return append(out, arabicDuals(out)...), nil
}

// arabicDuals derives the dual forms the tables do not list: a counted noun in the
// singular ("خلية", "رجل") gives its dual with the value 2, an item ("مسدس", "بندقية")
// its dual. Feminine nouns take -تين/-تان, whose plural (-ات) differs. Masculine nouns
// take only -ان: their -ين is also the sound plural ("متهمين", "موقوفين"), which must
// not count two; an item's -ين is safe, since dual or plural it names the same goods.
func arabicDuals(words []Word) []Word {
	listed := map[string]bool{}
	for _, w := range words {
		listed[w.Table+"\t"+w.Phrase] = true
	}
	var out []Word
	for _, w := range words {
		if w.Lang != "ar" || strings.Contains(w.Phrase, " ") {
			continue
		}
		count := w.Table == TCount && w.Value == 1
		if !count && w.Table != TItem {
			continue
		}
		var forms []string
		switch stem, fem := strings.CutSuffix(w.Phrase, "ة"); {
		case fem:
			forms = []string{stem + "تين", stem + "تان"}
		case strings.HasSuffix(w.Phrase, "ا"):
			continue // an accusative "شخصا": its dual is listed from the base form
		case count:
			forms = []string{w.Phrase + "ان"}
		default:
			forms = []string{w.Phrase + "ين", w.Phrase + "ان"}
		}
		for _, f := range forms {
			if listed[w.Table+"\t"+f] {
				continue
			}
			listed[w.Table+"\t"+f] = true
			d := w
			d.Phrase = f
			if count {
				d.Value = 2
			}
			out = append(out, d)
		}
	}
	return out
}
