package clean

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"marsad/internal/document"
)

// Paragraphs of a short article written for these tests, long enough for readability to
// see an article.
var paras = []string{
	"تمكنت عناصر الشرطة بمدينة طنجة، بتنسيق وثيق مع مصالح المديرية العامة لمراقبة التراب الوطني، من توقيف أربعة أشخاص يشتبه في ارتباطهم بشبكة إجرامية تنشط في تهريب المخدرات والاتجار بالبشر عبر السواحل الشمالية للمملكة.",
	"وقد أسفرت عمليات التفتيش المنجزة عن حجز طنين وثلاثمائة كيلوغرام من مخدر الشيرا، إضافة إلى ثلاث سيارات رباعية الدفع وقارب مطاطي ومبالغ مالية يشتبه في كونها من متحصلات هذا النشاط الإجرامي.",
	"وقد تم الاحتفاظ بالمشتبه فيهم تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة، للكشف عن باقي الامتدادات المحتملة لهذه الشبكة على الصعيدين الوطني والدولي.",
}

func articlePage(head string) string {
	return `<!DOCTYPE html><html lang="ar-MA" dir="rtl"><head><meta charset="utf-8">
<title>توقيف أربعة أشخاص بطنجة - موقع المثال</title>` + head + `</head>
<body>
<nav><a href="/">الرئيسية</a> <a href="/politique">سياسة</a> <a href="/societe">مجتمع</a></nav>
<header class="site-header"><div class="logo">موقع المثال</div></header>
<main><article>
<h1>توقيف أربعة أشخاص بطنجة</h1>
<p>` + paras[0] + `</p>
<p>` + paras[1] + `</p>
<div class="share-buttons"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
<p>` + paras[2] + `</p>
</article></main>
<aside class="sidebar"><h3>الأكثر قراءة</h3><ul><li><a href="/1">خبر أول</a></li><li><a href="/2">خبر ثان</a></li></ul></aside>
<footer><div id="cookie-banner">نحن نستخدم ملفات تعريف الارتباط لتحسين تجربتك. <button>موافق</button></div></footer>
</body></html>`
}

func TestHTMLArticle(t *testing.T) {
	page := articlePage(`<meta property="article:published_time" content="2023-12-26T00:30:00+01:00">`)
	p, err := HTML(page, "https://example.ma/news/1")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "توقيف أربعة أشخاص بطنجة" {
		t.Errorf("Title = %q", p.Title)
	}
	if p.Published != "2023-12-26" || p.Lang != "ar" {
		t.Errorf("Published = %q, Lang = %q; want 2023-12-26, ar", p.Published, p.Lang)
	}
	// The article's paragraphs, separated by blank lines, and nothing of the page around.
	if !strings.Contains(p.Text, strings.Join(paras, "\n\n")) && !strings.Contains(p.Text, paras[0]+"\n\n"+paras[1]) {
		t.Errorf("paragraphs not kept apart:\n%s", p.Text)
	}
	for _, para := range paras {
		if !strings.Contains(p.Text, para) {
			t.Errorf("paragraph missing: %.60q", para)
		}
	}
	for _, junk := range []string{"الرئيسية", "ملفات تعريف الارتباط", "موافق", "الأكثر قراءة", "واتساب", "خبر أول"} {
		if strings.Contains(p.Text, junk) {
			t.Errorf("page furniture %q in the text:\n%s", junk, p.Text)
		}
	}
	if Text(p.Text) != p.Text {
		t.Error("HTML's text is not cleaned")
	}
}

func TestHTMLPublished(t *testing.T) {
	tests := []struct{ name, head, body, want string }{
		{"open graph", `<meta property="article:published_time" content="2019-08-08T10:00:00Z">`, "", "2019-08-08"},
		{"json-ld", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2017-03-03T09:00:00+01:00"}</script>`, "", "2017-03-03"},
		{"json-ld graph", `<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2016-01-12"}]}</script>`, "", "2016-01-12"},
		{"json-ld array", `<script type="application/ld+json">[{"@type":"Organization"},{"datePublished":"2015-12-09"}]</script>`, "", "2015-12-09"},
		{"time element", "", `<p><time datetime="2024-05-08">8 mai 2024</time></p>`, "2024-05-08"},
		{"marked time over first time", "", `<p><time datetime="2025-01-01">today</time> <time itemprop="datePublished" datetime="2024-12-31T22:00:00Z">x</time></p>`, "2024-12-31"},
		{"meta over json-ld", `<meta property="article:published_time" content="2020-06-05"><script type="application/ld+json">{"datePublished":"2020-06-04"}</script>`, "", "2020-06-05"},
		{"broken json-ld ignored", `<script type="application/ld+json">{"datePublished": </script>`, `<time datetime="2013-12-10">x</time>`, "2013-12-10"},
		{"unreadable date", `<meta property="article:published_time" content="yesterday">`, "", ""},
		{"none", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := "<html><head>" + tc.head + "</head><body>" + tc.body + "<p>" + paras[0] + "</p></body></html>"
			p, err := HTML(page, "")
			if err != nil {
				t.Fatal(err)
			}
			if p.Published != tc.want {
				t.Errorf("Published = %q, want %q", p.Published, tc.want)
			}
		})
	}
}

func TestHTMLStructure(t *testing.T) {
	tests := []struct{ name, page, want string }{
		{"paragraphs and breaks", "<p>أ<br>ب</p><p>ج</p>", "أ\nب\n\nج"},
		{"inline elements join words", "<p>تفكيك <b>خلية</b>، <a href=x>إرهابية</a>.</p>", "تفكيك خلية، إرهابية."},
		{"whitespace as a browser shows it", "<p>  a\n\t b  </p>", "a b"},
		{"list items", "<ul><li>a</li><li>b</li></ul>", "a\n\nb"},
		{"scripts and styles dropped", "<p>a</p><script>var x = 1;</script><style>p{}</style><p>b</p>", "a\n\nb"},
		{"malformed: unclosed tags", "<html><body><p>نص أول<p>نص ثان<div><b>غير مغلق", "نص أول\n\nنص ثان\n\nغير مغلق"},
		{"malformed: stray closing tags", "</div></p>a</b> b</html>", "a b"},
		{"entities", "<p>Tanger &amp; T&eacute;touan&nbsp;: &#1605;</p>", "Tanger & Tétouan : م"},
		{"furniture lines cleaned", "<p>a</p><p>Partager sur Facebook</p><p>Back to top</p>", "a"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := HTML(tc.page, "")
			if err != nil {
				t.Fatal(err)
			}
			if p.Text != tc.want {
				t.Errorf("Text = %q, want %q", p.Text, tc.want)
			}
		})
	}
}

func TestHTMLNoText(t *testing.T) {
	for _, page := range []string{"", "<html><body></body></html>", "<script>x()</script>", "<p>Back to top</p>"} {
		if _, err := HTML(page, ""); !errors.Is(err, ErrNoText) {
			t.Errorf("HTML(%q) error = %v, want ErrNoText", page, err)
		}
	}
}

func TestDocument(t *testing.T) {
	page := articlePage(`<meta property="article:published_time" content="2023-12-26">`)
	tests := []struct {
		name string
		in   document.Document
		want document.Document // Text compared only when set
	}{
		{
			name: "page fills empty metadata",
			in:   document.Document{ID: "p", HTML: page},
			want: document.Document{ID: "p", Title: "توقيف أربعة أشخاص بطنجة", Published: "2023-12-26", Lang: "ar"},
		},
		{
			name: "given metadata wins over the page",
			in:   document.Document{ID: "p", HTML: page, Title: "عنوان", Published: "2023-12-27", Lang: "fr"},
			want: document.Document{ID: "p", Title: "عنوان", Published: "2023-12-27", Lang: "fr"},
		},
		{
			name: "plain text cleaned",
			in:   document.Document{ID: "t", Title: " عنوان\u00a0الخبر ", Text: "عنوان الخبر\r\n\r\nنص.\r\nزر الذهاب إلى الأعلى"},
			want: document.Document{ID: "t", Title: "عنوان الخبر", Text: "عنوان الخبر\n\nنص."},
		},
		{
			name: "byline as title replaced by the first line",
			in:   document.Document{ID: "b", Title: "محمد الشاوي- بلاحدود bilahodoud.ma", Text: "محمد الشاوي- بلاحدود bilahodoud.ma\nسجل الأمن الوطني إنجازات.\nنص."},
			want: document.Document{ID: "b", Title: "سجل الأمن الوطني إنجازات.", Text: "سجل الأمن الوطني إنجازات.\nنص."},
		},
		{
			name: "no title stays without one",
			in:   document.Document{ID: "n", Text: "نص الخبر."},
			want: document.Document{ID: "n", Text: "نص الخبر."},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Document(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != tc.want.ID || got.Title != tc.want.Title || got.Published != tc.want.Published || got.Lang != tc.want.Lang {
				t.Errorf("got %q %q %q %q, want %q %q %q %q", got.ID, got.Title, got.Published, got.Lang,
					tc.want.ID, tc.want.Title, tc.want.Published, tc.want.Lang)
			}
			if tc.want.Text != "" && got.Text != tc.want.Text {
				t.Errorf("Text = %q, want %q", got.Text, tc.want.Text)
			}
			if tc.in.HTML != "" && !strings.Contains(got.Text, paras[1]) {
				t.Errorf("Text lacks the article: %q", got.Text)
			}
		})
	}

	_, err := Document(document.Document{ID: "junk", Text: "موافق\n\nزر الذهاب إلى الأعلى"})
	if !errors.Is(err, ErrNoText) || !strings.Contains(err.Error(), "junk") {
		t.Errorf("all-furniture document: error %v, want ErrNoText naming the document", err)
	}
}

func FuzzHTML(f *testing.F) {
	f.Add(articlePage(`<meta property="article:published_time" content="2023-12-26">`))
	f.Add("<p>نص أول<p>نص ثان<div><b>غير مغلق")
	f.Add(`<script type="application/ld+json">{"@graph":[[[{"datePublished":1}]]]}</script><time datetime="x">`)
	f.Add("<table><tr><td>a<td>b<tr><td>c</table><pre> x\n  y</pre><br><br>")
	f.Add("<svg><p>x</svg><math><mi>y</math><template><p>z</template><noscript><p>w")
	f.Fuzz(func(t *testing.T, page string) {
		p, err := HTML(page, "http://example.org/")
		if err != nil && !errors.Is(err, ErrNoText) {
			t.Fatalf("HTML error %v", err)
		}
		for _, s := range []string{p.Title, p.Text, p.Published, p.Lang} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 %q", s)
			}
		}
		if Text(p.Text) != p.Text {
			t.Fatalf("text not clean: %q", p.Text)
		}
	})
}

func TestHTMLTitle(t *testing.T) {
	body := "<p>" + paras[0] + "</p><p>" + paras[1] + "</p>"
	tests := []struct{ name, page, want string }{
		{"og:title", `<html><head><title>Cellule démantelée - Le Site</title><meta property="og:title" content="Cellule  démantelée à Tanger"></head><body>` + body, "Cellule démantelée à Tanger"},
		{"h1 inside title", `<html><head><title>Cellule démantelée à Tanger | Le Site</title></head><body><h1>Cellule démantelée à Tanger</h1>` + body, "Cellule démantelée à Tanger"},
		{"h1 unrelated to title", `<html><head><title>Cellule démantelée à Tanger</title></head><body><h1>Le Site</h1>` + body, "Cellule démantelée à Tanger"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := HTML(tc.page, "")
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tc.want {
				t.Errorf("Title = %q, want %q", p.Title, tc.want)
			}
		})
	}
}
