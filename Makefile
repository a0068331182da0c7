# The front door. `make demo` shows memcgpp at work; `make check` runs every
# test, those in the VM included. Both install what is missing first.

CMAKE_PRESET ?= default
CTEST_JOBS ?= 2
# What scripts/demo runs: the demo builds these, not every test.
DEMO_TARGETS = memcgpp-compile memcgpp memcg_printk bpf-memcg_printk telemetry_top memhog

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

demo: configure
	cmake --build --preset $(CMAKE_PRESET) --target $(DEMO_TARGETS)
	@scripts/demo

vm-shell: vm-kernel
	kernel/vm/run --interactive

bench: build
	bench/run

clean:
	rm -rf build
