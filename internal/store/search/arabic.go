package search

import (
	"strings"
	"unicode/utf8"

	"marsad/internal/text"
)

// arabicTerm is the term of a folded Arabic word (see the package comment for the rules).
func arabicTerm(k string) string {
	if arabicStop[k] {
		return ""
	}
	if rest, ok := cutConjunction(k); ok && arabicStop[rest] {
		return "" // وفي, ومن, فهو: a function word behind a conjunction
	}
	w := k
	for {
		if placeNames[w] {
			return w // a name keeps its ending: لبنان is not لبن + ان
		}
		if sing, ok := brokenPlurals[w]; ok {
			return stripSuffixes(sing)
		}
		next := stripPrefix(w)
		if next != w && protected(w) {
			break
		}
		if next == w {
			break
		}
		w = next
	}
	return stripSuffixes(w)
}

func runes(s string) int { return utf8.RuneCountInString(s) }

func cutConjunction(k string) (string, bool) {
	if rest, ok := strings.CutPrefix(k, "و"); ok {
		return rest, true
	}
	return strings.CutPrefix(k, "ف")
}

// stripPrefix removes one proclitic: the article ال when two letters are left, or one of
// و ف ب ل ك when three are. لل (ل + ال) goes as two ل. It returns w when there is none.
func stripPrefix(w string) string {
	n := runes(w)
	if rest, ok := strings.CutPrefix(w, "ال"); ok && n-2 >= 2 {
		return rest
	}
	r, size := utf8.DecodeRuneInString(w)
	switch r {
	case 'و', 'ف', 'ب', 'ل', 'ك':
		if n-1 >= 3 {
			return w[size:]
		}
	}
	return w
}

// protected reports a word that begins with a place name or a protected stem: words
// whose first letters look like proclitics but are not (الفلسطينية keeps its ف).
func protected(w string) bool {
	for i := range w {
		if i > 0 && (protectedStems[w[:i]] || placeNames[w[:i]]) {
			return true
		}
	}
	return protectedStems[w] || placeNames[w]
}

var (
	pronounSuffixes = []string{"هما", "هم", "هن", "ها", "كم"}
	pluralSuffixes  = []string{"ات", "ون", "ين", "ان"}
)

// stripSuffixes removes one pronoun suffix, one plural or dual suffix, a final ه and a
// final ي, each only when enough of the word is left.
func stripSuffixes(w string) string {
	for _, s := range pronounSuffixes {
		if rest, ok := strings.CutSuffix(w, s); ok && runes(rest) >= 3 {
			w = rest
			// A taa marbuta is written ت before a suffix: خليتها is خلية + ها.
			if base, ok := strings.CutSuffix(w, "ت"); ok && runes(w) >= 4 {
				w = base + "ه"
			}
			if sing, ok := brokenPlurals[w]; ok {
				w = sing
			}
			break
		}
	}
	for _, s := range pluralSuffixes {
		if rest, ok := strings.CutSuffix(w, s); ok && runes(rest) >= 3 {
			w = rest
			break
		}
	}
	if rest, ok := strings.CutSuffix(w, "ه"); ok && runes(rest) >= 2 {
		w = rest
	}
	if rest, ok := strings.CutSuffix(w, "ي"); ok && runes(rest) >= 3 {
		w = rest
	}
	return w
}

// foldSet and foldMap key the tables below by text.Key, the form words reach them in.
func foldSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[text.Key(w)] = true
	}
	return m
}

func foldMap(pairs map[string]string) map[string]string {
	m := make(map[string]string, len(pairs))
	for k, v := range pairs {
		m[text.Key(k)] = text.Key(v)
	}
	return m
}

// arabicStop are function words: prepositions, pronouns, particles, auxiliaries.
var arabicStop = foldSet(
	"في", "من", "إلى", "على", "عن", "أن", "إن", "أنه", "إنه", "كان", "كانت", "يكون", "تكون",
	"التي", "الذي", "الذين", "اللذين", "اللتين", "اللواتي", "هذا", "هذه", "ذلك", "تلك", "هؤلاء",
	"هناك", "هنا", "هو", "هي", "هم", "هما", "هن", "نحن", "أنا", "ما", "ماذا", "لا", "لم", "لن",
	"قد", "لقد", "مع", "بين", "بعد", "قبل", "عند", "عندما", "حتى", "كما", "أو", "ثم", "كل", "أي",
	"غير", "ضد", "خلال", "حيث", "إذ", "إذا", "منذ", "لدى", "نحو", "عبر", "تم", "يتم", "أيضا",
	"ذات", "له", "لها", "لهم", "به", "بها", "بهم", "فيه", "فيها", "فيهم", "منه", "منها", "منهم",
	"عنه", "عنها", "عليه", "عليها", "عليهم", "إليه", "إليها", "لكن", "بل", "إلا", "أما", "إما",
	"سوف", "كذلك", "حول", "دون", "مثل", "وفق", "أمام", "ضمن", "لدي",
)

// placeNames are places whose first letters look like proclitics (و ف ب ل ك) or whose
// ending looks like a suffix. A word that is one of them, once its real proclitics are
// gone, is its own term (بلبنان → لبنان, not بنان or لبن); a word that begins with one
// keeps its first letters (اللبنانية → لبنان).
var placeNames = withoutArticle(foldSet(
	"لبنان", "ليبيا", "لندن", "لشبونة", "لاهاي", "لاغوس", "بغداد", "بيروت", "بنغازي", "برلين",
	"بروكسل", "بلجيكا", "بريطانيا", "بوركينا", "باريس", "باكستان", "برازيل", "بنما", "بلغاريا",
	"بولندا", "بنسليمان", "بركان", "بوجدور", "بنجرير", "بيوكرى", "كندا", "كينيا",
	"كولومبيا", "كوبا", "كوريا", "كوسوفو", "كويت", "كلميم", "كازابلانكا", "فرنسا", "فلسطين",
	"فنزويلا", "فنلندا", "فيتنام", "فلبين", "فاس", "فيينا", "فكيك", "فرانكفورت", "واشنطن",
	"وهران", "وجدة", "ورزازات", "وزان", "ولاية", "ولايات", "بنزرت", "بنقردان", "بوسالم", "باجة",
	"قفصة", "فرنان", "لامبيدوزا", "ليون", "برشلونة", "بلنسية", "فالنسيا", "عمان", "إيران",
	"طهران", "اليونان", "اليابان", "السودان", "الأردن", "تطوان", "تونس", "الجزائر", "الرباط",
	"الناظور", "العيون", "الحسيمة", "الإمارات", "البحرين", "اليمن", "العراق", "الصين", "الهند",
))

// withoutArticle keys names by what is left once the proclitic loop has removed the
// article: الجزائر, بالجزائر and للجزائر all reach جزائر.
func withoutArticle(set map[string]bool) map[string]bool {
	out := make(map[string]bool, len(set))
	for k := range set {
		out[strings.TrimPrefix(k, "ال")] = true
	}
	return out
}

// protectedStems begin common words of the security news that start with و ف ب ل ك: a
// word that begins with one keeps its first letters (بوزارة → وزارة → وزار, not زار).
var protectedStems = foldSet(
	"وزير", "وزراء", "وزار", "وكال", "وطن", "وحد", "واقع", "وقائع", "وثيق", "وثائق", "وسائل",
	"وسيل", "وضع", "وفاة", "وفد", "وصول", "فرق", "فريق", "فصيل", "فصائل", "فرع", "فندق", "فيديو",
	"بلاغ", "بيان", "بحث", "برلمان", "بحر", "باب", "بلد", "بلاد", "بندقي", "بنك", "بضائع",
	"بضاع", "بطاق", "لجن", "لجان", "لواء", "لقاء", "كتيب", "كتائب", "كمي", "كيلوغرام", "كوكايين",
	"كمين", "كاميرا", "فيروس",
)

// brokenPlurals maps plurals that no suffix rule reaches to their singular. Sound plurals
// (مخدرات, شبكات, ارهابيين) need no entry: the suffix rules bring them to the singular's
// term.
var brokenPlurals = foldMap(map[string]string{
	"خلايا": "خلية", "عناصر": "عنصر", "أشخاص": "شخص", "أسلحة": "سلاح", "أموال": "مال",
	"أفراد": "فرد", "أعضاء": "عضو", "جرائم": "جريمة", "أجهزة": "جهاز", "مصالح": "مصلحة",
	"دول": "دولة", "حدود": "حد", "سجون": "سجن", "قضايا": "قضية", "ضحايا": "ضحية",
	"رهائن": "رهينة", "أطنان": "طن", "أقراص": "قرص", "أطفال": "طفل", "رجال": "رجل",
	"مدن": "مدينة", "أقاليم": "إقليم", "مناطق": "منطقة", "بلدان": "بلد", "عملاء": "عميل",
	"جنود": "جندي", "ضباط": "ضابط", "موانئ": "ميناء", "حوادث": "حادث", "قنابل": "قنبلة",
	"صواريخ": "صاروخ", "ذخائر": "ذخيرة", "زوارق": "زورق", "قوارب": "قارب", "مراكب": "مركب",
	"مواد": "مادة", "وثائق": "وثيقة", "حقوق": "حق", "أحكام": "حكم", "أعوام": "عام",
	"أشهر": "شهر", "شهور": "شهر", "أيام": "يوم", "أسابيع": "أسبوع", "أجانب": "أجنبي",
	"أحزمة": "حزام", "قادة": "قائد", "أمراء": "أمير", "زعماء": "زعيم", "شبان": "شاب",
	"شباب": "شاب", "نساء": "امرأة", "أسر": "أسرة", "أسرى": "أسير", "سجناء": "سجين",
	"مساجين": "سجين", "لصوص": "لص", "قتلى": "قتيل", "جرحى": "جريح", "أحياء": "حي",
	"أسواق": "سوق", "شوارع": "شارع", "طرق": "طريق", "حواجز": "حاجز", "مراكز": "مركز",
	"مكاتب": "مكتب", "مواقع": "موقع", "مخابئ": "مخبأ", "فروع": "فرع", "أعمال": "عمل",
	"أنشطة": "نشاط", "أهداف": "هدف", "أسرار": "سر", "أخبار": "خبر", "مصادر": "مصدر",
	"تقارير": "تقرير", "وسائل": "وسيلة", "أدلة": "دليل", "تهم": "تهمة", "أوامر": "أمر",
	"قوانين": "قانون", "محاكم": "محكمة", "قضاة": "قاضي", "شهود": "شاهد", "حراس": "حارس",
	"جيوش": "جيش", "بنادق": "بندقية", "سفن": "سفينة", "رؤوس": "رأس", "أطراف": "طرف",
	"مدارس": "مدرسة", "كتائب": "كتيبة", "فصائل": "فصيل", "خطط": "خطة", "وزراء": "وزير",
	"أئمة": "إمام", "مساجد": "مسجد", "بضائع": "بضاعة", "عمال": "عامل",
})
