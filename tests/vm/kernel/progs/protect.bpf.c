// SPDX-License-Identifier: GPL-2.0
/*
 * Protects every cgroup it governs from reclaim: through below_min when
 * "hard" is set, through below_low otherwise. Attached to one cgroup, it
 * shields that cgroup from reclaim that its parent's limit causes.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

const volatile bool hard;

SEC("struct_ops/below_low")
bool BPF_PROG(protect_low, struct mem_cgroup *memcg, unsigned long elow,
	      unsigned long usage)
{
	return !hard;
}

SEC("struct_ops/below_min")
bool BPF_PROG(protect_min, struct mem_cgroup *memcg, unsigned long emin,
	      unsigned long usage)
{
	return hard;
}

SEC(".struct_ops.link")
struct memcg_ops protect_ops = {
	.below_low = (void *)protect_low,
	.below_min = (void *)protect_min,
};
