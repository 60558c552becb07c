package event

// Entity is a distinct person, organisation or place named in a document.
type Entity struct {
	Type    string   `json:"type"` // person | org | place
	Name    string   `json:"name"` // canonical name, Latin script when known
	Names   []string `json:"names,omitempty"`
	Country string   `json:"country,omitempty"` // ISO 3166-1 alpha-2, places only
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
	// ID is the lexicon or gazetteer id when the entity was recognised from project data
	// ("place:MA.01.511", "org:dgst"); empty for entities found only by pattern.
	ID string `json:"id,omitempty"`
}

// Period is the span of time an event covers. Bounds are YYYY, YYYY-MM or YYYY-MM-DD.
type Period struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Figure is one number stated in the text, with the span it was read from.
type Figure struct {
	Value     float64 `json:"value"`
	Qualifier string  `json:"qualifier,omitempty"` // exact (default) | approx | at_least | at_most
	Unit      string  `json:"unit,omitempty"`      // quantity only: kg, t, g, l, units, MAD, EUR, USD
	Item      string  `json:"item,omitempty"`      // quantity only: cannabis resin, cocaine, ...
	Start     int     `json:"start"`               // rune offsets in the cleaned text
	End       int     `json:"end"`
}

// Place is where an event happened.
type Place struct {
	Name    string   `json:"name"`
	Names   []string `json:"names,omitempty"`
	Country string   `json:"country,omitempty"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
	ID      string   `json:"id,omitempty"`
}

// Span is a stretch of the cleaned text in Unicode code points.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Event is one security event read from a document.
type Event struct {
	Type         string            `json:"type"`
	Date         *Period           `json:"date,omitempty"`
	Figures      map[string]Figure `json:"figures,omitempty"`
	Places       []Place           `json:"places"`
	Actors       []string          `json:"actors"`
	Participants []string          `json:"participants"`
	Partners     []string          `json:"partners"`
	Affiliations []string          `json:"affiliations"`
	Evidence     Span              `json:"evidence"`
}

// Types lists the twelve event types of the contract, in the order the docs present them.
var Types = []string{
	"cell_dismantled", "plot_foiled", "network_dismantled", "arrest", "seizure", "attack",
	"migration_interdiction", "event_secured", "cooperation", "hosting", "conviction", "extradition",
}
