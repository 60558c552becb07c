package clean

import (
	"golang.org/x/text/unicode/norm"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestTextNormalizes(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"line endings", "a\r\nb\rc\u2028d\u0085e\ff", "a\nb\nc\nd\ne\nf"},
		{"odd spaces", "a\u00a0b\u2003c\td\u202fe\u3000f", "a b c d e f"},
		{"runs of spaces and trailing spaces", "  a   b  \n c \t", "a b\nc"},
		{"zero-width and bidi controls", "حمو\u200cشي \u200fالرباط\u200e \u202bطنجة\u202c \u2066x\u2069 \ufeffy z\u200d", "حموشي الرباط طنجة x y z"},
		{"soft hyphen and word joiner", "dé\u00admantè\u2060lement", "démantèlement"},
		{"control characters", "a\x00b\x1bc\x7fd\u0090e", "abcde"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
		{"NFC Latin", "e\u0301te\u0301", "été"},
		{"NFC Arabic hamza", "ا\u0654من", "أمن"},
		{"NFC after removing an invisible", "e\u200b\u0301", "é"},
		{"tatweel kept as published", "الأمـــن", "الأمـــن"},
		// inside a run of Arabic letters and ASCII read without copying (keptRun)
		{"letter mark inside a run", "قال\u061cالوزير x\u061c", "قالالوزير x"},
		{"space before a letter mark", "قال \u061cالوزير", "قال الوزير"},
		{"hamza mark inside a run", "قال ا\u0654من", "قال أمن"},
		{"madda mark after ASCII", "2024 ا\u0653", "2024 آ"},
		{"double space inside a run", "قال  الوزير", "قال الوزير"},
		{"trailing space after a run", "قال الوزير \nوأضاف المتحدث", "قال الوزير\nوأضاف المتحدث"},
		{"a lone lead byte", "قال \xd8", "قال \uFFFD"},
		{"paragraphs kept, blank runs collapsed", "a\n\n\n\n b\nc", "a\n\nb\nc"},
		{"blank lines made of spaces", "a\n \n\u00a0\n\u200b\nb", "a\n\nb"},
		{"no blank lines at the ends", "\n\n a \n\n", "a"},
		{"empty", "", ""},
		{"only blanks", " \n\u00a0\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Text(tc.in); got != tc.want {
				t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// Each line is cleaned on its own: "" means dropped, the line itself kept, anything else
// what it is replaced with.
func TestTextFurniture(t *testing.T) {
	dropped := []string{
		// cookie banners
		"نحن نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا ولتحليل الزيارات.",
		"يستخدم هذا الموقع ملفات تعريف الارتباط (الكوكيز).",
		"اطّلع على التفاصيل اقرأ أكثر",
		"موافق",
		"Nous utilisons des cookies pour améliorer votre expérience sur notre site.",
		"Ce site utilise des cookies.",
		"We use cookies to give you the best experience on our website.",
		"This website uses cookies.",
		"We use Cookies to personalise content and ads. " + strings.Repeat("By continuing to browse, you accept them. ", 8),
		"Accept", "J'accepte", "J’accepte", "Tout accepter", "En savoir plus",
		// newsletter
		"القائمة البريدية",
		"إشترك في قائمتنا البريدية ليصلك جديد الموقع .",
		"اشترك في النشرة البريدية",
		"S'abonner à la newsletter",
		"Inscrivez-vous à notre newsletter",
		"Subscribe to our newsletter",
		// comments
		"اترك تعليقاً",
		"أضف تعليق",
		"لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
		"Laisser un commentaire",
		"Votre adresse e-mail ne sera pas publiée.",
		"Leave a comment", "Leave a Reply",
		"Your email address will not be published. Required fields are marked *",
		"12 تعليقات", "3 comments",
		// back to top
		"زر الذهاب إلى الأعلى", "العودة إلى الأعلى", "Retour en haut", "Retour en haut de la page", "Back to top", "↑ Back to top",
		// share buttons
		"شارك", "مشاركة", "Partager", "Share", "Tweet",
		"فيسبوك تويتر واتساب", "فيسبوك | تويتر | واتساب | تلغرام",
		"شارك على فيسبوك", "Partager sur Facebook", "Partager cet article :",
		"Facebook, Twitter, WhatsApp", "Twitter,", "Share on Facebook Share on Twitter",
		// follow us
		"تابعونا على فيسبوك وتويتر", "تابعونا على صفحاتنا في مواقع التواصل الاجتماعي", "تابعنا على X",
		"Suivez-nous sur Twitter", "Follow us on Instagram", "Follow us",
		// read also
		"اقرأ أيضا: توقيف شخصين بمراكش",
		"إقرأ أيضاً | حجز طن من المخدرات",
		"Lire aussi : Un réseau démantelé à Tanger",
		"À lire aussi",
		"Read more: Police arrest two in Rabat",
		"Related: Cell dismantled in Fez",
		"Sur le même sujet",
		"Sur le même sujet Tour de France 2016",
		"Voir aussi : Attentat de Nice",
		// tags
		"الوسوم: الأمن، الإرهاب، طنجة",
		"Tags: security, Morocco",
		"Mots-clés : sécurité, terrorisme",
		// bylines and credits
		"بقلم: أحمد العلوي",
		"بقلم الدكتور سمير بناني",
		"الصحافة _ بقلم: الحسين زاين",
		"محمد الشاوي- بلاحدود bilahodoud.ma",
		"Par Jean Dupont", "Par Jean Dupont, AFP", "PAR Marie de la Tour",
		"By John Smith", "By Jane Doe and Ali Ben Salah", "By John Smith | Reuters",
		"Reporter: Jane Doe", "المصدر: وكالات", "حاورته سلمى بناني",
		"و م ع", "و.م.ع", "(و م ع)", "أ ف ب", "AFP", "خاص", "متابعة",
		"Example.ma", "EXAMPLE.INFO - متابعة", "https://www.youtube.com/watch?v=abc",
		"© 2023 Example Media", "جميع الحقوق محفوظة", "All rights reserved.",
		"Mis à jour le 13/01/2016", "Updated: January 13, 2016",
	}
	for _, line := range dropped {
		if got := Text(line); got != "" {
			t.Errorf("Text(%q) = %q, want the line dropped", line, got)
		}
	}

	replaced := []struct{ line, want string }{
		{"تكتب نهار 26 ديسمبر، 2023 مع 12:30 في الواجهة تابعونا على Scoop", "26 ديسمبر، 2023"},
		{"نشر في 8 مايو 2025 - 10:30", "8 مايو 2025"},
		{"Publié le 12 janvier 2016 à 10h30", "12 janvier 2016"},
		{"Published on December 26, 2023 | Follow us", "December 26, 2023"},
		{"تاريخ النشر: 26/12/2023", "26/12/2023"},
	}
	for _, tc := range replaced {
		if got := Text(tc.line); got != tc.want {
			t.Errorf("Text(%q) = %q, want the date %q", tc.line, got, tc.want)
		}
	}

	// Article sentences and datelines, some with furniture words in them.
	kept := []string{
		"8 مايو 2025",
		"21 février 2016. –",
		"December 26, 2023",
		"الشرطة تفكك خلية إرهابية في طنجة",
		"شارك المغرب في المؤتمر الدولي لمكافحة الإرهاب بمراكش.",
		"وأوضح المصدر أن المشتبه فيه كان يستخدم ملفات تعريف الارتباط لتتبع ضحاياه.",
		"ولمعرفة آخر المستجدات، تابعونا على صفحاتنا في مواقع التواصل الاجتماعي، يقول البلاغ الذي نشر في 3 مايو 2025.",
		"نشر في 3 مايو 2025 بلاغ للمديرية العامة للأمن الوطني أعلن فيه توقيف شخصين.",
		"Par ailleurs, la police a saisi 3 tonnes de résine de cannabis.",
		"Par Décret royal, le ministre a été nommé",
		"Le suspect a laissé un commentaire menaçant sur Facebook.",
		"By Friday, Police had arrested 12 people",
		"By the end of 2023, 21 suspects had been arrested",
		"The suspect shared the video on Facebook and Twitter.",
		"Share prices fell after the attack.",
		"Google a fermé les comptes des suspects.",
		"((WN)) Were copyrighted works among the seized files?",
		"Accept the offer, the minister said.",
		"Le ministre a reçu, par ailleurs, son homologue espagnol.",
		"—Sabrina Bennoui, of RSF",
		"Read the full statement on the ministry's website, the spokesman said.",
		"***",
		"Related to the attack, police arrested 12 people",
		"Sur le même sujet, le ministre a déclaré qu'il n'y avait aucun lien.",
		"Voir aussi le rapport du ministère, publié en mars.",
		"تابعوا في الأيام الأخيرة تحركات المشتبه فيهم",
		"تابعنا على مدى ثلاثة أيام أطوار المحاكمة",
		"أكد الوزير أن جميع الحقوق محفوظة للضحايا",
		"We use these tools every day, a spokesman said, not cookies.",
	}
	for _, line := range kept {
		if got := Text(line); got != line {
			t.Errorf("Text(%q) = %q, want the line kept", line, got)
		}
	}
}

func TestTextArticle(t *testing.T) {
	in := "تفكيك خلية إرهابية بطنجة\r\n\r\n" +
		"تكتب نهار 26 ديسمبر، 2023 مع 12:30 في الواجهة تابعونا على Scoop\r\n\r\n" +
		"تفكيك خلية إرهابية بطنجة\r\n" +
		"بقلم: أحمد العلوي\r\n\r\n\r\n" +
		"تمكنت المصالح الأمنية من تفكيك خلية إرهابية تتكون من أربعة عناصر.\u00a0\r\n" +
		"وأسفرت العملية عن حجز أسلحة بيضاء.\r\n\r\n" +
		"اقرأ أيضا: حجز طن من المخدرات\r\n\r\n" +
		"فيسبوك تويتر واتساب\r\n\u00a0\r\n" +
		"زر الذهاب إلى الأعلى\r\n"
	want := "تفكيك خلية إرهابية بطنجة\n\n" +
		"26 ديسمبر، 2023\n\n" +
		"تمكنت المصالح الأمنية من تفكيك خلية إرهابية تتكون من أربعة عناصر.\n" +
		"وأسفرت العملية عن حجز أسلحة بيضاء."
	if got := Text(in); got != want {
		t.Errorf("Text =\n%s\nwant\n%s", got, want)
	}
	if got := Text(want); got != want {
		t.Errorf("Text is not idempotent on its output: %q", got)
	}
}

func TestTextRepeatedTitle(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"title, dateline, title", "عنوان\n\n8 مايو 2025\nعنوان\n\nنص.", "عنوان\n\n8 مايو 2025\n\nنص."},
		{"run of copies", "عنوان\nعنوان\nعنوان\nنص.", "عنوان\nنص."},
		{"copy far down kept", "عنوان\nأ.\nب.\nج.\nد.\nه.\nعنوان", "عنوان\nأ.\nب.\nج.\nد.\nه.\nعنوان"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Text(tc.in); got != tc.want {
				t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzText(f *testing.F) {
	f.Add("تفكيك خلية\r\n\r\n\r\nزر الذهاب إلى الأعلى\n8 مايو 2025")
	f.Add("Par Jean Dupont\n\n21 février 2016. –\nLire aussi : x\u00a0y\u200b")
	f.Add("e\u200b\u0301 \u2028 a\xff\n\n\n")
	f.Add("تكتب نهار 26 ديسمبر، 2023 مع 12:30 في الواجهة تابعونا على Scoop")
	f.Add("t\nx\nt\n t \nt")
	f.Fuzz(func(t *testing.T, s string) {
		once := Text(s)
		if !utf8.ValidString(once) {
			t.Fatalf("invalid UTF-8 from %q: %q", s, once)
		}
		if twice := Text(once); twice != once {
			t.Fatalf("not idempotent on %q:\nonce  %q\ntwice %q", s, once, twice)
		}
		if strings.Contains(once, "\n\n\n") || strings.HasPrefix(once, "\n") || strings.HasSuffix(once, "\n") {
			t.Fatalf("blank lines not collapsed: %q", once)
		}
	})
}

// benchArticle is a few KB of mixed Arabic, French and English text with furniture, as
// a scraped article looks.
var benchArticle = strings.Repeat(
	"تفكيك خلية إرهابية بطنجة\r\n\r\n8 مايو 2025\r\nبقلم: أحمد العلوي\r\n\r\n"+
		"تمكنت المصالح الأمنية، بتنسيق مع المديرية العامة لمراقبة التراب الوطني، من تفكيك خلية إرهابية تتكون من أربعة عناصر تنشط بمدينتي طنجة وتطوان، وحجز أسلحة بيضاء ومعدات إلكترونية.\u00a0\r\n"+
		"Les services de sécurité ont démantelé une cellule terroriste de quatre membres à Tanger et Tétouan.\r\n"+
		"Security services dismantled a four-member terrorist cell in Tangier and Tetouan, the ministry said.\r\n\r\n"+
		"اقرأ أيضا: حجز طن من المخدرات\r\nفيسبوك تويتر واتساب\r\nShare on Facebook\r\n\r\n"+
		"نحن نستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا ولتحليل الزيارات.\r\nموافق\r\nزر الذهاب إلى الأعلى\r\n\r\n", 6)

func BenchmarkText(b *testing.B) {
	b.SetBytes(int64(len(benchArticle)))
	for b.Loop() {
		Text(benchArticle)
	}
}

// normalizeReference is the rules of normalize written plainly, step by step: the fast
// one-pass normalize must give the same text.
func normalizeReference(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case r == '\t' || isOddSpace(r):
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7F && r < 0xA0) || isInvisible(r):
		default:
			b.WriteRune(r)
		}
	}
	s = b.String()
	if mayCompose(s) {
		s = norm.NFC.String(s)
	}
	b.Reset()
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		space := false
		for _, r := range strings.TrimSpace(line) {
			if r == ' ' {
				space = true
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mayCompose reports text that NFC could change; normalize finds it out as it writes.
func mayCompose(s string) bool {
	for _, r := range s {
		if mayComposeRune(r) {
			return true
		}
	}
	return false
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"a\r\nb", "  x  y \n z ", "تفكيك\u00a0خلية", "\xff\xfe", "e\u0301", "a\u200b\u0301", "\r\r\n", "x\u2028y", "normal line\nthen  not", "é\nة\ne\u0301", "ok\nok \n", "ا \u061cب", "a \xd8", "x \u0653", "تفكيكخلية\u061cإرهابية", "مصالحالأمنيةآ\u0653", "بببببببب\xd8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normalize(s), normalizeReference(s); got != want {
			t.Fatalf("normalize(%q) = %q, reference gives %q", s, got, want)
		}
	})
}

// countWords must count the words of the folded line without folding it: classify decides
// from it, before folding, whether a line can be furniture at all.
func FuzzCountWords(f *testing.F) {
	for _, s := range []string{"تفكيك  خلية", "a \u064b b", "ـ ـ x", "Éé\u00a0ç", " \t", "\u0670", "x\u2028y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords(s), len(strings.Fields(fold(s))); got != want {
			t.Fatalf("countWords(%q) = %d, folded line has %d words", s, got, want)
		}
	})
}

func TestFoldLatinTable(t *testing.T) {
	for in, want := range map[string]string{"Équipe": "equipe", "façade": "facade", "Łódź": "łodz", "Ærø": "ærø" /* ø has no decomposition */} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// fold copies the letters of the Arabic block without lowering them: none has a case.
func TestFoldArabicHasNoCase(t *testing.T) {
	for r := rune(0x0600); r <= 0x06FF; r++ {
		if unicode.ToLower(r) != r {
			t.Errorf("unicode.ToLower(%U) = %U", r, unicode.ToLower(r))
		}
	}
}

// fold must give what the plain rune-by-rune rules give, whatever the bytes.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"أإآٱى", "Équipe", "\xd8", "\xd8\x41", "تَفْكِيك", "ـ’‘ʼ´", "ÆØ",
		"قال الوزير إن الأمن في Rabat مستتب", "الـمدرسة ABC على", "خلية\xd8", "خلية\xd9\xd9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fold(s), foldReference(s); got != want {
			t.Fatalf("fold(%q) = %q, reference gives %q", s, got, want)
		}
	})
}

func foldReference(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case foldDrops(r):
			continue
		case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == '’', r == '‘', r == 'ʼ', r == '´':
			r = '\''
		case r >= latinFirst && r <= latinLast:
			r = latinBase[r-latinFirst]
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// byteIndexOfRune must agree with ranging over the string, on valid UTF-8 as classify
// gets it.
func FuzzByteIndexOfRune(f *testing.F) {
	for _, s := range []string{"abc", "تفكيك", "تفكيك خلية إرهابية بطنجة", "€𝄞a", "0123456789abcdef"} {
		f.Add(s, uint16(2))
		f.Add(s, uint16(9))
	}
	f.Fuzz(func(t *testing.T, s string, n uint16) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		want, i := -1, 0
		for off := range s {
			if i == int(n) {
				want = off
				break
			}
			i++
		}
		if got := byteIndexOfRune(s, int(n)); got != want {
			t.Fatalf("byteIndexOfRune(%q, %d) = %d, want %d", s, n, got, want)
		}
	})
}

// phrase.in must find what strings.Contains finds, wherever its anchor byte is.
func FuzzPhraseIn(f *testing.F) {
	for _, s := range []string{"اشترك في النشرة البريدية", "newsletter", "aab", "ليصلك كل جديد"} {
		f.Add(s, "النشرة", uint8(3))
		f.Add(s, "ab", uint8(1))
	}
	f.Fuzz(func(t *testing.T, s, p string, anchor uint8) {
		if p == "" {
			return
		}
		ph := phrase{p, int(anchor) % len(p)}
		if got, want := ph.in(s), strings.Contains(s, p); got != want {
			t.Fatalf("%+v.in(%q) = %v, strings.Contains gives %v", ph, s, got, want)
		}
	})
}

func TestHasDigitArabic(t *testing.T) {
	for r := rune(0x0600); r <= 0x06FF; r++ {
		if got, want := hasDigit(string(r)), unicode.IsDigit(r); got != want {
			t.Errorf("hasDigit(%U) = %v, unicode.IsDigit says %v", r, got, want)
		}
	}
}

func FuzzHasDigit(f *testing.F) {
	for _, s := range []string{"abc", "٣ مايو", "۴", "\xd9", "١٢", "x𝟙"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasDigit(s), strings.ContainsFunc(s, unicode.IsDigit); got != want {
			t.Fatalf("hasDigit(%q) = %v, want %v", s, got, want)
		}
	})
}

// Text returns the normalized text itself when isJoined says joining its lines again
// would give it back.
func FuzzIsJoined(f *testing.F) {
	for _, s := range []string{"", "a", "a\nb", "a\n\nb", "a\n\n\nb", "\na", "a\n", "\n", " \n \n ", "a\n\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if isJoined(s) && joinParagraphs(strings.Split(s, "\n")) != s {
			t.Fatalf("isJoined(%q), but joining its lines gives %q", s, joinParagraphs(strings.Split(s, "\n")))
		}
	})
}

// classify counts a short line's words on the folded line (wordsOfFolded): on every line
// normalize makes, that must be the count countWords gives on the line itself.
func FuzzWordsOfFolded(f *testing.F) {
	for _, s := range []string{"تفكيك  خلية", "a \u064b b", "ـ ـ x", "Éé\u00a0ç", " \t", "\u0670", "x\u2028y",
		"one two three four five six seven eight nine", "\u064b\u064b \u064b x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for line := range strings.SplitSeq(normalize(s), "\n") {
			if got, want := wordsOfFolded(fold(line)), countWords(line); got != want {
				t.Fatalf("wordsOfFolded(fold(%q)) = %d, countWords gives %d", line, got, want)
			}
		}
	})
}

// trimToLettersAndDigits must trim as strings.TrimFunc with unicode's letters and digits.
func FuzzTrimToLettersAndDigits(f *testing.F) {
	for _, s := range []string{"«تفكيك خلية»", "— 12 —", "...", "", "\xd8", "x\xd9", "؟؟ب؟؟", "\u0660\u06f0", "٭ (ok) ٭", "\u064bا\u064b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if got := trimToLettersAndDigits(s); got != want {
			t.Fatalf("trimToLettersAndDigits(%q) = %q, want %q", s, got, want)
		}
	})
}

// The tables behind trimToLettersAndDigits, rune by rune over the Arabic block.
func TestArabicLetterOrDigitTable(t *testing.T) {
	for r := rune(0x600); r <= 0x6FF; r++ {
		ok, size := letterOrDigitFirst(string(r))
		if want := unicode.IsLetter(r) || unicode.IsDigit(r); ok != want || size != 2 {
			t.Errorf("letterOrDigitFirst(%U) = %v, %d; want %v, 2", r, ok, size, want)
		}
	}
}

// isShareButtons must read a line's words as strings.FieldsFunc does.
func FuzzIsShareButtons(f *testing.F) {
	for _, s := range []string{"شارك علي فيسبوك", "partager sur facebook", "share 12 tweet", "x", "l'article share", "وزير الداخلية",
		"share, \u064b print", "e-mail share", "\xff share"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		verb, want := false, true
		for w := range strings.FieldsFuncSeq(s, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-'
		}) {
			switch {
			case shareVerbs[w]:
				verb = true
			case !shareJoins[w] && !isNumber(w):
				want = false
			}
		}
		if got := isShareButtons(s); got != (want && verb) {
			t.Fatalf("isShareButtons(%q) = %v, want %v", s, got, want && verb)
		}
	})
}

// containsWords must find what strings.Index finds, at word bounds.
func FuzzContainsWords(f *testing.F) {
	for _, s := range []string{"تابعنا علي فيسبوك", "وتابعنا علي", "follow us", "xfollow us", "follow us now", "follow usfollow us"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := false
		for _, ph := range headerWords {
			for i := 0; !want; {
				j := strings.Index(s[i:], ph.s)
				if j < 0 {
					break
				}
				start, end := i+j, i+j+len(ph.s)
				want = (start == 0 || s[start-1] == ' ') && (end == len(s) || s[end] == ' ')
				i = start + 1
			}
		}
		if got := containsWords(s, headerWords); got != want {
			t.Fatalf("containsWords(%q) = %v, want %v", s, got, want)
		}
	})
}

// Text reads lines in place and lists them only once one changes: it must give what
// splitting every text into lines gave.
func FuzzTextAsSplit(f *testing.F) {
	for _, s := range []string{"Titre\n\n12 mars 2024\nTitre\nCorps du texte.", "a\n\n\n\nb", "\nx\n", "",
		"تفكيك خلية\nشارك\nتفكيك خلية\nالنص", "Accept\nBody", "x\n\nx\n\nx", "One\nTwo\nback to top\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lines := strings.Split(normalize(s), "\n")
		var kept []string
		var title titleRepeats
		for _, line := range lines {
			switch act, date := classify(line, &folder{}); act {
			case keep:
				if title.keep(line) {
					kept = append(kept, line)
				}
			case replace:
				if title.keep(date) {
					kept = append(kept, date)
				}
			}
		}
		if got, want := Text(s), joinParagraphs(kept); got != want {
			t.Fatalf("Text(%q) = %q, splitting gives %q", s, got, want)
		}
	})
}
