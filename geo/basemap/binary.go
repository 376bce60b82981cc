package basemap

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/paulmach/orb"
)

// ErrFormat wraps every failure to read a prepared level.
var ErrFormat = errors.New("basemap: bad prepared level")

// magic starts a prepared level; its last byte is the format's version.
const magic = "MRDNMAP\x01"

// quantum is the number of steps per world unit a prepared level keeps:
// 2⁻²⁶ of the world is 60 cm on the ground, far finer than Natural Earth's
// 1:50m data (quantised by world-atlas to about 400 m), so drawing cannot
// tell a prepared level from the TopoJSON it was made from; it keeps the
// deltas between neighbouring points to two or three bytes.
const quantum = 1 << 26

// layers lists a level's layers in the order a prepared level holds them.
func (l *Level) layers() [5]*[]mercator.Path {
	return [5]*[]mercator.Path{&l.Land, &l.Lakes, &l.Borders, &l.Coast, &l.Rivers}
}

// MarshalBinary writes the level already projected, so that reading it
// back is a loop over varints rather than a TopoJSON decode, a stitch of
// arcs into rings and a projection of every point: the 1:50m level reads
// in 4 ms instead of 62 (BenchmarkLoad50m). Each point is kept as the zigzag
// varint delta from the one before it, in steps of 1/quantum.
func (l *Level) MarshalBinary() ([]byte, error) {
	buf := append([]byte(magic), byte(len(l.Name)))
	buf = append(buf, l.Name...)
	var prev [2]int64
	for _, layer := range l.layers() {
		buf = binary.AppendUvarint(buf, uint64(len(*layer)))
		buf = binary.AppendUvarint(buf, uint64(points(*layer)))
		for _, p := range *layer {
			buf = binary.AppendUvarint(buf, uint64(len(p.Pts)))
			for _, pt := range p.Pts {
				for k := range 2 {
					q := int64(math.Round(pt[k] * quantum))
					buf = binary.AppendVarint(buf, q-prev[k])
					prev[k] = q
				}
			}
		}
	}
	return buf, nil
}

func points(paths []mercator.Path) int {
	n := 0
	for _, p := range paths {
		n += len(p.Pts)
	}
	return n
}

// UnmarshalBinary reads a level written by MarshalBinary. The points of
// each layer share one allocation.
func (l *Level) UnmarshalBinary(data []byte) error {
	r := reader{data: data}
	if len(data) < len(magic)+1 || string(data[:len(magic)]) != magic {
		return fmt.Errorf("%w: not a prepared level (or another version)", ErrFormat)
	}
	r.pos = len(magic)
	n := int(data[r.pos])
	r.pos++
	if r.pos+n > len(data) {
		return fmt.Errorf("%w: name cut short", ErrFormat)
	}
	*l = Level{Name: string(data[r.pos : r.pos+n])}
	r.pos += n
	for _, layer := range l.layers() {
		paths, err := r.layer()
		if err != nil {
			return err
		}
		*layer = paths
	}
	if r.pos != len(data) {
		return fmt.Errorf("%w: %d bytes after the last layer", ErrFormat, len(data)-r.pos)
	}
	return nil
}

// reader walks a prepared level, carrying the previous point across paths
// and layers as MarshalBinary does.
type reader struct {
	data  []byte
	pos   int
	prev  [2]int64
	bound orb.Bound // of the last path read
}

func (r *reader) layer() ([]mercator.Path, error) {
	// Every path takes at least a byte and every point two, so counts
	// larger than what is left are corrupt, and are refused before they
	// are allocated.
	npaths, err := r.count(1)
	if err != nil {
		return nil, err
	}
	npts, err := r.count(2)
	if err != nil {
		return nil, err
	}
	paths := make([]mercator.Path, npaths)
	pts := make([]orb.Point, npts)
	for i := range paths {
		n, err := r.count(2)
		if err != nil {
			return nil, err
		}
		if n > len(pts) {
			return nil, fmt.Errorf("%w: path of %d points at byte %d overruns its layer", ErrFormat, n, r.pos)
		}
		p := pts[:n:n]
		pts = pts[n:]
		if err := r.path(p); err != nil {
			return nil, err
		}
		paths[i] = mercator.Path{Pts: p, Bound: r.bound}
	}
	if len(pts) != 0 {
		return nil, fmt.Errorf("%w: layer ends %d points short at byte %d", ErrFormat, len(pts), r.pos)
	}
	return paths, nil
}

// path reads the points of p and sets r.bound to their bounds, kept in
// steps until the end (orb's Bound.Extend per point took half the time).
func (r *reader) path(p []orb.Point) error {
	if len(p) == 0 {
		r.bound = orb.MultiPoint(nil).Bound()
		return nil
	}
	lo := [2]int64{math.MaxInt64, math.MaxInt64}
	hi := [2]int64{math.MinInt64, math.MinInt64}
	for j := range p {
		for k := range 2 {
			d, w := binary.Varint(r.data[r.pos:])
			if w <= 0 {
				return fmt.Errorf("%w: bad point at byte %d", ErrFormat, r.pos)
			}
			r.pos += w
			q := r.prev[k] + d
			r.prev[k] = q
			lo[k], hi[k] = min(lo[k], q), max(hi[k], q)
			p[j][k] = float64(q) / quantum
		}
	}
	r.bound = orb.Bound{
		Min: orb.Point{float64(lo[0]) / quantum, float64(lo[1]) / quantum},
		Max: orb.Point{float64(hi[0]) / quantum, float64(hi[1]) / quantum},
	}
	return nil
}

// count reads a count of items that take at least size bytes each.
func (r *reader) count(size int) (int, error) {
	v, w := binary.Uvarint(r.data[r.pos:])
	if w <= 0 {
		return 0, fmt.Errorf("%w: bad count at byte %d", ErrFormat, r.pos)
	}
	r.pos += w
	if v > uint64(len(r.data)-r.pos)/uint64(size) {
		return 0, fmt.Errorf("%w: count %d at byte %d is more than the data holds", ErrFormat, v, r.pos-w)
	}
	return int(v), nil
}
