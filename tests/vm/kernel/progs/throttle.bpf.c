// SPDX-License-Identifier: GPL-2.0
/*
 * Sets a lower bound of delay_ms on the memory.high throttle of the cgroups
 * it governs, for their first "throttles" times over memory.high, and counts
 * in "asked" how often the kernel asked.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

const volatile unsigned int delay_ms = 2000;
const volatile u64 throttles = 1;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} asked SEC(".maps");

SEC("struct_ops/get_high_delay_ms")
unsigned int BPF_PROG(throttle_delay, struct mem_cgroup *memcg)
{
	u32 key = 0;
	u64 *count = bpf_map_lookup_elem(&asked, &key);

	if (!count)
		return 0;
	return __sync_fetch_and_add(count, 1) < throttles ? delay_ms : 0;
}

SEC(".struct_ops.link")
struct memcg_ops throttle_ops = {
	.get_high_delay_ms = (void *)throttle_delay,
};
