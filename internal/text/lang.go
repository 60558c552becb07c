package text

// Function words that tell French from English: frequent, short, and rare in the other
// language. Arabic is told by script alone.
var (
	frenchWords = map[string]bool{
		"le": true, "la": true, "les": true, "des": true, "du": true, "de": true, "et": true,
		"est": true, "une": true, "un": true, "dans": true, "pour": true, "par": true, "sur": true,
		"qui": true, "que": true, "au": true, "aux": true, "avec": true, "ont": true, "sont": true,
		"l'": true, "d'": true, "qu'": true, "n'": true, "été": true, "ete": true, "il": true, "elle": true,
	}
	englishWords = map[string]bool{
		"the": true, "and": true, "of": true, "to": true, "in": true, "is": true, "was": true,
		"for": true, "on": true, "that": true, "with": true, "by": true, "from": true, "at": true,
		"were": true, "has": true, "have": true, "he": true, "she": true, "it": true, "are": true,
		"an": true, "after": true, "said": true, "his": true, "their": true,
	}
)

// DetectLang returns "ar", "fr" or "en" from the tokens' scripts and function words.
// A text with no letters at all is reported as "ar", Marsad's main language.
func DetectLang(toks []Token) string {
	var ar, lat, fr, en int
	for _, t := range toks {
		switch t.Script {
		case Arabic:
			ar++
		case Latin:
			lat++
			if frenchWords[t.Key] {
				fr++
			}
			if englishWords[t.Key] {
				en++
			}
		}
	}
	if ar >= lat || lat == 0 {
		return "ar"
	}
	if en > fr {
		return "en"
	}
	return "fr"
}
