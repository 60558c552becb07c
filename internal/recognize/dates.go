package recognize

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"marsad/internal/lexicon"
	"marsad/internal/text"
)

// Day is a calendar date at year, month or day precision (M or D zero when unknown).
type Day struct{ Y, M, D int }

// String writes d as "2023", "2023-05" or "2023-05-08": fmt.Sprintf's "%04d-%02d-%02d",
// without its reflection (a date is written for every date of every text).
func (d Day) String() string {
	b := make([]byte, 0, len("2023-05-08"))
	b = appendZeroPadded(b, d.Y, 4)
	if d.M != 0 {
		b = appendZeroPadded(append(b, '-'), d.M, 2)
		if d.D != 0 {
			b = appendZeroPadded(append(b, '-'), d.D, 2)
		}
	}
	return string(b)
}

// appendZeroPadded appends v as fmt's "%0*d" with the given width.
func appendZeroPadded(b []byte, v, width int) []byte {
	if v < 0 {
		return fmt.Appendf(b, "%0*d", width, v)
	}
	for n, p := 1, 10; n < width; n, p = n+1, p*10 {
		if v < p {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(v), 10)
}

// first and last return the first and last day the value covers.
func (d Day) first() time.Time {
	m, dd := d.M, d.D
	if m == 0 {
		m = 1
	}
	if dd == 0 {
		dd = 1
	}
	return time.Date(d.Y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
}

func (d Day) last() time.Time {
	switch {
	case d.M == 0:
		return time.Date(d.Y, 12, 31, 0, 0, 0, 0, time.UTC)
	case d.D == 0:
		return time.Date(d.Y, time.Month(d.M)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(d.Y, time.Month(d.M), d.D, 0, 0, 0, 0, time.UTC)
}

func dayOf(t time.Time) Day { return Day{t.Year(), int(t.Month()), t.Day()} }

// Period is an inclusive span of days.
type Period struct{ From, To Day }

// Contains reports whether the period covers the day.
func (p Period) First() time.Time { return p.From.first() }
func (p Period) Last() time.Time  { return p.To.last() }

// Date is a date or period expression found in the text.
type Date struct {
	From, To int // tokens
	Period   Period
	// Since is set for periods that run up to the time of writing ("منذ سنة 2002").
	Since bool
	// Relative is set when the date was resolved against the publication date.
	Relative bool
	// Dateline is set for a date standing alone on its line (the article's dateline): it
	// dates the article, not an event.
	Dateline bool
}

func (d *Doc) findDates() {
	toks := d.A.Tokens
	for i := 0; i < len(toks); i++ {
		// a date starts with a number or a word of the lexicon (month, time word, ordinal)
		if toks[i].Kind != text.Number && !d.temporal(i) && !isYearCue(toks[i].Key) || d.onlyPeriodWord(i) {
			continue
		}
		best, ok := d.dateAt(i)
		if !ok {
			continue
		}
		// Period words before the date core: منذ, خلال, مطلع, نهاية...
		d.applyPeriodWords(&best)
		best.Dateline = d.isDateline(best)
		d.Dates = append(d.Dates, best)
		for k := best.From; k < best.To; k++ {
			d.dateTok[k] = true
		}
		i = best.To - 1
	}
}

// dateAt tries every date pattern at token i and returns the longest.
func (d *Doc) dateAt(i int) (Date, bool) {
	var best Date
	found := false
	try := func(dt Date, ok bool) {
		if ok && (!found || dt.To > best.To) {
			best, found = dt, true
		}
	}
	if d.tok(i).Kind == text.Number && d.tables[i] == 0 {
		// A number that opens no phrase of the lexicon opens a day, a year or a numeric
		// date; the other patterns open with a word (month, weekday, time unit, "ago").
		// Counts, sums and ages are such numbers: 4,660 -> 4,630 M instructions per ANT pass.
		try(d.dayMonth(i))
		try(d.yearAt(i))
		try(d.numericDate(i))
		return best, found
	}
	try(d.dayMonth(i))
	try(d.monthFirst(i))
	try(d.yearAt(i))
	try(d.relativeDay(i))
	try(d.relativeUnit(i))
	try(d.ago(i))
	if d.tok(i).Kind == text.Number {
		try(d.numericDate(i))
	}
	return best, found
}

// onlyPeriodWord reports a token that is only a time word of the kinds that widen a date
// into a period (من, إلى, خلال, منذ, حتى ...: applyPeriodWords reads them before a date's
// core) or follow one (mod: الماضي), and none of the words a date pattern opens with
// (dateOpeners). No pattern of dateAt opens there: they open with a number, a month, a
// number word, a time word of another kind, or one of those words
// (TestOnlyPeriodWordOpensNoDate). Of dateAt's 135,000 calls over the ANT corpus,
// "من", "إلى" and "و" alone made 54,000 (4,630 -> 4,525 M instructions per pass).
func (d *Doc) onlyPeriodWord(i int) bool {
	if d.tok(i).Kind == text.Number || d.tables[i]&temporalTables != timeWords {
		return false // a number, a month, a number word, or no time word
	}
	for _, m := range d.Matches[i] {
		for _, p := range m.Payloads {
			if p.Kind == lexicon.KWord && p.Table == timeWords && !isPeriodTag(d.Lex.Words[p.Index].Tag) {
				return false
			}
		}
	}
	return !d.is(i, dateOpeners...)
}

func isPeriodTag(tag string) bool {
	switch tag {
	case "since", "since_begin", "during", "begin", "end", "mid", "until", "from", "to", "mod":
		return true
	}
	return false
}

// dateOpeners are the words the patterns of dateAt read at the token they start from,
// besides lexicon words: dayMonth's, monthValue's, yearAt's, relativeDay's and
// relativeUnit's.
var dateOpeners = []string{"يوم", "يومي", "le", "du", "the", "on", "شهر",
	"سنه", "عام", "العام", "السنه", "عامي", "سنتي", "l'annee", "annee", "year", "ans",
	"ce", "la", "l'"}

// isYearCue reports the words that may open a year expression without being time words.
// (A switch, not a set: it is asked for every token of every document.)
func isYearCue(key string) bool {
	switch key {
	case "عامي", "سنتي", "the", "on", "le", "du", "يومي":
		return true
	}
	return false
}

// yearValue reads a four-digit year token.
func (d *Doc) yearValue(i int) (int, bool) {
	t := d.tok(i)
	if t.Kind != text.Number || len(t.Key) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(t.Key)
	if err != nil || y < 1000 || y > 2100 {
		return 0, false
	}
	return y, true
}

// dayValue reads a day of the month: digits 1–31 or an ordinal word.
func (d *Doc) dayValue(i int) (int, int, bool) {
	t := d.tok(i)
	if t.Kind == text.Number && len(t.Key) <= 2 {
		v, err := strconv.Atoi(t.Key)
		if err == nil && v >= 1 && v <= 31 {
			end := i + 1
			if d.tok(end).Key == "er" && !d.tok(end).Space { // 1er
				end++
			}
			return v, end, true
		}
	}
	if w, e, ok := d.wordTag(i, "number", "ordinal"); ok {
		return int(w.Value), e, true
	}
	return 0, 0, false
}

// monthValue reads a month name, with an optional leading شهر and a trailing "/month"
// ("حزيران/يونيو").
func (d *Doc) monthValue(i int) (int, int, bool) {
	if d.is(i, "شهر") {
		i++
	}
	w, e, ok := d.word(i, "month")
	if !ok {
		return 0, 0, false
	}
	// English "May", "March" are also common words: require a capital.
	if t := d.tok(i); t.Script == text.Latin && d.A.Lang == "en" && !t.IsUpper() {
		return 0, 0, false
	}
	if d.tok(e).Text == "/" {
		if _, e2, ok := d.word(e+1, "month"); ok {
			e = e2
		}
	}
	if d.tok(e).Text == "." && !d.tok(e).Space && len([]rune(w.Phrase)) <= 4 {
		e++ // "janv."
	}
	return int(w.Value), e, true
}

// resolveYear gives a day and month without a year the year that puts it closest before
// the publication date (news reports the recent past); no year without a publication date.
func (d *Doc) resolveYear(m, day int) (int, bool) {
	if !d.HasPub {
		return 0, false
	}
	y := d.Published.Year()
	dd := day
	if dd == 0 {
		dd = 1
	}
	t := time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
	if t.After(d.Published.AddDate(0, 0, 45)) {
		y--
	}
	return y, true
}

// monthRelative resolves "شهر نونبر الماضي" / "دجنبر الجاري" / "mars prochain".
func (d *Doc) monthRelative(m, off int) (int, bool) {
	if !d.HasPub {
		return 0, false
	}
	y, pm := d.Published.Year(), int(d.Published.Month())
	switch {
	case off < 0 && m >= pm:
		return y - 1, true
	case off > 0 && m <= pm:
		return y + 1, true
	}
	return y, true
}

// dayMonth reads "26 ديسمبر 2023", "13 من دجنبر الجاري", "6 و 7 ماي 2025",
// "le 9 février", "du 17 au 20 février 2016", "الثالث من حزيران/يونيو".
func (d *Doc) dayMonth(i int) (Date, bool) {
	start := i
	if d.is(i, "يوم", "يومي", "le", "du", "the", "on") {
		i++
	}
	d1, e, ok := d.dayValue(i)
	if !ok {
		return Date{}, false
	}
	d2 := 0
	if d.is(e, "و", "-", "إلى", "الى", "au", "et", "to", "and", "–") {
		if v, e2, ok := d.dayValue(e + 1); ok && v > d1 {
			d2, e = v, e2
		}
	}
	if d.is(e, "من", "de", "of") {
		e++
	}
	m, e2, ok := d.monthValue(e)
	if !ok {
		return Date{}, false
	}
	e = e2
	if d.tok(e).Text == "," || d.tok(e).Text == "،" {
		if _, ok := d.yearValue(e + 1); ok {
			e++
		}
	}
	y, ok := d.yearValue(e)
	rel := false
	if ok {
		e++
	} else if w, e3, ok2 := d.word(e, "time"); ok2 && w.Tag == "mod" {
		y, ok = d.monthRelative(m, int(w.Value))
		e, rel = e3, true
	} else {
		y, ok = d.resolveYear(m, d1)
		rel = true
	}
	if !ok {
		return Date{}, false
	}
	if d1 > daysIn(y, m) {
		return Date{}, false
	}
	p := Period{Day{y, m, d1}, Day{y, m, d1}}
	if d2 > 0 && d2 <= daysIn(y, m) {
		p.To = Day{y, m, d2}
	}
	return Date{From: start, To: e, Period: p, Relative: rel}, true
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// monthFirst reads "June 2, 2020", "August 2017", "janvier 2015", "شهر نونبر الماضي",
// "ماي 2025", "January of last year".
func (d *Doc) monthFirst(i int) (Date, bool) {
	start := i
	m, e, ok := d.monthValue(i)
	if !ok {
		return Date{}, false
	}
	hasShahr := d.is(i, "شهر")
	// English: "June 2, 2020"
	if dd, e2, ok := d.dayValue(e); ok && d.tok(e).Kind == text.Number {
		y, okY := 0, false
		e3 := e2
		if d.tok(e3).Text == "," {
			if yy, ok := d.yearValue(e3 + 1); ok {
				y, okY, e3 = yy, true, e3+2
			}
		} else if yy, ok := d.yearValue(e3); ok {
			y, okY, e3 = yy, true, e3+1
		}
		if !okY {
			y, okY = d.resolveYear(m, dd)
		}
		if okY && dd <= daysIn(y, m) {
			return Date{From: start, To: e3, Period: Period{Day{y, m, dd}, Day{y, m, dd}}}, true
		}
	}
	if y, ok := d.yearValue(e); ok {
		return Date{From: start, To: e + 1, Period: Period{Day{y, m, 0}, Day{y, m, 0}}}, true
	}
	// "March, 2018", "نوفمبر من العام 2015", "novembre de l'année 2015"
	if d.tok(e).Text == "," || d.is(e, "من", "of", "de") {
		if yd, ok := d.yearAt(e + 1); ok && yd.Period.From.Y == yd.Period.To.Y && yd.Period.From.M == 0 {
			y := yd.Period.From.Y
			return Date{From: start, To: yd.To, Period: Period{Day{y, m, 0}, Day{y, m, 0}}}, true
		}
	}
	if w, e2, ok := d.word(e, "time"); ok && w.Tag == "mod" {
		y, ok := d.monthRelative(m, int(w.Value))
		if !ok {
			return Date{}, false
		}
		return Date{From: start, To: e2, Period: Period{Day{y, m, 0}, Day{y, m, 0}}, Relative: true}, true
	}
	// "January of last year"
	if d.is(e, "of") {
		if w, e2, ok := d.wordTag(e+1, "time", "premod"); ok && d.HasPub {
			if u, e3, ok := d.wordTag(e2, "time", "unit"); ok && u.Extra == "year" {
				y := d.Published.Year() + int(w.Value)
				return Date{From: start, To: e3, Period: Period{Day{y, m, 0}, Day{y, m, 0}}, Relative: true}, true
			}
		}
	}
	if hasShahr || start > 0 && d.is(start-1, "في", "خلال", "in", "during", "en", "mois", "courant") {
		// "شهر ديسمبر", "arrested in May", "en mai" alone: the most recent one
		if y, ok := d.resolveYear(m, 0); ok {
			return Date{From: start, To: e, Period: Period{Day{y, m, 0}, Day{y, m, 0}}, Relative: true}, true
		}
	}
	return Date{}, false
}

// yearAt reads "سنة 2023", "عام 2024", "2002", "عامي 1942 و1944", "2013-2019", "en 2016".
func (d *Doc) yearAt(i int) (Date, bool) {
	start := i
	cue := false
	if d.is(i, "سنه", "عام", "العام", "السنه", "عامي", "سنتي", "l'annee", "annee", "year", "the", "ans") {
		i++
		cue = true
	}
	y, ok := d.yearValue(i)
	if !ok {
		return Date{}, false
	}
	if i > 0 && (d.tok(i-1).Text == "/" || d.tok(i-1).Text == "-") && !d.tok(i).Space {
		return Date{}, false // "دعوى رقم 20367/2018": a case number
	}
	e := i + 1
	p := Period{Day{y, 0, 0}, Day{y, 0, 0}}
	if d.is(e, "و", "-", "–", "إلى", "الى", "et", "and", "to", "à") {
		if y2, ok := d.yearValue(e + 1); ok && y2 > y && y2-y < 100 {
			p.To = Day{y2, 0, 0}
			e += 2
		}
	}
	if !cue {
		if y < 1900 {
			return Date{}, false // "1870" alone may be a count; with a cue or a month it is a year
		}
		// A bare four-digit number is a year unless it counts something.
		if _, _, ok := d.word(e, "count"); ok {
			return Date{}, false
		}
		if _, _, ok := d.word(e, "measure"); ok {
			return Date{}, false
		}
	}
	return Date{From: start, To: e, Period: p}, true
}

// relativeDay reads "اليوم السبت", "أمس الأحد", "أول أمس الإثنين", "الإثنين الماضي",
// "ليل السبت-الأحد", "hier", "lundi dernier", "on Tuesday", "last Friday".
func (d *Doc) relativeDay(i int) (Date, bool) {
	if !d.HasPub {
		return Date{}, false
	}
	start := i
	pub := d.Published
	if w, e, ok := d.wordTag(i, "time", "day"); ok {
		end := e
		if _, e2, ok := d.wordTag(end, "time", "weekday"); ok {
			end = e2
		}
		t := pub.AddDate(0, 0, int(w.Value))
		return Date{From: start, To: end, Period: Period{dayOf(t), dayOf(t)}, Relative: true}, true
	}
	// part of day before a weekday: "ليل السبت-الأحد", "مساء الإثنين"
	j := i
	if _, e, ok := d.wordTag(j, "time", "part"); ok {
		j = e
	}
	if d.is(j, "يوم", "on", "le", "ce") {
		j++
	}
	w, e, ok := d.wordTag(j, "time", "weekday")
	if !ok {
		return Date{}, false
	}
	if j == i && w.Value == 1 && d.twoAfterPlural(j) {
		return Date{}, false // "الإرهابيين الإثنين": the two terrorists, not Monday
	}
	off := 0
	if pm, start2, ok := d.wordEndingAt(j, "time", 1); ok && pm.Tag == "premod" && start2 == j-1 && pm.Value < 0 {
		off = -1 // "last Friday"
		start = start2
	}
	end := e
	if m, e2, ok := d.wordTag(end, "time", "mod"); ok {
		off = int(m.Value)
		end = e2
	}
	t := lastWeekday(pub, int(w.Value), off < 0)
	if off > 0 {
		t = nextWeekday(pub, int(w.Value))
	}
	p := Period{dayOf(t), dayOf(t)}
	// "السبت-الأحد", "السبت / الأحد": a night across two days
	if sep := d.tok(end).Text; sep == "-" || sep == "/" || d.is(end, "و") {
		if w2, e2, ok := d.wordTag(end+1, "time", "weekday"); ok && (int(w2.Value)-int(w.Value)+7)%7 == 1 {
			t2 := t.AddDate(0, 0, 1)
			if t2.After(pub) {
				t, t2 = t.AddDate(0, 0, -7), t2.AddDate(0, 0, -7)
			}
			p = Period{dayOf(t), dayOf(t2)}
			end = e2
		}
	}
	return Date{From: start, To: end, Period: p, Relative: true}, true
}

// twoAfterPlural reports "الاثنين" right after a definite dual or plural noun, where it
// is the number agreeing with the noun ("الشخصين الاثنين"), not Monday ("أعلنت الوزارة
// الاثنين" follows a singular).
func (d *Doc) twoAfterPlural(j int) bool {
	if j == 0 {
		return false
	}
	prev := &d.A.Tokens[j-1]
	if prev.Script != text.Arabic || !strings.HasPrefix(prev.Key, "ال") {
		return false
	}
	return strings.HasSuffix(prev.Key, "ين") || strings.HasSuffix(prev.Key, "ان") || strings.HasSuffix(prev.Key, "ات")
}

// lastWeekday returns the most recent day with that weekday (1 = Monday) on or before
// pub; strictly before when strict.
func lastWeekday(pub time.Time, wd int, strict bool) time.Time {
	cur := int(pub.Weekday())
	if cur == 0 {
		cur = 7
	}
	back := (cur - wd + 7) % 7
	if back == 0 && strict {
		back = 7
	}
	return pub.AddDate(0, 0, -back)
}

func nextWeekday(pub time.Time, wd int) time.Time {
	cur := int(pub.Weekday())
	if cur == 0 {
		cur = 7
	}
	fwd := (wd - cur + 7) % 7
	if fwd == 0 {
		fwd = 7
	}
	return pub.AddDate(0, 0, fwd)
}

// relativeUnit reads "الشهر الجاري", "العام المقبل", "السنة الماضية", "le mois dernier",
// "l'an dernier", "last week", "this year", "le week-end".
func (d *Doc) relativeUnit(i int) (Date, bool) {
	if !d.HasPub {
		return Date{}, false
	}
	start := i
	off, premod := 0, false
	if w, e, ok := d.wordTag(i, "time", "premod"); ok {
		off, premod = int(w.Value), true
		i = e
	}
	if d.is(i, "le", "la", "l'", "the") && !premod {
		i++
	}
	u, e, ok := d.wordTag(i, "time", "unit")
	if !ok {
		return Date{}, false
	}
	if !premod {
		m, e2, ok := d.wordTag(e, "time", "mod")
		if !ok {
			if u.Extra == "weekend" && d.is(start, "le", "the", "this", "ce") {
				return d.weekend(start, e, 0), true
			}
			return Date{}, false
		}
		off, e = int(m.Value), e2
	}
	pub := d.Published
	var p Period
	switch u.Extra {
	case "year":
		y := pub.Year() + off
		p = Period{Day{y, 0, 0}, Day{y, 0, 0}}
	case "month":
		t := time.Date(pub.Year(), pub.Month()+time.Month(off), 1, 0, 0, 0, 0, time.UTC)
		p = Period{Day{t.Year(), int(t.Month()), 0}, Day{t.Year(), int(t.Month()), 0}}
	case "week":
		// calendar week, Monday to Sunday
		wd := int(pub.Weekday())
		if wd == 0 {
			wd = 7
		}
		mon := pub.AddDate(0, 0, 1-wd+7*off)
		p = Period{dayOf(mon), dayOf(mon.AddDate(0, 0, 6))}
	case "weekend":
		return d.weekend(start, e, off), true
	default:
		return Date{}, false
	}
	return Date{From: start, To: e, Period: p, Relative: true}, true
}

// weekend resolves "le week-end" to the Saturday and Sunday on or before publication.
func (d *Doc) weekend(from, to, off int) Date {
	sat := lastWeekday(d.Published, 6, false).AddDate(0, 0, 7*off)
	return Date{From: from, To: to, Period: Period{dayOf(sat), dayOf(sat.AddDate(0, 0, 1))}, Relative: true}
}

// ago reads "قبل أسبوع", "قبل 3 أيام", "il y a deux jours", "two weeks ago".
func (d *Doc) ago(i int) (Date, bool) {
	if !d.HasPub {
		return Date{}, false
	}
	start := i
	w, e, ok := d.wordTag(i, "time", "ago")
	if !ok || w.Phrase == "ago" {
		return Date{}, false
	}
	n := 1
	if v, e2, _, ok := d.numberAt(e); ok && v < 100 {
		n, e = int(v), e2
	}
	unit := ""
	switch {
	case d.is(e, "اسبوع", "semaine", "week"):
		unit = "week"
	case d.is(e, "اسبوعين"):
		unit, n = "week", 2
	case d.is(e, "يوم", "jour", "day", "ايام", "jours", "days"):
		unit = "day"
	case d.is(e, "يومين"):
		unit, n = "day", 2
	}
	if unit == "" || (d.is(e, "ايام", "jours", "days") && n == 1) {
		return Date{}, false
	}
	days := n
	if unit == "week" {
		days = 7 * n
	}
	t := d.Published.AddDate(0, 0, -days)
	return Date{From: start, To: e + 1, Period: Period{dayOf(t), dayOf(t)}, Relative: true}, true
}

// numericDate reads 13/03/2017, 13-03-2017 and 2017-03-13.
func (d *Doc) numericDate(i int) (Date, bool) {
	a, s1, b, s2, c := d.tok(i), d.tok(i+1), d.tok(i+2), d.tok(i+3), d.tok(i+4)
	if a.Kind != text.Number || b.Kind != text.Number || c.Kind != text.Number ||
		s1.Text != s2.Text || (s1.Text != "/" && s1.Text != "-" && s1.Text != ".") ||
		s1.Space || b.Space || s2.Space || c.Space {
		return Date{}, false
	}
	x, _ := strconv.Atoi(a.Key)
	y, _ := strconv.Atoi(b.Key)
	z, _ := strconv.Atoi(c.Key)
	var dd Day
	switch {
	case len(a.Key) == 4:
		dd = Day{x, y, z}
	case len(c.Key) == 4:
		dd = Day{z, y, x}
	default:
		return Date{}, false
	}
	if dd.M < 1 || dd.M > 12 || dd.D < 1 || dd.D > daysIn(dd.Y, dd.M) || dd.Y < 1900 || dd.Y > 2100 {
		return Date{}, false
	}
	return Date{From: i, To: i + 5, Period: Period{dd, dd}}, true
}

// applyPeriodWords widens or narrows a date by the period words before it.
func (d *Doc) applyPeriodWords(dt *Date) {
	if d.monthHalf(dt) {
		return
	}
	w, start, ok := d.wordEndingAt(dt.From, "time", 3)
	if !ok {
		return
	}
	switch w.Tag {
	case "since", "since_begin":
		end := dt.Period.To
		if d.HasPub {
			end = dayOf(d.Published)
		} else if dt.Period.To.Y == dt.Period.From.Y && dt.Period.To.M == 0 {
			// "منذ سنة 2002" with no publication date: up to an unknown present
			return
		}
		if !d.HasPub {
			return
		}
		dt.Period = Period{dt.Period.From, end}
		if w.Tag == "since_begin" {
			dt.Period.From = Day{dt.Period.From.Y, max(dt.Period.From.M, 1), 1}
			if dt.Period.From.M == 0 {
				dt.Period.From.M = 1
			}
		}
		dt.Since = true
		dt.From = start
	case "during":
		dt.From = start
	case "begin", "end", "mid":
		dt.From = start
		dt.Period = part(dt.Period, w.Tag)
	}
}

// monthHalf reads "النصف الأول من شهر أكتوبر", first read as "the first of October", and
// "النصف الثاني من" as the half of the month they name.
func (d *Doc) monthHalf(dt *Date) bool {
	p := dt.Period
	if dt.From == 0 || p.From != p.To || p.From.D > 2 || p.From.M == 0 || !d.is(dt.From-1, "النصف") {
		return false
	}
	switch {
	case d.is(dt.From, "الاول") && p.From.D == 1:
		dt.Period = Period{Day{p.From.Y, p.From.M, 1}, Day{p.From.Y, p.From.M, 15}}
	case d.is(dt.From, "الثاني") && p.From.D == 2:
		dt.Period = Period{Day{p.From.Y, p.From.M, 16}, Day{p.From.Y, p.From.M, daysIn(p.From.Y, p.From.M)}}
	default:
		return false
	}
	dt.From--
	return true
}

// part narrows a month or year to its beginning, middle or end third.
func part(p Period, which string) Period {
	f, l := p.From.first(), p.To.last()
	span := l.Sub(f).Hours() / 24
	third := time.Duration(span/3*24) * time.Hour
	switch which {
	case "begin":
		return Period{dayOf(f), dayOf(f.Add(third))}
	case "end":
		return Period{dayOf(l.Add(-third)), dayOf(l)}
	}
	return Period{dayOf(f.Add(third)), dayOf(l.Add(-third))}
}

// isDateline reports a date alone on its line ("8 مايو 2025", "21 février 2016. –").
func (d *Doc) isDateline(dt Date) bool {
	toks := d.A.Tokens
	if !toks[dt.From].Break && dt.From != 0 {
		return false
	}
	for k := dt.To; k < len(toks) && !toks[k].Break; k++ {
		if toks[k].Kind != text.Punct {
			return false
		}
	}
	return true
}

// Strings returns the contract's from/to strings of the period.
func (p Period) Strings() (string, string) { return p.From.String(), p.To.String() }
