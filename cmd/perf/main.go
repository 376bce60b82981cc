// Command perf measures Meridian on a million events, side by side with
// GDAL: it generates the data (meridian gen), loads it as the app does,
// builds the app's indexes, reports time and memory, and times
// `ogr2ogr -f CSV /vsistdout/` on the same file when GDAL is installed.
// Frame, window and pick times are go test benchmarks (make bench).
//
//	go run ./cmd/perf [-n 1000000] [-format geojson|csv] [-keep DIR]
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/meridian-app/meridian/geo/synth"
	"github.com/meridian-app/meridian/internal/dataset"
)

func main() {
	n := flag.Int("n", 1_000_000, "events to generate")
	dir := flag.String("keep", "", "write the generated files here and keep them (default: a temporary directory)")
	memprofile := flag.String("memprofile", "", "write a heap profile, taken with everything loaded, to this file")
	form := flag.String("format", "geojson", "generate and load geojson or csv")
	generate := flag.String("generate", "", "only write the generated file to this path (run by perf in a child process)")
	flag.Parse()
	if *form != "geojson" && *form != "csv" {
		fmt.Fprintln(os.Stderr, "perf: -format is geojson or csv")
		os.Exit(2)
	}
	if *generate != "" {
		if err := write(*generate, *form, *n); err != nil {
			fmt.Fprintln(os.Stderr, "perf:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*n, *form, *dir, *memprofile); err != nil {
		fmt.Fprintln(os.Stderr, "perf:", err)
		os.Exit(1)
	}
}

func run(n int, form, dir, memprofile string) error {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "meridian-perf")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	path := filepath.Join(dir, fmt.Sprintf("gen-%d.%s", n, form))
	if _, err := os.Stat(path); err != nil {
		// In a child process: the generator reads the gazetteer (16 MB),
		// which would otherwise stay in this process's memory figure.
		cmd := exec.Command(os.Args[0], "-generate", path, "-format", form, "-n", fmt.Sprint(n))
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("generating %s: %w", path, err)
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	mb := float64(st.Size()) / 1e6
	fmt.Printf("file: %s, %d events, %.0f MB\n", path, n, mb)
	fmt.Printf("machine: %s/%s, %d CPUs, %s\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuName())

	t0 := time.Now()
	res, err := dataset.Open(path)
	if err != nil {
		return err
	}
	load := time.Since(t0)
	fmt.Printf("meridian load: %.2f s (%.0f MB/s), %d events, %d problems\n", load.Seconds(), mb/load.Seconds(),
		len(res.Collection.Events), len(res.Problems))
	t1 := time.Now()
	marks := render.NewMarks(res.Collection)
	index := time.Since(t1)
	fmt.Printf("meridian indexes (map marks, time, space): %.2f s\n", index.Seconds())
	debug.FreeOSMemory() // as the app does after a big load
	fmt.Printf("meridian memory with %d events loaded: RSS %s, peak %s\n", marks.Len(), status("VmRSS"), status("VmHWM"))
	// Search folds every event's text per query (no index to build or
	// hold); a query that matches nothing reads all of it.
	text := event.NewTextIndex(res.Collection)
	for _, q := range []string{"taubate", "zzz"} {
		var took []time.Duration
		var hits []int
		for range 5 {
			t := time.Now()
			hits = text.Find(q, 8)
			took = append(took, time.Since(t))
		}
		slices.Sort(took)
		fmt.Printf("meridian search %q: %d hits, median %.0f ms\n", q, len(hits), float64(took[2].Microseconds())/1000)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("go heap in use: %d MB (of which the event list %d MB)\n", ms.HeapInuse>>20,
		cap(res.Collection.Events)*int(unsafe.Sizeof(event.Event{}))>>20)
	if memprofile != "" {
		if err := writeHeap(memprofile); err != nil {
			return err
		}
	}
	runtime.KeepAlive(text)
	runtime.KeepAlive(marks)

	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		fmt.Println("ogr2ogr: not installed (apt-get install gdal-bin) — no comparison")
		return nil
	}
	cmd := exec.Command("ogr2ogr", "-f", "CSV", "/vsistdout/", path)
	t2 := time.Now()
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("ogr2ogr: %w", err)
	}
	gdal := time.Since(t2)
	fmt.Printf("ogr2ogr -f CSV /vsistdout/: %.2f s (%.0f MB/s)\n", gdal.Seconds(), mb/gdal.Seconds())
	target := ""
	if form == "geojson" {
		target = " (target ≥ 2×)"
	}
	fmt.Printf("meridian load is %.1f× faster than ogr2ogr%s\n", gdal.Seconds()/load.Seconds(), target)
	return nil
}

func writeHeap(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func write(path, form string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	gen := synth.WriteGeoJSON
	if form == "csv" {
		gen = synth.WriteCSV
	}
	if err := gen(f, synth.Options{N: n, Seed: 1}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// status reads a memory figure from /proc/self/status ("VmRSS", "VmHWM").
func status(field string) string {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && k == field {
			var kb int
			fmt.Sscanf(strings.TrimSpace(v), "%d", &kb)
			return fmt.Sprintf("%d MB", kb/1024)
		}
	}
	return "unknown"
}

func cpuName() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, l := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}
