# The guest half of scripts/demo.
set -e
bin=$1
tests=$2
policies=$3
cg=/sys/fs/cgroup/demo

step() { printf '\n==> %s\n' "$*"; }

# reclaim_passes NAME: runs a workload of 96 MiB, twice over, in the cgroup
# NAME limited to 32 MiB, and prints how many times reclaim ran.
reclaim_passes() {
  echo 32M >"/sys/fs/cgroup/$1/memory.max"
  sh -c 'echo $$ >"$0/cgroup.procs" && exec "$1" 96 2' "/sys/fs/cgroup/$1" "$tests/memhog"
  sed -n 's/^max //p' "/sys/fs/cgroup/$1/memory.events"
}

step "The kernel carries memcg_ops"
grep -o 'memcg_ops' /sys/kernel/btf/vmlinux | head -n 1

step "Attaching the memcg_printk sample"
echo >/sys/kernel/tracing/trace
"$bin/memcg_printk" &
sample=$!
sleep 1

step "Charging 48 MiB into cgroup 'demo', whose memory.max is 16 MiB"
mkdir "$cg"
echo 16M >"$cg/memory.max"
sh -c 'echo $$ >"$0/cgroup.procs" && exec "$1" 48' "$cg" "$tests/memhog"
kill "$sample"
wait "$sample"

step "What the handler printed (first lines of each kind)"
grep -m 5 'memcg_printk: cgroup demo gfp_mask' /sys/kernel/tracing/trace
grep -m 5 'over limit of' /sys/kernel/tracing/trace

step "memory.events of 'demo': each 'max' is a charge that hit the limit"
cat "$cg/memory.events"

step "charge_telemetry: cgroup 'web' at its 16 MiB limit, cgroup 'batch' free"
"$bin/telemetry_top" --interval 1000 >/tmp/top.txt 2>&1 &
top=$!
sleep 1
mkdir /sys/fs/cgroup/web /sys/fs/cgroup/batch
echo 16M >/sys/fs/cgroup/web/memory.max
sh -c 'echo $$ >/sys/fs/cgroup/web/cgroup.procs && exec "$0" 48' "$tests/memhog" &
web=$!
sh -c 'echo $$ >/sys/fs/cgroup/batch/cgroup.procs && exec "$0" 32' "$tests/memhog"
wait "$web"
sleep 2
kill -INT "$top"
wait "$top"
echo "the last refresh of telemetry_top (it redraws like top on a terminal):"
tail -n 4 /tmp/top.txt

step "reclaim_batch, compiled from C++, attached with memcgpp for the cgroup 'batch'"
mkdir /sys/fs/cgroup/plain
without=$(reclaim_passes plain)
"$bin/memcgpp" attach "$policies/reclaim_batch.bpf.o" \
  --set "batch_cgroup=$(stat -c %i /sys/fs/cgroup/batch)" --pin /sys/fs/bpf/reclaim_batch
"$bin/memcgpp" status
with=$(reclaim_passes batch)
"$bin/memcgpp" maps /sys/fs/bpf/reclaim_batch
"$bin/memcgpp" detach /sys/fs/bpf/reclaim_batch
echo "reclaim passes for the same workload: $without without the policy, $with with it"
