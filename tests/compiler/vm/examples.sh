# The examples, compiled by memcgpp-compile, on the patched kernel: the
# verifier takes them, their hooks run, and reclaim_batch cuts the reclaim
# passes of its batch cgroup.
. "$(dirname "$0")/../../vm/guest_lib.sh"
tools=${2:?usage: sh examples.sh OBJECT_DIR TOOLS_DIR}

# memcg_printk: the RFC sample's lines, from C++.
echo >/sys/kernel/tracing/trace
"$tools/ops_loader" attach "$BIN/printk.bpf.o" --hold >/tmp/hold.log 2>&1 &
HOLDER=$!
wait_for /tmp/hold.log '^attached'
mkdir /sys/fs/cgroup/printk
echo 8M >/sys/fs/cgroup/printk/memory.max
in_cgroup printk "$tools/memhog" 24 || fail "the workload failed"
release
grep -q 'memcg_printk: cgroup printk over limit of printk' /sys/kernel/tracing/trace ||
  fail "the compiled printk policy printed no over-limit line"
echo "printk: prints its lines"

# reclaim_batch: fewer reclaim passes for the batch cgroup, counted in `raised`.
reclaim_passes() {
  echo 32M >"/sys/fs/cgroup/$1/memory.max"
  in_cgroup "$1" "$tools/memhog" 96 2 || fail "the workload failed in $1"
  sed -n 's/^max //p' "/sys/fs/cgroup/$1/memory.events"
}
mkdir /sys/fs/cgroup/plain /sys/fs/cgroup/batch
without=$(reclaim_passes plain)
batch_id=$(stat -c %i /sys/fs/cgroup/batch)
"$tools/ops_loader" attach "$BIN/reclaim_batch.bpf.o" --set "batch_cgroup=$batch_id" --hold \
  >/tmp/hold.log 2>&1 &
HOLDER=$!
wait_for /tmp/hold.log '^attached'
with=$(reclaim_passes batch)
release
raised=$(sed -n 's/^map raised\[0\] = //p' /tmp/hold.log)
echo "reclaim_batch: reclaim passes $without without, $with with; raised[0] = $raised"
[ "${raised:-0}" -gt 0 ] || fail "the hook never counted a raised reclaim"
[ "$without" -ge $((4 * with)) ] || fail "expected at least 4 times fewer reclaim passes"
# keyed: struct keys, a ring buffer and a parameter; calls[0] counts its runs.
"$tools/ops_loader" attach "$BIN/keyed.bpf.o" --set sample_every=4 --hold >/tmp/hold.log 2>&1 &
HOLDER=$!
wait_for /tmp/hold.log '^attached'
mkdir /sys/fs/cgroup/keyed
in_cgroup keyed "$tools/memhog" 8 || fail "the workload failed"
release
calls=$(sed -n 's/^map calls\[0\] = //p' /tmp/hold.log)
[ "${calls:-0}" -gt 0 ] || fail "keyed's hook never ran: $(cat /tmp/hold.log)"
echo "keyed: its hook ran $calls times"
# valid_shapes: helpers, a lambda, loops and a namespace; its hook counts
# failed charges in seen[1].
"$tools/ops_loader" attach "$BIN/valid_shapes.bpf.o" --hold >/tmp/hold.log 2>&1 &
HOLDER=$!
wait_for /tmp/hold.log '^attached'
mkdir /sys/fs/cgroup/shapes
echo 8M >/sys/fs/cgroup/shapes/memory.max
in_cgroup shapes "$tools/memhog" 24 || fail "the workload failed"
release
failed=$(sed -n 's/^map seen\[1\] = //p' /tmp/hold.log)
[ "${failed:-0}" -gt 0 ] || fail "valid_shapes never saw a failed charge: $(cat /tmp/hold.log)"
echo "valid_shapes: its hook saw $failed failed charges"
echo "PASS: compiled policies load and run, and reclaim_batch cuts reclaim passes"
