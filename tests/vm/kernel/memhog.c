// SPDX-License-Identifier: GPL-2.0
/*
 * Touches SIZE_MIB of anonymous memory, page by page, PASSES times: a
 * workload that charges memory and, beyond memory.max, makes memcg reclaim.
 * With "time", it prints how many nanoseconds the touching took.
 *
 *   memhog SIZE_MIB [PASSES [time]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t size;
	int passes;
	char *mem;

	if (argc < 2) {
		fprintf(stderr, "usage: memhog SIZE_MIB [PASSES]\n");
		return 2;
	}
	size = strtoul(argv[1], NULL, 0) << 20;
	passes = argc > 2 ? atoi(argv[2]) : 1;
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		perror("memhog: mmap");
		return 1;
	}
	/* No huge pages: each fault charges one page, as most workloads do. */
	madvise(mem, size, MADV_NOHUGEPAGE);
	struct timespec start, end;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (int pass = 0; pass < passes; pass++)
		for (size_t off = 0; off < size; off += page)
			mem[off] = (char)(off / page + pass);
	clock_gettime(CLOCK_MONOTONIC, &end);
	if (argc > 3 && !strcmp(argv[3], "time"))
		printf("%lld\n", (end.tv_sec - start.tv_sec) * 1000000000LL + (end.tv_nsec - start.tv_nsec));
	return 0;
}
