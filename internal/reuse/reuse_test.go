package reuse

import "testing"

// Zeroed keeps the array when it is large enough, and the elements it returns are zero
// whatever the array held.
func TestZeroed(t *testing.T) {
	s := []int{1, 2, 3, 4}
	got := Zeroed(s, 3)
	if len(got) != 3 || &got[0] != &s[0] {
		t.Fatalf("Zeroed(4 ints, 3) = %v (len %d), want the same array cut to 3", got, len(got))
	}
	for i, v := range got {
		if v != 0 {
			t.Errorf("element %d = %d, want 0", i, v)
		}
	}
	bigger := Zeroed(s, 6)
	if len(bigger) != 6 || &bigger[0] == &s[0] {
		t.Errorf("Zeroed(4 ints, 6): len %d, same array %v; want a new array of 6", len(bigger), &bigger[0] == &s[0])
	}
	if n := Zeroed[string](nil, 0); len(n) != 0 {
		t.Errorf("Zeroed(nil, 0) has %d elements", len(n))
	}
}
