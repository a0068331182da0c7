# The VM half of bench/run: prints "RESULT NAME VALUE" lines.
#   sh guest.sh BIN OBJECTS ROUNDS          everything below
#   sh guest.sh BIN OBJECTS ROUNDS faults   the page-fault workload only, for
#                                           a kernel with or without memcg_ops
bin=$1
objects=$2
rounds=$3
memcgpp=$bin/memcgpp

mkdir /sys/fs/cgroup/bench
fault_ns() { # nanoseconds the workload's page faults took: 16384 of 4 KiB
  sh -c 'echo $$ >/sys/fs/cgroup/bench/cgroup.procs && exec "$0" 64 1 time small-pages' "$objects/memhog"
}
fault_ns >/dev/null # a first run warms up what all later runs share
if [ "$4" = faults ]; then
  round=0
  while [ $round -lt "$rounds" ]; do
    echo "RESULT fault_ns:kernel $(fault_ns)"
    round=$((round + 1))
  done
  exit 0
fi

# Instructions the verifier processed, per object.
for object in "$objects"/*.bpf.o; do
  n=$("$memcgpp" check --json "$object" | sed -n 's/.*"verified_insns":\([0-9]*\).*/\1/p')
  echo "RESULT verified_insns:$(basename "$object" .bpf.o) $n"
done

# The cost per page fault: a page-fault-heavy workload in an unlimited
# cgroup, with no policy, then each policy, alternating, in the same boot.
round=0
while [ $round -lt "$rounds" ]; do
  echo "RESULT fault_ns:none $(fault_ns)"
  for policy in empty telemetry; do
    "$memcgpp" attach "$objects/$policy.bpf.o" --pin /sys/fs/bpf/bench >/dev/null
    echo "RESULT fault_ns:$policy $(fault_ns)"
    "$memcgpp" detach /sys/fs/bpf/bench >/dev/null
  done
  round=$((round + 1))
done

# Reclaim passes of a workload held at its limit, without and with reclaim_batch.
passes() {
  mkdir "/sys/fs/cgroup/$1"
  echo 32M >"/sys/fs/cgroup/$1/memory.max"
  sh -c 'echo $$ >"$1/cgroup.procs" && exec "$0" 96 2' "$objects/memhog" "/sys/fs/cgroup/$1"
  sed -n 's/^max //p' "/sys/fs/cgroup/$1/memory.events"
}
echo "RESULT reclaim_passes:none $(passes plain)"
mkdir /sys/fs/cgroup/batch
"$memcgpp" attach "$objects/reclaim_batch.bpf.o" --pin /sys/fs/bpf/batch \
  --set "batch_cgroup=$(stat -c %i /sys/fs/cgroup/batch)" >/dev/null
echo 32M >/sys/fs/cgroup/batch/memory.max
sh -c 'echo $$ >/sys/fs/cgroup/batch/cgroup.procs && exec "$0" 96 2' "$objects/memhog"
echo "RESULT reclaim_passes:reclaim_batch $(sed -n 's/^max //p' /sys/fs/cgroup/batch/memory.events)"
"$memcgpp" detach /sys/fs/bpf/batch >/dev/null
