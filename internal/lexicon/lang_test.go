package lexicon

import "testing"

// Every language table needs a bit of its own: the recognizer skips a token for a table
// whose bit it does not carry, so a shared or missing bit would hide that table's words.
func TestTableBitsDistinct(t *testing.T) {
	var seen uint16
	for _, lt := range langTables {
		b := TableBit(lt.table)
		if b == 0 || b&(b-1) != 0 {
			t.Errorf("table %q: bit %#x, want exactly one bit", lt.table, b)
		}
		if seen&b != 0 {
			t.Errorf("table %q shares its bit %#x with another table", lt.table, b)
		}
		seen |= b
	}
}
