# The memcgpp command line on the patched kernel.
. "$(dirname "$0")/../../vm/guest_lib.sh"
objects=${2:?usage: sh cli.sh BIN OBJECTS INPUTS MEMHOG}
inputs=${3:?usage: sh cli.sh BIN OBJECTS INPUTS MEMHOG}
memhog=${4:?usage: sh cli.sh BIN OBJECTS INPUTS MEMHOG}
memcgpp=$BIN/memcgpp

expect() { # expect PATTERN OUTPUT: the output has a line matching PATTERN
  echo "$2" | grep -q -- "$1" || { echo "$2"; fail "no '$1' in the output above"; }
}

out=$("$memcgpp" status) || fail "status failed: $out"
expect '^kernel: memcg_ops, with hooks try_charge_memcg' "$out"
expect '^no policy attached' "$out"

out=$("$memcgpp" check "$objects/reclaim_batch.bpf.o") || fail "check failed: $out"
expect '^reclaim_charge (try_charge_memcg): the verifier accepted it after [0-9]* instructions' "$out"
out=$("$memcgpp" check --json "$objects/reclaim_batch.bpf.o") || fail "check --json failed: $out"
expect '"name":"reclaim_charge","hook":"try_charge_memcg","verified_insns":[1-9]' "$out"
if out=$("$memcgpp" check "$objects/verifier_hostile.bpf.o" 2>&1); then
  fail "check accepted verifier_hostile.bpf.o"
fi
expect 'at verifier_hostile.cpp:13:' "$out"
echo "check: reports instructions, and rejections at the source line"

mkdir /sys/fs/cgroup/batch
echo 16M >/sys/fs/cgroup/batch/memory.max
id=$(stat -c %i /sys/fs/cgroup/batch)
out=$("$memcgpp" attach "$objects/reclaim_batch.bpf.o" --set "batch_cgroup=$id" --pin /sys/fs/bpf/batch) ||
  fail "attach --pin failed: $out"
expect 'pinned it at /sys/fs/bpf/batch' "$out"
in_cgroup batch "$memhog" 48 || fail "the workload failed"
out=$("$memcgpp" status) || fail "status failed"
expect '^policy reclaim_batch (link [0-9]*)' "$out"
expect 'program reclaim_charge: [1-9][0-9]* instructions verified' "$out"
expect '  map raised (array)' "$out"
out=$("$memcgpp" status --json)
expect '"policies":\[{"name":"reclaim_batch"' "$out"
out=$("$memcgpp" maps /sys/fs/bpf/batch) || fail "maps failed: $out"
expect '^  \[0\] = [1-9]' "$out"
out=$("$memcgpp" maps --json "$objects/reclaim_batch.bpf.o") || fail "maps --json failed: $out"
expect '"name":"raised","type":"array","max_entries":1,"entries":\[{"key":"0","value":"[1-9]' "$out"
out=$("$memcgpp" maps reclaim_batch) || fail "maps by name failed: $out"
expect '^  \[0\] = [1-9]' "$out"
echo "attach --pin, status, maps: the pinned policy and its counts"

if out=$("$memcgpp" attach "$objects/keyed.bpf.o" 2>&1); then
  fail "a second policy attached"
fi
expect 'another memcg_ops policy is attached' "$out"
out=$("$memcgpp" detach /sys/fs/bpf/batch) || fail "detach failed: $out"
expect '^detached reclaim_batch' "$out"
expect '^no policy attached' "$("$memcgpp" status)"
echo "detach: the slot is free again"

# A hook this kernel lacks: dropped with a warning when optional, refused
# otherwise.
out=$("$memcgpp" attach "$inputs/future_hook.bpf.o" --pin /sys/fs/bpf/future 2>&1) ||
  fail "attach of a policy with an optional hook failed: $out"
expect '^memcgpp: warning: future_ops: this kernel has no memcg_ops hook `memcg_future_hook`; the policy marks it optional' "$out"
expect 'attached future_ops and pinned it' "$out"
out=$("$memcgpp" status) || fail "status failed"
expect 'program future_charge: [1-9][0-9]* instructions verified' "$out"
"$memcgpp" detach /sys/fs/bpf/future >/dev/null || fail "detach of future_ops failed"
if out=$("$memcgpp" check "$inputs/future_hook_required.bpf.o" 2>&1); then
  fail "check accepted a policy with a required hook the kernel lacks"
fi
expect '^memcgpp: error: future_ops implements the memcg_ops hook `memcg_future_hook`, which this kernel lacks' "$out"
expect 'or mark it MEMCGPP_OPTIONAL_HOOK' "$out"
echo "optional hooks: dropped with a warning; a required one the kernel lacks is refused"

echo >/sys/kernel/tracing/trace
"$memcgpp" attach "$objects/printk.bpf.o" >/tmp/attach.log 2>&1 &
holder=$!
wait_for /tmp/attach.log '^attached memcg_printk'
mkdir /sys/fs/cgroup/printk
echo 8M >/sys/fs/cgroup/printk/memory.max
in_cgroup printk "$memhog" 24 || fail "the workload failed"
sleep 1
kill -INT "$holder"
wait "$holder" || fail "attach did not exit cleanly: $(cat /tmp/attach.log)"
expect '^trace: .*memcg_printk: cgroup printk over limit of printk' "$(cat /tmp/attach.log)"
expect '^detached memcg_printk' "$(cat /tmp/attach.log)"
echo "attach: streams the policy's log until interrupted, then detaches"

out=$("$memcgpp" attach "$objects/printk.bpf.o" --pin /sys/fs/bpf/printk) || fail "attach --pin: $out"
"$memcgpp" trace >/tmp/trace.log 2>&1 &
tracer=$!
wait_for /tmp/trace.log '^following trace_pipe'
in_cgroup printk "$memhog" 24 || fail "the workload failed"
sleep 1
kill -INT "$tracer"
wait "$tracer" || fail "trace did not exit cleanly"
"$memcgpp" detach /sys/fs/bpf/printk >/dev/null || fail "detach of the printk policy failed"
expect '^trace: .*memcg_printk: cgroup printk gfp_mask' "$(cat /tmp/trace.log)"
echo "trace: follows a pinned policy's log"

"$memcgpp" attach "$objects/reclaim_batch.bpf.o" >/tmp/attach.log 2>&1 &
holder=$!
wait_for /tmp/attach.log '^attached reclaim_batch'
kill -KILL "$holder"
wait "$holder" 2>/dev/null
expect '^no policy attached' "$("$memcgpp" status)"
echo "a killed memcgpp leaves no policy attached"

if "$memcgpp" frobnicate >/dev/null 2>&1; then fail "an unknown command succeeded"; fi
"$memcgpp" frobnicate >/dev/null 2>&1
[ $? -eq 2 ] || fail "usage errors exit with 2"
echo "PASS: the memcgpp command line"
