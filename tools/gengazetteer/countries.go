package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// worldCountry is the part of a world-countries record the gazetteer uses.
type worldCountry struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
		Native   map[string]struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"native"`
	} `json:"name"`
	CCA2         string   `json:"cca2"`
	AltSpellings []string `json:"altSpellings"`
	Region       string   `json:"region"`
	Subregion    string   `json:"subregion"`
	LatLng       []float64
	Translations map[string]struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"translations"`
}

func (c *worldCountry) UnmarshalJSON(b []byte) error {
	type plain worldCountry
	var aux struct {
		plain
		LatLng []float64 `json:"latlng"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*c = worldCountry(aux.plain)
	c.LatLng = aux.LatLng
	return nil
}

// isoNames reads one language file of i18n-iso-countries: code → names, the first being the
// preferred one (the package writes a string or a list).
func isoNames(npm, lang string) (map[string][]string, error) {
	path := filepath.Join(npm, "i18n-iso-countries", "langs", lang+".json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read country names: %w", err)
	}
	var f struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	out := make(map[string][]string, len(f.Countries))
	for cc, raw := range f.Countries {
		var one string
		if json.Unmarshal(raw, &one) == nil {
			out[cc] = []string{one}
			continue
		}
		var many []string
		if err := json.Unmarshal(raw, &many); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, cc, err)
		}
		out[cc] = many
	}
	return out, nil
}

func readWorldCountries(npm string) ([]worldCountry, error) {
	path := filepath.Join(npm, "world-countries", "countries.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read countries: %w", err)
	}
	var cs []worldCountry
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	return cs, nil
}

// countryRows makes one row per ISO 3166-1 country from world-countries (coordinates,
// official, native and alternative names, Arabic, French and Spanish translations) and
// i18n-iso-countries (the Arabic, French and English names it prefers).
func countryRows(cs []worldCountry, npm string) ([]*row, error) {
	langs := map[string]map[string][]string{}
	for _, l := range []string{"ar", "fr", "en"} {
		m, err := isoNames(npm, l)
		if err != nil {
			return nil, err
		}
		langs[l] = m
	}
	var rows []*row
	for _, c := range cs {
		cc := c.CCA2
		if len(cc) != 2 {
			return nil, fmt.Errorf("world-countries: bad cca2 %q", cc)
		}
		r := &row{ID: "country." + cc, Kind: "country", Country: cc, Rank: 100, Name: c.Name.Common, File: "countries"}
		if len(c.LatLng) == 2 {
			r.setCoord(c.LatLng[0], c.LatLng[1])
		}
		r.addAliases(langs["en"][cc]...)
		r.addAliases(c.Name.Official)
		r.addAliases(langs["fr"][cc]...)
		r.addAliases(langs["ar"][cc]...)
		for _, l := range []string{"fra", "ara"} {
			if t, ok := c.Translations[l]; ok {
				r.addAliases(t.Common, t.Official)
			}
		}
		// The Spanish common name: Moroccan and Tunisian news quote the Spanish press
		// (Marruecos, Argelia). Official Spanish names add nothing but noise.
		if t, ok := c.Translations["spa"]; ok {
			r.addAliases(t.Common)
		}
		// Native names in Arabic (Arab countries) and in Latin script (Deutschland, Italia,
		// Türkiye) are written by the press. Other Arabic-script languages (Persian, Urdu,
		// Kurdish) and other scripts are not Marsad's input.
		langs := make([]string, 0, len(c.Name.Native))
		for l := range c.Name.Native {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			n := c.Name.Native[l]
			for _, s := range []string{n.Common, n.Official} {
				if isLatinName(s) || (l == "ara" && isArabicName(s)) {
					r.addAliases(s)
				}
			}
		}
		for _, s := range c.AltSpellings {
			if usableAltSpelling(s) {
				r.addAliases(s)
			}
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// usableAltSpelling keeps world-countries' alternative spellings that a text could contain:
// Latin script, and not the bare ISO codes ("MA", "IN", "IT", "US"), which are words or too
// ambiguous. Three-letter capitals (USA, UAE, RSA) are kept.
func usableAltSpelling(s string) bool {
	return isLatinName(s) && len([]rune(strings.TrimSpace(s))) >= 3
}

// isArabicName reports whether s is written in Arabic letters, spaces and hyphens only.
func isArabicName(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x0620 && r <= 0x06FF:
			n++
		case r == ' ' || r == '-' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return n > 0
}
