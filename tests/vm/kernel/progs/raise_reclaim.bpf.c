// SPDX-License-Identifier: GPL-2.0
/*
 * Asks for a huge page's worth of reclaim whenever a charge fails, instead of
 * the kernel's choice of the charge size.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define HPAGE_PMD_NR 512

char _license[] SEC("license") = "GPL";

SEC("struct_ops/try_charge_memcg")
int BPF_PROG(raise_reclaim, struct try_charge_memcg *tcm)
{
	if (tcm->charge_done)
		return 0;
	tcm->nr_pages = HPAGE_PMD_NR;
	return 1;
}

SEC(".struct_ops.link")
struct memcg_ops raise_reclaim_ops = {
	.try_charge_memcg = (void *)raise_reclaim,
};
