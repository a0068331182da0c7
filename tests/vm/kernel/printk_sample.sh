# The memcg_printk sample prints each charge of a cgroup, and the cgroup whose
# limit was hit once a charge fails.
. "$(dirname "$0")/../guest_lib.sh"

SAMPLE_DIR=${2:?usage: sh printk_sample.sh BIN_DIR SAMPLE_DIR}
tracing=/sys/kernel/tracing
echo >"$tracing/trace"
"$SAMPLE_DIR/memcg_printk" >/tmp/sample.log 2>&1 &
sample=$!
wait_for /tmp/sample.log attached

mkdir /sys/fs/cgroup/printk
echo 16M >/sys/fs/cgroup/printk/memory.max
cat "$tracing/trace_pipe" >/tmp/trace &
reader=$!
in_cgroup printk "$BIN/memhog" 48 || fail "the workload failed"
sleep 1
kill "$reader" "$sample"
wait "$sample" || fail "memcg_printk failed: $(cat /tmp/sample.log)"

grep -m 3 'memcg_printk: cgroup printk gfp_mask' /tmp/trace ||
  fail "no charge line for cgroup printk"
grep -m 3 'memcg_printk: cgroup printk over limit of printk' /tmp/trace ||
  fail "no over-limit line for cgroup printk"
echo "PASS: memcg_printk reports charges and the over-limit cgroup"
