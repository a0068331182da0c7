#!/usr/bin/env bash
# memcgpp attach --cgroup on this machine, without the patched kernel: the
# usage and path errors, and what an unpatched kernel says.
set -uo pipefail
memcgpp=${1:?usage: cli_host.sh MEMCGPP OBJECTS}
objects=${2:?usage: cli_host.sh MEMCGPP OBJECTS}
policy=$objects/reclaim_batch.bpf.o

# run ARGS...: sets out (stdout and stderr) and status.
run() {
  out=$("$memcgpp" "$@" 2>&1)
  status=$?
}
expect() { # expect STATUS TEXT: the last run exited with STATUS and printed TEXT
  [[ $status -eq $1 ]] || { echo "$out"; echo "FAIL: exit status $status, not $1"; exit 1; }
  grep -qF -- "$2" <<<"$out" || { echo "$out"; echo "FAIL: no '$2' in the output above"; exit 1; }
}

run attach "$policy" --allow-override
expect 2 "--allow-override requires --cgroup"
run attach --help
expect 0 "--allow-override Needs: --cgroup"
expect 0 "With --cgroup PATH (a cgroup2 directory"

run attach "$policy" --cgroup /nonexistent/cgroup
expect 1 "memcgpp: error: cgroup /nonexistent/cgroup does not exist"
run attach "$policy" --cgroup "$policy"
expect 1 "is not a directory: a cgroup is a directory of the cgroup2 filesystem"
run attach "$policy" --cgroup "$objects" --allow-override
expect 1 "$objects is not a cgroup2 directory"

mount=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
if [[ -n $mount ]] && "$memcgpp" status --json | grep -q '"memcg_ops":false'; then
  run attach "$policy" --cgroup "$mount"
  expect 1 "has no memcg_ops: boot a kernel with the memcgpp patch series"
fi
echo "PASS: attach --cgroup refuses what it must, before and at the kernel"
