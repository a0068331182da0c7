// SPDX-License-Identifier: GPL-2.0
/*
 * A memcg_ops object in the `.struct_ops.link` style, which libbpf before
 * 1.2 cannot read as such. It declares the one type it needs, so that it
 * builds without a kernel.
 */
struct memcg_ops {
	int (*try_charge_memcg)(void *tcm);
};

__attribute__((section("struct_ops/try_charge_memcg"), used))
int link_style_charge(unsigned long long *ctx)
{
	return 0;
}

__attribute__((section(".struct_ops.link"), used))
struct memcg_ops link_style_ops = {
	.try_charge_memcg = (void *)link_style_charge,
};

char _license[] __attribute__((section("license"), used)) = "GPL";
