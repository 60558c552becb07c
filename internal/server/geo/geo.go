// Package geo is the projection of the web UI's map: the western Mediterranean and
// north-west Africa (Morocco and its neighbours, Tunisia, Spain and Portugal) drawn
// equirectangular, with longitudes shortened by the cosine of the middle latitude so
// that shapes look right at these latitudes. The outline (assets/land.json) is projected
// with it by genmap, and the event places by the server.
package geo

// The frame, in degrees.
const (
	West, East   = -18.5, 13.0
	South, North = 19.5, 44.5
)

// Width and Height are the map's size in SVG units.
const Width = 720.0

// Height keeps the frame's proportions: Width × (North−South) / ((East−West) ×
// cos(middle latitude)), rounded (TestHeight checks it).
const Height = 674.0

// Project returns the SVG coordinates of a point (y grows southwards).
func Project(lon, lat float64) (x, y float64) {
	x = (lon - West) / (East - West) * Width
	y = (North - lat) / (North - South) * Height
	return x, y
}

// Inside reports whether a point is in the frame.
func Inside(lon, lat float64) bool {
	return lon >= West && lon <= East && lat >= South && lat <= North
}
