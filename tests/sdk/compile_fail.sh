#!/usr/bin/env bash
# Each file in compile_fail/ must fail to compile, with the message its
# "// expect:" line gives: the SDK's compile-time checks, seen by a user.
# Host files are tried with g++ and clang++-19; "// target: bpf" files for BPF.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
include=$(cd "$here/../../include" && pwd)
failures=0 passed=0

try() {
  local file=$1 expect=$2 compiler=("${@:3}") out
  if out=$("${compiler[@]}" -std=c++20 -Wall -Wextra -I"$include" -c "$file" -o /dev/null 2>&1); then
    echo "FAIL: $(basename "$file") compiled with ${compiler[0]}"
    failures=$((failures + 1))
  elif ! grep -qF -- "$expect" <<<"$out"; then
    echo "FAIL: $(basename "$file") with ${compiler[0]}: no '$expect' in:"
    echo "$out" | head -20
    failures=$((failures + 1))
  else
    passed=$((passed + 1))
  fi
}

for file in "$here"/compile_fail/*.cpp; do
  expect=$(sed -n 's|^// expect: ||p' "$file")
  if grep -q '^// target: bpf' "$file"; then
    try "$file" "$expect" clang++-19 -target bpf -O2 -isystem "$include/memcgpp/freestanding"
  else
    try "$file" "$expect" g++
    try "$file" "$expect" clang++-19
  fi
done
echo "$passed passed, $failures failed"
((failures == 0))
