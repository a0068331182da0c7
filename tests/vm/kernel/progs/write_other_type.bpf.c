// SPDX-License-Identifier: GPL-2.0
/*
 * Must be rejected: writes at the offset of nr_pages, but into the
 * struct mem_cgroup that tcm->memcg points to.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

SEC("struct_ops/try_charge_memcg")
int BPF_PROG(write_other_type, struct try_charge_memcg *tcm)
{
	struct try_charge_memcg *alias = (void *)tcm->memcg;

	alias->nr_pages = 1;
	return 0;
}

SEC(".struct_ops")
struct memcg_ops write_other_type_ops = {
	.try_charge_memcg = (void *)write_other_type,
};
