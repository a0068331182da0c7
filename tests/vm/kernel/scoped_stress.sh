# Policies attach and detach, globally and on a cgroup, while a workload
# charges memory and child cgroups come and go under the policy: the kernel
# warns about nothing, and nothing is left behind.
. "$(dirname "$0")/../guest_lib.sh"

cg=/sys/fs/cgroup
mkdir $cg/busy
echo +memory >$cg/busy/cgroup.subtree_control
mkdir $cg/busy/work
echo 24M >$cg/busy/memory.max
before=$("$BIN/ops_loader" count)

(while :; do in_cgroup busy/work "$BIN/memhog" 32 >/dev/null 2>&1; done) &
charger=$!
(i=0; while :; do
  mkdir $cg/busy/child$i && rmdir $cg/busy/child$i
  i=$(((i + 1) % 4))
done) &
churner=$!

for cycle in $(seq 1 40); do
  "$BIN/ops_loader" attach "$BIN/all_hooks.bpf.o" --cgroup $cg/busy >/tmp/cycle.log 2>&1 ||
    fail "scoped cycle $cycle: $(cat /tmp/cycle.log)"
  "$BIN/ops_loader" attach "$BIN/all_hooks.bpf.o" >/tmp/cycle.log 2>&1 ||
    fail "global cycle $cycle: $(cat /tmp/cycle.log)"
done
kill "$charger" "$churner"
wait 2>/dev/null

i=0
while [ "$("$BIN/ops_loader" count)" != "$before" ]; do
  i=$((i + 1))
  [ $i -le 100 ] || fail "left behind: $("$BIN/ops_loader" count), was $before"
  sleep 0.1
done
if dmesg | grep -E 'WARNING|BUG|Oops|refcount'; then
  fail "the kernel complained"
fi
echo "PASS: 80 attach and detach cycles under load left nothing behind"
