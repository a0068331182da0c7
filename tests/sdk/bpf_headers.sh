#!/usr/bin/env bash
# Every SDK header compiles on its own for the BPF target, with warnings as
# errors, into an object.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
include=$(cd "$here/../../include" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0 passed=0
for header in $(cd "$include" && find memcgpp -name '*.hpp' ! -path '*/host/*' ! -name testing.hpp | sort); do
  printf '#include <%s>\nextern "C" int probe() { return 0; }\n' "$header" >"$out/probe.cpp"
  if clang++-19 -target bpf -std=c++20 -O2 -g -Wall -Wextra -Werror -fno-exceptions -fno-rtti \
    -isystem "$include/memcgpp/freestanding" -I"$include" -c "$out/probe.cpp" -o "$out/probe.o" &&
    [[ -s $out/probe.o ]]; then
    passed=$((passed + 1))
  else
    echo "FAIL: $header does not compile for BPF"
    failures=$((failures + 1))
  fi
done
echo "$passed passed, $failures failed"
((failures == 0))
