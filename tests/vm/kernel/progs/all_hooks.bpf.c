// SPDX-License-Identifier: GPL-2.0
/*
 * Implements every memcg_ops hook and counts its calls in "calls", and reads
 * memcg state through every kfunc into "state" on each charge of the cgroup
 * whose id is "watched", so that a test can check that each hook fires and
 * each kfunc reads what the cgroup files say.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

const volatile u64 watched;

struct mem_cgroup *bpf_get_root_mem_cgroup(void) __ksym;
struct mem_cgroup *bpf_get_mem_cgroup(struct cgroup_subsys_state *css) __ksym;
struct mem_cgroup *bpf_get_parent_mem_cgroup(struct mem_cgroup *memcg) __ksym;
struct mem_cgroup *bpf_get_over_limit_mem_cgroup(struct try_charge_memcg *tcm) __ksym;
void bpf_put_mem_cgroup(struct mem_cgroup *memcg) __ksym;
u64 bpf_mem_cgroup_usage(struct mem_cgroup *memcg) __ksym;
u64 bpf_mem_cgroup_max(struct mem_cgroup *memcg) __ksym;
u64 bpf_mem_cgroup_high(struct mem_cgroup *memcg) __ksym;
u64 bpf_mem_cgroup_low(struct mem_cgroup *memcg) __ksym;
u64 bpf_mem_cgroup_min(struct mem_cgroup *memcg) __ksym;
u64 bpf_mem_cgroup_memory_events(struct mem_cgroup *memcg,
				 enum memcg_memory_event event) __ksym;
u64 bpf_mem_cgroup_vm_events(struct mem_cgroup *memcg,
			     enum vm_event_item event) __ksym;
u64 bpf_mem_cgroup_page_state(struct mem_cgroup *memcg, int idx) __ksym;

/* Keys of "calls" */
enum hook_key { CALLS_TRY_CHARGE, CALLS_UNCHARGED, CALLS_UNCHARGED_PAGES,
		CALLS_BELOW_LOW, CALLS_BELOW_MIN, CALLS_HIGH_DELAY, CALLS_ONLINE,
		CALLS_OFFLINE, NR_CALLS };

/* Keys of "state" */
enum state_key { READ_USAGE, READ_MAX, READ_HIGH, READ_LOW, READ_MIN,
		 READ_PARENT_MAX, READ_EVENTS_MAX, READ_PGFAULT, READ_ANON,
		 READ_ROOT_PARENT, READ_OVER_LIMIT_MAX, NR_READS };

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NR_CALLS);
	__type(key, u32);
	__type(value, u64);
} calls SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NR_READS);
	__type(key, u32);
	__type(value, u64);
} state SEC(".maps");

static void count(u32 hook, u64 n)
{
	u64 *value = bpf_map_lookup_elem(&calls, &hook);

	if (value)
		__sync_fetch_and_add(value, n);
}

static void record(u32 key, u64 n)
{
	bpf_map_update_elem(&state, &key, &n, BPF_ANY);
}

SEC("struct_ops/try_charge_memcg")
int BPF_PROG(all_try_charge, struct try_charge_memcg *tcm)
{
	struct mem_cgroup *memcg = tcm->memcg, *over_limit, *parent, *root;

	count(CALLS_TRY_CHARGE, 1);
	if (memcg->css.cgroup->kn->id != watched)
		return 0;
	record(READ_USAGE, bpf_mem_cgroup_usage(memcg));
	record(READ_MAX, bpf_mem_cgroup_max(memcg));
	record(READ_HIGH, bpf_mem_cgroup_high(memcg));
	record(READ_LOW, bpf_mem_cgroup_low(memcg));
	record(READ_MIN, bpf_mem_cgroup_min(memcg));
	record(READ_EVENTS_MAX, bpf_mem_cgroup_memory_events(memcg, MEMCG_MAX));
	record(READ_PGFAULT, bpf_mem_cgroup_vm_events(memcg, PGFAULT));
	record(READ_ANON, bpf_mem_cgroup_page_state(memcg, NR_ANON_MAPPED));
	parent = bpf_get_parent_mem_cgroup(memcg);
	if (parent) {
		record(READ_PARENT_MAX, bpf_mem_cgroup_max(parent));
		bpf_put_mem_cgroup(parent);
	}
	/* mem_over_limit itself is not trusted: RFC programs read it unchecked. */
	over_limit = bpf_get_over_limit_mem_cgroup(tcm);
	if (over_limit) {
		record(READ_OVER_LIMIT_MAX, bpf_mem_cgroup_max(over_limit));
		bpf_put_mem_cgroup(over_limit);
	}
	/* The root has no parent. */
	root = bpf_get_root_mem_cgroup();
	if (root) {
		parent = bpf_get_parent_mem_cgroup(root);
		record(READ_ROOT_PARENT, parent ? 1 : 2);
		if (parent)
			bpf_put_mem_cgroup(parent);
		bpf_put_mem_cgroup(root);
	}
	return 0;
}

SEC("struct_ops/memcg_uncharged")
void BPF_PROG(all_uncharged, struct mem_cgroup *memcg, unsigned int nr_pages)
{
	count(CALLS_UNCHARGED, 1);
	count(CALLS_UNCHARGED_PAGES, nr_pages);
}

SEC("struct_ops/below_low")
bool BPF_PROG(all_below_low, struct mem_cgroup *memcg, unsigned long elow,
	      unsigned long usage)
{
	count(CALLS_BELOW_LOW, 1);
	return false;
}

SEC("struct_ops/below_min")
bool BPF_PROG(all_below_min, struct mem_cgroup *memcg, unsigned long emin,
	      unsigned long usage)
{
	count(CALLS_BELOW_MIN, 1);
	return false;
}

SEC("struct_ops/get_high_delay_ms")
unsigned int BPF_PROG(all_high_delay, struct mem_cgroup *memcg)
{
	count(CALLS_HIGH_DELAY, 1);
	return 0;
}

SEC("struct_ops/handle_cgroup_online")
void BPF_PROG(all_online, struct mem_cgroup *memcg)
{
	struct mem_cgroup *same = bpf_get_mem_cgroup(&memcg->css);

	count(CALLS_ONLINE, 1);
	if (same)
		bpf_put_mem_cgroup(same);
}

SEC("struct_ops/handle_cgroup_offline")
void BPF_PROG(all_offline, struct mem_cgroup *memcg)
{
	count(CALLS_OFFLINE, 1);
}

SEC(".struct_ops.link")
struct memcg_ops all_hooks_ops = {
	.try_charge_memcg = (void *)all_try_charge,
	.memcg_uncharged = (void *)all_uncharged,
	.below_low = (void *)all_below_low,
	.below_min = (void *)all_below_min,
	.get_high_delay_ms = (void *)all_high_delay,
	.handle_cgroup_online = (void *)all_online,
	.handle_cgroup_offline = (void *)all_offline,
};
