# A handler that raises the reclaim target to HPAGE_PMD_NR pages cuts the
# number of reclaim passes of a workload held at memory.max. Each pass raises
# the "max" count of memory.events, so that count is compared with and without
# the handler, in the same boot.
. "$(dirname "$0")/../guest_lib.sh"

# reclaim_passes NAME: runs the workload in a fresh cgroup, prints its count.
reclaim_passes() {
  mkdir "/sys/fs/cgroup/$1"
  echo 32M >"/sys/fs/cgroup/$1/memory.max"
  in_cgroup "$1" "$BIN/memhog" 96 2 || fail "the workload failed in $1"
  sed -n 's/^max //p' "/sys/fs/cgroup/$1/memory.events"
}

without=$(reclaim_passes without_handler)
hold raise_reclaim.bpf.o
with=$(reclaim_passes with_handler)
release

echo "reclaim passes (memory.events max): without handler $without, with handler $with"
[ "$with" -gt 0 ] || fail "the workload never reached memory.max"
[ "$without" -ge $((4 * with)) ] ||
  fail "expected at least 4 times fewer reclaim passes with the handler"
echo "PASS: the handler cut reclaim passes from $without to $with"
