# The VM gives tests what they rely on: 2 online CPUs, at least 1 GiB,
# cgroup2 with the memory controller for children, bpffs, tracefs and swap.
. "$(dirname "$0")/../guest_lib.sh"

[ "$(cat /sys/devices/system/cpu/online)" = 0-1 ] ||
  fail "online CPUs: $(cat /sys/devices/system/cpu/online)"
mem_kib=$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
[ "$mem_kib" -ge $((1000 * 1024)) ] || fail "only $mem_kib KiB of memory"
grep -q memory /sys/fs/cgroup/cgroup.subtree_control ||
  fail "the memory controller is not enabled for children"
grep -q ' /sys/fs/bpf bpf ' /proc/mounts || fail "no bpffs"
grep -q ' /sys/kernel/tracing tracefs ' /proc/mounts || fail "no tracefs"
swap_kib=$(sed -n 's/^SwapTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)
[ "$swap_kib" -gt 0 ] || fail "no swap"
grep -q memcg_ops /sys/kernel/btf/vmlinux || fail "no memcg_ops in the kernel BTF"
echo "PASS: 2 CPUs, $mem_kib KiB, $swap_kib KiB swap, cgroup2, bpffs, tracefs"
