# priority on the patched kernel, attached with the memcgpp CLI. Two
# cgroups, "hi" and "lo", share a parent's 96 MiB; each works over 64 MiB.
#  - Both active: hi's throughput with the policy beats hi's without it.
#  - hi idle, holding its 64 MiB: lo's throughput with the policy is at least
#    5 times lo's under a static memory.low that protects hi.
# Throughput is pages touched per second over SECONDS, by memhog.
. "$(dirname "$0")/../../tests/vm/guest_lib.sh"
object=${2:?usage: sh priority_vm.sh BIN OBJECT MEMHOG [SECONDS]}
memhog=${3:?usage: sh priority_vm.sh BIN OBJECT MEMHOG [SECONDS]}
seconds=${4:-15}
cg=/sys/fs/cgroup

# setup ROUND: the parent ROUND with children hi and lo.
setup() {
  mkdir $cg/$1
  echo +memory >$cg/$1/cgroup.subtree_control
  echo 96M >$cg/$1/memory.max
  echo 88M >$cg/$1/memory.high
  mkdir $cg/$1/hi $cg/$1/lo
}

# attach ROUND: the policy on ROUND, pinned, for hi and lo.
attach() {
  out=$("$BIN/memcgpp" attach "$object" --cgroup $cg/$1 --pin /sys/fs/bpf/$1 \
    --set "high_cgroup=$(stat -c %i $cg/$1/hi)" --set "low_cgroup=$(stat -c %i $cg/$1/lo)" 2>&1) ||
    fail "attach to $1: $out"
}

detach() {
  "$BIN/memcgpp" detach /sys/fs/bpf/$1 >/dev/null || fail "detach from $1"
}

# both ROUND: hi and lo work at once; sets hi_rate and lo_rate.
both() {
  in_cgroup $1/hi "$memhog" 64 for "$seconds" >/tmp/$1.hi &
  hi=$!
  in_cgroup $1/lo "$memhog" 64 for "$seconds" >/tmp/$1.lo || fail "lo failed in $1"
  wait $hi || fail "hi failed in $1"
  hi_rate=$(cat /tmp/$1.hi)
  lo_rate=$(cat /tmp/$1.lo)
  echo "$1, both active: hi $hi_rate pages/s, lo $lo_rate pages/s"
}

# idle ROUND: hi takes its 64 MiB and idles; lo works; sets lo_rate.
idle() {
  in_cgroup $1/hi "$memhog" 64 1 hold >/tmp/$1.hold &
  hi=$!
  wait_for /tmp/$1.hold holding
  sleep 2 # past the policy's 1 s window
  in_cgroup $1/lo "$memhog" 64 for "$seconds" >/tmp/$1.lo || fail "lo failed in $1"
  kill $hi
  wait $hi 2>/dev/null
  lo_rate=$(cat /tmp/$1.lo)
  echo "$1, hi idle: lo $lo_rate pages/s"
}

setup plain
both plain
hi_plain=$hi_rate

setup prioritized
attach prioritized
both prioritized
hi_prioritized=$hi_rate
detach prioritized

setup static_low
echo 64M >$cg/static_low/hi/memory.low
idle static_low
lo_static_low=$lo_rate

setup idle_prioritized
attach idle_prioritized
idle idle_prioritized
lo_prioritized=$lo_rate
detach idle_prioritized

factor() { # factor A B: A / B with two decimals
  echo "$1 $2" | awk '{ printf "%.2f", $1 / ($2 > 0 ? $2 : 1) }'
}
echo "both active: hi's throughput is $(factor "$hi_prioritized" "$hi_plain")x with the policy"
echo "hi idle: lo's throughput is $(factor "$lo_prioritized" "$lo_static_low")x that under a static memory.low"
[ "$hi_prioritized" -gt "$hi_plain" ] || fail "the policy did not raise hi's throughput"
[ "$lo_prioritized" -ge $((5 * lo_static_low)) ] ||
  fail "lo did not get 5 times the throughput of a static memory.low while hi idled"
echo "PASS: priority protects hi while it works, and frees its memory when it idles"
