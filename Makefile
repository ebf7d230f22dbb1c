# ccts — the two set-up commands of the README, the benchmark (make bench: ccts bench, the
# yardstick Benchmarks/compare against the same model in C, and ccts serve under wrk's load,
# Benchmarks/serve-load) and the fuzzer (make fuzz).
#   make run    builds ccts (without the HTTP server, which is ccts-serve) and runs the shipped
#               cement scenario on the built-in rules
#   make check  the contributor's hourly command: the test suite and the server's API, security and
#               kill tests, on the release build; no browser, Slurm, sanitizer or system package
#               beyond the build's own (CONTRIBUTING.md)
#   make test   runs the test suite, then every command of the README and docs/ as written in a
#               fresh `ccts examples copy` folder (scripts/test-readme), then the reports in a real headless Chromium
#               (scripts/test-reports-browser), then ccts serve: its API, roles, kill -9, its run
#               browser in Chromium and schemathesis on its OpenAPI document (scripts/test-serve), then a sharded run on a real single-node Slurm
#               (scripts/test-slurm: slurm-wlm and munge, installed when missing), then the Lua bridge's tests (with the fuzzer's short
#               campaign) again under AddressSanitizer and UndefinedBehaviorSanitizer, then installs
#               into a temporary prefix and checks the installed binary (scripts/test-install)
#   make screenshots  writes docs/screenshots/ (one report of each kind, as the browser test sees it)
#   make install [PREFIX=/usr/local], make uninstall
# Both install liblua5.4-dev, libsqlite3-dev, libxlsxwriter-dev, libglpk-dev and libxml2-dev first when they are missing.

SCENARIO ?= Scenarios/cement-rajasthan.lua

FUZZ_SECONDS ?= 300
FUZZ_SEED ?= 1
# The sanitizers instrument Swift (address) and the C shim of the Lua bridge (address, undefined).
# They run in Sanitize/, a package of the Lua bridge and what loads files through it (the same
# sources, linked), so the store, the command line and the server are not compiled with them.
SANITIZE = --scratch-path ../.build-asan --sanitize=address -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined

PREFIX ?= /usr/local
COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$(shell git diff --quiet HEAD 2>/dev/null || echo +changes)
# The commit goes into `ccts --version` and every stored run: written into Sources/CBuildInfo/commit.h
# (untracked) only when it changes, so a new commit recompiles one C file and relinks (touched too: a
# header that did not exist when it was last compiled is not among its recorded dependencies). (As a compiler
# flag of every module, as it was, each commit rebuilt the whole package: 4.5 minutes.)
BUILD_INFO = Sources/CBuildInfo/commit.h
# The release build's CPU baseline on x86-64: x86-64-v2 (Swift calls it nehalem: SSE4.2, POPCNT;
# Intel since 2008, AMD since 2011, the baseline of RHEL 9), so that rounding to whole certificates
# and to the GEI grid is an instruction (roundsd) instead of a call into libm: the Monte Carlo world
# loop 8 % faster, the whole benchmark command 6 % (docs/performance.md). The results are bit-for-bit
# those of a baseline build: Swift never fuses a multiply and an add, nor reorders a sum, at any
# CPU level. A machine without SSE4.2 builds for any x86-64 CPU (and `make build CPU=x86-64` does
# so anywhere); a v2 binary copied to an older CPU says so at start. Other architectures ignore CPU.
CPU ?= $(if $(shell grep -qw sse4_2 /proc/cpuinfo 2>/dev/null && grep -qw popcnt /proc/cpuinfo && echo yes),nehalem,x86-64)
CPU_FLAGS = $(if $(filter x86_64,$(shell uname -m)),-Xswiftc -target-cpu -Xswiftc $(CPU))
# The installed binary carries the Swift runtime inside it: it runs where no Swift toolchain is.
STATIC = --static-swift-stdlib --scratch-path .build-static $(CPU_FLAGS)
RELEASE = .build-static/release/ccts
SERVER = .build-static/release/ccts-serve
BIN = $(DESTDIR)$(PREFIX)/bin/ccts
SERVER_BIN = $(DESTDIR)$(PREFIX)/bin/ccts-serve
BASH_COMPLETION = $(DESTDIR)$(PREFIX)/share/bash-completion/completions/ccts
ZSH_COMPLETION = $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_ccts
FISH_COMPLETION = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/ccts.fish
MANUAL = $(DESTDIR)$(PREFIX)/share/man/man1/ccts.1
INSTALLED = $(BIN) $(SERVER_BIN) $(BASH_COMPLETION) $(ZSH_COMPLETION) $(FISH_COMPLETION) $(MANUAL)

.PHONY: deps browser pytools run check test build serve build-info bench fuzz install uninstall test-install screenshots clean

deps:
	@scripts/install-system-deps

# Chromium and its WebDriver, for the browser tests (and --pdf), and poppler-utils to read their PDFs back; installed only when missing.
browser:
	@scripts/install-browser

# openpyxl, jsonschema and schemathesis (PyPI): the independent reader the workbook tests read exports
# back with, the validator the output-schema tests check every --json document with, and the
# property-based tester scripts/test-serve runs against ccts serve's OpenAPI document.
pytools:
	@python3 -c 'import openpyxl, jsonschema, schemathesis' 2>/dev/null || python3 -m pip install --quiet openpyxl jsonschema schemathesis 2>/dev/null \
	  || python3 -m pip install --quiet --break-system-packages openpyxl jsonschema schemathesis

build-info:
	@printf '#define CCTS_COMMIT "%s"\n' "$(COMMIT)" > $(BUILD_INFO).new
	@if cmp -s $(BUILD_INFO).new $(BUILD_INFO); then rm $(BUILD_INFO).new; \
	 else mv $(BUILD_INFO).new $(BUILD_INFO); touch Sources/CBuildInfo/build_info.c; fi

# One release build for running, benchmarking and installing: the self-contained binary that ships.
# It holds no HTTP stack: the server is ccts-serve (make serve), which `ccts serve` starts.
build: deps build-info
	swift build -c release --product ccts $(STATIC)

# The server, beside ccts in the same release folder (same scratch path: the shared modules build once).
serve: build
	swift build -c release --product ccts-serve $(STATIC)

run: build
	$(RELEASE) run $(SCENARIO)

# The tests drive the release build that ships (CCTS_BINARY), built once and installed by test-install;
# the test suite's own code is the debug build, whose binary test-install compares with the release's.
check: serve
	scripts/check-format
	scripts/check-function-length
	scripts/check-imports
	scripts/check-sanitize-manifest
	CCTS_BINARY=$(CURDIR)/$(RELEASE) swift test
	scripts/test-serve --ccts $(RELEASE) --only api,roles,kill,security

test: deps browser pytools serve
	scripts/check-format
	scripts/check-function-length
	scripts/check-imports
	scripts/check-sanitize-manifest
	CCTS_BINARY=$(CURDIR)/$(RELEASE) swift test
	scripts/test-readme --ccts $(RELEASE)
	scripts/test-reports-browser --ccts $(RELEASE)
	scripts/test-serve --ccts $(RELEASE)
	CCTS=$(CURDIR)/$(RELEASE) scripts/test-slurm
	cd Sanitize && LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan-suppressions.txt swift test $(SANITIZE)
	scripts/test-install

bench: serve
	$(RELEASE) bench
	CCTS=$(RELEASE) Benchmarks/compare
	@command -v wrk >/dev/null 2>&1 || $$([ "$$(id -u)" -eq 0 ] || echo sudo) apt-get install -y -qq wrk >/dev/null
	Benchmarks/serve-load --ccts $(RELEASE)

fuzz: deps build-info build
	swift run -c release ccts-fuzz --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED)
	scripts/fuzz-shards --ccts $(RELEASE) --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED)

# Two self-contained binaries (ccts and its server ccts-serve), completions for bash, zsh and fish
# where those shells look, and a manual page the installed binary writes from its command
# definitions (`ccts manual`: no second build of the package, as generate-manual needed).
install: serve
	install -D -m 755 $(RELEASE) $(BIN)
	install -D -m 755 $(SERVER) $(SERVER_BIN)
	mkdir -p $(dir $(BASH_COMPLETION)) $(dir $(ZSH_COMPLETION)) $(dir $(FISH_COMPLETION)) $(dir $(MANUAL))
	$(BIN) --generate-completion-script bash > $(BASH_COMPLETION)
	$(BIN) --generate-completion-script zsh > $(ZSH_COMPLETION)
	$(BIN) --generate-completion-script fish > $(FISH_COMPLETION)
	$(BIN) manual > $(MANUAL)
	@echo "Installed: $(INSTALLED)"

# Removes exactly what install wrote.
uninstall:
	rm -f $(INSTALLED)
	@echo "Removed: $(INSTALLED)"

# Installs into a temporary prefix and checks the result as a user on another machine would.
test-install:
	scripts/test-install

screenshots: browser
	swift build
	scripts/test-reports-browser --save docs/screenshots

clean:
	rm -rf .build .build-asan .build-static
