package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer the command and the test may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServe runs `marsad serve --ingest examples/` as a user would: it reads the
// examples, prints the first admin's one-time password and the URL, answers /healthz,
// lets the admin sign in with that password, and stops cleanly on cancellation.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "marsad.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--ingest", "../../examples"}, &out, &errOut)
	}()

	urlRe := regexp.MustCompile(`serving .* at (http://127\.0\.0\.1:\d+/)`)
	var base string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := urlRe.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d:\n%s\n%s", code, out.String(), errOut.String())
		default:
		}
	}
	if base == "" {
		t.Fatalf("serve printed no URL:\n%s\n%s", out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "read 6 documents: 6 stored") {
		t.Errorf("--ingest examples/: %s", out.String())
	}
	pw := regexp.MustCompile(`one-time password[^\n]*\n\n\s+(\S+)`).FindStringSubmatch(out.String())
	if pw == nil {
		t.Fatalf("no one-time password printed:\n%s", out.String())
	}

	resp, err := http.Get(base + "healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("/healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, _ = http.Get(base + "api/v1/events")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("API without a sign-in: %d", resp.StatusCode)
	}
	resp.Body.Close()

	// Sign in with the printed password.
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err = c.Get(base + "login")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(page)
	if csrf == nil {
		t.Fatal("no CSRF field on the sign-in page")
	}
	resp, err = c.PostForm(base+"login", url.Values{"csrf": {string(csrf[1])}, "user": {"admin"}, "password": {pw[1]}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !strings.HasSuffix(resp.Request.URL.Path, "/account") {
		t.Errorf("first sign-in ends at %s, want the password page", resp.Request.URL)
	}
	resp, _ = c.Get(base + "api/v1/stats")
	var stats map[string]any
	json.NewDecoder(resp.Body).Decode(&stats)
	resp.Body.Close()
	if stats["documents"] != 6.0 {
		t.Errorf("stats after signing in: %v", stats)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after Ctrl-C:\n%s", code, errOut.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after cancellation")
	}
	if !strings.Contains(errOut.String(), "shutting down") {
		t.Errorf("no shutdown in the log:\n%s", errOut.String())
	}

	// A second start finds the admin: no new password.
	ctx2, cancel2 := context.WithCancel(context.Background())
	var out2, err2 syncBuffer
	done2 := make(chan int, 1)
	go func() { done2 <- run(ctx2, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, &out2, &err2) }()
	var base2 string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && base2 == ""; {
		time.Sleep(20 * time.Millisecond)
		if m := urlRe.FindStringSubmatch(out2.String()); m != nil {
			base2 = m[1]
		}
	}
	if base2 == "" {
		t.Fatalf("second start printed no URL:\n%s\n%s", out2.String(), err2.String())
	}
	// Started without --ingest, the server compiles its extractor at the first document
	// posted: that document is read as any other.
	code, tokOut, _ := runCmd(t, context.Background(), "user", "token", "--db", db, "--name", "poster", "admin")
	if code != 0 {
		t.Fatalf("token: exit %d", code)
	}
	req, _ := http.NewRequest("POST", base2+"api/v1/documents", strings.NewReader(
		`{"id": "posted-1", "lang": "ar", "published": "2025-03-04", "text": "أعلن المكتب المركزي للأبحاث القضائية عن تفكيك خلية إرهابية بمدينة طنجة وتوقيف أربعة عناصر."}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(tokOut))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Stored    int `json:"stored"`
		Documents []struct {
			Events int `json:"events"`
		} `json:"documents"`
	}
	json.NewDecoder(resp.Body).Decode(&rep)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || rep.Stored != 1 || len(rep.Documents) != 1 || rep.Documents[0].Events == 0 {
		t.Errorf("posting to a server started without --ingest: %d %+v", resp.StatusCode, rep)
	}
	cancel2()
	<-done2
	if strings.Contains(out2.String(), "one-time password") {
		t.Errorf("second start printed a password:\n%s", out2.String())
	}
}

func TestServeFlags(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "extra"},
		{"serve", "--tls-cert", "c.pem"},
		{"serve", "--log", "xml"},
		{"serve", "--max-body", "lots"},
	} {
		if code, _, errOut := runCmd(t, context.Background(), args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, %q; want 2 with a message", args, code, errOut)
		}
	}
	db := filepath.Join(t.TempDir(), "marsad.db")
	code, _, errOut := runCmd(t, context.Background(), "serve", "--db", db, "--addr", "256.0.0.1:1")
	if code != 1 || !strings.Contains(errOut, "--addr") {
		t.Errorf("bad address: exit %d, %q", code, errOut)
	}
}

// The collector is sparse over a small resolved view and dense over a large one, so that
// no more than about 512 MB of garbage piles up between collections.
func TestCollectorPace(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live             uint64
		serveLim, buildL int64
	}{
		{0, 352 * mb, 352 * mb},
		{64 * mb, 352 * mb, 352 * mb},
		{243 * mb, 352 * mb, 729 * mb},  // a million documents: the view leaves room
		{264 * mb, 352 * mb, 792 * mb},  // exactly a third left
		{600 * mb, 800 * mb, 1800 * mb}, // larger: a third more than the live heap
		{3 << 30, 4 << 30, 9 << 30},
	} {
		gogc, lim := servePace(c.live)
		if gogc != 400 || lim != c.serveLim {
			t.Errorf("serving, live %d MB: GOGC %d, limit %d MB; want 400, %d MB", c.live/mb, gogc, lim/mb, c.serveLim/mb)
		}
		gogc, lim = buildPace(c.live)
		if gogc != 10 || lim != c.buildL {
			t.Errorf("building, live %d MB: GOGC %d, limit %d MB; want 10, %d MB", c.live/mb, gogc, lim/mb, c.buildL/mb)
		}
	}
}
