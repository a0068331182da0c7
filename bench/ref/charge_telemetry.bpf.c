// SPDX-License-Identifier: GPL-2.0
/* charge_telemetry, written by hand in libbpf C: what memcgpp-compile is measured against. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

struct cgroup_counts {
	__u64 charges;
	__u64 failed;
	__u64 reclaim_requests;
};

struct charge_failure {
	__u64 cgroup;
	__u64 over_limit;
	__u64 nr_pages;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u64);
	__type(value, struct cgroup_counts);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} failures SEC(".maps");

static struct cgroup_counts *count(__u64 cgroup)
{
	struct cgroup_counts zero = {}, *found;

	found = bpf_map_lookup_elem(&counts, &cgroup);
	if (found)
		return found;
	bpf_map_update_elem(&counts, &cgroup, &zero, BPF_NOEXIST);
	return bpf_map_lookup_elem(&counts, &cgroup);
}

SEC("struct_ops/try_charge_memcg")
int BPF_PROG(telemetr_charge, struct try_charge_memcg *tcm)
{
	__u64 cgroup = tcm->memcg->css.cgroup->kn->id;
	struct cgroup_counts *mine = count(cgroup), *theirs;
	struct charge_failure failure;

	if (tcm->charge_done) {
		if (mine)
			mine->charges += 1;
		return 0;
	}
	if (mine)
		mine->failed += 1;
	if (!tcm->mem_over_limit)
		return 0;
	failure.cgroup = cgroup;
	failure.over_limit = tcm->mem_over_limit->css.cgroup->kn->id;
	failure.nr_pages = tcm->nr_pages;
	theirs = count(failure.over_limit);
	if (theirs && (tcm->gfp_mask & (1u << 10))) /* __GFP_DIRECT_RECLAIM */
		theirs->reclaim_requests += 1;
	bpf_ringbuf_output(&failures, &failure, sizeof(failure), 0);
	return 0;
}

SEC(".struct_ops")
struct memcg_ops telemetry = {
	.try_charge_memcg = (void *)telemetr_charge,
};
