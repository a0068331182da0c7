# A policy that answers below_min (or below_low) protects its cgroup from
# reclaim that a shared parent limit causes: its memory.stat shows no scans,
# against scans without the policy, in the same boot.
. "$(dirname "$0")/../guest_lib.sh"

cg=/sys/fs/cgroup

# scans ROUND [LOADER ARGS...]: under a parent limit of 64 MiB, "kept" keeps
# touching 40 MiB while "churn" goes through 96 MiB; sets pgscan to kept's.
scans() {
  round=$1
  shift
  mkdir $cg/$round
  echo +memory >$cg/$round/cgroup.subtree_control
  echo 64M >$cg/$round/memory.max
  mkdir $cg/$round/kept $cg/$round/churn
  [ $# -eq 0 ] || hold_as "$round" protect.bpf.o --cgroup $cg/$round/kept "$@"
  in_cgroup "$round/kept" "$BIN/memhog" 40 100000 &
  kept=$!
  sleep 2
  in_cgroup "$round/churn" "$BIN/memhog" 96 2 || fail "the churn failed in $round"
  kill "$kept"
  wait "$kept" 2>/dev/null
  [ $# -eq 0 ] || release_as "$round"
  pgscan=$(sed -n 's/^pgscan //p' $cg/$round/kept/memory.stat)
}

scans unprotected
without=$pgscan
scans protected_min --set hard=1
with_min=$pgscan
scans protected_low --set hard=0
with_low=$pgscan
echo "kept's pgscan: without a policy $without, below_min $with_min, below_low $with_low"
[ "$without" -gt 0 ] || fail "the churn never made reclaim scan kept"
[ "$with_min" -eq 0 ] || fail "below_min did not keep reclaim off kept"
[ "$with_low" -lt "$without" ] || fail "below_low did not cut reclaim of kept"
echo "PASS: below_min and below_low protect a cgroup from its parent's reclaim"
