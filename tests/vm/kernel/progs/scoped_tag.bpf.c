// SPDX-License-Identifier: GPL-2.0
/*
 * Says which policy governs a charge: each attached copy prints its tag and
 * the charged cgroup's name, so a test can attach several, at several levels
 * of a hierarchy, and see which one a cgroup gets.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

const volatile int tag;

SEC("struct_ops/try_charge_memcg")
int BPF_PROG(scoped_tag, struct try_charge_memcg *tcm)
{
	if (tcm->charge_done)
		bpf_printk("scoped_tag %d governs %s", tag,
			   tcm->memcg->css.cgroup->kn->name);
	return 0;
}

SEC(".struct_ops.link")
struct memcg_ops scoped_tag_ops = {
	.try_charge_memcg = (void *)scoped_tag,
};
