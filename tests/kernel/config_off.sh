#!/usr/bin/env bash
# The series builds with CONFIG_MEMCG_BPF=n: mm/ compiles without the
# struct_ops code, and the charge path keeps its original form.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

artifacts=$("$root/kernel/build" --without-memcg-bpf --only mm/ | tail -n 1)
objects=$artifacts/objects
grep -qx memcontrol.o "$objects" || { echo "FAIL: mm/memcontrol.o was not built"; exit 1; }
if grep -qx memcontrol_bpf.o "$objects"; then
  echo "FAIL: mm/memcontrol_bpf.o was built with CONFIG_MEMCG_BPF=n"
  exit 1
fi
echo "PASS: mm/ builds with CONFIG_MEMCG_BPF=n ($(wc -l <"$objects") objects)"
