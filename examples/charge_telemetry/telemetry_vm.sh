# charge_telemetry on the patched kernel, through telemetry_top: its counts
# for a known workload agree with the kernel's own memory.events and
# memory.stat.
. "$(dirname "$0")/../../tests/vm/guest_lib.sh"
MEMHOG=${2:?usage: sh telemetry_vm.sh BIN MEMHOG}

"$BIN/telemetry_top" --json --interval 200 >/tmp/top.json 2>/tmp/top.err &
top=$!
wait_for /tmp/top.err '^attached telemetry'
charge limited 16M 48
charge free max 8
sleep 1
kill -INT "$top"
wait "$top" || fail "telemetry_top failed: $(cat /tmp/top.err)"
last=$(tail -n 1 /tmp/top.json)
echo "$last"

# counts CGROUP: "charges failed reclaim_requests" from the last refresh.
counts() {
  echo "$last" | sed -n "s/.*\"cgroup\":\"\/$1\",\"charges\":\([0-9]*\),\"failed\":\([0-9]*\),\"reclaim_requests\":\([0-9]*\).*/\1 \2 \3/p"
}
set -- $(counts limited)
[ $# -eq 3 ] || fail "no row for /limited"
charges=$1 failed=$2 requests=$3
max_events=$(sed -n 's/^max //p' /sys/fs/cgroup/limited/memory.events)
pgfault=$(sed -n 's/^pgfault //p' /sys/fs/cgroup/limited/memory.stat)
echo "limited: $charges charges, $failed failed, $requests reclaim requests;" \
  "memory.events max $max_events, memory.stat pgfault $pgfault"
[ "$requests" -eq "$max_events" ] ||
  fail "reclaim requests ($requests) differ from memory.events max ($max_events)"
[ "$failed" -ge "$requests" ] || fail "fewer failures than reclaim requests"
[ "$charges" -gt 0 ] && [ "$charges" -le "$pgfault" ] ||
  fail "charges ($charges) should be between 1 and the page faults ($pgfault)"
set -- $(counts free)
[ $# -eq 3 ] && [ "$1" -gt 0 ] && [ "$2" -eq 0 ] || fail "/free should have charges and no failures: $*"
events=$(echo "$last" | sed -n 's/.*"failure_events":\([0-9]*\).*/\1/p')
[ "${events:-0}" -gt 0 ] || fail "no failure events arrived"
echo "PASS: telemetry agrees with memory.events and memory.stat"
