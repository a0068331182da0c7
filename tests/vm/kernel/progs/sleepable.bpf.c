// SPDX-License-Identifier: GPL-2.0
/*
 * Must be rejected when loaded as sleepable: charges run in atomic context,
 * so no hook may sleep. ops_loader --sleepable sets BPF_F_SLEEPABLE, as the
 * "struct_ops.s/" section does with libbpf 1.2 and later.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

SEC("struct_ops/try_charge_memcg")
int BPF_PROG(sleepable_charge, struct try_charge_memcg *tcm)
{
	return 0;
}

SEC(".struct_ops")
struct memcg_ops sleepable_ops = {
	.try_charge_memcg = (void *)sleepable_charge,
};
