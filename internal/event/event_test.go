package event

import (
	"os"
	"sort"
	"strings"
	"testing"

	"marsad/internal/lexicon"
	"marsad/internal/lexicon/lexicontest"
	"marsad/internal/recognize"
	"marsad/internal/text"
)

var testLex *lexicon.Lexicon

func TestMain(m *testing.M) {
	testLex = lexicontest.MustLoad()
	os.Exit(m.Run())
}

func events(s, published string) []Event {
	a := text.Analyze(s, "")
	return Extract(recognize.Recognize(testLex, &a, published))
}

func ofType(evs []Event, typ string) []Event {
	var out []Event
	for _, e := range evs {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

func places(e Event) string {
	var ps []string
	for _, p := range e.Places {
		ps = append(ps, p.Name)
	}
	sort.Strings(ps)
	return strings.Join(ps, ",")
}

func TestFiguresAgree(t *testing.T) {
	cases := []struct {
		a, b Figure
		want bool
	}{
		{Figure{Value: 6}, Figure{Value: 6}, true},
		{Figure{Value: 6}, Figure{Value: 8, Qualifier: "approx"}, false}, // ≈8 vs 6 disagree
		{Figure{Value: 500, Qualifier: "at_least"}, Figure{Value: 520}, true},
		{Figure{Value: 500, Qualifier: "at_least"}, Figure{Value: 450}, false},
		{Figure{Value: 20, Qualifier: "at_least"}, Figure{Value: 22}, true},
		{Figure{Value: 100, Qualifier: "approx"}, Figure{Value: 110}, true},
		{Figure{Value: 10, Qualifier: "at_most"}, Figure{Value: 12}, false},
	}
	for _, c := range cases {
		if got := FiguresAgree(c.a, c.b); got != c.want {
			t.Errorf("FiguresAgree(%+v, %+v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestCellWithMembers(t *testing.T) {
	evs := events("تمكنت المصالح الأمنية من تفكيك خلية إرهابية تتكون من أربعة عناصر بمدينة طنجة.", "2024-03-01")
	cells := ofType(evs, "cell_dismantled")
	if len(cells) != 1 || len(evs) != 1 {
		t.Fatalf("want one cell_dismantled event, got %+v", evs)
	}
	if cells[0].Figures["cells"].Value != 1 || cells[0].Figures["arrested"].Value != 4 {
		t.Errorf("figures %+v, want cells 1 and arrested 4", cells[0].Figures)
	}
	if places(cells[0]) != "Tangier" {
		t.Errorf("places %s, want Tangier", places(cells[0]))
	}
}

// One sentence that tells three events in three clauses gives each its own place.
func TestClausesKeepTheirPlaces(t *testing.T) {
	evs := events("عقد المسؤولون اجتماعا بالرباط ثم بالدار البيضاء.\nمكنت يقظة الأمن المغربي من تفكيك خلايا إرهابية بمدينة إيسن غربي ألمانيا، فقد مكن تعاون مغربي اسباني من إفشال مخططات ارهابية في مليلية، كما تم توقيف متطرفين في عمليات أخرى بمدينة برشلونة.", "")
	want := map[string]string{"cell_dismantled": "Essen", "plot_foiled": "Melilla", "arrest": "Barcelona"}
	for typ, place := range want {
		got := ofType(evs, typ)
		if len(got) != 1 {
			t.Errorf("%s: %d events, want 1 (%+v)", typ, len(got), evs)
			continue
		}
		if places(got[0]) != place {
			t.Errorf("%s: places %s, want %s", typ, places(got[0]), place)
		}
	}
}

// A charge named inside an arrest ("suspected of killing") is an event of its own, and
// both take the sentence's place.
func TestChargeInsideArrest(t *testing.T) {
	evs := events("اعتقل الحرس المدني الإسباني ليلة السبت، شخصا يشتبه في تورطه في مقتل مغربي، في إحدى الحانات بمدينة سالسيدا.", "")
	ar, at := ofType(evs, "arrest"), ofType(evs, "attack")
	if len(ar) != 1 || len(at) != 1 {
		t.Fatalf("want one arrest and one attack, got %+v", evs)
	}
	if ar[0].Figures["arrested"].Value != 1 {
		t.Errorf("arrest figures %+v, want arrested 1", ar[0].Figures)
	}
	if !strings.Contains(places(ar[0]), "Salceda") || !strings.Contains(places(at[0]), "Salceda") {
		t.Errorf("places: arrest %s, attack %s; want Salceda for both", places(ar[0]), places(at[0]))
	}
}

func TestDatedPartsAreSeparateEvents(t *testing.T) {
	evs := events("La série d'hommages aux victimes des attentats de janvier 2015 (17 morts) et de novembre 2015 (130 morts) à Paris s'est achevée.", "2016-01-10")
	at := ofType(evs, "attack")
	if len(at) != 2 {
		t.Fatalf("want two attacks, got %+v", evs)
	}
	got := map[string]float64{}
	for _, e := range at {
		got[e.Date.From] = e.Figures["killed"].Value
	}
	if got["2015-01"] != 17 || got["2015-11"] != 130 {
		t.Errorf("attacks by month %v, want 2015-01: 17 and 2015-11: 130", got)
	}
}

func TestListedIncidentsAreSeparateEvents(t *testing.T) {
	evs := events("The shooting followed four deadly mass shootings that week, including one in California at a garlic festival in Gilroy, killing three, and another in Chippewa Falls, Wisconsin where at least five died.", "2019-08-08")
	got := map[string]Figure{}
	for _, e := range ofType(evs, "attack") {
		got[places(e)] = e.Figures["killed"]
	}
	if f := got["California,Gilroy"]; f.Value != 3 {
		t.Errorf("Gilroy killed %+v, want 3 (attacks %v)", f, got)
	}
	if f := got["Chippewa Falls,Wisconsin"]; f.Value != 5 || f.Qualifier != "at_least" {
		t.Errorf("Chippewa Falls killed %+v, want at least 5 (attacks %v)", f, got)
	}
}

func TestNotEvents(t *testing.T) {
	cases := map[string]string{
		"vehicles stopped":   "إيقاف 16 سيارة محل تفتيش.",
		"cancelled visit":    "وكان الوزير قد ألغى زيارته إلى الرباط في اللحظة الأخيرة.",
		"sweeping claim":     "وأثبتت الأجهزة الأمنية المغربية جدارتها من خلال تفكيك شبكات إرهابية معقدة.",
		"quoted attack":      "Il a lu le texte: «Qui attaque Paris attaque en masse tout le genre humain.»",
		"attack referred to": "Rassemblement à Toulouse, au lendemain de la fusillade.",
	}
	for name, s := range cases {
		if evs := events(s, "2017-03-14"); len(evs) != 0 {
			t.Errorf("%s: want no event, got %+v", name, evs)
		}
	}
}

// Background that ended more than a year before publication is not an event of the article.
func TestHistoricalBackgroundLeftOut(t *testing.T) {
	evs := events("Le 22 novembre 1963, le président a été tué lors d'un attentat à Dallas.", "2019-05-02")
	if len(evs) != 0 {
		t.Errorf("want no event for a 1963 attack recalled in 2019, got %+v", evs)
	}
	evs = events("Depuis 2002, les services ont démantelé 215 cellules terroristes.", "2023-12-26")
	if len(ofType(evs, "cell_dismantled")) != 1 {
		t.Errorf("an aggregate up to the present is kept, got %+v", evs)
	}
}

func TestHeadlineAndBodyAreOneEvent(t *testing.T) {
	evs := events("المنستير : تفكيك خلية تكفيرية\n\nتمكنت فرقة الأبحاث والتفتيش للحرس الوطني من تفكيك خلية تكفيرية تتكون من أربعة عناصر تنشط بمدينة المكنين.", "2017-03-03")
	cells := ofType(evs, "cell_dismantled")
	if len(cells) != 1 {
		t.Fatalf("headline and body tell one cell, got %d: %+v", len(cells), evs)
	}
	if cells[0].Figures["arrested"].Value != 4 {
		t.Errorf("figures %+v, want the body's 4 members", cells[0].Figures)
	}
}
