package geo

import (
	"math"
	"testing"
)

func TestHeight(t *testing.T) {
	k := math.Cos((South + North) / 2 * math.Pi / 180)
	if want := math.Round(Width * (North - South) / ((East - West) * k)); Height != want {
		t.Errorf("Height = %v, want %v", Height, want)
	}
}

func TestProject(t *testing.T) {
	// Tangier is in the north-west quarter of the frame, Tunis in the north-east.
	x, y := Project(-5.8, 35.77)
	if x < 0 || x > Width/2 || y < 0 || y > Height/2 {
		t.Errorf("Tangier at (%v, %v)", x, y)
	}
	x, _ = Project(10.18, 36.8)
	if x < Width*3/4 || x > Width {
		t.Errorf("Tunis at x=%v", x)
	}
	if Inside(2.35, 48.85) {
		t.Error("Paris is inside the frame")
	}
}
