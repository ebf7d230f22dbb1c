# ccts — the two set-up commands of the README, the benchmark (make bench) and the fuzzer (make fuzz).
#   make run    builds ccts and runs the shipped cement scenario on the built-in rules
#   make test   runs the test suite, then the Lua bridge's tests (with the fuzzer's short campaign)
#               again under AddressSanitizer and UndefinedBehaviorSanitizer
# Both install liblua5.4-dev and libsqlite3-dev first when they are missing.

SCENARIO ?= Scenarios/cement-rajasthan.lua

FUZZ_SECONDS ?= 300
FUZZ_SEED ?= 1
# The sanitizers instrument Swift (address) and the C shim of the Lua bridge (address, undefined).
SANITIZE = --scratch-path .build-asan --sanitize=address -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined

.PHONY: deps run test build bench fuzz clean

deps:
	@scripts/install-system-deps

build: deps
	swift build -c release

run: build
	.build/release/ccts run $(SCENARIO)

test: deps
	swift test
	swift test $(SANITIZE) --filter "LuaSandboxTests|LoadingTests|FuzzTests"

bench: build
	.build/release/ccts bench

fuzz: deps
	swift run -c release ccts-fuzz --seconds $(FUZZ_SECONDS) --seed $(FUZZ_SEED)

clean:
	rm -rf .build .build-asan
