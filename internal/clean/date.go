package clean

import "regexp"

// Month names as the press writes them: Arabic (Maghrebi, Egyptian and Levantine
// calendars), French and English. Longer names come first, as alternation is leftmost-first.
const months = `يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|ماي|يونيو|يونيه|يوليوز|يوليو|أغسطس|اغسطس|غشت|` +
	`سبتمبر|شتنبر|أكتوبر|اكتوبر|نوفمبر|نونبر|ديسمبر|دجنبر|جانفي|فيفري|أفريل|افريل|جوان|جويلية|أوت|اوت|` +
	`كانون الثاني|كانون الأول|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|` +
	`(?i:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|` +
	`january|february|march|april|may|june|july|august|september|october|november|december|` +
	`jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?`

// reDate finds a calendar date with a year in a header line: "26 ديسمبر، 2023",
// "12 janvier 2016", "December 26, 2023", "26/12/2023", "2023-12-26". It only decides
// which part of a header line to keep; reading dates is the recognizer's job.
var reDate = regexp.MustCompile(`[0-9٠-٩]{1,2}(?:er)? (?:من )?(?:شهر )?(?:` + months + `)[ ,،]{1,3}[0-9٠-٩]{4}|` +
	`(?:` + months + `) [0-9]{1,2},? [0-9]{4}|` +
	`[0-9٠-٩]{1,2}[/.-][0-9٠-٩]{1,2}[/.-][0-9٠-٩]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}`)
