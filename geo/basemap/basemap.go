// Package basemap provides the offline world map Meridian draws under the
// events: Natural Earth land, lakes, borders, coastlines and rivers at two
// levels of detail, in Web Mercator world units (see package mercator).
//
// The levels are built from Natural Earth's TopoJSON (FromTopoJSON) when
// the assets are made, and embedded already projected (Level's
// MarshalBinary), so that a start-up reads them in a few milliseconds.
package basemap

import (
	"errors"
	"fmt"
	"io/fs"
	"sync"

	"github.com/meridian-app/meridian/assets"
	"github.com/meridian-app/meridian/geo/mercator"
)

// ErrLayer wraps failures to read an embedded layer.
var ErrLayer = errors.New("basemap: cannot load layer")

// Level is the map at one level of detail. Area layers hold closed rings
// (holes wind the other way); line layers hold open paths.
type Level struct {
	Name                   string          // "110m" or "50m": Natural Earth's scale
	Land, Lakes            []mercator.Path // areas
	Borders, Coast, Rivers []mercator.Path // lines
}

// DetailZoom is the zoom from which the 1:50m level is drawn; below it the
// 1:110m level is detailed enough and four times cheaper.
const DetailZoom = 3.5

// Basemap holds both levels, each decoded on first use. Safe for concurrent use.
type Basemap struct {
	fsys   fs.FS
	levels [2]lazyLevel
}

type lazyLevel struct {
	once  sync.Once
	name  string
	level *Level
	err   error
}

// New returns a basemap reading its layers from fsys (laid out as
// assets.Basemap).
func New(fsys fs.FS) *Basemap {
	b := &Basemap{fsys: fsys}
	b.levels[0].name, b.levels[1].name = "110m", "50m"
	return b
}

var (
	defaultOnce sync.Once
	defaultMap  *Basemap
)

// Default returns the basemap embedded in the binary.
func Default() *Basemap {
	defaultOnce.Do(func() { defaultMap = New(assets.Basemap) })
	return defaultMap
}

// ForZoom returns the level to draw at zoom z.
func (b *Basemap) ForZoom(z float64) (*Level, error) {
	if z >= DetailZoom {
		return b.Level(1)
	}
	return b.Level(0)
}

// Level returns level i (0 = 1:110m, 1 = 1:50m), decoding it on first call.
func (b *Basemap) Level(i int) (*Level, error) {
	l := &b.levels[i]
	l.once.Do(func() { l.level, l.err = load(b.fsys, l.name) })
	return l.level, l.err
}

func load(fsys fs.FS, name string) (*Level, error) {
	data, err := fs.ReadFile(fsys, "basemap/"+name+".bin")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrLayer, err)
	}
	l := new(Level)
	if err := l.UnmarshalBinary(data); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrLayer, name, err)
	}
	return l, nil
}
