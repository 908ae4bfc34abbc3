# The two commands of the README (make run, make test) and the build layout of docs/cli.md.
.PHONY: deps bench-deps build run test test-release test-asan bench format

# Relative paths let a fresh clone in another folder reuse the compiler cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
export CCACHE_MAXSIZE ?= 4G

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PACKAGES := cmake ninja-build g++ ccache pkg-config curl prometheus \
	qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl1-mesa-dri \
	libsqlite3-dev zlib1g-dev nlohmann-json3-dev libboost1.81-dev prometheus-cpp-dev catch2 \
	xvfb xauth poppler-utils fonts-dejavu-core clang-format sqlite3 python3-psutil \
	clang libclang-rt-14-dev libhiredis-dev redis-server libdw-dev \
	libhdrhistogram-java default-jre-headless

# The peers the benchmarks compare with; only `make bench` installs them.
BENCH_PACKAGES := nginx-light wrk hey nghttp2-client python3-locust

deps:
	@if dpkg-query -W -f='$${Status}\n' $(PACKAGES) 2>/dev/null | grep -qv 'install ok installed' \
	   || [ $$(dpkg-query -W -f='$${Status}\n' $(PACKAGES) 2>/dev/null | wc -l) -lt $(words $(PACKAGES)) ]; then \
		echo "Installing build dependencies..."; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(PACKAGES); \
	fi

bench-deps:
	@dpkg-query -W $(BENCH_PACKAGES) >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(BENCH_PACKAGES); }

build:
	cmake --preset release
	cmake --build --preset release

run: deps
	@$(MAKE) --no-print-directory build
	./build/bin/perflab

test-release:
	cmake --preset release
	cmake --build --preset release
	ctest --preset release

test-asan:
	cmake --preset asan
	cmake --build --preset asan
	ctest --preset asan

test: deps
	@$(MAKE) --no-print-directory test-release
	@$(MAKE) --no-print-directory test-asan

bench: deps bench-deps
	@$(MAKE) --no-print-directory build
	@set -e; for b in bench/*/run; do [ -x "$$b" ] && "$$b"; done

format:
	clang-format -i $$(git ls-files '*.h' '*.cpp')
