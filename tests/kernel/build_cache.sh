#!/usr/bin/env bash
# An unchanged kernel rebuild comes from the cache: same artifacts, no make.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

first=$("$root/kernel/build" 2>/dev/null | tail -n 1)
log=$("$root/kernel/build" 2>&1 >/dev/null)
second=$("$root/kernel/build" 2>/dev/null | tail -n 1)
[[ $first == "$second" ]] || { echo "FAIL: $first then $second"; exit 1; }
grep -q '^\[kernel\] cached: ' <<<"$log" || { echo "FAIL: rebuilt: $log"; exit 1; }
for artifact in bzImage vmlinux vmlinux.h config complete; do
  [[ -s $first/$artifact || $artifact == complete ]] ||
    { echo "FAIL: $first/$artifact is missing"; exit 1; }
done
grep -q 'struct try_charge_memcg {' "$first/vmlinux.h" ||
  { echo "FAIL: vmlinux.h has no struct try_charge_memcg"; exit 1; }
echo "PASS: the rebuild came from the cache: $first"
