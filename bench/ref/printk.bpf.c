// SPDX-License-Identifier: GPL-2.0
/* memcg_printk, written by hand in libbpf C: what memcgpp-compile is measured against. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

SEC("struct_ops/try_charge_memcg")
int BPF_PROG(memcg_pr_charge, struct try_charge_memcg *tcm)
{
	const char *name = tcm->memcg->css.cgroup->kn->name;

	bpf_printk("memcg_printk: cgroup %s gfp_mask 0x%x nr_pages %lu reclaim_options 0x%x",
		   name, tcm->gfp_mask, tcm->nr_pages, tcm->reclaim_options);
	if (!tcm->charge_done && tcm->mem_over_limit)
		bpf_printk("memcg_printk: cgroup %s over limit of %s", name,
			   tcm->mem_over_limit->css.cgroup->kn->name);
	return 0;
}

SEC(".struct_ops")
struct memcg_ops memcg_printk = {
	.try_charge_memcg = (void *)memcg_pr_charge,
};
