# The installed package's application, built out of tree (install.sh), runs
# its policy on the patched kernel: attached for a cgroup while a workload
# there reclaims, and detached when it exits.
. "$(dirname "$0")/../vm/guest_lib.sh"
consumer=${1:?usage: sh vm_consumer.sh CONSUMER MEMCGPP MEMHOG}
memcgpp=${2:?usage: sh vm_consumer.sh CONSUMER MEMCGPP MEMHOG}
memhog=${3:?usage: sh vm_consumer.sh CONSUMER MEMCGPP MEMHOG}

mkdir /sys/fs/cgroup/app
echo 16M >/sys/fs/cgroup/app/memory.max
out=$("$consumer" /sys/fs/cgroup/app "$memhog" 48) || fail "the application failed: $out"
echo "$out" | grep -q '^raised [1-9]' || fail "the policy raised no reclaim: $out"
"$memcgpp" status | grep -q '^no policy attached' || fail "the policy outlived the application"
echo "PASS: the out-of-tree application attached its policy, which acted, and detached"
