# ccts — the two set-up commands of the README, and the benchmark (make bench).
#   make run    builds ccts and runs the shipped cement scenario on the built-in rules
#   make test   runs the test suite
# Both install liblua5.4-dev and libsqlite3-dev first when they are missing.

SCENARIO ?= Scenarios/cement-rajasthan.lua

.PHONY: deps run test build bench clean

deps:
	@scripts/install-system-deps

build: deps
	swift build -c release

run: build
	.build/release/ccts run $(SCENARIO)

test: deps
	swift test

bench: build
	.build/release/ccts bench

clean:
	rm -rf .build
