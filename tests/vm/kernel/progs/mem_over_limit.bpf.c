// SPDX-License-Identifier: GPL-2.0
/*
 * Reports what tcm->mem_over_limit holds: the cgroup whose limit was hit
 * after a failed charge, and NULL (never stack garbage) after a successful one.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

SEC("struct_ops/try_charge_memcg")
int BPF_PROG(mem_over_limit_check, struct try_charge_memcg *tcm)
{
	if (tcm->charge_done && tcm->mem_over_limit)
		bpf_printk("mem_over_limit_check: set after a successful charge");
	else if (tcm->charge_done)
		bpf_printk("mem_over_limit_check: NULL after a successful charge");
	else if (tcm->mem_over_limit)
		bpf_printk("mem_over_limit_check: %s after a failed charge",
			   tcm->mem_over_limit->css.cgroup->kn->name);
	else
		bpf_printk("mem_over_limit_check: NULL after a failed charge");
	return 0;
}

SEC(".struct_ops.link")
struct memcg_ops mem_over_limit_ops = {
	.try_charge_memcg = (void *)mem_over_limit_check,
};
