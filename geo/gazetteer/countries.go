package gazetteer

import (
	"strings"
	"sync"

	"github.com/meridian-app/meridian/assets"
	"github.com/meridian-app/meridian/geo/fold"
)

// countries maps ISO 3166-1 alpha-2 codes to English short names, and
// folded names back to codes. The table is written by cmd/mkgazetteer.
var countries struct {
	once   sync.Once
	name   map[string]string
	byName map[string]string
}

func loadCountries() {
	countries.name = map[string]string{}
	countries.byName = map[string]string{}
	for _, line := range strings.Split(assets.Countries, "\n") {
		cc, name, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		countries.name[cc] = name
		countries.byName[fold.String(name)] = cc
	}
}

// CountryName is the English name of a country code ("SY" → "Syria"), or
// the code itself when it is unknown.
func CountryName(cc string) string {
	countries.once.Do(loadCountries)
	if n, ok := countries.name[cc]; ok {
		return n
	}
	return cc
}

// CountryCode reads a country as written, by code or English name
// ("sy", "Syria"), and returns its code, or "" if it is not a country.
func CountryCode(s string) string {
	countries.once.Do(loadCountries)
	s = strings.TrimSpace(s)
	if up := strings.ToUpper(s); len(up) == 2 {
		if _, ok := countries.name[up]; ok {
			return up
		}
	}
	return countries.byName[fold.String(s)]
}
