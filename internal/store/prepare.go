package store

import (
	"marsad/internal/extract"
	"marsad/internal/store/search"
)

// Prepared is a Result with the work done that needs no database: the checks every
// backend makes, the analyzed text for the full-text index and the lookup keys of its
// names. Preparing is CPU work that any goroutine can do; the single writer of a store
// then only runs statements, which is what lets ingest keep the writer busy.
type Prepared struct {
	Result extract.Result
	Err    error // why every backend refuses the Result (Check); nil when it can be stored
	// Title and Body are search.Text of the Result's title and text.
	Title, Body string
	// Keys holds Config.Key of every name in the Result (entities, their names, event
	// places).
	Keys map[string]string
}

// Prepare checks res and does its database-free work with c's name folding.
func (c Config) Prepare(res extract.Result) Prepared { return c.PrepareKeys(res, c.Key) }

// PrepareKeys is Prepare with the lookup keys of names given by keyOf, which must return
// what c.Key does (a cache of it, say).
func (c Config) PrepareKeys(res extract.Result, keyOf func(string) string) Prepared {
	p := Prepared{Result: res, Err: Check(res)}
	if p.Err != nil {
		return p
	}
	p.Title, p.Body = search.Text(res.Title), search.Text(res.Text)
	p.Keys = make(map[string]string)
	key := func(s string) {
		if _, ok := p.Keys[s]; !ok {
			p.Keys[s] = keyOf(s)
		}
	}
	for _, e := range res.Entities {
		key(e.Name)
		for _, n := range e.Names {
			key(n)
		}
	}
	for _, ev := range res.Events {
		for _, pl := range ev.Places {
			key(pl.Name)
			for _, n := range pl.Names {
				key(n)
			}
		}
	}
	return p
}

// Key returns the lookup key of a name of the Result, folding it with c if Prepare did
// not see it.
func (p *Prepared) Key(c Config, s string) string {
	if k, ok := p.Keys[s]; ok {
		return k
	}
	return c.Key(s)
}
