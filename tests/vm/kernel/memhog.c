// SPDX-License-Identifier: GPL-2.0
/*
 * Touches SIZE_MIB of anonymous memory, page by page, PASSES times: a
 * workload that charges memory and, beyond memory.max, makes memcg reclaim.
 *
 *   memhog SIZE_MIB [PASSES [time|hold [small-pages]]]
 *   memhog SIZE_MIB for SECONDS
 *
 * With "time", it prints how many nanoseconds the touching took;
 * "small-pages" then keeps transparent huge pages off, so that every page
 * is a fault of its own (prctl works where madvise does not). With
 * "hold", it keeps the memory, idle, until it is killed. With "for", it
 * touches pass after pass for SECONDS and prints how many pages it touched
 * per second: a throughput.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void touch(char *mem, size_t size, long page, int pass)
{
	for (size_t off = 0; off < size; off += page)
		mem[off] = (char)(off / page + pass);
}

int main(int argc, char **argv)
{
	long page = sysconf(_SC_PAGESIZE);
	const char *mode = argc > 3 ? argv[3] : "";
	long long start;
	size_t size;
	int passes;
	char *mem;

	if (argc < 2) {
		fprintf(stderr, "usage: memhog SIZE_MIB [PASSES [time|hold [small-pages]]]\n"
				"       memhog SIZE_MIB for SECONDS\n");
		return 2;
	}
	size = strtoul(argv[1], NULL, 0) << 20;
	if (argc > 4 && !strcmp(argv[4], "small-pages") && prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) != 0) {
		perror("memhog: prctl(PR_SET_THP_DISABLE)");
		return 1;
	}
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED) {
		perror("memhog: mmap");
		return 1;
	}
	/*
	 * No huge pages where the kernel takes advice. The VM's kernel has no
	 * madvise() (CONFIG_ADVISE_SYSCALLS is off), so there its transparent
	 * huge pages apply: most faults charge 512 pages at once.
	 */
	madvise(mem, size, MADV_NOHUGEPAGE);

	if (argc > 3 && !strcmp(argv[2], "for")) {
		long long until = now_ns() + atoll(argv[3]) * 1000000000LL;
		long long pages = 0;

		start = now_ns();
		for (int pass = 0; now_ns() < until; pass++) {
			touch(mem, size, page, pass);
			pages += size / page;
		}
		printf("%lld\n", pages * 1000000000LL / (now_ns() - start));
		return 0;
	}

	passes = argc > 2 ? atoi(argv[2]) : 1;
	start = now_ns();
	for (int pass = 0; pass < passes; pass++)
		touch(mem, size, page, pass);
	if (!strcmp(mode, "time"))
		printf("%lld\n", now_ns() - start);
	if (!strcmp(mode, "hold")) {
		printf("holding\n");
		fflush(stdout);
		for (;;)
			pause();
	}
	return 0;
}
