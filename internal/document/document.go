// Package document defines the unit Marsad works on — one published article — and
// reads articles from .txt, .html and .jsonl files or directories of them.
package document

// Document is one article as read from its source, before cleaning.
//
// Exactly one of Text and HTML is set by the readers; clean turns HTML into Text.
type Document struct {
	ID        string `json:"id"`                  // given id (JSONL) or file name without extension
	URL       string `json:"url,omitempty"`       // where it was published, when known
	Source    string `json:"source,omitempty"`    // outlet name
	Title     string `json:"title,omitempty"`     // headline; for .txt the first non-empty line
	Published string `json:"published,omitempty"` // YYYY-MM-DD when known; anchor for relative dates
	Lang      string `json:"lang,omitempty"`      // declared language (ar|fr|en), may be empty
	Text      string `json:"text,omitempty"`      // plain text body
	HTML      string `json:"html,omitempty"`      // raw page, for .html files and JSONL "html" fields

	// Origin names where the document came from ("dir/a.jsonl:12"), for messages.
	Origin string `json:"-"`
}
