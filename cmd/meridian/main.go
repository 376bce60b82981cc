// Command meridian is an offline map-and-timeline viewer.
//
//	meridian [FILE]                 open the window (the embedded sample without FILE)
//	meridian present [FILE]         the window, straight into the presentation
//	meridian render [flags] [FILE]  draw the map to a PNG, no display needed
//	meridian inspect FILE           print normalised events and every problem
//	meridian export -o OUT FILE     convert to Meridian GeoJSON or CSV
//	meridian geocode NAME           list the places that name could be
//	meridian extract ARTICLE.txt    draft events from a news article
//	meridian export-slides FILE DIR the presentation as numbered PNGs
//	meridian export-gif FILE OUT    time playback as an animated GIF
//	meridian gen -o big.geojson     synthetic events for load tests and benchmarks
//	meridian --version              print the version
package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/meridian-app/meridian"
	"github.com/meridian-app/meridian/app"
	"github.com/meridian-app/meridian/internal/cli"
	"github.com/meridian-app/meridian/internal/dataset"
)

var start = time.Now()

const usage = `usage:
  meridian [FILE]
  meridian present [FILE]
  meridian render [--size WxH] [--bbox W,S,E,N] [--from T] [--to T] [--labels=false] [--local-names] -o out.png [FILE]
  meridian inspect FILE
  meridian export [-f geojson|csv] -o OUT FILE
  meridian geocode [--country CC] [-n N] NAME
  meridian extract [--published YYYY-MM-DD] [--title T] [-o drafts.geojson] ARTICLE.txt
  meridian export-slides [--size WxH] [--theme light|dark] [--notes] FILE DIR
  meridian export-gif [--from T] [--to T] [--seconds N] [--fps N] [--size WxH] [--bbox W,S,E,N] [--skip-empty] FILE out.gif
  meridian gen [--n N] [--seed S] [--format geojson|csv] [-o FILE]
  meridian --version`

func main() {
	args := os.Args[1:]
	cmd := ""
	if len(args) > 0 {
		cmd = args[0]
	}
	var err error
	switch cmd {
	case "render":
		err = cli.Render(args[1:], os.Stdout, os.Stderr)
	case "inspect":
		err = cli.Inspect(args[1:], os.Stdout, os.Stderr)
	case "export":
		err = cli.Export(args[1:], os.Stdout, os.Stderr)
	case "export-slides":
		err = cli.ExportSlides(args[1:], os.Stdout, os.Stderr)
	case "export-gif":
		err = cli.ExportGIF(args[1:], os.Stdout, os.Stderr)
	case "extract":
		err = cli.Extract(args[1:], os.Stdout, os.Stderr)
	case "geocode":
		err = cli.Geocode(args[1:], os.Stdout, os.Stderr)
	case "gen":
		err = cli.Gen(args[1:], os.Stdout, os.Stderr)
	case "--version", "-version", "version":
		fmt.Println("meridian", meridian.Version())
	case "-h", "-help", "--help", "help":
		fmt.Println(usage)
	default:
		present := cmd == "present"
		if present {
			args = args[1:]
		}
		if len(args) > 1 {
			err = cli.ErrUsage
			break
		}
		path := ""
		if len(args) == 1 {
			path = args[0]
		}
		app.Run(app.Options{Path: path, Load: dataset.OpenContext, Save: dataset.SaveAs, Start: start,
			Trace: os.Getenv("MERIDIAN_TRACE") != "", Present: present})
	}
	switch {
	case err == nil:
	case errors.Is(err, cli.ErrUsage):
		fmt.Fprintf(os.Stderr, "meridian: %v\n%s\n", err, usage)
		os.Exit(2)
	case errors.Is(err, cli.ErrProblems):
		os.Exit(1)
	default:
		fmt.Fprintf(os.Stderr, "meridian: %v\n", err)
		os.Exit(1)
	}
}
