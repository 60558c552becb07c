// Command gencommon derives data/lang/common-ar.txt: the Arabic words so frequent in news
// text that they are never part of a person's or organisation's name found by pattern.
//
// It counts, over JSONL corpora, in how many documents each folded word (without its
// proclitics) appears, and how often it follows a known given name. Frequent words that
// often follow a given name (family names like السبسي) are left out. Only word counts
// leave the corpus; no text is copied.
//
//	go run ./tools/gencommon -min-df 12 ../shared/corpus/ant/ant-v1.1.jsonl ../shared/corpus/morocco/moroccan-news.jsonl > data/lang/common-ar.txt
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"marsad/data"
	"marsad/internal/lexicon"
	"marsad/internal/text"
)

func main() {
	minDF := flag.Int("min-df", 12, "minimum number of documents a word must appear in")
	nameRatio := flag.Float64("name-ratio", 0.15, "words following a given name at least this often are kept out")
	flag.Parse()
	names, err := lexicon.LoadNames(data.FS)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	given := map[string]bool{}
	for _, g := range names.GivenAr {
		given[text.NormalizeKey(g)] = true
	}
	persons, err := lexicon.LoadPersons(data.FS)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	known := map[string]bool{}
	for _, p := range persons {
		for _, a := range append([]string{p.Name}, p.Aliases...) {
			for _, w := range strings.Fields(text.NormalizeKey(a)) {
				known[w] = true
			}
		}
	}
	df := map[string]int{}
	afterName := map[string]int{}
	total := map[string]int{}
	docs := 0
	for _, path := range flag.Args() {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
		for sc.Scan() {
			var d struct {
				Text string `json:"text"`
			}
			if json.Unmarshal(sc.Bytes(), &d) != nil {
				continue
			}
			docs++
			seen := map[string]bool{}
			toks := text.Tokenize(d.Text)
			for i, t := range toks {
				if t.Script != text.Arabic {
					continue
				}
				for _, k := range forms(t.Key) {
					total[k]++
					// "على" (on) folds to the given name "علي": what follows the
					// preposition is every kind of word, not a family name
					if i > 0 && given[toks[i-1].Key] && !strings.HasSuffix(toks[i-1].Text, "ى") {
						afterName[k]++
					}
					if !seen[k] {
						seen[k] = true
						df[k]++
					}
				}
			}
		}
		f.Close()
	}
	var words []string
	for w, n := range df {
		if n < *minDF || given[w] || known[w] {
			continue
		}
		if float64(afterName[w]) >= *nameRatio*float64(total[w]) {
			continue
		}
		words = append(words, w)
	}
	sort.Strings(words)
	fmt.Printf("# Frequent Arabic words (folded keys, with and without a leading و/ف): never part of a name found by\n")
	fmt.Printf("# pattern. Derived by tools/gencommon from word document-frequencies over %d news\n", docs)
	fmt.Printf("# articles (ANT corpus v1.1, Apache-2.0; Moroccan news corpus); only counts are used.\n")
	fmt.Printf("# Words that often follow a given name are excluded (family names). min-df=%d.\n", *minDF)
	for _, w := range words {
		fmt.Println(w)
	}
}

// forms are the word as written and without a leading conjunction و / ف; prepositions are
// left on, since stripping them would mangle names that start with ب or ل (بوتفليقة).
func forms(k string) []string {
	if strings.HasPrefix(k, "و") || strings.HasPrefix(k, "ف") {
		if r := k[len("و"):]; len([]rune(r)) >= 2 {
			return []string{k, r}
		}
	}
	return []string{k}
}
