package store

import (
	"context"
	"strings"
	"testing"
)

func TestScheme(t *testing.T) {
	for dsn, want := range map[string][2]string{
		"marsad.db":                   {"sqlite", "marsad.db"},
		"./data/marsad.db":            {"sqlite", "./data/marsad.db"},
		"sqlite:marsad.db":            {"sqlite", "marsad.db"},
		"sqlite:///var/lib/marsad.db": {"sqlite", "/var/lib/marsad.db"},
		"/tmp/a://b.db":               {"sqlite", "/tmp/a://b.db"},
		"postgres://u:p@h/db":         {"postgres", ""},
		"PostgreSQL://u@h/db":         {"postgres", ""},
		"mysql://u@h/db":              {"mysql", ""},
	} {
		if got := Scheme(dsn); got != want[0] {
			t.Errorf("Scheme(%q) = %q, want %q", dsn, got, want[0])
		}
		if want[0] == "sqlite" {
			if got := SQLitePath(dsn); got != want[1] {
				t.Errorf("SQLitePath(%q) = %q, want %q", dsn, got, want[1])
			}
		}
	}
}

func TestOpenUnknownBackends(t *testing.T) {
	r := NewRegistry()
	for dsn, want := range map[string]string{
		"postgres://marsad:s3cret@db/marsad": `no store for scheme "postgres"`,
		"mysql://root:s3cret@db/marsad":      `no store for scheme "mysql"`,
		"marsad.db":                          `no store for scheme "sqlite"`,
		"":                                   "empty database name",
	} {
		_, err := r.Open(context.Background(), dsn, Config{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("open %q: err = %v, want %q", dsn, err, want)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("open %q: the password is in the error: %v", dsn, err)
		}
	}
}

func TestKey(t *testing.T) {
	c := Config{}
	for in, want := range map[string]string{
		"Tétouan":        "tetouan",
		"  TANGER ":      "tanger",
		"طَنْجَة":        "طنجة",
		"أكادير":         "اكادير", // hamza seat folded with the other diacritics
		"الدار  البيضاء": "الدار البيضاء",
		"Dār al-Bayḍāʾ":  "dar al-baydaʾ",
	} {
		if got := c.Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
	c.Normalize = func(s string) string { return strings.ReplaceAll(s, "ة", "ه") }
	if got := c.Key("طنجة"); got != "طنجه" {
		t.Errorf("Normalize not applied: %q", got)
	}
}
