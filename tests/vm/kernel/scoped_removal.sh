# Removing a cgroup detaches the policy attached to it: the policy sees the
# cgroup go offline, the link's holder sees the kernel detach it, and once
# the holder lets go nothing of the policy stays, nor the cgroup.
. "$(dirname "$0")/../guest_lib.sh"

cg=/sys/fs/cgroup
before=$("$BIN/ops_loader" count)
mkdir $cg/doomed
hold_as doomed all_hooks.bpf.o --cgroup $cg/doomed
rmdir $cg/doomed
wait_for /tmp/doomed.log 'the kernel detached the link'
wait "$holder_doomed" || fail "the holder failed: $(cat /tmp/doomed.log)"
cat /tmp/doomed.log
grep -q '^map calls\[7\] = 1$' /tmp/doomed.log ||
  fail "handle_cgroup_offline did not run once for the removed cgroup"

# The kernel frees programs and maps, and the dying cgroup, after RCU.
i=0
while [ "$("$BIN/ops_loader" count)" != "$before" ] ||
  ! grep -q '^nr_dying_descendants 0$' $cg/cgroup.stat; do
  i=$((i + 1))
  [ $i -le 100 ] || fail "left behind: $("$BIN/ops_loader" count) (was $before), $(cat $cg/cgroup.stat)"
  sleep 0.1
done
echo "PASS: removing a cgroup detached its policy, and nothing was left behind"
