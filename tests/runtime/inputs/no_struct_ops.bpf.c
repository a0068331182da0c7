// SPDX-License-Identifier: GPL-2.0
/* A valid BPF object without a memcg_ops struct_ops map. */
struct {
	int (*type)[2];
	int (*max_entries)[1];
	unsigned int *key;
	unsigned long *value;
} counts __attribute__((section(".maps"), used));

char _license[] __attribute__((section("license"), used)) = "GPL";
