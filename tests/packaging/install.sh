#!/usr/bin/env bash
# cmake --install into a fresh prefix, then a project outside memcgpp finds
# the package, compiles a policy with memcgpp_add_policy, links the runtime
# (shared and static) and the SDK, and runs; a build with pkg-config alone
# does the same. The applications stay in BUILD_DIR/tests/packaging/out for
# the VM test (vm_consumer.sh), which attaches the policy with them.
set -euo pipefail
build=${1:?usage: install.sh BUILD_DIR SOURCE_DIR}
source=$(cd "${2:?usage: install.sh BUILD_DIR SOURCE_DIR}" && pwd)
work=$build/tests/packaging/out
policy=$source/examples/reclaim_batch/reclaim_batch.cpp
rm -rf "$work"
mkdir -p "$work"

cmake --install "$build" --prefix "$work/prefix" >/dev/null
for file in bin/memcgpp bin/memcgpp-compile include/memcgpp/memcgpp.hpp \
  include/memcgpp/freestanding/cstdint include/memcgpp/runtime.hpp lib/libmemcgpp-runtime.so \
  lib/libmemcgpp-runtime.a lib/cmake/memcgpp/memcgppConfig.cmake lib/pkgconfig/memcgpp.pc; do
  [[ -e $work/prefix/$file ]] || { echo "FAIL: $file is not installed"; exit 1; }
done
cmake -S "$source/tests/packaging/consumer" -B "$work/consumer" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DPOLICY_SOURCE="$policy" >/dev/null
cmake --build "$work/consumer" >/dev/null
out=$(LD_LIBRARY_PATH="$work/prefix/lib" "$work/consumer/consumer")
[[ $out == "reclaim_batch reclaim_charge 1" ]] || { echo "FAIL: consumer printed '$out'"; exit 1; }
out=$("$work/consumer/consumer_static")
[[ $out == "reclaim_batch reclaim_charge 1" ]] || { echo "FAIL: consumer_static printed '$out'"; exit 1; }
"$work/consumer/consumer_host_test" || { echo "FAIL: the host test of the installed SDK"; exit 1; }
echo "PASS: installed, found, compiled a policy, linked the runtime, ran"

# Without CMake: memcgpp-compile from bindir, flags from memcgpp.pc.
export PKG_CONFIG_PATH=$work/prefix/lib/pkgconfig
[[ $(pkg-config --variable=bindir memcgpp) -ef $work/prefix/bin ]] || { echo "FAIL: memcgpp.pc's bindir"; exit 1; }
mkdir "$work/pc"
"$(pkg-config --variable=bindir memcgpp)/memcgpp-compile" "$policy" -o "$work/pc/reclaim_batch.bpf.o" \
  --skeleton "$work/pc/reclaim_batch.skel.hpp"
# shellcheck disable=SC2046 # pkg-config's output is a list of flags
c++ "$source/tests/packaging/consumer/main.cpp" -I"$work/pc" -o "$work/pc/consumer" \
  $(pkg-config --cflags --libs memcgpp)
out=$(LD_LIBRARY_PATH="$work/prefix/lib" "$work/pc/consumer")
[[ $out == "reclaim_batch reclaim_charge 1" ]] || { echo "FAIL: the pkg-config build printed '$out'"; exit 1; }
echo "PASS: built with pkg-config alone, ran"
