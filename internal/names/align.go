package names

import "math"

// The costs of the weighted edit distance between two phone strings. They encode what the
// press actually does when it writes an Arabic name in Latin script (and back):
//
//   - short vowels are not written in Arabic, so a Latin short vowel opposite nothing costs
//     almost nothing, except at the end of a word, where Latin "i" or "a" stands for a written
//     ي or ة (Mansouri is not منصور, Karima is not كريم);
//   - a written Arabic long vowel must show in Latin (حسين is not Hassan);
//   - ع and ء are often dropped or written as a vowel;
//   - the article's l assimilates (Abderrahim, Essaouira) and its vowel varies (al, el, l);
//   - some consonant classes are confused by convention: ق as q, k or g; ك as k or g in the
//     Maghreb; ج as j, dj or g; غ as gh or r; ذ ظ as d, dh or z; ث as t, th or s.

// weight is how much a phone counts in the length a distance is divided by: consonants carry
// a name, vowels much less.
func (p phone) weight() float64 {
	switch p.kind {
	case cons:
		return 1
	case long:
		return 0.5
	case glottal, final:
		return 0.3
	case artL:
		return 0.2
	case short:
		if p.ar {
			return 0.3 // an Arabic initial alef is written
		}
		return 0.1
	}
	return 0
}

// skip is the cost of leaving p unmatched; cross tells whether the other name is written in
// the other script.
func (p phone) skip(cross bool) float64 {
	switch p.kind {
	case art:
		return 0
	case artL:
		return 0.15
	case glottal:
		return 0.15
	case final:
		if !cross {
			return 0.3
		}
		if p.sym == symFinal && p.ar {
			return 0.8 // ة is written a, e or ah in Latin (Fatima, Khadija, Asilah)
		}
		return 0.3
	case short:
		if p.ar {
			return 0.1 // Arabic initial alef: إبراهيم is Brahim too
		}
		if p.last {
			// A final vowel is written: Latin i, u, a stand for ي, و, ة or ا (Mansouri is
			// not Mansour nor منصور, Karima not كريم); e is the French mute e (Othmane).
			switch p.sym {
			case 'i', 'u':
				return 0.9
			case 'a':
				return 0.7
			}
			return 0.05
		}
		if !cross {
			return 0.3
		}
		return 0.02
	case long:
		if p.ar {
			switch {
			case p.end:
				return 0.9 // a final long vowel is always written (المنصوري is not Mansour)
			case p.last && cross:
				return 0.6 // except in the first words of place names: وادي زم is Oued Zem
			case cross:
				return 0.6
			}
			return 0.4
		}
		if !cross {
			return 0.3
		}
		switch p.sym {
		case symWaw:
			return 0.15 // French writes a short u as ou: Mounir منير, Moustapha مصطفى
		case symAlef:
			return 0.3
		}
		return 0.8 // ee, ei, y: a written long i (Hussein is not حسن)
	}
	if p.sym == 'h' {
		return 0.7
	}
	return 1
}

// vowelish reports phones that are not consonants.
func vowelish(p phone) bool { return p.kind != cons }

// subst is the cost of reading a as b.
func subst(a, b phone) float64 {
	if a.sym == b.sym {
		return 0
	}
	va, vb := vowelish(a), vowelish(b)
	switch {
	case va && vb:
		return vowelSubst(a, b)
	case !va && !vb:
		return consSubst(a.sym, b.sym)
	}
	// A vowel against a consonant: only ة read as the t of the construct state (Jabhat),
	// final ه read as h, and the article's l.
	v, c := a, b
	if vb {
		v, c = b, a
	}
	switch {
	case v.kind == final && c.sym == 't':
		return 0.2
	case v.kind == final && c.sym == 'h':
		return 0.05
	case v.kind == artL && c.sym == 'l':
		return 0
	case v.kind == artL:
		return 0.5 // assimilated article: ad-Din, as-Salam
	}
	return 1
}

func vowelSubst(a, b phone) float64 {
	if a.kind == art || b.kind == art {
		return 0
	}
	if a.kind == artL || b.kind == artL {
		return 0.5
	}
	if a.kind == glottal || b.kind == glottal {
		o := b
		if b.kind == glottal {
			o = a
		}
		if o.kind == glottal {
			return 0
		}
		if g := a; g.kind == glottal && g.seat != 0 || b.kind == glottal && b.seat != 0 {
			if g.kind != glottal {
				g = b
			}
			if vowelClass(g.seat) == vowelClass(o.sym) {
				return 0.1 // a hamza read as its seat: عائشة Aicha
			}
		}
		if o.sym == symAlef || o.kind == short {
			return 0.1
		}
		return 0.6 // ع is not a long i or u (سعد is not Saïd)
	}
	if a.kind == final || b.kind == final {
		o := b
		if b.kind == final {
			o = a
		}
		switch o.sym {
		case 'a', 'e', symAlef, symFinal:
			return 0
		case 'i':
			return 0.25
		}
		return 0.6
	}
	if a.sym == 'e' || b.sym == 'e' {
		return 0 // e stands for any vowel in French spellings (Mehdi, Tebboune)
	}
	x, y := vowelClass(a.sym), vowelClass(b.sym)
	if x == y {
		return 0
	}
	if a.kind == short && b.kind == short {
		return 0.15 // Muhammad, Mohamed
	}
	if a.kind == long && b.kind == long {
		return 0.7
	}
	return 0.8 // a written long vowel read as another vowel (حسين as Hassan)
}

// vowelClass maps a vowel symbol to a, i or u.
func vowelClass(s byte) byte {
	switch s {
	case 'a', symAlef:
		return 'a'
	case 'i', symYaa:
		return 'i'
	case 'u', symWaw:
		return 'u'
	}
	return s
}

// consSubst is the cost of reading consonant class a as b.
func consSubst(a, b byte) float64 {
	if a > b {
		a, b = b, a
	}
	switch string([]byte{a, b}) {
	case "gq", "gk", "kq", "Gg", "gj":
		return 0.3
	case "dz", "sz", "kx", "hx":
		return 0.4
	case "Gr", "Sx", "Gx", "ds", "dt", "st", "Ss", "Sj":
		return 0.6
	case "bf", "mn", "lr", "hq":
		return 0.8
	}
	return 1
}

// alignment is the result of aligning two phone strings: the weighted edit distance, the
// weight of the heavier string (the denominator that turns the distance into a similarity),
// and the part of the distance each phone is charged with (a substitution is shared by its
// two phones, a skip charged to the phone skipped), so that words can be judged one by one.
type alignment struct {
	cost, norm   float64
	costA, costB []float64
}

// aligner aligns phone strings in one buffer, grown to the largest table and reused by the
// alignments of a comparison (two names, their rotations, their parts) and, in an Index, of
// every comparison: resolution runs tens of thousands of alignments, and the collector need
// not see each table.
type aligner struct {
	mc  *[4][128]float64 // Matcher.minCost
	buf []float64
	// The phones of the two sides and a name's words turned around, reused in the same
	// way: they were half of what resolving a large store allocated.
	pa, pb    []phone
	rot, part []word
}

// align computes the weighted edit distance between a and b. aAr and bAr tell the script
// each string is mostly written in: skipping a phone costs according to whether the other
// string is in the other script. The alignment's slices are valid until the next call.
//
// When least is positive and the similarity (1 - cost/norm) is sure to be below it, align
// gives up and returns false, as soon as no cell of a row can lead to a distance least
// allows: every path to the end crosses each row, and from a cell (i, j) on, the rest costs
// at least what the consonants of a[i:] missing from b, or of b[j:] missing from a, cost
// (remainders). Most pairs of different names are given up after a few rows.
func (x *aligner) align(a, b []phone, aAr, bAr bool, least float64) (alignment, bool) {
	n, m := len(a), len(b)
	var wa, wb float64
	for _, p := range a {
		wa += p.weight()
	}
	for _, p := range b {
		wb += p.weight()
	}
	norm := max(wa, wb)
	size := (n+1)*(m+1) + 3*(n+m) + 2
	if cap(x.buf) < size {
		x.buf = make([]float64, size)
	}
	// Every cell below is written before it is read: the buffer is not cleared.
	buf := x.buf[:size]
	d, buf := buf[:(n+1)*(m+1)], buf[(n+1)*(m+1):]
	skA, skB, buf := buf[:n], buf[n:n+m], buf[n+m:]
	hA, hB, buf := buf[:n+1], buf[n+1:n+m+2], buf[n+m+2:]
	costA, costB := buf[:n], buf[n:n+m]
	for i, p := range a {
		skA[i] = p.skip(p.ar != bAr)
	}
	for j, p := range b {
		skB[j] = p.skip(p.ar != aAr)
	}
	maxCost := math.Inf(1)
	if least > 0 {
		maxCost = (1-least)*norm + boundSlack
		remainders(a, b, x.mc, hA)
		remainders(b, a, x.mc, hB)
	}
	at := func(i, j int) *float64 { return &d[i*(m+1)+j] }
	*at(0, 0) = 0
	for j := 1; j <= m; j++ {
		*at(0, j) = *at(0, j-1) + skB[j-1]
	}
	for i := 1; i <= n; i++ {
		*at(i, 0) = *at(i-1, 0) + skA[i-1]
		if least <= 0 {
			for j := 1; j <= m; j++ {
				c := *at(i-1, j-1) + subst(a[i-1], b[j-1])
				*at(i, j) = min(c, *at(i-1, j)+skA[i-1], *at(i, j-1)+skB[j-1])
			}
			continue
		}
		h := hA[i]
		reach := *at(i, 0) + max(h, hB[0]) // the least distance a path through this row can end with
		for j := 1; j <= m; j++ {
			c := *at(i-1, j-1) + subst(a[i-1], b[j-1])
			c = min(c, *at(i-1, j)+skA[i-1], *at(i, j-1)+skB[j-1])
			*at(i, j) = c
			reach = min(reach, c+max(h, hB[j]))
		}
		if reach > maxCost {
			return alignment{}, false
		}
	}
	al := alignment{cost: *at(n, m), norm: norm, costA: costA, costB: costB}
	if least > 0 && 1-al.cost/norm < least-boundSlack {
		return alignment{}, false
	}
	clear(costA)
	clear(costB)
	// Walk back the cheapest path, preferring substitutions on ties.
	same := func(x, y float64) bool { return x-y < 1e-9 && y-x < 1e-9 }
	for i, j := n, m; i > 0 || j > 0; {
		switch {
		case i > 0 && j > 0 && same(*at(i, j), *at(i-1, j-1)+subst(a[i-1], b[j-1])):
			c := subst(a[i-1], b[j-1]) / 2
			al.costA[i-1] += c
			al.costB[j-1] += c
			i, j = i-1, j-1
		case i > 0 && (j == 0 || same(*at(i, j), *at(i-1, j)+skA[i-1])):
			al.costA[i-1] += skA[i-1]
			i--
		default:
			al.costB[j-1] += skB[j-1]
			j--
		}
	}
	return al, true
}

// remainders sets h[i], for i from 0 to len(x), to a lower bound of what aligning x[i:] with
// any part of y costs: the consonants of x[i:] beyond the number of their class in y, each at
// the least it can cost (Matcher.excess says why). A part of y has no more consonants of a
// class, nor more article l's or final ة's, than y, so the bound holds for it too.
func remainders(x, y []phone, mc *[4][128]float64, h []float64) {
	var inY, inX [128]int32
	flags := 0
	for _, p := range y {
		switch p.kind {
		case cons:
			inY[p.sym]++
		case artL:
			flags |= 1
		case final:
			flags |= 2
		}
	}
	cost := 0.0
	h[len(x)] = 0
	for i := len(x) - 1; i >= 0; i-- {
		if p := x[i]; p.kind == cons {
			inX[p.sym]++
			if inX[p.sym] > inY[p.sym] {
				cost += mc[flags][p.sym]
			}
		}
		h[i] = cost
	}
}
