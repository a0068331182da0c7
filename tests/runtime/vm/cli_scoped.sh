# memcgpp attach --cgroup on the patched kernel: nesting with and without
# --allow-override, the scopes `status` shows, detach, and a cgroup removed
# under its policy.
. "$(dirname "$0")/../../vm/guest_lib.sh"
objects=${2:?usage: sh cli_scoped.sh BIN OBJECTS MEMHOG}
memhog=${3:?usage: sh cli_scoped.sh BIN OBJECTS MEMHOG}
memcgpp=$BIN/memcgpp
cg=/sys/fs/cgroup

expect() { # expect PATTERN OUTPUT: the output has a line matching PATTERN
  echo "$2" | grep -q -- "$1" || { echo "$2"; fail "no '$1' in the output above"; }
}
refuse() { # refuse PATTERN OUTPUT: no line matches PATTERN
  if echo "$2" | grep -q -- "$1"; then echo "$2"; fail "'$1' in the output above"; fi
}
link_of() { # link_of NAME: the link id `status` shows for policy NAME
  "$memcgpp" status | sed -n "s/^policy $1 (link \([0-9]*\)).*/\1/p" | head -n 1
}
key_of() { # key_of CGROUP: how `maps` begins keyed's keys for it (the id's bytes, little-endian)
  printf '0x%s' "$(printf '%016x' "$(stat -c %i "$1")" | sed 's/../& /g' |
    awk '{ for (i = NF; i > 0; i--) printf "%s", $i }')"
}

mkdir -p $cg/l1/l2/l3
echo +memory >$cg/l1/cgroup.subtree_control

out=$("$memcgpp" status) || fail "status failed: $out"
expect '^kernel: memcg_ops, with hooks .*memcg_uncharged' "$out"

# Usage and path errors, before the kernel is asked.
"$memcgpp" attach "$objects/keyed.bpf.o" --allow-override >/dev/null 2>&1
[ $? -eq 2 ] || fail "--allow-override without --cgroup is not a usage error"
if out=$("$memcgpp" attach "$objects/keyed.bpf.o" --cgroup l1/l2 2>&1); then fail "a relative path attached"; fi
expect "cgroup l1/l2 does not exist.*did you mean $cg/l1/l2?" "$out"
if out=$("$memcgpp" attach "$objects/keyed.bpf.o" --cgroup /sys/fs/bpf 2>&1); then fail "bpffs attached"; fi
expect '/sys/fs/bpf is not a cgroup2 directory: it is on bpffs' "$out"
# l2 does not delegate the memory controller to l3 yet.
if out=$("$memcgpp" attach "$objects/keyed.bpf.o" --cgroup $cg/l1/l2/l3 2>&1); then
  fail "a cgroup without the memory controller attached"
fi
expect "has no memory controller: enable it for the children of its parent (echo +memory > $cg/l1/l2/cgroup.subtree_control)" "$out"
echo +memory >$cg/l1/l2/cgroup.subtree_control
echo "attach --cgroup: usage, path and controller errors"

out=$("$memcgpp" attach "$objects/keyed.bpf.o" --cgroup $cg/l1 --allow-override --pin /sys/fs/bpf/l1) ||
  fail "level 1 with --allow-override: $out"
expect "^attached keyed to cgroup $cg/l1, allowing override below it and pinned it at /sys/fs/bpf/l1" "$out"
out=$("$memcgpp" attach "$objects/reclaim_batch.bpf.o" --cgroup $cg/l1/l2 --pin /sys/fs/bpf/l2) ||
  fail "level 2 under an overridable level 1: $out"
expect "^attached reclaim_batch to cgroup $cg/l1/l2 and pinned it" "$out"
l2_link=$(link_of reclaim_batch)
if out=$("$memcgpp" attach "$objects/printk.bpf.o" --cgroup $cg/l1/l2/l3 --pin /sys/fs/bpf/l3 2>&1); then
  fail "level 3 attached under a level 2 that does not allow override"
fi
expect "cannot attach memcg_printk to cgroup $cg/l1/l2/l3: its ancestor $cg/l1/l2 has reclaim_batch (link $l2_link), attached without allow_override (--allow-override)" "$out"
[ ! -e /sys/fs/bpf/l3 ] || fail "a refused attach left a pin"
if out=$("$memcgpp" attach "$objects/printk.bpf.o" --cgroup $cg/l1/l2 2>&1); then fail "a second policy on l2"; fi
expect "reclaim_batch (link $l2_link) is attached to that cgroup already" "$out"
echo "attach --cgroup: level 1 allows override, level 2 attaches, level 3 is refused with the reason"

out=$("$memcgpp" attach "$objects/printk.bpf.o" --pin /sys/fs/bpf/global) || fail "global beside scoped: $out"
out=$("$memcgpp" status) || fail "status failed: $out"
expect "^policy keyed (link [0-9]*): cgroup $cg/l1\$" "$out"
expect "^policy reclaim_batch (link $l2_link): cgroup $cg/l1/l2\$" "$out"
expect '^policy memcg_printk (link [0-9]*): global$' "$out"
out=$("$memcgpp" status --json) || fail "status --json failed: $out"
expect "\"name\":\"keyed\",\"link_id\":[0-9]*,\"scope\":\"$cg/l1\",\"cgroup_id\":$(stat -c %i $cg/l1)," "$out"
expect "\"name\":\"memcg_printk\",\"link_id\":[0-9]*,\"scope\":\"global\",\"cgroup_id\":0," "$out"
echo "status: each policy's scope, global or its cgroup"

l3_key=$(key_of $cg/l1/l2/l3)
in_cgroup l1/l2/l3 "$memhog" 8 || fail "the workload failed"
out=$("$memcgpp" maps /sys/fs/bpf/l1) || fail "maps failed: $out"
expect '^map charges (hash' "$out"
refuse "^  \[$l3_key" "$out" # l2's policy governs l3, not l1's
out=$("$memcgpp" detach /sys/fs/bpf/l2) || fail "detach failed: $out"
expect "^detached reclaim_batch from cgroup $cg/l1/l2\$" "$out"
refuse '^policy reclaim_batch' "$("$memcgpp" status)"
in_cgroup l1/l2/l3 "$memhog" 8 || fail "the workload failed"
out=$("$memcgpp" maps /sys/fs/bpf/l1) || fail "maps failed: $out"
expect "^  \[$l3_key" "$out" # now l1's policy governs l3
out=$("$memcgpp" attach "$objects/reclaim_batch.bpf.o" --cgroup $cg/l1/l2/l3 --pin /sys/fs/bpf/l3) ||
  fail "level 3 after level 2 detached: $out"
"$memcgpp" detach /sys/fs/bpf/l3 >/dev/null || fail "detach of level 3 failed"
echo "detach: the ancestor's policy governs again, and level 3 may attach"

# A cgroup removed under a policy that memcgpp holds: the kernel detaches it,
# and memcgpp says so and exits.
mkdir $cg/gone
"$memcgpp" attach "$objects/reclaim_batch.bpf.o" --cgroup $cg/gone >/tmp/gone.log 2>&1 &
holder=$!
wait_for /tmp/gone.log "^attached reclaim_batch to cgroup $cg/gone"
expect "cgroup $cg/gone\$" "$("$memcgpp" status)"
rmdir $cg/gone
wait_for /tmp/gone.log "^the kernel detached reclaim_batch: cgroup $cg/gone was removed"
wait "$holder" || fail "attach did not exit cleanly: $(cat /tmp/gone.log)"
refuse "cgroup $cg/gone" "$("$memcgpp" status)"
# And a pinned one: gone from status; detach removes the pin.
mkdir $cg/gone_pinned
out=$("$memcgpp" attach "$objects/reclaim_batch.bpf.o" --cgroup $cg/gone_pinned --pin /sys/fs/bpf/gone) ||
  fail "attach --pin: $out"
rmdir $cg/gone_pinned
i=0
while "$memcgpp" status | grep -q "cgroup $cg/gone_pinned"; do
  i=$((i + 1))
  [ $i -le 50 ] || fail "status still lists the policy of a removed cgroup"
  sleep 0.1
done
out=$("$memcgpp" detach /sys/fs/bpf/gone) || fail "detach of a pin whose cgroup was removed: $out"
[ ! -e /sys/fs/bpf/gone ] || fail "the pin is still there"
echo "rmdir: the kernel detaches the cgroup's policy, and status no longer lists it"

for pin in l1 global; do "$memcgpp" detach /sys/fs/bpf/$pin >/dev/null || fail "detach $pin failed"; done
expect '^no policy attached' "$("$memcgpp" status)"
echo "PASS: memcgpp attach --cgroup"
