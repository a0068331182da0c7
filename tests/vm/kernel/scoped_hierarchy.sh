# Policies attached to cgroups govern their subtrees: the nearest one wins,
# nesting follows the override rule, detach restores the ancestor's policy,
# and the global policy governs only where no cgroup policy does.
. "$(dirname "$0")/../guest_lib.sh"

cg=/sys/fs/cgroup
# Processes live in leaves only: l1/leaf, l1/l2/l3, other.
mkdir -p $cg/l1/l2/l3 $cg/other
echo +memory >$cg/l1/cgroup.subtree_control
echo +memory >$cg/l1/l2/cgroup.subtree_control
mkdir $cg/l1/leaf
trace=/sys/kernel/tracing/trace

# governor CGROUP: the tag of the policy that governs CGROUP (a path under
# the cgroup root), or "none", from what scoped_tag prints on a charge.
governor() {
  echo >$trace
  in_cgroup "$1" "$BIN/memhog" 2 || fail "the workload failed in $1"
  leaf=${1##*/}
  tags=$(sed -n "s/.*scoped_tag \([0-9]*\) governs $leaf\$/\1/p" $trace | sort -u)
  echo "${tags:-none}"
}

# expect CGROUP TAG: the policy tagged TAG governs CGROUP.
expect() {
  got=$(governor "$1")
  [ "$got" = "$2" ] || fail "$1 is governed by '$got', expected '$2'"
  echo "$1: governed by $2"
}

# attach_fails CGROUP ERRNO [ARGS...]: attaching there fails with ERRNO.
attach_fails() {
  where=$1
  errno=$2
  shift 2
  if out=$("$BIN/ops_loader" attach "$BIN/scoped_tag.bpf.o" --cgroup "$cg/$where" "$@" 2>&1); then
    fail "attach to $where succeeded: $out"
  fi
  echo "$out" | grep -q "$errno" || fail "attach to $where: expected $errno, got: $out"
  echo "$where: attach refused with $errno"
}

hold_as global scoped_tag.bpf.o --set tag=9
expect l1/l2/l3 9

# Level 1, allowing override: it governs the whole subtree, not its sibling.
hold_as l1 scoped_tag.bpf.o --set tag=1 --cgroup $cg/l1 --allow-override
expect l1/l2/l3 1
expect other 9
attach_fails l1 EBUSY --allow-override

# Level 2, under an overridable level 1: it takes its own subtree.
hold_as l2 scoped_tag.bpf.o --set tag=2 --cgroup $cg/l1/l2
expect l1/l2/l3 2
expect l1/leaf 1

# Level 3, under a level 2 that allows no override: EBUSY.
attach_fails l1/l2/l3 EBUSY --allow-override

# A policy that allows no override cannot go above one that has its own.
release_as l1
attach_fails l1 EBUSY

# Detach restores what the ancestor had, down the subtree.
hold_as l1 scoped_tag.bpf.o --set tag=1 --cgroup $cg/l1 --allow-override
release_as l2
expect l1/l2/l3 1
release_as l1
expect l1/l2/l3 9
release_as global
expect l1/l2/l3 none

# New cgroups take the policy of their parent.
hold_as l1 scoped_tag.bpf.o --set tag=1 --cgroup $cg/l1 --allow-override
mkdir $cg/l1/l2/late
expect l1/l2/late 1
release_as l1
expect l1/l2/late none

# One policy, several cgroups.
hold_as l1 scoped_tag.bpf.o --set tag=1 --cgroup $cg/l1/l2/l3
hold_as other scoped_tag.bpf.o --set tag=1 --cgroup $cg/other
expect l1/l2/l3 1
expect other 1
expect l1/leaf none
release_as other
release_as l1

# A cgroup without the memory controller has no memcg to govern.
mkdir $cg/l1/l2/l3/no_memory
attach_fails l1/l2/l3/no_memory EINVAL
echo "PASS: scoped policies nest by the override rule, and detach restores the ancestor's"
