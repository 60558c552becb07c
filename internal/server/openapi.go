package server

import (
	_ "embed"
	"net/http"
)

// openAPIDoc describes the JSON API. It is written by hand, for people; the test
// TestOpenAPIMatchesRoutes holds it to the routes the server really has.
//
//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPIDoc)
}
