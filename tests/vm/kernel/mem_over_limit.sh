# tcm->mem_over_limit names the cgroup whose limit was hit when a charge
# fails, and is NULL when the charge succeeded.
. "$(dirname "$0")/../guest_lib.sh"

echo >/sys/kernel/tracing/trace
hold mem_over_limit.bpf.o
mkdir /sys/fs/cgroup/limited
echo 16M >/sys/fs/cgroup/limited/memory.max
in_cgroup limited "$BIN/memhog" 48 || fail "the workload failed"
release
trace=/sys/kernel/tracing/trace

grep -q 'mem_over_limit_check: NULL after a successful charge' "$trace" ||
  fail "no successful charge was seen"
grep -q 'mem_over_limit_check: limited after a failed charge' "$trace" ||
  fail "a failed charge did not name cgroup limited"
if grep -q -e 'set after a successful charge' -e 'NULL after a failed charge' "$trace"; then
  grep -m 3 -e 'set after a successful charge' -e 'NULL after a failed charge' "$trace"
  fail "mem_over_limit does not match charge_done"
fi
echo "PASS: mem_over_limit is NULL after successful charges and names the limit after failed ones"
