package server

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"marsad/internal/event"
	"marsad/internal/server/geo"
)

// barChart is an SVG chart drawn on the server: no script, nothing to load.
type barChart struct {
	W, H   int
	Bars   []bar
	XTicks []tick
	YTicks []tick
	Legend []legendItem
	Base   float64 // the y of the axis
}

type bar struct {
	X, Y, W, H float64
	Class      string
	Title      string
	Href       string
}

type tick struct {
	X, Y float64
	Text string
}

type legendItem struct {
	Type, Class string
}

// monthChart stacks counts per month and type. counts maps "YYYY-MM" to type to count.
// It shows the months from the first to the last with data, at most the last maxMonths.
func monthChart(counts map[string]map[string]int, maxMonths int, href func(month, typ string) string, title func(month, typ string, n int) string) *barChart {
	if len(counts) == 0 {
		return nil
	}
	var months []string
	for m := range counts {
		months = append(months, m)
	}
	sort.Strings(months)
	all := monthRange(months[0], months[len(months)-1])
	if len(all) > maxMonths {
		all = all[len(all)-maxMonths:]
	}
	c := &barChart{W: 760, H: 240}
	const left, right, top, bottom = 36.0, 8.0, 8.0, 28.0
	c.Base = float64(c.H) - bottom
	maxN := 1
	for _, m := range all {
		n := 0
		for _, k := range counts[m] {
			n += k
		}
		maxN = max(maxN, n)
	}
	step := (float64(c.W) - left - right) / float64(len(all))
	bw := math.Min(48, math.Max(2, step*0.7))
	scale := (c.Base - top) / float64(maxN)
	used := map[string]bool{}
	for i, m := range all {
		x := left + float64(i)*step + (step-bw)/2
		y := c.Base
		for _, t := range event.Types {
			n := counts[m][t]
			if n == 0 {
				continue
			}
			used[t] = true
			h := float64(n) * scale
			y -= h
			c.Bars = append(c.Bars, bar{X: x, Y: y, W: bw, H: h, Class: "t-" + t, Title: title(m, t, n), Href: href(m, t)})
		}
		// A label every few months, so they never overlap.
		every := max(1, len(all)/8)
		if i%every == 0 {
			c.XTicks = append(c.XTicks, tick{X: x + bw/2, Y: c.Base + 18, Text: m})
		}
	}
	for _, v := range niceTicks(maxN) {
		c.YTicks = append(c.YTicks, tick{X: left - 6, Y: c.Base - float64(v)*scale + 4, Text: strconv.Itoa(v)})
	}
	for _, t := range event.Types {
		if used[t] {
			c.Legend = append(c.Legend, legendItem{Type: t, Class: "t-" + t})
		}
	}
	return c
}

// niceTicks returns up to five round values from 0 to maxN.
func niceTicks(maxN int) []int {
	step := 1
	for _, s := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000} {
		step = s
		if maxN/s <= 4 {
			break
		}
	}
	var out []int
	for v := 0; v <= maxN; v += step {
		out = append(out, v)
	}
	return out
}

// monthRange lists the months from a to b (YYYY-MM), both included.
func monthRange(a, b string) []string {
	var y, m, ey, em int
	fmt.Sscanf(a, "%d-%d", &y, &m)
	fmt.Sscanf(b, "%d-%d", &ey, &em)
	var out []string
	for (y < ey || (y == ey && m <= em)) && len(out) < 1200 {
		out = append(out, fmt.Sprintf("%04d-%02d", y, m))
		m++
		if m > 12 {
			y, m = y+1, 1
		}
	}
	return out
}

// mapView is the SVG map: the land outline and one circle per place.
type mapView struct {
	W, H    float64
	Land    []string // SVG path data
	Circles []mapCircle
	Off     []mapCircle // places outside the frame, listed under the map
	Grid    []gridLine
}

type mapCircle struct {
	X, Y, R  float64
	Name     string
	Country  string
	N        int
	Href     string
	LabelX   float64
	ShowName bool
}

type gridLine struct {
	X1, Y1, X2, Y2 float64
}

// placeCount is one place with the number of events reported there.
type placeCount struct {
	Name, Country, ID string
	Lat, Lon          float64
	N                 int
}

func buildMap(land []string, places []placeCount, href func(p placeCount) string) *mapView {
	mv := &mapView{W: geo.Width, H: geo.Height, Land: land}
	maxN := 1
	for _, p := range places {
		maxN = max(maxN, p.N)
	}
	for lon := -20.0; lon <= 15; lon += 5 {
		x1, y1 := geo.Project(lon, geo.North)
		x2, y2 := geo.Project(lon, geo.South)
		mv.Grid = append(mv.Grid, gridLine{x1, y1, x2, y2})
	}
	for lat := 20.0; lat <= 45; lat += 5 {
		x1, y1 := geo.Project(geo.West, lat)
		x2, y2 := geo.Project(geo.East, lat)
		mv.Grid = append(mv.Grid, gridLine{x1, y1, x2, y2})
	}
	sort.SliceStable(places, func(i, j int) bool { return places[i].N > places[j].N })
	for i, p := range places {
		c := mapCircle{Name: p.Name, Country: p.Country, N: p.N, Href: href(p),
			R: 3 + 15*math.Sqrt(float64(p.N)/float64(maxN))}
		if !geo.Inside(p.Lon, p.Lat) {
			mv.Off = append(mv.Off, c)
			continue
		}
		c.X, c.Y = geo.Project(p.Lon, p.Lat)
		c.LabelX = c.X + c.R + 3
		c.ShowName = i < 12
		mv.Circles = append(mv.Circles, c)
	}
	// Small circles on top of big ones, so every place can be pointed at.
	sort.SliceStable(mv.Circles, func(i, j int) bool { return mv.Circles[i].R > mv.Circles[j].R })
	return mv
}
