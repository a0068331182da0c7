// SPDX-License-Identifier: GPL-2.0
/*
 * BTF only: a struct memcg_ops with the memcg_uncharged member that comes
 * with cgroup-scoped policies, as a kernel with them describes it. It
 * declares the types it needs, so that it builds without a kernel.
 */
struct memcg_ops {
	int (*try_charge_memcg)(void *tcm);
	void (*memcg_uncharged)(void *memcg, unsigned long nr_pages);
};

__attribute__((section(".data"), used))
struct memcg_ops scoped_ops_btf;

char _license[] __attribute__((section("license"), used)) = "GPL";
