// SPDX-License-Identifier: GPL-2.0
/* Must be rejected: only nr_pages of the context is writable. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

SEC("struct_ops/try_charge_memcg")
int BPF_PROG(write_gfp_mask, struct try_charge_memcg *tcm)
{
	tcm->gfp_mask = 0;
	return 0;
}

SEC(".struct_ops")
struct memcg_ops write_gfp_mask_ops = {
	.try_charge_memcg = (void *)write_gfp_mask,
};
