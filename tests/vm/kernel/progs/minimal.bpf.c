// SPDX-License-Identifier: GPL-2.0
/* The smallest memcg_ops handler, attached by updating its struct_ops map. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

SEC("struct_ops/try_charge_memcg")
int BPF_PROG(minimal_charge, struct try_charge_memcg *tcm)
{
	return 0;
}

SEC(".struct_ops")
struct memcg_ops minimal_ops = {
	.try_charge_memcg = (void *)minimal_charge,
};
