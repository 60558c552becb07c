// Command genmap writes the web UI's land outline (assets/land.json) from world-atlas's
// land-50m.json (Natural Earth 1:50m land, public domain; world-atlas is ISC-licensed):
// the land polygons clipped to geo's frame, projected, and thinned to what the map can
// show. Run from internal/server:
//
//	npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
//	go run ./genmap package/land-50m.json > assets/land.json
//
// Land only, with no borders: the map locates events, it does not draw frontiers.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"

	"marsad/internal/server/geo"
)

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Type       string `json:"type"`
		Geometries []struct {
			Type string          `json:"type"`
			Arcs json.RawMessage `json:"arcs"`
		} `json:"geometries"`
	} `json:"objects"`
}

type pt struct{ x, y float64 }

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genmap land-50m.json > assets/land.json")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "genmap:", err)
		os.Exit(1)
	}
}

func run(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return err
	}
	// Arcs are delta-encoded quantized positions.
	arcs := make([][]pt, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		for _, d := range a {
			x += d[0]
			y += d[1]
			arcs[i] = append(arcs[i], pt{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]})
		}
	}
	ring := func(idx []int) []pt {
		var out []pt
		for _, i := range idx {
			var a []pt
			if i >= 0 {
				a = arcs[i]
			} else {
				src := arcs[^i]
				for j := len(src) - 1; j >= 0; j-- {
					a = append(a, src[j])
				}
			}
			if len(out) > 0 {
				a = a[1:] // arcs share their end points
			}
			out = append(out, a...)
		}
		return out
	}
	var paths []string
	for _, obj := range t.Objects {
		for _, g := range obj.Geometries {
			var polys [][][]int
			switch g.Type {
			case "Polygon":
				var p [][]int
				if err := json.Unmarshal(g.Arcs, &p); err != nil {
					return err
				}
				polys = [][][]int{p}
			case "MultiPolygon":
				if err := json.Unmarshal(g.Arcs, &polys); err != nil {
					return err
				}
			}
			for _, poly := range polys {
				for _, r := range poly {
					if d := pathData(clip(ring(r))); d != "" {
						paths = append(paths, d)
					}
				}
			}
		}
	}
	out, err := json.Marshal(map[string]any{
		"attribution": "Natural Earth 1:50m land (public domain), via the world-atlas npm package (ISC); clipped and projected by internal/server/genmap",
		"paths":       paths,
	})
	if err != nil {
		return err
	}
	_, err = fmt.Printf("%s\n", out)
	return err
}

// clip cuts a ring to the frame, a little enlarged so clipped edges fall outside the
// picture (Sutherland–Hodgman, one edge of the frame at a time).
func clip(r []pt) []pt {
	const m = 0.5
	edges := []struct {
		in  func(p pt) bool
		cut func(a, b pt) pt
	}{
		{func(p pt) bool { return p.x >= geo.West-m }, func(a, b pt) pt { return atX(a, b, geo.West-m) }},
		{func(p pt) bool { return p.x <= geo.East+m }, func(a, b pt) pt { return atX(a, b, geo.East+m) }},
		{func(p pt) bool { return p.y >= geo.South-m }, func(a, b pt) pt { return atY(a, b, geo.South-m) }},
		{func(p pt) bool { return p.y <= geo.North+m }, func(a, b pt) pt { return atY(a, b, geo.North+m) }},
	}
	for _, e := range edges {
		if len(r) == 0 {
			return nil
		}
		var out []pt
		prev := r[len(r)-1]
		for _, p := range r {
			switch {
			case e.in(p) && e.in(prev):
				out = append(out, p)
			case e.in(p):
				out = append(out, e.cut(prev, p), p)
			case e.in(prev):
				out = append(out, e.cut(prev, p))
			}
			prev = p
		}
		r = out
	}
	return r
}

func atX(a, b pt, x float64) pt {
	t := (x - a.x) / (b.x - a.x)
	return pt{x, a.y + t*(b.y-a.y)}
}

func atY(a, b pt, y float64) pt {
	t := (y - a.y) / (b.y - a.y)
	return pt{a.x + t*(b.x-a.x), y}
}

// pathData projects a ring and drops points closer than a pixel to the last one kept.
func pathData(r []pt) string {
	if len(r) < 3 {
		return ""
	}
	var b strings.Builder
	var lx, ly float64
	n := 0
	for i, p := range r {
		x, y := geo.Project(p.x, p.y)
		if i > 0 && math.Hypot(x-lx, y-ly) < 1.0 {
			continue
		}
		if n == 0 {
			b.WriteString("M")
		} else {
			b.WriteString("L")
		}
		fmt.Fprintf(&b, "%.1f %.1f", x, y)
		lx, ly = x, y
		n++
	}
	if n < 3 {
		return ""
	}
	b.WriteString("Z")
	return b.String()
}
