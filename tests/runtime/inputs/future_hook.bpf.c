// SPDX-License-Identifier: GPL-2.0
/*
 * A hand-written policy with a hook no kernel has, memcg_future_hook, which
 * it marks optional by naming it in its .memcgpp.optional section, as
 * memcgpp-compile does for MEMCGPP_OPTIONAL_HOOK. Its try_charge_memcg
 * counts the charges it sees in the map `charges`.
 *
 * -DFUTURE_HOOK_REQUIRED leaves the hook unmarked; -DEVERY_HOOK_OPTIONAL
 * marks try_charge_memcg optional too. It declares the types it needs, so
 * that it builds without a kernel.
 */
struct memcg_ops {
	int (*try_charge_memcg)(void *tcm);
	void (*memcg_future_hook)(void *memcg);
};

struct {
	int (*type)[2];		/* BPF_MAP_TYPE_ARRAY */
	int (*max_entries)[1];
	unsigned int *key;
	unsigned long long *value;
} charges __attribute__((section(".maps"), used));

static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;

__attribute__((section("struct_ops/try_charge_memcg"), used))
int future_charge(unsigned long long *ctx)
{
	unsigned int zero = 0;
	unsigned long long *count = bpf_map_lookup_elem(&charges, &zero);

	if (count)
		__sync_fetch_and_add(count, 1);
	return 0;
}

__attribute__((section("struct_ops/memcg_future_hook"), used))
void future_hook(unsigned long long *ctx)
{
}

__attribute__((section(".struct_ops.link"), used))
struct memcg_ops future_ops = {
	.try_charge_memcg = (void *)future_charge,
	.memcg_future_hook = (void *)future_hook,
};

#if defined(EVERY_HOOK_OPTIONAL)
__attribute__((section(".memcgpp.optional"), used))
const char memcgpp_optional_hooks[] = "try_charge_memcg\0memcg_future_hook";
#elif !defined(FUTURE_HOOK_REQUIRED)
__attribute__((section(".memcgpp.optional"), used))
const char memcgpp_optional_hooks[] = "memcg_future_hook";
#endif

char _license[] __attribute__((section("license"), used)) = "GPL";
