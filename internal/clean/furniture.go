package clean

import (
	"math/bits"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// action is what Text does with one line.
type action int

const (
	keep action = iota
	drop
	replace // by the date the line carries
)

// The patterns below match fold()ed lines: lower case, no accents or harakat, bare alef
// (so "إلى" is written "الي" and "اقرأ" "اقرا"). The tests check each phrase in its
// published spelling against them.
var (
	// Agency and desk credits, in their many spacings: "و.م.ع", "(و م ع)", "أ ف ب".
	reAgency = mustPrefixed(`^(?:و ?\.? ?م ?\.? ?ع|ا ?\.? ?ف ?\.? ?ب)$`)

	// Counters under an article: "3 تعليقات", "12 comments", "1.2k views".
	reCounter = mustPrefixed(`^[0-9٠-٩.,k]+ (?:تعليق|تعليقات|مشاهدة|مشاهدات|comments?|commentaires?|views?|vues?|shares?|partages?)$`)

	// Cookie banners start with who uses cookies, name them early (cookieWords) and say
	// what for (cookiePurposes); they can be long.
	reCookie = regexp.MustCompile(`^(?:نحن |انا )?(?:نستخدم|نستعمل|يستخدم|يستعمل|هذا الموقع|موقعنا|` +
		`nous utilisons|ce site|notre site|en poursuivant|we use|we and our partners|this site|this website|our site|our website|by continuing|by using)` +
		`.{0,80}?(?:cookies?|الكوكيز|كوكيز|ملفات تعريف الارتباط|ملفات الارتباط|temoins de connexion)`)

	// Links to other articles: the rest of the line is another story's headline.
	reReadAlso = mustPrefixed(`^(?:` +
		`اقرا (?:ايضا|كذلك)|طالع (?:ايضا|كذلك)|شاهد (?:ايضا|كذلك)|قد يهمك|اخبار ذات صلة|مقالات ذات صلة|مواضيع ذات صلة|` +
		`اقرا ?:|a lire aussi|a lire egalement|a lire ?:|lire aussi|lire egalement|lire ?:|read also|also read|read ?:|` +
		// These also open sentences ("Related to the attack, ...", "Sur le même sujet, le
		// ministre ..."): only with a colon, or on a line without punctuation.
		`(?:ذات صلة|voir aussi|sur le meme sujet|read more|see also|related|more on this|you may also like)` +
		`(?: ?[:：|»>]| ?[-–—] |[^.,;!?،؛؟]*$)` +
		`)(?:[\s:：\-–—|»>.]|$)`)

	// Newsletter prompts; matched only on lines that name a mailing list (newsletterWords).
	reNewsletter = regexp.MustCompile(`(?:` +
		`(?:اشترك|اشتركوا|سجل|انضم)(?: .{0,60})? (?:القائمة البريدية|قائمتنا البريدية|النشرة|نشرتنا)|ليصلك (?:كل )?جديد|` +
		`(?:s'abonner|abonnez-vous|inscrivez-vous|inscription)(?: .{0,40})? newsletter|` +
		`(?:subscribe|sign up)(?: .{0,40})? (?:newsletter|updates)` +
		`)`)

	// Comment prompts open the line; the comment form's notices are matched anywhere in it
	// (commentPhrases).
	reComment = mustPrefixed(`^(?:(?:اترك|اضف) (?:تعليقا|تعليق|ردا|رد)|(?:laisser|laissez) (?:un commentaire|une reponse)|leave a (?:comment|reply)|post a comment)`)

	reBackToTop = mustPrefixed(`^(?:(?:زر )?(?:الذهاب|العودة|الرجوع|انتقل) (?:الي |ل)(?:ال)?اعلي?(?: الصفحة)?|` +
		`(?:retour|revenir|remonter) en haut(?: de (?:la )?page)?|(?:back|go|scroll) to (?:the )?top)$`)

	// "Follow us on ...". "تابعنا على" is also "we followed": such a line is a button only
	// when short or naming where to follow (socialWords).
	reFollowUs = mustPrefixed(`^(?:(?:تابعونا|تابعنا) (?:ايضا )?(?:علي|عبر)|suivez-nous|retrouvez-nous|rejoignez-nous|(?:follow|join) us)`)

	reTags = mustPrefixed(`^(?:الوسوم|وسوم|الكلمات المفتاحية|كلمات مفتاحية|الكلمات الدلالية|كلمات دلالية|tags?|mots[- ]cles|etiquettes|keywords|topics)\s*[:：]`)

	// "الصحافة _ بقلم: الحسين زاين": an optional outlet, then بقلم and a name.
	reBiqalam = regexp.MustCompile(`^(?:[^.!?؟]{0,40}?[\s_\-–—|/:]+)?بقلم\s*[:：]?\s*[^.!?؟]{2,60}$`)

	// "Reporter: X", "المصدر: X": a label, a colon, a name.
	reCredit = mustPrefixed(`^(?:(?:reporter|reporting by|redaction|redige par|auteur|author|journaliste|correspondant|source|sources|` +
		`image|photo|photos|credit photo|credits photo|photo credit|الصورة|المصدر|المراسل|مراسل|كتب|كتبت|اعداد|تحرير)\s*[:：]|` +
		`حاوره|حاورته|حاورها|حاورهم|اجري الحوار)\s*[^.!?؟]{2,60}\.?$`)

	// "محمد الشاوي- بلاحدود bilahodoud.ma": a short credit that ends with the outlet's domain.
	// An outlet's domain alone ("Ahdath.info", cut to "AHDATH.INF" by a scraper) or
	// opening a credit ("AHDATH.INFO - متابعة").
	reDomainCredit = regexp.MustCompile(`^(?:[^.!?؟]{0,60}?(?:https?://)?(?:[a-z0-9-]+\.)+(?:ma|com|net|org|tn|dz|fr|info|news|press|tv|co|me|eg|sa|ae|qa|ly)(?:/\S*)?|` +
		`(?:[a-z0-9-]+\.)+[a-z]{2,6}(?: ?[-–—|_] ?[^.!?؟]{0,50})?)$`)

	reURL = mustPrefixed(`^(?:https?://|www\.)\S+$`)

	// Copyright notices; matched only on lines with a copyright word (copyrightWords).
	reCopyright = regexp.MustCompile(`^(?:\(c\) ?[0-9]{4}|copyright (?:©|\(c\)|[0-9]{4})|جميع الحقوق محفوظة|tous droits reserves|all rights reserved)|©`)

	// "By John Smith", "Par Jean Dupont, AFP": on the line as written, since a name is
	// told from a sentence by its capitals.
	reByName = mustPrefixed(`^(?:Par|PAR|By|BY) (\p{Lu}[\p{L}'’.\-]*)(?: (?:\p{Lu}[\p{L}'’.\-]*|de|du|des|d'|la|le|van|von|al|el|ben|bin|et|and|&))*(?: ?[,|/–—-] ?\p{Lu}[\p{L} '’.&\-]{0,40})?$`)

	// The time of day in an outlet's header: "مع 12:30".
	reHeaderTime = regexp.MustCompile(`(?:^| )مع [0-9٠-٩]{1,2}:[0-9٠-٩]{2}`)
	// A last-updated date is not when the article was published: such a line is no dateline.
	reUpdated = mustPrefixed(`^(?:اخر تحديث|تم التحديث|mis a jour|mise a jour|updated|last updated)`)
)

// Phrase lists, looked for with strings.Contains: far cheaper than the same alternations
// as unanchored regular expressions, on every line of every article. They are written
// |-separated and split once here, not on every line.
var (
	cookieWords    = phraseList("cookie|الارتباط|الكوكيز|كوكيز|temoins")
	cookiePurposes = phraseList("تجربة|المحتوى|الاعلانات|الزيارات|تحليل|لتحسين|الخصوصية|موافقت|" +
		"experience|content|ads|advertis|personali|traffic|analy|improve|privacy|consent|accept|browsing|" +
		"contenu|publicit|navigation|ameliorer|confidentialite|consentement|accepte|statistiques")
	newsletterWords = phraseList("البريدية|النشرة|نشرتنا|ليصلك|newsletter|updates")
	commentPhrases  = phraseList("لن يتم نشر عنوان بريدك الالكتروني|الحقول الالزامية مشار اليها|ne sera pas publiee|" +
		"les champs obligatoires sont indiques|your email address will not be published|required fields are marked")
	copyrightWords = phraseList("©|(c)|copyright|الحقوق|droits|rights")
	socialWords    = phraseList("فيسبوك|فايسبوك|تويتر|انستغرام|انستقرام|يوتيوب|تلغرام|تيليغرام|واتساب|تيك توك|لينكد|التواصل الاجتماعي|صفحتنا|صفحاتنا|قناتنا|" +
		"facebook|twitter|instagram|youtube|telegram|whatsapp|tiktok|linkedin|google news|reseaux sociaux|social media")
	// An outlet's header opens with when it was published ...
	headerOpeners = phraseList("نشر في|نشر يوم|نشر بتاريخ|نشرت في|نشرت يوم|نشرت بتاريخ|تاريخ النشر|تكتب نهار|كتب نهار|" +
		"publie le|publie a|date de publication|published")
	// ... or has buttons around the date. Matched as whole words.
	headerWords = phraseList("تابعونا علي|تابعونا عبر|تابعنا علي|تابعنا عبر|تكتب نهار|suivez-nous|follow us")
)

// phrase is a phrase looked for in lines, with the offset of its rarest byte. Searching
// for that byte first skips most of a line at each step, where strings.Contains searches
// for the first byte, which for an Arabic phrase (0xD8 or 0xD9) is every other byte of
// Arabic text.
type phrase struct {
	s      string
	anchor int
}

// commonBytes lists the bytes of folded news text, most frequent first: the lead bytes of
// the Arabic block, the space, the second bytes of the commonest Arabic letters (ا ل ي م
// و ن ر ت ب ة ع د س ف ق ه ح ك ج), then the commonest Latin letters. It only picks where
// to search from: any choice finds the same phrases.
const commonBytes = "\xd8\xd9 \xa7\x84\x8a\x85\x88\x86\xb1\xaa\xa8\xa9\xb9\xaf\xb3\x81\x82\x87\xad\x83\xac" +
	"etaoinsrhldcumfpgwybvk"

// phraseList splits a |-separated phrase list and finds each phrase's rarest byte, the
// last of those least common in commonBytes.
func phraseList(s string) []phrase {
	var list []phrase
	for _, p := range strings.Split(s, "|") {
		anchor, rank := 0, -1
		for i := 0; i < len(p); i++ {
			r := strings.IndexByte(commonBytes, p[i])
			if r < 0 {
				r = len(commonBytes)
			}
			if r >= rank {
				anchor, rank = i, r
			}
		}
		list = append(list, phrase{p, anchor})
	}
	return list
}

// in is strings.Contains(s, p.s): it tries each position of p's anchor byte in s.
func (p phrase) in(s string) bool {
	return p.index(s, 0) >= 0
}

// index returns the first offset at or after from where s holds p.s, or -1.
func (p phrase) index(s string, from int) int {
	if p.s == "" {
		return from
	}
	a := p.s[p.anchor]
	for i := from + p.anchor; i < len(s); i++ {
		j := strings.IndexByte(s[i:], a)
		if j < 0 {
			return -1
		}
		i += j
		start := i - p.anchor
		if start+len(p.s) > len(s) {
			return -1 // later anchors start later still
		}
		if s[start:start+len(p.s)] == p.s {
			return start
		}
	}
	return -1
}

func containsAny(s string, phrases []phrase) bool {
	for _, p := range phrases {
		if p.in(s) {
			return true
		}
	}
	return false
}

// containsWords is containsAny for whole words: "تابعنا" is not found in "وتابعنا".
func containsWords(s string, phrases []phrase) bool {
	for _, p := range phrases {
		for start := p.index(s, 0); start >= 0; start = p.index(s, start+1) {
			end := start + len(p.s)
			if (start == 0 || s[start-1] == ' ') && (end == len(s) || s[end] == ' ') {
				return true
			}
		}
	}
	return false
}

func hasPrefixAny(s string, phrases []phrase) bool {
	for _, p := range phrases {
		if strings.HasPrefix(s, p.s) {
			return true
		}
	}
	return false
}

// Share buttons are lines made only of share words: verbs and platform names, and the
// words that join them ("شارك على فيسبوك", "Partager sur Facebook"), or numbers (share
// counts). Sets rather than anchored alternations: each token of a line is one lookup.
var (
	shareVerbs = wordSet("شارك|شاركها|مشاركة|المشاركة|انشر|فيسبوك|الفيسبوك|تويتر|واتساب|تلغرام|تيليغرام|تيلغرام|لينكدان|انستغرام|انستقرام|يوتيوب|ماسنجر|فايبر|" +
		"partager|partagez|share|shares|tweet|tweeter|retweet|facebook|twitter|x|whatsapp|telegram|linkedin|pinterest|reddit|tumblr|messenger|viber|" +
		"courriel|google|digg|yahoo|identi|delicious|stumbleupon|myspace|vk")
	shareJoins = wordSet("الخبر|المقال|هذا|علي|عبر|في|فيس|بوك|واتس|اب|لينكد|ان|البريد|بريد|الالكتروني|طباعة|نسخ|الرابط|" +
		"sur|cet|article|l'article|le|lien|copier|imprimer|e-mail|email|mail|on|this|via|copy|link|print|sms|ca")
)

func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for w := range strings.SplitSeq(s, "|") {
		set[w] = true
	}
	return set
}

// isNumber reports a non-empty run of ASCII or Arabic-Indic digits.
func isNumber(t string) bool {
	for _, r := range t {
		if !('0' <= r && r <= '9' || '٠' <= r && r <= '٩') {
			return false
		}
	}
	return t != ""
}

// Weekdays, months and determiners follow "By" in sentences ("By Friday, ..."), not in bylines.
var reNotName = regexp.MustCompile(`^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|` +
	`january|february|march|april|may|june|july|august|september|october|november|december|` +
	`the|a|an|this|that|these|those|its|his|her|their|our|all|then|now)$`)

// isFurnitureLine reports lines that are furniture by themselves: buttons, widget
// headings, prompts and credits, given as their fold()ed letters and digits.
func isFurnitureLine(bare string) bool {
	switch bare {
	case // Arabic
		"موافق", "اوافق", "قبول", "رفض", "اطلع علي التفاصيل اقرا اكثر", "اقرا اكثر", "اقرا المزيد", "المزيد",
		"القائمة البريدية", "النشرة البريدية", "النشرة الاخبارية", "اترك تعليقا", "اترك تعليق", "اترك ردا",
		"اضف تعليقا", "اضف تعليق", "التعليقات", "تعليقات", "زر الذهاب الي الاعلي", "الذهاب الي الاعلي",
		"العودة الي الاعلي", "الرجوع الي الاعلي", "الي الاعلي", "شارك", "مشاركة", "شارك الخبر", "شارك المقال",
		"شارك هذا المقال", "تابعونا", "تابعنا", "طباعة", "اخبار ذات صلة", "مقالات ذات صلة", "مواضيع ذات صلة",
		"ذات صلة", "الاكثر قراءة", "الاكثر مشاهدة", "اخر الاخبار", "الوسوم", "وسوم", "كلمات مفتاحية",
		"الكلمات المفتاحية", "كلمات دلالية", "الكلمات الدلالية", "جميع الحقوق محفوظة", "اعلان", "رويترز", "خاص",
		"متابعة",
		// French and English
		"map", "afp", "reuters", "accepter", "j'accepte", "tout accepter", "refuser", "tout refuser", "d'accord",
		"en savoir plus", "lire la suite", "lire plus", "s'abonner", "abonnez-vous", "newsletter",
		"laisser un commentaire", "laissez un commentaire", "commentaires", "retour en haut",
		"retour en haut de la page", "haut de page", "partager", "partager cet article", "suivez-nous", "imprimer",
		"articles similaires", "sur le meme sujet", "tous droits reserves", "publicite", "article sur wikipedia",
		"accept", "accept all", "accept cookies", "i accept", "i agree", "agree", "reject", "reject all",
		"decline", "got it", "ok", "learn more", "read more", "more info", "subscribe", "sign up",
		"leave a comment", "leave a reply", "comments", "no comments", "back to top", "share", "share this",
		"share this article", "tweet", "follow us", "print", "related", "related articles", "related posts",
		"you may also like", "all rights reserved", "advertisement":
		return true
	}
	return reAgency.MatchString(bare)
}

// classify tells what to do with one normalized line. It looks at the line alone, never at
// its neighbours, so that applying it again to its own output changes nothing.
func classify(line string, f *folder) (action, string) {
	if line == "" {
		return keep, ""
	}
	// Furniture is short, except cookie banners; long lines are only checked for those,
	// on their opening words. A banner's opening words are within its first 300 characters.
	if i := byteIndexOfRune(line, 300); i > 0 {
		head := line[:i]
		// the phrase search first: it is cheaper than counting a long line's runes
		if !mayMentionCookies(head) || byteIndexOfRune(line[i:], 1200) > 0 {
			return keep, ""
		}
		h := f.fold(head)
		if isCookieBanner(h, countWords(h)) {
			return drop, ""
		}
		return keep, ""
	}
	// Past 40 words only cookie banners and tag lists are furniture: a paragraph that
	// names neither is kept without folding it, which is most of an article. A line with
	// fewer than 40 spaces has at most 40 words (spaces are single in a normalized line):
	// it is folded in any case, and its words are counted on the folded line, a cheaper
	// count than countWords (9 in 10 lines of ANT that get here).
	var words int
	var key string
	if strings.Count(line, " ") < 40 {
		key = f.fold(line)
		words = wordsOfFolded(key)
	} else {
		words = countWords(line)
		if words > 40 && !mayMentionCookies(line) && !colonNear(line) {
			return keep, ""
		}
		key = f.fold(line)
	}
	if date, ok := headerDate(line, key, words); ok {
		return replace, date
	}
	bare := trimToLettersAndDigits(key)
	switch {
	case bare == "":
		// Separators and ornaments ("***", "—", "|"): no text to lose.
		return keep, ""
	case words <= 6 && (isFurnitureLine(bare) || reCounter.MatchString(bare) || reBackToTop.MatchString(bare)):
		return drop, ""
	case isCookieBanner(key, words):
		return drop, ""
	case words <= 40 && (reReadAlso.MatchString(key) || reComment.MatchString(key) || containsAny(key, commentPhrases)):
		return drop, ""
	case words <= 25 && containsAny(key, newsletterWords) && reNewsletter.MatchString(key):
		return drop, ""
	case words <= 15 && reFollowUs.MatchString(key) && (words <= 4 || containsAny(key, socialWords)):
		return drop, ""
	case words <= 15 && containsAny(key, copyrightWords) && reCopyright.MatchString(key) && !strings.ContainsAny(key, "?؟"):
		return drop, ""
	case words <= 12 && reUpdated.MatchString(key):
		return drop, ""
	case words <= 60 && colonNear(key) && reTags.MatchString(key):
		return drop, ""
	case words <= 10 && strings.Contains(key, "بقلم") && reBiqalam.MatchString(key):
		return drop, ""
	case words <= 10 && reCredit.MatchString(key):
		return drop, ""
	case words <= 6 && strings.Contains(key, ".") && (reDomainCredit.MatchString(key) || reURL.MatchString(key)):
		return drop, ""
	case words <= 8 && isByName(line):
		return drop, ""
	case words <= 12 && isShareButtons(key):
		return drop, ""
	}
	return keep, ""
}

// headerDate recognizes an outlet's header line that carries the publication date among
// furniture ("تكتب نهار 26 ديسمبر، 2023 مع 12:30 في الواجهة تابعونا على Scoop") and returns
// that date. A header without a date is left to the other rules: a marker such as
// "تابعونا على" also ends sentences of press releases.
func headerDate(line, key string, words int) (string, bool) {
	if words > 20 || !hasDigit(line) || reUpdated.MatchString(key) {
		return "", false
	}
	if !hasPrefixAny(key, headerOpeners) && !containsWords(key, headerWords) && !mayHaveHeaderTime(key) {
		return "", false
	}
	loc := reDate.FindStringIndex(line)
	// Punctuation outside the date ("26.12.2023" has dots) means a sentence.
	if loc == nil || strings.ContainsAny(line[:loc[0]]+line[loc[1]:], ".!?؟") {
		return "", false
	}
	return line[loc[0]:loc[1]], true
}

// hasDigit is strings.ContainsFunc(s, unicode.IsDigit), with ASCII and the Arabic block
// read without decoding: their digits are 0-9, ٠-٩ and ۰-۹ (TestHasDigitArabic), and the
// block's are marked in arabicPairs.
func hasDigit(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if '0' <= c && c <= '9' {
				return true
			}
			i++
			continue
		}
		if i+1 < len(s) {
			if e := arabicPairs[uint16(c)|uint16(s[i+1])<<8]; e != 0 {
				if e&pairDigit != 0 {
					return true
				}
				i += 2
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsDigit(r) {
			return true
		}
		i += size
	}
	return false
}

// mayHaveHeaderTime is reHeaderTime.MatchString, run only on lines with what every match
// holds, a colon and "مع ": the unanchored pattern is tried at every byte of a line.
func mayHaveHeaderTime(key string) bool {
	return strings.IndexByte(key, ':') >= 0 && strings.Contains(key, "مع ") && reHeaderTime.MatchString(key)
}

// isCookieBanner: a short line that says the site uses cookies ("Ce site utilise des
// cookies."), or a longer one that also says what for.
// mayMentionCookies is a cheap test on the raw text for the words every cookie banner
// names (reCookie's last group), before the text is folded for the real test.
func mayMentionCookies(s string) bool {
	return containsAny(s, cookieMentions)
}

var cookieMentions = phraseList("ookie|OOKIE|كوكيز|رتباط|onnexion")

func isCookieBanner(key string, words int) bool {
	return containsAny(key, cookieWords) && (words <= 8 || containsAny(key, cookiePurposes)) && reCookie.MatchString(key)
}

func isByName(line string) bool {
	m := reByName.FindStringSubmatch(line)
	if m == nil {
		return false
	}
	return !reNotName.MatchString(strings.ToLower(m[1]))
}

// isShareButtons reports a line made only of share words and numbers, one of them a share
// verb. Its words are the runs of letters, digits, "'" and "-"; most lines are told apart
// at their first word.
func isShareButtons(key string) bool {
	verb := false
	for i := 0; i < len(key); {
		// the word from i on
		j := i
		for j < len(key) {
			ok, size := letterOrDigitFirst(key[j:])
			if !ok && key[j] != '\'' && key[j] != '-' {
				break
			}
			j += size
		}
		if j > i {
			switch t := key[i:j]; {
			case shareVerbs[t]:
				verb = true
			case !shareJoins[t] && !isNumber(t):
				return false
			}
			i = j
			continue
		}
		_, size := letterOrDigitFirst(key[i:])
		i += size
	}
	return verb
}

// countWords is len(strings.Fields(fold(s))) without building either: a word is a run of
// non-space runes holding at least one rune fold keeps (a lone haraka is no word).
// ASCII and the Arabic block, most of the text, are read without decoding: ASCII through
// asciiSpace, the block through arabicPairs (none of its runes is a space).
func countWords(s string) int {
	n := 0
	counted := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				counted = false
			} else if !counted {
				n++
				counted = true
			}
			continue
		}
		if i+1 < len(s) {
			if e := arabicPairs[uint16(c)|uint16(s[i+1])<<8]; e != 0 { // no space
				i += 2
				if !counted && e&pairFoldDrops == 0 {
					n++
					counted = true
				}
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsSpace(r) {
			counted = false
			continue
		}
		if !counted && !foldDrops(r) {
			n++
			counted = true
		}
	}
	return n
}

// wordsOfFolded is countWords(line) for key = fold(line) and a line normalize made, whose
// only space is U+0020 (classify's lines): the words are then the runs of other bytes of
// key, as fold removed the harakat and the tatweel, which countWords does not count as a
// word. Eight bytes at a time: a word starts at a byte that is not a space after one that is.
func wordsOfFolded(key string) int {
	const lo7, hi = 0x7F7F7F7F7F7F7F7F, 0x8080808080808080
	n := 0
	var before uint64 = hi // bit 7 set: the byte before the next one is a space (or none)
	for len(key) >= 8 {
		w := uint64(key[0]) | uint64(key[1])<<8 | uint64(key[2])<<16 | uint64(key[3])<<24 |
			uint64(key[4])<<32 | uint64(key[5])<<40 | uint64(key[6])<<48 | uint64(key[7])<<56
		x := w ^ 0x2020202020202020 // zero bytes where w has spaces
		space := ^((x&lo7 + lo7) | x) & hi
		n += bits.OnesCount64(^space & hi & (space<<8 | before>>56))
		before = space
		key = key[8:]
	}
	prev := before>>63 != 0
	for i := 0; i < len(key); i++ {
		sp := key[i] == ' '
		if !sp && prev {
			n++
		}
		prev = sp
	}
	return n
}

// trimToLettersAndDigits is strings.TrimFunc(s, r is neither a letter nor a digit), with
// ASCII and the Arabic block read from tables rather than decoded and looked up in
// Unicode's: the closure and the table searches cost half as much as folding the line.
func trimToLettersAndDigits(s string) string {
	for len(s) > 0 {
		ok, size := letterOrDigitFirst(s)
		if ok {
			break
		}
		s = s[size:]
	}
	for len(s) > 0 {
		var ok bool
		var size int
		switch n := len(s); {
		case s[n-1] < utf8.RuneSelf:
			ok, size = asciiLetterOrDigit[s[n-1]], 1
		case n >= 2 && s[n-2] >= 0xD8 && s[n-2] <= 0xDB && s[n-1]&0xC0 == 0x80:
			ok, size = arabicLetterOrDigit[uint16(s[n-2]&0x03)<<6|uint16(s[n-1]&0x3F)], 2
		default:
			var r rune
			r, size = utf8.DecodeLastRuneInString(s)
			ok = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if ok {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

// letterOrDigitFirst reports whether s opens with a letter or a digit, and the size of its
// first rune.
func letterOrDigitFirst(s string) (bool, int) {
	switch c := s[0]; {
	case c < utf8.RuneSelf:
		return asciiLetterOrDigit[c], 1
	case c >= 0xD8 && c <= 0xDB && len(s) >= 2 && s[1]&0xC0 == 0x80:
		return arabicLetterOrDigit[uint16(c&0x03)<<6|uint16(s[1]&0x3F)], 2
	}
	r, size := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r), size
}

// asciiLetterOrDigit and arabicLetterOrDigit (U+0600–U+06FF, by offset) are
// unicode.IsLetter || unicode.IsDigit.
var asciiLetterOrDigit, arabicLetterOrDigit = func() (a [utf8.RuneSelf]bool, ar [0x100]bool) {
	for r := range rune(utf8.RuneSelf) {
		a[r] = unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	for i := range rune(0x100) {
		ar[i] = unicode.IsLetter(0x600+i) || unicode.IsDigit(0x600+i)
	}
	return a, ar
}()

// asciiSpace is unicode.IsSpace for ASCII.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// colonNear reports a colon among a line's first 80 bytes, where a tag list puts it
// ("الوسوم:", "Mots-clés :").
func colonNear(s string) bool {
	if len(s) > 80 {
		s = s[:80]
	}
	return strings.IndexByte(s, ':') >= 0 || strings.Contains(s, "：")
}

// byteIndexOfRune returns the byte offset of the n-th rune of s, or -1. s must be valid
// UTF-8, as lines are after normalize: its runes then start at its bytes that are not
// continuation bytes (10xxxxxx), which are counted eight at a time. A string of at most n
// bytes has no n-th rune.
func byteIndexOfRune(s string, n int) int {
	if len(s) <= n {
		return -1
	}
	i, count := 0, 0 // count runes start in s[:i]
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8] // one bounds check for the eight bytes, which load as one word
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		// bit 7 of each byte: set when bit 7 is clear or bit 6 is set, that is when the
		// byte starts a rune
		starts := bits.OnesCount64((^w | w<<1) & 0x8080808080808080)
		if count+starts > n {
			break // the n-th rune starts in these eight bytes
		}
		count += starts
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			if count == n {
				return i
			}
			count++
		}
	}
	return -1
}
