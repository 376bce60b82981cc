package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// trap is where the test data's remote images and links point: a port of
// the loopback device in the program's own network namespace, where the
// test listens. The namespace is new, so the port is always free.
const trap = "127.0.0.1:8765"

// offlineData is a data set whose every text reaches for the network:
// Markdown images (inline, by reference, HTML), links, autolinks and
// source addresses, each pointing at the trap.
func offlineData() string {
	u := "http://" + trap
	summaries := []string{
		"A tracking pixel ![pixel](" + u + "/alpha.png) in the text.",
		"By reference ![logo][l] and a [link](" + u + "/story), <" + u + "/auto>.\n\n[l]: " + u + "/ref.png",
		`HTML: <img src="` + u + `/html.png"> and ![](https://` + trap + `/tls.png)`,
	}
	titles := []string{"Alpha pixel", "Beta reference", "Gamma markup"}
	var feats []string
	for i, s := range summaries {
		feats = append(feats, fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Point","coordinates":[%d,34]},
  "properties":{"title":%q,"time":"2016-09-0%d","summary":%q,"order":%d,
  "sources":[{"title":"Wire","url":"%s/source%d"}]}}`, 30+i, titles[i], i+1, s, i+1, u, i))
	}
	return `{"type":"FeatureCollection","title":"Offline check","features":[` + strings.Join(feats, ",\n") + "]}"
}

// TestWindowOffline runs the real window under strace, in a network
// namespace of its own with a listener on the address its data's images
// and links name, and does what a user does: selects every event (the
// detail panel renders its summary), opens the editor (its live preview),
// presents every slide; then exports the slides from the command line.
// Not one connection may be attempted: strace logs every connect and
// every internet socket made, and the listener counts what reaches it.
func TestWindowOffline(t *testing.T) {
	if os.Getenv("MERIDIAN_WINDOW_TEST") == "" {
		t.Skip("set MERIDIAN_WINDOW_TEST=1 and run under Xvfb (make test does)")
	}
	if _, err := exec.LookPath("strace"); err != nil {
		t.Fatal("strace is needed (make test-deps installs it)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "meridian")
	if out, err := exec.Command("go", "build", "-tags", buildTags(), "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "offline.geojson")
	if err := os.WriteFile(data, []byte(offlineData()), 0o644); err != nil {
		t.Fatal(err)
	}
	trace := filepath.Join(dir, "window.strace")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := straced(ctx, trace, bin, data)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatalf("strace in a new network namespace (root is needed): %v", err)
	}
	defer func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); _ = cmd.Wait() }()
	hits := listenIn(t, cmd.Process.Pid)
	lines := lineChan(stderr)
	var seen []string // the program's output, for a failure's message
	expect := func(want string) string {
		t.Helper()
		deadline := time.After(90 * time.Second)
		for {
			select {
			case l := <-lines:
				if l == eof && want != eof {
					t.Fatalf("the program ended before %q:\n%s", want, strings.Join(seen, "\n"))
				}
				seen = append(seen, l)
				if strings.Contains(l, want) || l == want {
					t.Log(l)
					return l
				}
			case <-deadline:
				t.Fatalf("no %q within 90 s", want)
			}
		}
	}
	expect("first frame with data")
	time.Sleep(time.Second)
	for _, title := range []string{"Alpha pixel", "Beta reference", "Gamma markup"} {
		keys(t, "ctrl+f", "ctrl+a", "BackSpace")
		typeText(t, title)
		time.Sleep(700 * time.Millisecond) // the search runs off the UI goroutine
		keys(t, "Return")
		expect("selected event")
		time.Sleep(500 * time.Millisecond) // the detail panel is drawn
	}
	keys(t, "F5")
	var slides int
	if _, err := fmt.Sscanf(expect("slide 1/"), "meridian: slide 1/%d", &slides); err != nil || slides < 4 {
		t.Fatalf("the presentation: %v, %d slides", err, slides)
	}
	for i := 2; i <= slides; i++ {
		keys(t, "Right")
		expect(fmt.Sprintf("slide %d/%d", i, slides))
	}
	keys(t, "Escape")
	time.Sleep(500 * time.Millisecond)
	keys(t, "Return") // edit the selected event: its preview
	expect("editing event")
	time.Sleep(1500 * time.Millisecond)
	// The program is ended, not strace, which then writes all its log.
	kids, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%[1]d/children", cmd.Process.Pid))
	if err != nil || len(strings.Fields(string(kids))) != 1 {
		t.Fatalf("strace's child: %q %v", kids, err)
	}
	if pid, err := strconv.Atoi(strings.TrimSpace(string(kids))); err == nil {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
	_ = cmd.Wait()

	exported := filepath.Join(dir, "slides.strace")
	export := straced(ctx, exported, bin, "export-slides", data, filepath.Join(dir, "slides"))
	if out, err := export.CombinedOutput(); err != nil {
		t.Fatalf("export-slides: %v\n%s", err, out)
	}
	for _, log := range []string{trace, exported} {
		if bad := inetCalls(t, log); len(bad) > 0 {
			t.Errorf("%s: %d network system calls, the first:\n%s", filepath.Base(log), len(bad), strings.Join(bad[:min(len(bad), 5)], "\n"))
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the listener at %s was reached %d times", trap, n)
	}
}

// straced is a command that runs args under strace, logging to log every
// socket made and every connect, in a network namespace of its own (the
// test binary runs as root under make test).
func straced(ctx context.Context, log string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "strace", append([]string{"-f", "-qq", "-e", "trace=socket,connect,sendto,sendmsg", "-o", log}, args...)...)
	cmd.Env = append(os.Environ(), "MERIDIAN_TRACE=1", "FYNE_SCALE=1", "LANG=C.UTF-8")
	// A process group of its own, so that a failed test can end strace
	// and the program together.
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNET, Setpgid: true}
	return cmd
}

// listenIn brings up the loopback device of process pid's network
// namespace and listens there at trap, counting the connections it
// accepts. It works from a thread of its own that joins the namespace
// and is never given back to the Go runtime (a locked thread whose
// goroutine ends is ended with it).
func listenIn(t *testing.T, pid int) *atomic.Int64 {
	t.Helper()
	errc := make(chan error, 1)
	var ln net.Listener
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		errc <- func() error {
			ns, err := os.Open(fmt.Sprintf("/proc/%d/ns/net", pid))
			if err != nil {
				return err
			}
			defer ns.Close()
			if err := unix.Setns(int(ns.Fd()), unix.CLONE_NEWNET); err != nil {
				return fmt.Errorf("setns: %w", err)
			}
			if err := loopbackUp(); err != nil {
				return err
			}
			ln, err = net.Listen("tcp", trap)
			return err
		}()
	}()
	if err := <-errc; err != nil {
		t.Fatalf("listening in the program's network namespace: %v", err)
	}
	t.Cleanup(func() { ln.Close() })
	var hits atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			hits.Add(1)
			c.Close()
		}
	}()
	return &hits
}

// loopbackUp sets the flag that brings the namespace's lo up.
func loopbackUp() error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return err
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err != nil {
		return err
	}
	ifr.SetUint16(ifr.Uint16() | unix.IFF_UP)
	return unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr)
}

// inetCalls are the lines of an strace log that make an internet socket
// or reach an internet address (local sockets, the X server's and
// D-Bus's, are not the network).
func inetCalls(t *testing.T, log string) []string {
	t.Helper()
	f, err := os.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var bad []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	calls := 0
	for sc.Scan() {
		calls++
		if l := sc.Text(); strings.Contains(l, "AF_INET") || strings.Contains(l, "PF_INET") {
			bad = append(bad, l)
		}
	}
	if calls == 0 {
		t.Fatalf("%s: strace logged no call at all: the check sees nothing", log)
	}
	return bad
}

func lineChan(r interface{ Read([]byte) (int, error) }) <-chan string {
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			lines <- sc.Text()
		}
		lines <- eof // (close, in this package, compares colours)
	}()
	return lines
}

// keys sends key presses to the Meridian window.
func keys(t *testing.T, names ...string) {
	t.Helper()
	args := append([]string{"search", "--name", "Meridian", "windowfocus", "--sync", "key", "--delay", "60"}, names...)
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		t.Fatalf("xdotool: %v\n%s", err, out)
	}
}

func typeText(t *testing.T, s string) {
	t.Helper()
	if out, err := exec.Command("xdotool", "search", "--name", "Meridian", "windowfocus", "--sync", "type", "--delay", "40", s).CombinedOutput(); err != nil {
		t.Fatalf("xdotool: %v\n%s", err, out)
	}
}
