#!/usr/bin/env bash
# kernel/vm/run itself: the command's exit status becomes the runner's, a
# hung command hits the timeout (124), and --file HOST:GUEST places a file.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
run=$root/kernel/vm/run

"$run" -- sh -c 'exit 3' >/dev/null
status=$?
[[ $status -eq 3 ]] || { echo "FAIL: exit 3 in the guest gave $status"; exit 1; }

"$run" --timeout 20 -- sleep 600 >/dev/null 2>&1
status=$?
[[ $status -eq 124 ]] || { echo "FAIL: a hung guest gave $status, not 124"; exit 1; }

out=$("$run" --file "$root/README.md:/placed/readme" -- sh -c 'head -n 1 /placed/readme')
grep -q '^# memcgpp' <<<"$out" || { echo "FAIL: --file HOST:GUEST did not place the file: $out"; exit 1; }
echo "PASS: exit status, timeout and file placement"
