// SPDX-License-Identifier: GPL-2.0
/* priority, written by hand in libbpf C: what memcgpp-compile is measured against. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

const volatile __u64 high_cgroup;
const volatile __u64 low_cgroup;
const volatile __u64 active_window_ms = 1000;
const volatile __u32 throttle_ms = 200;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} last_active SEC(".maps");

static __u64 cgroup_id(struct mem_cgroup *memcg)
{
	return memcg->css.cgroup->kn->id;
}

static bool high_is_active(void)
{
	__u32 key = 0;
	__u64 *last = bpf_map_lookup_elem(&last_active, &key);

	return last && *last && bpf_ktime_get_ns() - *last < active_window_ms * 1000000;
}

SEC("struct_ops/try_charge_memcg")
int BPF_PROG(priority_charge, struct try_charge_memcg *tcm)
{
	__u32 key = 0;
	__u64 now = bpf_ktime_get_ns();

	if (cgroup_id(tcm->memcg) == high_cgroup)
		bpf_map_update_elem(&last_active, &key, &now, BPF_ANY);
	return 0;
}

SEC("struct_ops/below_low")
bool BPF_PROG(priority_below_low, struct mem_cgroup *memcg, unsigned long elow,
	      unsigned long usage)
{
	return cgroup_id(memcg) == high_cgroup && high_is_active();
}

SEC("struct_ops/get_high_delay_ms")
unsigned int BPF_PROG(priority_high_delay, struct mem_cgroup *memcg)
{
	return cgroup_id(memcg) == low_cgroup && high_is_active() ? throttle_ms : 0;
}

SEC(".struct_ops.link")
struct memcg_ops priority = {
	.try_charge_memcg = (void *)priority_charge,
	.below_low = (void *)priority_below_low,
	.get_high_delay_ms = (void *)priority_high_delay,
};
