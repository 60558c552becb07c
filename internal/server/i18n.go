package server

import (
	"net/http"
	"time"

	"golang.org/x/text/language"
)

// The UI's languages, in the order of the switcher.
var uiLangs = []string{"ar", "fr", "en"}

func langIndex(lang string) int {
	switch lang {
	case "fr":
		return 1
	case "ar":
		return 2
	}
	return 0
}

// uiLang picks the UI language: ?lang= (then remembered in a cookie), else the cookie,
// else the best of the browser's Accept-Language, else English.
func (s *Server) uiLang(w http.ResponseWriter, r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "ar" || l == "fr" || l == "en" {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: int((365 * 24 * time.Hour).Seconds()),
			HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == "ar" || c.Value == "fr" || c.Value == "en") {
		return c.Value
	}
	if al := r.Header.Get("Accept-Language"); al != "" {
		tags, _, err := language.ParseAcceptLanguage(al)
		if err == nil && len(tags) > 0 {
			m := language.NewMatcher([]language.Tag{language.English, language.Arabic, language.French})
			_, i, conf := m.Match(tags...)
			if conf != language.No {
				return []string{"en", "ar", "fr"}[i]
			}
		}
	}
	return "en"
}

// dir is the writing direction of a UI language.
func dir(lang string) string {
	if lang == "ar" {
		return "rtl"
	}
	return "ltr"
}

// tr looks a message up: English, French, Arabic. A missing key shows itself, which a
// test catches.
func tr(lang, key string) string {
	if m, ok := messages[key]; ok {
		return m[langIndex(lang)]
	}
	return key
}

// messages are the UI's words: English, French, Arabic.
var messages = map[string][3]string{
	"marsad":          {"Marsad", "Marsad", "مرصد"},
	"tagline":         {"Security events, sourced", "Événements sécuritaires, sourcés", "الأحداث الأمنية بمصادرها"},
	"overview":        {"Overview", "Vue d’ensemble", "نظرة عامة"},
	"search":          {"Search", "Recherche", "بحث"},
	"events":          {"Events", "Événements", "الأحداث"},
	"entities":        {"Entities", "Entités", "الكيانات"},
	"map":             {"Map", "Carte", "الخريطة"},
	"balance":         {"Yearly balance", "Bilan annuel", "الحصيلة السنوية"},
	"contradictions":  {"Contradictions", "Contradictions", "التناقضات"},
	"account":         {"Account", "Compte", "الحساب"},
	"audit":           {"Audit log", "Journal d’audit", "سجل التدقيق"},
	"users":           {"Users", "Utilisateurs", "المستخدمون"},
	"signin":          {"Sign in", "Connexion", "تسجيل الدخول"},
	"signout":         {"Sign out", "Déconnexion", "تسجيل الخروج"},
	"username":        {"User name", "Nom d’utilisateur", "اسم المستخدم"},
	"password":        {"Password", "Mot de passe", "كلمة المرور"},
	"badlogin":        {"Wrong user name or password.", "Nom d’utilisateur ou mot de passe incorrect.", "اسم المستخدم أو كلمة المرور غير صحيحة."},
	"stale":           {"The form expired: please sign in again.", "Le formulaire a expiré : reconnectez-vous.", "انتهت صلاحية النموذج: يرجى تسجيل الدخول مجددا."},
	"toomany":         {"Too many failed attempts: wait a few minutes.", "Trop d’échecs : patientez quelques minutes.", "محاولات فاشلة كثيرة: انتظر بضع دقائق."},
	"documents":       {"Documents", "Documents", "الوثائق"},
	"clusters":        {"Real events", "Événements réels", "الأحداث الفعلية"},
	"sources":         {"Sources", "Sources", "المصادر"},
	"per_month":       {"Events per month, by type", "Événements par mois, par type", "الأحداث شهريا حسب النوع"},
	"latest":          {"Latest events", "Derniers événements", "آخر الأحداث"},
	"open_contra":     {"Open contradictions", "Contradictions ouvertes", "تناقضات قائمة"},
	"none":            {"Nothing yet.", "Rien pour l’instant.", "لا شيء بعد."},
	"all":             {"All", "Tous", "الكل"},
	"type":            {"Type", "Type", "النوع"},
	"date":            {"Date", "Date", "التاريخ"},
	"from":            {"From", "Du", "من"},
	"to":              {"To", "Au", "إلى"},
	"place":           {"Place", "Lieu", "المكان"},
	"places":          {"Places", "Lieux", "الأماكن"},
	"actor":           {"Actor", "Acteur", "الجهة"},
	"actors":          {"Actors", "Acteurs", "الجهات المنفذة"},
	"participants":    {"Participants", "Participants", "المشاركون"},
	"affiliations":    {"Affiliations", "Affiliations", "الانتماءات"},
	"partners":        {"Partners", "Partenaires", "الشركاء"},
	"source":          {"Source", "Source", "المصدر"},
	"figures":         {"Figures", "Chiffres", "الأرقام"},
	"filter":          {"Filter", "Filtrer", "تصفية"},
	"query":           {"Words to find", "Mots à chercher", "كلمات البحث"},
	"results":         {"results", "résultats", "نتيجة"},
	"no_results":      {"No document holds all these words.", "Aucun document ne contient tous ces mots.", "لا توجد وثيقة تحتوي على كل هذه الكلمات."},
	"facets_note":     {"Counts over the first 100 hits.", "Décomptes sur les 100 premiers résultats.", "الأعداد محسوبة على أول 100 نتيجة."},
	"year":            {"Year", "Année", "السنة"},
	"prev":            {"Previous", "Précédent", "السابق"},
	"next":            {"Next", "Suivant", "التالي"},
	"page":            {"Page", "Page", "صفحة"},
	"evidence":        {"Evidence", "Preuve", "الدليل"},
	"per_source":      {"Figures per source", "Chiffres par source", "الأرقام حسب المصدر"},
	"disagree":        {"sources disagree", "les sources divergent", "المصادر مختلفة"},
	"article":         {"Article text", "Texte de l’article", "نص المقال"},
	"open_source":     {"Original article", "Article original", "المقال الأصلي"},
	"published":       {"Published", "Publié le", "تاريخ النشر"},
	"cluster_note":    {"Reports of the same real event", "Articles sur le même événement", "تقارير عن الحدث نفسه"},
	"names":           {"Names in every script", "Noms dans toutes les écritures", "الأسماء بكل الكتابات"},
	"over_time":       {"Events over time", "Événements dans le temps", "الأحداث عبر الزمن"},
	"kind":            {"Kind", "Genre", "الصنف"},
	"person":          {"Person", "Personne", "شخص"},
	"org":             {"Organisation", "Organisation", "هيئة"},
	"country":         {"Country", "Pays", "البلد"},
	"count":           {"Count", "Nombre", "العدد"},
	"map_note":        {"Each circle is a place; its size, the events reported there. Outline: Natural Earth (public domain) via world-atlas.", "Chaque cercle est un lieu ; sa taille, le nombre d’événements. Contours : Natural Earth (domaine public) via world-atlas.", "كل دائرة مكان، وحجمها عدد الأحداث فيه. الحدود: Natural Earth (ملك عام) عبر world-atlas."},
	"off_map":         {"Places beyond the map", "Lieux hors de la carte", "أماكن خارج الخريطة"},
	"reported":        {"Reported by sources", "Déclaré par les sources", "ما أعلنته المصادر"},
	"counted":         {"Counted by Marsad", "Compté par Marsad", "ما أحصاه مرصد"},
	"operations":      {"operations", "opérations", "عمليات"},
	"print":           {"Print", "Imprimer", "طباعة"},
	"balance_note":    {"Figures the sources give for the year, each with its source, next to what Marsad counts from the single operations it grouped.", "Les chiffres que les sources donnent pour l’année, chacun avec sa source, à côté de ce que Marsad compte à partir des opérations regroupées.", "الأرقام التي تعلنها المصادر عن السنة، كل رقم بمصدره، بجانب ما يحصيه مرصد من العمليات المفردة التي جمعها."},
	"claims":          {"Claims", "Affirmations", "الادعاءات"},
	"key":             {"Figure", "Chiffre", "الرقم"},
	"change_password": {"Change your password", "Changer de mot de passe", "تغيير كلمة المرور"},
	"first_password":  {"This password was given to you once: choose your own before going on.", "Ce mot de passe vous a été donné une fois : choisissez le vôtre avant de continuer.", "أعطيت لك كلمة المرور هذه مرة واحدة: اختر كلمة خاصة بك قبل المتابعة."},
	"current":         {"Current password", "Mot de passe actuel", "كلمة المرور الحالية"},
	"new_password":    {"New password (12 characters or more)", "Nouveau mot de passe (12 caractères ou plus)", "كلمة مرور جديدة (12 حرفا أو أكثر)"},
	"save":            {"Save", "Enregistrer", "حفظ"},
	"saved":           {"Saved.", "Enregistré.", "تم الحفظ."},
	"tokens":          {"API tokens", "Jetons d’API", "رموز الواجهة البرمجية"},
	"token_name":      {"What the token is for", "Usage du jeton", "الغرض من الرمز"},
	"create":          {"Create", "Créer", "إنشاء"},
	"revoke":          {"Revoke", "Révoquer", "إلغاء"},
	"token_once":      {"Copy this token now: it is shown only once.", "Copiez ce jeton maintenant : il ne sera plus affiché.", "انسخ هذا الرمز الآن: لن يظهر مرة أخرى."},
	"last_used":       {"Last used", "Dernier usage", "آخر استعمال"},
	"never":           {"never", "jamais", "أبدا"},
	"created":         {"Created", "Créé", "أنشئ"},
	"role":            {"Role", "Rôle", "الدور"},
	"viewer":          {"viewer", "lecteur", "قارئ"},
	"analyst":         {"analyst", "analyste", "محلل"},
	"admin":           {"admin", "administrateur", "مدير"},
	"add_user":        {"Add a user", "Ajouter un utilisateur", "إضافة مستخدم"},
	"user_created":    {"User created. One-time password (shown once):", "Utilisateur créé. Mot de passe à usage unique (affiché une fois) :", "أنشئ المستخدم. كلمة مرور لمرة واحدة (تظهر مرة واحدة):"},
	"when":            {"When", "Quand", "متى"},
	"who":             {"Who", "Qui", "من"},
	"what":            {"Action", "Action", "الإجراء"},
	"target":          {"Target", "Cible", "الهدف"},
	"where":           {"From", "Depuis", "من أين"},
	"status":          {"Status", "Statut", "الحالة"},
	"export":          {"Export", "Exporter", "تصدير"},
	"since":           {"Since", "Depuis le", "منذ"},
	"error":           {"Error", "Erreur", "خطأ"},
	"back":            {"Back to the overview", "Retour à la vue d’ensemble", "العودة إلى النظرة العامة"},
	"undated":         {"undated", "non daté", "بدون تاريخ"},
	"scale_operation": {"single operation", "opération", "عملية مفردة"},
	"scale_aggregate": {"aggregate over a period", "bilan sur une période", "حصيلة لفترة"},
	"scale_undated":   {"undated", "non daté", "بدون تاريخ"},
	"all_events_of":   {"All events", "Tous les événements", "كل الأحداث"},
	"entity_search":   {"Name in any script", "Nom dans n’importe quelle écriture", "الاسم بأي كتابة"},
	"skip":            {"Skip to content", "Aller au contenu", "انتقل إلى المحتوى"},
	"language":        {"Language", "Langue", "اللغة"},
	"event_page":      {"Event", "Événement", "حدث"},
	"document":        {"Document", "Document", "وثيقة"},
	"sentence":        {"source sentence", "phrase source", "الجملة المصدر"},
	"add":             {"Add an article", "Ajouter un article", "إضافة مقال"},
	"add_note":        {"Paste the article's text: Marsad reads its events and figures and stores it like any other. The same text twice is stored once.", "Collez le texte de l’article : Marsad en lit les événements et les chiffres et le conserve comme les autres. Le même texte n’est conservé qu’une fois.", "الصق نص المقال: يستخرج مرصد أحداثه وأرقامه ويحفظه كغيره. النص نفسه يحفظ مرة واحدة."},
	"add_need_text":   {"The article's text is needed.", "Le texte de l’article est nécessaire.", "نص المقال مطلوب."},
	"title":           {"Title", "Titre", "العنوان"},
	"url":             {"Address (URL)", "Adresse (URL)", "الرابط"},
	"text":            {"Text", "Texte", "النص"},
	"auto":            {"detect", "détecter", "تلقائي"},
	"added":           {"Stored", "Enregistré", "تم الحفظ"},
	"duplicate":       {"Already stored", "Déjà enregistré", "محفوظ من قبل"},
	"failed":          {"Not stored", "Non enregistré", "لم يحفظ"},
	"events_found":    {"events found", "événements trouvés", "أحداث مستخرجة"},

	// Event types (contract: SCHEMA.md).
	"t.cell_dismantled":        {"Cell dismantled", "Cellule démantelée", "تفكيك خلية"},
	"t.plot_foiled":            {"Plot foiled", "Attentat déjoué", "إحباط مخطط"},
	"t.network_dismantled":     {"Network dismantled", "Réseau démantelé", "تفكيك شبكة"},
	"t.arrest":                 {"Arrest", "Arrestation", "توقيف"},
	"t.seizure":                {"Seizure", "Saisie", "حجز"},
	"t.attack":                 {"Attack", "Attaque", "هجوم"},
	"t.migration_interdiction": {"Migration interdiction", "Émigration irrégulière avortée", "إحباط هجرة غير نظامية"},
	"t.event_secured":          {"Event secured", "Événement sécurisé", "تأمين حدث"},
	"t.cooperation":            {"Cooperation", "Coopération", "تعاون"},
	"t.hosting":                {"Hosting", "Accueil", "احتضان"},
	"t.conviction":             {"Conviction", "Condamnation", "إدانة"},
	"t.extradition":            {"Extradition", "Extradition", "تسليم"},

	// Figure keys.
	"f.cells":    {"cells", "cellules", "خلايا"},
	"f.networks": {"networks", "réseaux", "شبكات"},
	"f.arrested": {"arrested", "interpellés", "موقوفون"},
	"f.plots":    {"plots", "projets", "مخططات"},
	"f.attempts": {"attempts", "tentatives", "محاولات"},
	"f.migrants": {"migrants", "migrants", "مهاجرون"},
	"f.killed":   {"killed", "tués", "قتلى"},
	"f.injured":  {"injured", "blessés", "جرحى"},
	"f.quantity": {"quantity", "quantité", "الكمية"},
	"f.years":    {"years", "années", "سنوات"},
}
