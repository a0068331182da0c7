# The SDK's BPF backend on the patched kernel: a policy using every map
# kind, a parameter, a ring buffer, logging and CO-RE reads passes the
# verifier, and the memcg_printk policy, written in C++, prints what the
# RFC's C sample prints.
. "$(dirname "$0")/../../vm/guest_lib.sh"
tools=${2:?usage: sh bpf_backend.sh BPF_DIR TOOLS_DIR}
LOADER=$tools/ops_loader
MEMHOG=$tools/memhog

out=$("$tools/ops_loader" load "$BIN/everything.bpf.o" 2>&1) ||
  { echo "$out" | tail -n 30; fail "the verifier rejected the SDK's everything policy"; }
echo "everything.bpf.o: the verifier accepted it"

echo >/sys/kernel/tracing/trace
hold printk_policy.bpf.o
charge sdk_printk 8M 24
release
grep -m 2 'memcg_printk: cgroup sdk_printk gfp_mask 0x[0-9a-f]* nr_pages [0-9]* reclaim_options 0x2' \
  /sys/kernel/tracing/trace || fail "no charge line from the C++ memcg_printk policy"
grep -m 2 'memcg_printk: cgroup sdk_printk over limit of sdk_printk' /sys/kernel/tracing/trace ||
  fail "no over-limit line from the C++ memcg_printk policy"
echo "PASS: the verifier accepts SDK policies, and memcg_printk in C++ works"
