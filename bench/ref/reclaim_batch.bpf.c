// SPDX-License-Identifier: GPL-2.0
/* reclaim_batch, written by hand in libbpf C: what memcgpp-compile is measured against. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

const volatile __u64 batch_cgroup;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} raised SEC(".maps");

SEC("struct_ops/try_charge_memcg")
int BPF_PROG(reclaim_charge, struct try_charge_memcg *tcm)
{
	__u32 key = 0;
	__u64 *count;

	if (tcm->charge_done || tcm->memcg->css.cgroup->kn->id != batch_cgroup)
		return 0;
	count = bpf_map_lookup_elem(&raised, &key);
	if (count)
		__sync_fetch_and_add(count, 1);
	tcm->nr_pages = 512;
	return 1;
}

SEC(".struct_ops")
struct memcg_ops reclaim_batch = {
	.try_charge_memcg = (void *)reclaim_charge,
};
