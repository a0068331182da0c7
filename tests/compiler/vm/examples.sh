# The examples, compiled by memcgpp-compile, on the patched kernel: the
# verifier takes them, their hooks run, and reclaim_batch cuts the reclaim
# passes of its batch cgroup.
. "$(dirname "$0")/../../vm/guest_lib.sh"
tools=${2:?usage: sh examples.sh OBJECT_DIR TOOLS_DIR}
LOADER=$tools/ops_loader
MEMHOG=$tools/memhog

# memcg_printk: the RFC sample's lines, from C++.
echo >/sys/kernel/tracing/trace
hold printk.bpf.o
charge printk 8M 24
release
grep -q 'memcg_printk: cgroup printk over limit of printk' /sys/kernel/tracing/trace ||
  fail "the compiled printk policy printed no over-limit line"
echo "printk: prints its lines"

# reclaim_batch: fewer reclaim passes for the batch cgroup, counted in `raised`.
reclaim_passes() {
  charge "$1" 32M 96 2
  sed -n 's/^max //p' "/sys/fs/cgroup/$1/memory.events"
}
mkdir /sys/fs/cgroup/batch
echo 32M >/sys/fs/cgroup/batch/memory.max
without=$(reclaim_passes plain)
hold reclaim_batch.bpf.o --set "batch_cgroup=$(stat -c %i /sys/fs/cgroup/batch)"
with=$(reclaim_passes batch)
release
raised=$(sed -n 's/^map raised\[0\] = //p' /tmp/hold.log)
echo "reclaim_batch: reclaim passes $without without, $with with; raised[0] = $raised"
[ "${raised:-0}" -gt 0 ] || fail "the hook never counted a raised reclaim"
[ "$without" -ge $((4 * with)) ] || fail "expected at least 4 times fewer reclaim passes"
oom_kills=$(sed -n 's/^oom_kill //p' /sys/fs/cgroup/batch/memory.events)
[ "$oom_kills" -eq 0 ] || fail "the batch workload was OOM-killed $oom_kills times"
echo "reclaim_batch: the workload held at its limit completed without an OOM kill"
# keyed: struct keys, a ring buffer and a parameter; calls[0] counts its runs.
hold keyed.bpf.o --set sample_every=4
charge keyed max 8
release
calls=$(sed -n 's/^map calls\[0\] = //p' /tmp/hold.log)
[ "${calls:-0}" -gt 0 ] || fail "keyed's hook never ran: $(cat /tmp/hold.log)"
echo "keyed: its hook ran $calls times"
# valid_shapes: helpers, a lambda, loops and a namespace; its hook counts
# failed charges in seen[1].
hold valid_shapes.bpf.o
charge shapes 8M 24
release
failed=$(sed -n 's/^map seen\[1\] = //p' /tmp/hold.log)
[ "${failed:-0}" -gt 0 ] || fail "valid_shapes never saw a failed charge: $(cat /tmp/hold.log)"
echo "valid_shapes: its hook saw $failed failed charges"
echo "PASS: compiled policies load and run, and reclaim_batch cuts reclaim passes"
