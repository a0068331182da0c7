# Each memcg_ops hook fires, and each kfunc reads what the cgroup files say.
# all_hooks is attached to "parent": a workload in its child "busy" goes over
# busy's memory.high, then, with that lifted, makes reclaim go through busy
# for parent's limit. The policy is BIN/all_hooks.bpf.o, written in C, or
# OBJECT, the same policy in C++.
. "$(dirname "$0")/../guest_lib.sh"
object=${2:-all_hooks.bpf.o}

cg=/sys/fs/cgroup
mkdir $cg/parent
echo +memory >$cg/parent/cgroup.subtree_control
mkdir $cg/parent/busy
echo 32M >$cg/parent/memory.max
echo 24M >$cg/parent/busy/memory.high
echo 4M >$cg/parent/busy/memory.low
echo 2M >$cg/parent/busy/memory.min

hold_as hooks "$object" --cgroup $cg/parent --set watched="$(stat -c %i $cg/parent/busy)"
in_cgroup parent/busy "$BIN/memhog" 48 || fail "the workload over memory.high failed"
echo max >$cg/parent/busy/memory.high
in_cgroup parent/busy "$BIN/memhog" 48 || fail "the workload at parent's memory.max failed"
# Stats that memory.stat shows, flushed by reading it, for the last charge.
in_cgroup parent/busy "$BIN/memhog" 8 1 hold >/tmp/held.log &
held=$!
wait_for /tmp/held.log holding
cat $cg/parent/busy/memory.stat >/dev/null
echo 24M >$cg/parent/busy/memory.high
in_cgroup parent/busy "$BIN/memhog" 4 || fail "the last workload failed"
kill $held
mkdir $cg/parent/born
rmdir $cg/parent/born
sleep 1 # offline runs from a work item after rmdir
release_as hooks
log=/tmp/hooks.log
cat $log

# value MAP KEY: what the holder printed for MAP[KEY].
value() {
  sed -n "s/^map $1\[$2\] = //p" $log
}

for hook in 0:try_charge_memcg 1:memcg_uncharged 3:below_low 4:below_min \
  5:get_high_delay_ms; do
  [ "$(value calls "${hook%%:*}")" -gt 0 ] || fail "${hook#*:} never ran"
done
[ "$(value calls 6)" = 1 ] || fail "handle_cgroup_online ran $(value calls 6) times, not once"
[ "$(value calls 7)" = 1 ] || fail "handle_cgroup_offline ran $(value calls 7) times, not once"
[ "$(value calls 2)" -ge $((16 * 256)) ] ||
  fail "only $(value calls 2) pages uncharged after a 48 MiB workload ended"

# expect_state KEY NAME VALUE
expect_state() {
  [ "$(value state "$1")" = "$3" ] || fail "$2 read $(value state "$1"), expected $3"
}
expect_state 1 bpf_mem_cgroup_max 18446744073709551615
expect_state 2 bpf_mem_cgroup_high $((24 << 20))
expect_state 3 bpf_mem_cgroup_low $((4 << 20))
expect_state 4 bpf_mem_cgroup_min $((2 << 20))
expect_state 5 "the parent's bpf_mem_cgroup_max" $((32 << 20))
expect_state 9 "the root's parent" 2
expect_state 10 "mem_over_limit's bpf_mem_cgroup_max" $((32 << 20))
usage=$(value state 0)
[ "$usage" -gt 0 ] && [ "$usage" -le $((32 << 20)) ] || fail "usage read $usage"
[ "$(value state 7)" -gt 0 ] || fail "PGFAULT read $(value state 7)"
[ "$(value state 8)" -ge 2048 ] || fail "NR_ANON_MAPPED read $(value state 8) pages, with 8 MiB held"
echo "PASS: every hook fired, and the kfuncs read the cgroup's state"
