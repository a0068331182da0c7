#!/usr/bin/env bash
# cmake --install into a fresh prefix, then a project outside memcgpp finds
# the package, compiles a policy with memcgpp_add_policy, links the runtime
# (shared and static) and the SDK, and runs.
set -euo pipefail
build=${1:?usage: install.sh BUILD_DIR SOURCE_DIR}
source=$(cd "${2:?usage: install.sh BUILD_DIR SOURCE_DIR}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
for file in bin/memcgpp bin/memcgpp-compile include/memcgpp/memcgpp.hpp \
  include/memcgpp/freestanding/cstdint include/memcgpp/runtime.hpp lib/libmemcgpp-runtime.so \
  lib/libmemcgpp-runtime.a lib/cmake/memcgpp/memcgppConfig.cmake; do
  [[ -e $work/prefix/$file ]] || { echo "FAIL: $file is not installed"; exit 1; }
done
cmake -S "$source/tests/packaging/consumer" -B "$work/consumer" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DPOLICY_SOURCE="$source/examples/reclaim_batch/reclaim_batch.cpp" >/dev/null
cmake --build "$work/consumer" >/dev/null
out=$(LD_LIBRARY_PATH="$work/prefix/lib" "$work/consumer/consumer")
[[ $out == "reclaim_batch reclaim_charge 1" ]] || { echo "FAIL: consumer printed '$out'"; exit 1; }
out=$("$work/consumer/consumer_static")
[[ $out == "reclaim_batch reclaim_charge 1" ]] || { echo "FAIL: consumer_static printed '$out'"; exit 1; }
"$work/consumer/consumer_host_test" || { echo "FAIL: the host test of the installed SDK"; exit 1; }
echo "PASS: installed, found, compiled a policy, linked the runtime, ran"
