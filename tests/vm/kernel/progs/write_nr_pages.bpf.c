// SPDX-License-Identifier: GPL-2.0
/* Must be accepted: the write the kernel allows, next to the rejected ones. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

SEC("struct_ops/try_charge_memcg")
int BPF_PROG(write_nr_pages, struct try_charge_memcg *tcm)
{
	tcm->nr_pages = 64;
	return 0;
}

SEC(".struct_ops")
struct memcg_ops write_nr_pages_ops = {
	.try_charge_memcg = (void *)write_nr_pages,
};
