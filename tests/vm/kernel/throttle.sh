# A get_high_delay_ms bound of 2000 ms makes a workload over memory.high
# at least a second slower than the same workload without the policy.
. "$(dirname "$0")/../guest_lib.sh"

cg=/sys/fs/cgroup
for name in unbounded bounded; do
  mkdir $cg/$name
  echo 16M >$cg/$name/memory.high
done

# run_ms NAME: sets ms to how long touching 32 MiB in NAME takes.
run_ms() {
  ns=$(in_cgroup "$1" "$BIN/memhog" 32 1 time) || fail "the workload failed in $1"
  ms=$((ns / 1000000))
}

run_ms unbounded
without=$ms
hold_as bounded throttle.bpf.o --cgroup $cg/bounded --set delay_ms=2000 --set throttles=1
run_ms bounded
with=$ms
release_as bounded
cat /tmp/bounded.log
asked=$(sed -n 's/^map asked\[0\] = //p' /tmp/bounded.log)

echo "32 MiB over a 16 MiB memory.high: ${without} ms without the policy, ${with} ms with it (asked $asked times)"
[ "${asked:-0}" -gt 0 ] || fail "get_high_delay_ms was never asked"
[ "$with" -ge $((without + 1000)) ] || fail "the 2000 ms bound did not slow the workload by a second"
echo "PASS: the throttle bound slowed the workload by $((with - without)) ms"
