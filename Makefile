# The front door. `make demo` shows memcgpp at work; `make check` runs every
# test, those in the VM included. Both install what is missing first.

CMAKE_PRESET ?= default
CTEST_JOBS ?= 2

.PHONY: all deps vm-kernel configure build check demo vm-shell bench clean

all: build

deps:
	@scripts/install-deps

vm-kernel: deps
	@kernel/build

# kernel/build prints the kernel's artifact directory last.
configure: vm-kernel
	@dir=$$(kernel/build 2>/dev/null | tail -n 1) && test -f "$$dir/complete" && \
	  cmake --preset $(CMAKE_PRESET) -DMEMCGPP_KERNEL_DIR="$$dir"

build: configure
	cmake --build --preset $(CMAKE_PRESET)

check: build
	ctest --preset $(CMAKE_PRESET) -j $(CTEST_JOBS)

demo: build
	@scripts/demo

vm-shell: vm-kernel
	kernel/vm/run --interactive

bench: build
	bench/run

clean:
	rm -rf build
