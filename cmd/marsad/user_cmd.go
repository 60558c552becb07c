package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"marsad/internal/server"
	"marsad/internal/store"
)

// cmdUser manages the accounts of `marsad serve`: add, list, passwd, token.
func cmdUser(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	usage := func() {
		fmt.Fprintln(stderr, "usage: marsad user add [--db marsad.db] [--role viewer|analyst|admin] [--password-stdin] NAME\n"+
			"       marsad user list [--db marsad.db]\n"+
			"       marsad user passwd [--db marsad.db] [--password-stdin] NAME\n"+
			"       marsad user token [--db marsad.db] [--name LABEL] NAME\n\n"+
			"Accounts of `marsad serve`. Roles: a viewer reads everything but the audit log, an\n"+
			"analyst also adds documents, an admin also reads the audit log and manages users.\n"+
			"Without --password-stdin a one-time password is generated and printed once; it must\n"+
			"be changed at the first sign-in. A token is printed once: send it to the API as\n"+
			"Authorization: Bearer TOKEN.")
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		usage()
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = usage
	db := fs.String("db", defaultDB, dbUsage)
	role := fs.String("role", store.RoleViewer, "add: the user's role (viewer, analyst or admin)")
	stdinPw := fs.Bool("password-stdin", false, "add, passwd: read the password from the first line of standard input")
	label := fs.String("name", "", "token: what the token is for (default: cli)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	// Flags may follow the name too: `marsad user add salma --role analyst`.
	var rest []string
	for fs.NArg() > 0 {
		rest = append(rest, fs.Arg(0))
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return 2
		}
	}
	needName := sub != "list"
	if (needName && len(rest) != 1) || (!needName && len(rest) != 0) {
		usage()
		return 2
	}
	name := ""
	if needName {
		name = rest[0]
	}
	switch sub {
	case "add", "list", "passwd", "token":
	default:
		fmt.Fprintf(stderr, "marsad user: unknown subcommand %q\n", sub)
		usage()
		return 2
	}
	if sub == "add" && store.RoleRank(*role) < 0 {
		fmt.Fprintf(stderr, "marsad user add: --role %q: use viewer, analyst or admin\n", *role)
		return 2
	}

	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := openStore(ctx, *db, sub != "add", log)
	if err != nil {
		storeError(stderr, "user "+sub, *db, err)
		return 1
	}
	defer st.Close()
	acc, ok := store.AccountsOf(st)
	if !ok {
		fmt.Fprintf(stderr, "marsad user: %s keeps no accounts\n", *db)
		return 1
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "marsad user %s: %v\n", sub, err)
		return 1
	}
	readPw := func() (string, bool, error) {
		if !*stdinPw {
			return server.RandomPassword(), true, nil
		}
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", false, err
		}
		pw := strings.TrimRight(line, "\r\n")
		if len([]rune(pw)) < 12 {
			return "", false, errors.New("the password must be 12 characters or more")
		}
		return pw, false, nil
	}
	hp := server.DefaultHashParams()
	switch sub {
	case "add":
		pw, oneTime, err := readPw()
		if err != nil {
			return fail(err)
		}
		hash, err := hp.Hash(pw)
		if err != nil {
			return fail(err)
		}
		_, err = acc.CreateUser(ctx, store.User{Name: name, Role: *role, PasswordHash: hash, MustChangePassword: oneTime, Created: time.Now()})
		if errors.Is(err, store.ErrExists) {
			return fail(fmt.Errorf("%s already exists: choose another name, or `marsad user passwd %s`", name, name))
		}
		if err != nil {
			return fail(err)
		}
		audit(ctx, stderr, acc, "user.create", name, "role "+*role)
		fmt.Fprintf(stdout, "added %s (%s)\n", name, *role)
		if oneTime {
			fmt.Fprintf(stdout, "one-time password (shown once; to be changed at the first sign-in): %s\n", pw)
		}
	case "passwd":
		u, err := acc.User(ctx, name)
		if err != nil {
			return fail(err)
		}
		pw, oneTime, err := readPw()
		if err != nil {
			return fail(err)
		}
		hash, err := hp.Hash(pw)
		if err != nil {
			return fail(err)
		}
		if err := acc.SetPassword(ctx, u.ID, hash, oneTime, ""); err != nil {
			return fail(err)
		}
		audit(ctx, stderr, acc, "password.reset", name, "")
		fmt.Fprintf(stdout, "password of %s changed; their sessions are ended\n", name)
		if oneTime {
			fmt.Fprintf(stdout, "one-time password (shown once): %s\n", pw)
		}
	case "token":
		u, err := acc.User(ctx, name)
		if err != nil {
			return fail(err)
		}
		if *label == "" {
			*label = "cli"
		}
		secret, hash := server.NewToken()
		if _, err := acc.CreateToken(ctx, store.Token{UserID: u.ID, Name: *label, Hash: hash, Created: time.Now()}); err != nil {
			return fail(err)
		}
		audit(ctx, stderr, acc, "token.create", name, *label)
		fmt.Fprintln(stdout, secret)
	case "list":
		us, err := acc.Users(ctx)
		if err != nil {
			return fail(err)
		}
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tROLE\tCREATED\tMUST CHANGE PASSWORD")
		for _, u := range us {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%v\n", u.Name, u.Role, u.Created.Format("2006-01-02"), u.MustChangePassword)
		}
		tw.Flush()
	}
	return 0
}

// audit records a change made from the command line; the trail covers it as it covers
// the server's.
func audit(ctx context.Context, stderr io.Writer, acc store.Accounts, action, target, detail string) {
	err := acc.AppendAudit(ctx, []store.AuditEntry{{At: time.Now(), User: "cli:" + os.Getenv("USER"), Action: action,
		Target: target, Remote: "local", Detail: detail}})
	if err != nil {
		fmt.Fprintf(stderr, "marsad user: warning: not recorded in the audit log: %v\n", err)
	}
}
