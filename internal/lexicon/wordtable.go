package lexicon

import (
	"math/bits"
)

// wordTable holds the first words of the phrases of one script, with their word flags. The
// recognizer looks every word and clitic variant up in it (about 1.8 million lookups per
// pass over the ANT corpus, five in six found), and in a Go map those lookups were memory
// bound: a map entry's control word, its string header, the key's bytes and the node each
// sat on a cache line of their own, and the CPU profile put 13% of extraction on them. Here
// a lookup reads one 8-byte slot (of 512 KB for the Arabic words) and one 32-byte entry
// holding the key's bytes and the flags; the node, with the phrases, only when the word
// starts one. The lookups still wait on memory (9% of extraction's time by the profile).
type wordTable struct {
	// slots is the open-addressed index, probed linearly: the hash's high 32 bits above
	// the entry's index + 1, 0 for an empty slot. It is kept at most half full (a key is found
	// in 1.2-1.4 reads on average, TestWordTableProbes); 60% would halve the Arabic one
	// to 256 KB, and cost 0.5% more instructions per ANT pass.
	slots   []uint64
	inline  int // entries in slots
	entries []wordEntry
	// long indexes the few keys too long to be held in an entry (past inlineKey bytes:
	// 2% of the Arabic first words, one in ten thousand of the Latin ones).
	long map[string]int32
}

// inlineKey is the longest key an entry holds: 21 bytes, ten Arabic letters. A longer key's
// entry has klen longKey.
const (
	inlineKey = 21
	longKey   = 0xFF
)

// wordEntry is one first word: 32 bytes, two to a cache line.
type wordEntry struct {
	n     *node  // the phrases starting with the word; nil for a word that only has flags
	flags uint16 // word flags (see SetFlags)
	klen  uint8
	key   [inlineKey]byte
}

// find returns the entry of key, nil if key starts no phrase and has no flags.
func (t *wordTable) find(key string) *wordEntry {
	if len(key) > inlineKey {
		if i, ok := t.long[key]; ok {
			return &t.entries[i]
		}
		return nil
	}
	if len(t.slots) == 0 {
		return nil
	}
	h := hashKey(key)
	tag := h >> 32
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return nil
		}
		if s>>32 == tag {
			e := &t.entries[uint32(s)-1]
			if int(e.klen) == len(key) && string(e.key[:e.klen]) == key {
				return e
			}
		}
	}
}

// add returns the entry of key, added if it was not there. Entries do not move in memory
// until the next add; callers hold them no longer than that.
func (t *wordTable) add(key string) *wordEntry {
	if e := t.find(key); e != nil {
		return e
	}
	if len(t.entries) >= 1<<31-1 {
		panic("lexicon: word table full")
	}
	i := int32(len(t.entries))
	t.entries = append(t.entries, wordEntry{})
	e := &t.entries[i]
	if len(key) > inlineKey {
		if t.long == nil {
			t.long = map[string]int32{}
		}
		t.long[key] = i
		e.klen = longKey
		return e
	}
	e.klen = uint8(len(key))
	copy(e.key[:], key)
	t.inline++
	if 2*t.inline > len(t.slots) {
		t.grow()
	} else {
		t.place(hashKey(key), i)
	}
	return e
}

// grow doubles the index (or makes its first one) and places every inline entry anew.
func (t *wordTable) grow() {
	n := 2 * len(t.slots)
	if n < 64 {
		n = 64
	}
	t.slots = make([]uint64, n)
	for i := range t.entries {
		e := &t.entries[i]
		if e.klen != longKey {
			t.place(hashKey(string(e.key[:e.klen])), int32(i))
		}
	}
}

// place records entry i, of hash h, in the first free slot from its home.
func (t *wordTable) place(h uint64, i int32) {
	mask := uint64(len(t.slots) - 1)
	j := h & mask
	for t.slots[j] != 0 {
		j = (j + 1) & mask
	}
	t.slots[j] = h>>32<<32 | uint64(i+1)
}

// each calls f with every entry.
func (t *wordTable) each(f func(*wordEntry)) {
	for i := range t.entries {
		f(&t.entries[i])
	}
}

// hashKey hashes a key (a longer one than inlineKey bytes by its first 16 and last 8 bytes,
// for NumberWord's filter): two or three overlapping 8-byte loads
// (bytes for a key under 8), mixed by 128-bit multiplications, after the manner of
// wyhash. It costs about a third of maphash.String's instructions (which goes through
// three calls to the runtime's hash), and needs no seed: the table is fixed once built,
// so a text cannot add keys that collide, only look up keys (one probe sequence each).
func hashKey(s string) uint64 {
	const (
		k0 = 0xa0761d6478bd642f
		k1 = 0xe7037ed1a0b428db
		k2 = 0x8ebc6af09c88c6e3
	)
	n := len(s)
	var a, b uint64
	switch {
	case n >= 8:
		a, b = load64(s, 0), load64(s, n-8)
		if n > 16 {
			a ^= bits.RotateLeft64(load64(s, 8), 31)
		}
	case n >= 4:
		a, b = uint64(load32(s, 0)), uint64(load32(s, n-4))
	case n > 0:
		a = uint64(s[0])<<16 | uint64(s[n/2])<<8 | uint64(s[n-1])
	}
	return mum(mum(a^k0, b^k1)^uint64(n), k2)
}

func mum(x, y uint64) uint64 {
	hi, lo := bits.Mul64(x, y)
	return hi ^ lo
}

func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func load32(s string, i int) uint32 {
	s = s[i : i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}
