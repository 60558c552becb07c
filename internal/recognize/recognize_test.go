package recognize

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"marsad/internal/lexicon"
	"marsad/internal/lexicon/lexicontest"
	"marsad/internal/text"
)

var testLex *lexicon.Lexicon

func TestMain(m *testing.M) {
	testLex = lexicontest.MustLoad()
	os.Exit(m.Run())
}

func rec(s, published string) *Doc {
	a := text.Analyze(s, "")
	return Recognize(testLex, &a, published)
}

func TestNumbers(t *testing.T) {
	cases := []struct {
		text      string
		value     float64
		qualifier string
	}{
		{"تمكنت المصالح من تفكيك 06 خلايا إرهابية", 6, ""},
		{"تم تفكيك حوالي8 خلايا إرهابية", 8, "approx"},
		{"إجهاض أكثر من 500 مشروع إرهابي", 500, "at_least"},
		{"توقيف ثلاثة أشخاص", 3, ""},
		{"حجز 31 ألف و 319 علبة", 31319, ""},
		{"إيقاف خمسة وعشرين شخصا", 25, ""},
		{"إحباط تهريب 6 الاف لتر من البنزين", 6000, ""},
		{"مصاريف تصل إلى 1,45 مليون يورو", 1450000, ""},
		{"Au moins 10 personnes sont mortes", 10, "at_least"},
		{"une quinzaine de blessés", 15, "approx"},
		{"The police arrested twenty-two people", 22, ""},
		{"More than 1,000 people were evacuated", 1000, "at_least"},
		{"Plus de 3 000 personnes", 3000, "at_least"},
		{"حجز ما يزيد عن 120 كيلوغراما", 120, "at_least"},
	}
	for _, c := range cases {
		d := rec(c.text, "")
		if len(d.Numbers) == 0 {
			t.Errorf("%q: no number found", c.text)
			continue
		}
		n := d.Numbers[0]
		if n.Value != c.value || n.Qualifier != c.qualifier {
			t.Errorf("%q: got %v %q, want %v %q", c.text, n.Value, n.Qualifier, c.value, c.qualifier)
		}
	}
	for _, s := range []string{"على الساعة 12:30 زوالا", "انتهت المباراة 2-1", "vague: plusieurs personnes", "آلاف محاولات الهجرة"} {
		d := rec(s, "")
		for _, n := range d.Numbers {
			if n.Value > 1 {
				t.Errorf("%q: read a figure %v where there is none", s, n.Value)
			}
		}
	}
}

func TestDefiniteNumberAfterNoun(t *testing.T) {
	d := rec("إيقاف سائقي الشاحنات الثلاثة على ذمة التحقيق", "")
	found := false
	for _, n := range d.Numbers {
		found = found || (n.Definite && n.Value == 3)
	}
	if !found {
		t.Errorf("الثلاثة after its noun should read as 3, got %+v", d.Numbers)
	}
}

func TestDates(t *testing.T) {
	cases := []struct {
		text, published, from, to string
	}{
		{"تمكنت المصالح منذ بداية سنة 2023 من تفكيك خلايا", "2023-12-26", "2023-01-01", "2023-12-26"},
		{"ساهمت منذ سنة 2002 في إجهاض مشاريع", "2023-12-26", "2002", "2023-12-26"},
		{"خلال زيارته إلى المغرب في 13 من دجنبر الجاري", "2023-12-26", "2023-12-13", "2023-12-13"},
		{"الزيارة إلى فيينا يومي 6 و 7 ماي 2025", "", "2025-05-06", "2025-05-07"},
		{"حاولوا خلال شهر ديسمبر الماضي إضرام النار", "2015-01-06", "2014-12", "2014-12"},
		{"حصيلة نشرتها الوزارة شهر نونبر الماضي", "2023-12-26", "2023-11", "2023-11"},
		{"وقعت الحادثة أمس الأحد", "2016-03-14", "2016-03-13", "2016-03-13"},
		{"القبض عليه أول أمس الإثنين بالرباط", "2024-11-27", "2024-11-25", "2024-11-25"},
		{"The man died on Tuesday after being shot", "2020-06-05", "2020-06-02", "2020-06-02"},
		{"Last week, a man was arrested", "2020-06-11", "2020-06-01", "2020-06-07"},
		{"Le week-end a été chargé en hommages", "2016-01-10", "2016-01-09", "2016-01-10"},
		{"Une fusillade a éclaté hier dans le lycée", "2017-03-17", "2017-03-16", "2017-03-16"},
		{"tuées entre 1942 et 1944 dans le camp", "", "1942", "1944"},
		{"بين عامي 1942 و1944 في معسكر", "", "1942", "1944"},
		{"arrested in January of last year", "2019-04-20", "2018-01", "2018-01"},
		{"سيعقد في مراكش العام المقبل", "2024-11-27", "2025", "2025"},
		{"Le 17 février, les forces ont lancé une offensive", "2016-02-21", "2016-02-17", "2016-02-17"},
		{"On June 2, 2020 a gunman opened fire", "", "2020-06-02", "2020-06-02"},
		{"أوقف ليل السبت-الأحد رجل الأعمال", "2019-04-01", "2019-03-30", "2019-03-31"},
		{"صدر في 13/03/2017 بلاغ", "", "2017-03-13", "2017-03-13"},
		{"her husband, who was arrested in May, spoke", "2020-08-03", "2020-05", "2020-05"},
		{"Il a été interpellé en décembre à Lyon", "2017-03-02", "2016-12", "2016-12"},
		{"Jong was arrested in March, 2018, police said", "2019-10-17", "2018-03", "2018-03"},
		{"فرضت حالة الطوارئ في نوفمبر من العام 2015", "2016-12-14", "2015-11", "2015-11"},
	}
	for _, c := range cases {
		d := rec(c.text, c.published)
		var got []string
		ok := false
		for _, dt := range d.Dates {
			f, to := dt.Period.Strings()
			got = append(got, f+".."+to)
			if f == c.from && to == c.to {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q (published %s): dates %v, want %s..%s", c.text, c.published, got, c.from, c.to)
		}
	}
	// a month name alone is a month only after a preposition of time
	if d := rec("The May report of the agency was published", "2020-08-03"); len(d.Dates) != 0 {
		t.Errorf("'The May report': dates %v, want none", d.Dates)
	}
}

func TestNoDateWithoutAnchor(t *testing.T) {
	// relative dates and day-month without year need the publication date
	for _, s := range []string{"وقعت الحادثة أمس الأحد", "في الثالث من حزيران/يونيو فضت قوات الأمن الاعتصام"} {
		d := rec(s, "")
		if len(d.Dates) != 0 {
			t.Errorf("%q without a publication date gave dates %+v", s, d.Dates)
		}
	}
}

func TestDateline(t *testing.T) {
	d := rec("21 février 2016. –\nL'organisation a subi des revers.", "")
	if len(d.Dates) == 0 || !d.Dates[0].Dateline {
		t.Fatalf("a date alone on its line is a dateline, got %+v", d.Dates)
	}
	d = rec("La police a arrêté un homme le 21 février 2016 à Paris.", "")
	if len(d.Dates) == 0 || d.Dates[0].Dateline {
		t.Fatalf("a date inside a sentence is not a dateline, got %+v", d.Dates)
	}
}

// "الاثنين" after a definite plural is the number two, after a singular the weekday.
func TestTwoIsNotMonday(t *testing.T) {
	for body, want := range map[string]bool{
		"قتل الإرهابيين الإثنين خلال الاشتباك":  false,
		"أعلنت الوزارة الاثنين عن تفكيك الخلية": true,
		"وقع الهجوم يوم الاثنين":                true,
	} {
		d := rec(body, "2016-08-31")
		if got := len(d.Dates) > 0; got != want {
			t.Errorf("%q: dated %v (%+v), want %v", body, got, d.Dates, want)
		}
	}
}

func TestMonthHalves(t *testing.T) {
	for body, want := range map[string]string{
		"خلال النصف الأول من شهر أكتوبر":  "2016-10-01..2016-10-15",
		"خلال النصف الثاني من شهر سبتمبر": "2016-09-16..2016-09-30",
		"يوم الأول من أكتوبر":             "2016-10-01..2016-10-01",
	} {
		d := rec(body, "2016-10-20")
		if len(d.Dates) != 1 {
			t.Errorf("%q: dates %+v, want one", body, d.Dates)
			continue
		}
		f, l := d.Dates[0].Period.Strings()
		if got := f + ".." + l; got != want {
			t.Errorf("%q: %s, want %s", body, got, want)
		}
	}
}

// Words read as persons by pattern in the analyst review: a title that is also a noun
// before a non-name, a frequent verb or noun after a title or a verb of saying.
func TestNoPersonFromWords(t *testing.T) {
	cases := map[string]string{
		"وعندما رفع الصحفي صوته أصيب الفريق بذعر.":              "",
		"وأضاف أن الفريق تجاوز التعليمات ولجأ سريعا للعنف.":     "",
		"وقال الفريق أحمد عسيري إن التحقيق متواصل.":             "احمد عسيري",
		"ويشتبه مسؤولون في أن جثة الصحفي نقلت إلى خارج المبنى.": "",
	}
	for body, want := range cases {
		d := rec(body, "2018-10-20")
		var got []string
		for _, e := range d.Entities {
			if e.Type == "person" {
				got = append(got, text.NormalizeKey(e.Surface))
			}
		}
		if want == "" && len(got) > 0 || want != "" && (len(got) != 1 || got[0] != want) {
			t.Errorf("%q: persons %q, want %q", body, got, want)
		}
	}
}

// A town followed by its state or country is that state's town.
func TestTownOfStateNamedAfter(t *testing.T) {
	for body, want := range map[string]string{
		"A gunman opened fire at a store in Lima, Ohio, on Sunday.": "US",
		"The president flew to Lima on Sunday for the summit.":      "PE",
	} {
		d := rec(body, "2019-04-11")
		got := ""
		for _, e := range d.Entities {
			if e.Type == "place" && e.Name == "Lima" {
				got = e.Country
			}
		}
		if got != want {
			t.Errorf("%q: Lima in %q, want %q", body, got, want)
		}
	}
}

// A town named by a frequent word needs a place noun or the locative with the article.
func TestCommonWordTowns(t *testing.T) {
	for body, want := range map[string]string{
		"وأقيمت المباراة بملعب رادس أمام جمهور غفير.":   "",
		"وانطلق القارب من شواطئ الشابة باتجاه إيطاليا.": "Chebba",
	} {
		d := rec(body, "2019-04-11")
		got := ""
		for _, e := range d.Entities {
			if e.Type == "place" && (e.Name == "Melaab" || e.Name == "Chebba") {
				got = e.Name
			}
		}
		if got != want {
			t.Errorf("%q: town %q, want %q", body, got, want)
		}
	}
}

// English names of organisations end on their head; French ones start with it and may
// go on with lowercase words, but a verb after a capitalized word is no part of them.
func TestOrganisationHeads(t *testing.T) {
	for body, want := range map[string][]string{
		"The Number Theory Foundation awarded the prize to him on Monday.":                {"Number Theory Foundation"},
		"Officials of the National Institute of Allergy and Infectious Diseases said so.": {"National Institute of Allergy and Infectious Diseases"},
		"He studied at Florida State University before moving to Boston.":                 {"Florida State University"},
		"The Agency detailing the plan said the Court ruling came late on Monday.":        nil,
		"The Foundation founder Christina Tobin moderated both debates on Monday.":        nil,
		"Les chercheurs de l'Institut Weizmann avancent une hypothèse nouvelle.":          {"Institut Weizmann"},
		"Le Conseil des ministres a adopté le projet de loi mercredi dernier.":            {"Conseil des ministres"},
		"La Wikimedia Foundation a annoncé le lancement du projet hier.":                  {"Wikimedia Foundation"},
	} {
		d := rec(body, "2019-04-11")
		var got []string
		for _, e := range d.Entities {
			if e.Type == "org" {
				got = append(got, e.Surface)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: organisations %q, want %q", body, got, want)
		}
	}
}

// A weak name of a place abroad needs its country named in the text: "بالبحيرة" in a
// Tunisian story is Tunis's Lac district, not Egypt's Beheira.
func TestWeakForeignPlaceNeedsItsCountry(t *testing.T) {
	for body, want := range map[string]bool{
		"أوقفت الشرطة بتونس العاصمة شابا بالبحيرة وحجزت لديه كمية من المخدرات.":  false,
		"أوقفت الشرطة المصرية شابا بالبحيرة في مصر وحجزت لديه كمية من المخدرات.": true,
	} {
		d := rec(body, "2017-04-03")
		got := false
		for _, e := range d.Entities {
			if e.Type == "place" && e.Name == "Beheira" {
				got = true
			}
		}
		if got != want {
			t.Errorf("%q: Beheira found %v, want %v", body, got, want)
		}
	}
}

// TestFamilyNameAlone links a family name used alone, bare or behind a proclitic, to the
// full name named before it, and leaves other words alone.
func TestFamilyNameAlone(t *testing.T) {
	cases := []struct {
		text, surname string
		want          int // mentions of the surname alone linked to the full name
	}{
		{"وأشرف عبد اللطيف حموشي على العملية. وأضاف حموشي أن الأبحاث متواصلة.", "حموشي", 1},
		{"وأشرف عبد اللطيف حموشي على العملية. وقدم الشكر لحموشي وللحموشي وبحموشي.", "حموشي", 3},
		{"Lauren Rembi a gagné. Rembi maîtrise mieux son jeu.", "Rembi", 1},
		{"Lauren Rembi a gagné. La rembi est un mot.", "rembi", 0},
	}
	for _, c := range cases {
		d := rec(c.text, "")
		var full *Entity
		for k := range d.Entities {
			if e := &d.Entities[k]; e.Type == "person" && e.To-e.From >= 2 {
				full = e
				break
			}
		}
		if full == nil {
			t.Errorf("%q: no full name found: %+v", c.text, d.Entities)
			continue
		}
		got := 0
		for _, e := range d.Entities {
			if e.Type == "person" && e.To-e.From == 1 && e.From >= full.To {
				if e.Key != full.Key {
					t.Errorf("%q: %q linked to %q, want %q", c.text, e.Surface, e.Key, full.Key)
				}
				got++
			}
		}
		if got != c.want {
			t.Errorf("%q: %d mentions of %q alone linked, want %d (%+v)", c.text, got, c.surname, c.want, d.Entities)
		}
	}
}

func TestEndsWithAny(t *testing.T) {
	lasts := []string{text.Key("حموشي"), text.Key("الحمري")}
	for key, want := range map[string]bool{
		text.Key("لحموشي"): true, text.Key("وحموشي"): true, text.Key("حموشي"): true,
		text.Key("للحمري"): true, // ل + الحمري: the alef is not written
		text.Key("حموش"):   false, text.Key("المغرب"): false,
	} {
		if got := endsWithAny(key, familySuffixes(lasts)); got != want {
			t.Errorf("endsWithAny(%q) = %v, want %v", key, got, want)
		}
	}
}

// Matched tells which payload kinds a document matched: the passes that look for one kind
// (units, nationalities) skip a document without it.
func TestMatchedKinds(t *testing.T) {
	with := rec("أوقفت الشرطة شخصا يحمل الجنسية المغربية في تونس.", "")
	without := rec("انعقد الاجتماع أمس في القاعة.", "")
	if !with.Matched(lexicon.KNationality) || !with.Matched(lexicon.KPlace) {
		t.Errorf("a nationality and a place were matched, Matched says %v and %v",
			with.Matched(lexicon.KNationality), with.Matched(lexicon.KPlace))
	}
	if without.Matched(lexicon.KNationality) || without.Matched(lexicon.KUnit) {
		t.Errorf("no nationality and no unit in %q, Matched says %v and %v", without.A.Text,
			without.Matched(lexicon.KNationality), without.Matched(lexicon.KUnit))
	}
}

// No date opens at a token onlyPeriodWord lets findDates skip: over random runs of the
// lexicon's time words, months, number words, digits, the openers' own words, with and
// without proclitics, dateAt finds nothing wherever onlyPeriodWord holds, and the filter
// does skip some tokens (a filter that never held would pass vacuously).
func TestOnlyPeriodWordOpensNoDate(t *testing.T) {
	var vocab []string
	for _, w := range testLex.Words {
		switch {
		case w.Table == lexicon.TTime, w.Table == lexicon.TMonth && len(vocab)%3 == 0,
			w.Table == lexicon.TNumber && (w.Tag == "ordinal" || len(vocab)%7 == 0):
			vocab = append(vocab, w.Phrase)
		}
	}
	vocab = append(vocab, dateOpeners...)
	vocab = append(vocab, "3", "13", "2023", "1999", "-", "/", ",", "شهر", "النصف", "الماضي", "في", "in")
	r := rand.New(rand.NewPCG(1, 2))
	skipped := 0
	for range 4000 {
		var words []string
		for range 2 + r.IntN(5) {
			w := vocab[r.IntN(len(vocab))]
			if r.IntN(4) == 0 {
				w = []string{"و", "ب", "ل", "وب", "ف"}[r.IntN(5)] + w
			}
			words = append(words, w)
		}
		s := strings.Join(words, " ")
		for _, pub := range []string{"2024-03-15", ""} {
			d := rec(s, pub)
			for i := range d.A.Tokens {
				if !d.onlyPeriodWord(i) {
					continue
				}
				skipped++
				if dt, ok := d.dateAt(i); ok {
					t.Fatalf("%q (published %q): token %d %q is skipped as a period word, but a date opens there: %+v",
						s, pub, i, d.A.Tokens[i].Text, dt)
				}
			}
		}
	}
	if skipped < 1000 {
		t.Errorf("onlyPeriodWord held at %d tokens of 8,000 texts: the test did not exercise it", skipped)
	}
}

// A text that ends with a word of "ago" ("لم يره من قبل") is read to its end and no
// further: the number that would follow the word is past the last token.
func TestAgoWordEndsText(t *testing.T) {
	for _, s := range []string{"قال إنه لم يره من قبل", "قبل", "وقعت منذ"} {
		d := rec(s, "2024-03-15")
		for _, dt := range d.Dates {
			t.Errorf("%q: date %+v, want none (no unit follows)", s, dt)
		}
	}
}

// Digit tokens with separators: thousands and decimals, with the Latin and the Arabic
// comma and the Arabic decimal and thousands separators.
func TestParseDigits(t *testing.T) {
	cases := []struct {
		s, lang string
		want    float64
	}{
		{"06", "ar", 6}, {"1.000", "fr", 1000}, {"1,000", "en", 1000}, {"2,5", "fr", 2.5},
		{"1,45", "ar", 1.45}, {"2،5", "ar", 2.5}, {"3٫75", "ar", 3.75}, {"12٬500", "en", 12500},
		{"1.234.567", "fr", 1234567},
	}
	for _, c := range cases {
		if got, ok := parseDigits(c.s, c.lang); !ok || got != c.want {
			t.Errorf("parseDigits(%q, %s) = %v, %v; want %v", c.s, c.lang, got, ok, c.want)
		}
	}
}
