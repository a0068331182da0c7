# Sourced by the SDK's BPF tests: a scratch directory, failure reporting, and
# the SDK compiled for BPF with memcgpp-compile's flags.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
include=$(cd "$here/../../include" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

# compile_for_bpf SOURCE OBJECT
compile_for_bpf() {
  clang++-19 -target bpf -mcpu=v4 -std=c++20 -O2 -g -Wall -Wextra -Werror -fno-exceptions -fno-rtti \
    -isystem "$include/memcgpp/freestanding" -I"$include" -c "$1" -o "$2"
}
