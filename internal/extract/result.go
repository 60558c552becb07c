package extract

import "marsad/internal/event"

// Result is what `marsad extract` prints for one document (contract: ../shared/eval/SCHEMA.md)
// and what the store keeps.
type Result struct {
	Doc       string         `json:"doc"`
	Lang      string         `json:"lang"`
	Title     string         `json:"title,omitempty"`
	Published string         `json:"published,omitempty"`
	URL       string         `json:"url,omitempty"`
	Source    string         `json:"source,omitempty"`
	Hash      string         `json:"hash"` // sha256 of the cleaned text: the identity used for idempotent ingest
	Entities  []event.Entity `json:"entities"`
	Events    []event.Event  `json:"events"`

	// Text is the cleaned text all offsets refer to. It is stored, not printed.
	Text string `json:"-"`
}
