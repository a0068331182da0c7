// SPDX-License-Identifier: GPL-2.0
/*
 * Loads a memcg_ops object and attaches it the way its struct_ops section
 * asks: ".struct_ops" by a map update, ".struct_ops.link" through a BPF link.
 *
 *   ops_loader count                     print how many BPF programs, maps
 *                                        and links the kernel holds
 *   ops_loader load OBJ [--sleepable]   run the verifier only
 *   ops_loader attach OBJ                attach, report, detach
 *   ops_loader attach OBJ --hold         attach and hold until SIGINT or SIGTERM
 *   --set NAME=VALUE                     set an integer in .rodata before load
 *   --cgroup PATH [--allow-override]     attach to a cgroup, as a link, whatever
 *                                        the object's struct_ops section
 *   --without-sys-admin                  drop CAP_SYS_ADMIN between load and attach
 *
 * While it holds a link, it watches it: if the kernel detaches the link, it
 * says so and exits.
 *
 * After detaching, it prints the first entries of each array map of u64
 * values ("map NAME[KEY] = VALUE"), so tests can see what a handler counted.
 *
 * --sleepable loads the programs as sleepable, which libbpf before 1.2 cannot
 * express with a section name ("struct_ops.s/").
 *
 * libbpf before 1.2 does not know ".struct_ops.link". For it, the section is
 * renamed ".struct_ops" in memory, the map gets BPF_F_LINK, and the link is
 * created with BPF_LINK_CREATE, which is what newer libbpf does itself.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/btf.h>
#include <linux/capability.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#ifndef BPF_F_LINK
#define BPF_F_LINK (1U << 13)
#endif
/* enum bpf_attach_type value, absent from older UAPI headers */
#define ATTACH_STRUCT_OPS 44
/* Not in Debian 12's UAPI headers: the patched kernel's cgroup attach */
#ifndef BPF_F_CGROUP_FD
#define BPF_F_CGROUP_FD (1U << 7)
#endif

static const char link_section[] = ".struct_ops.link";

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static bool libbpf_knows_link_section(void)
{
	return libbpf_major_version() > 1 ||
	       (libbpf_major_version() == 1 && libbpf_minor_version() >= 2);
}

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	void *data = NULL;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (data = malloc(len)) &&
	    fread(data, 1, len, f) == (size_t)len)
		*size = len;
	else {
		free(data);
		data = NULL;
		errno = errno ? errno : EIO;
	}
	fclose(f);
	return data;
}

/*
 * Cuts ".link" off every string ".struct_ops.link" or ".rel.struct_ops.link"
 * in a string table. Section names may share their tails, so each string is
 * cut in place. Returns whether any was found.
 */
static bool cut_link_suffixes(char *strings, size_t len)
{
	static const char rel_link_section[] = ".rel.struct_ops.link";
	bool found = false;

	for (size_t off = 0; off < len;) {
		char *str = strings + off;
		size_t n = strnlen(str, len - off);

		if (!strcmp(str, link_section) || !strcmp(str, rel_link_section)) {
			str[n - strlen(".link")] = '\0';
			found = true;
		}
		off += n + 1;
	}
	return found;
}

/*
 * Renames the ".struct_ops.link" section, its relocations and its BTF
 * DATASEC to ".struct_ops", for libbpf that knows only that name. Returns
 * whether the object asked for a link.
 */
static bool rename_link_sections(void *elf, size_t size)
{
	Elf64_Ehdr *ehdr = elf;
	Elf64_Shdr *shdrs, *names;
	bool found = false;

	if (size < sizeof(*ehdr) || memcmp(ehdr->e_ident, ELFMAG, SELFMAG) ||
	    ehdr->e_ident[EI_CLASS] != ELFCLASS64 ||
	    ehdr->e_shoff + (size_t)ehdr->e_shnum * sizeof(*shdrs) > size ||
	    ehdr->e_shstrndx >= ehdr->e_shnum)
		return false; /* libbpf reports what is wrong with it */
	shdrs = (Elf64_Shdr *)((char *)elf + ehdr->e_shoff);
	names = &shdrs[ehdr->e_shstrndx];
	if (names->sh_offset + names->sh_size > size)
		return false;

	/* The BTF first: finding it needs the section names intact. */
	for (int i = 0; i < ehdr->e_shnum; i++) {
		struct btf_header *btf;

		if (shdrs[i].sh_name >= names->sh_size ||
		    strcmp((char *)elf + names->sh_offset + shdrs[i].sh_name, ".BTF") ||
		    shdrs[i].sh_offset + shdrs[i].sh_size > size ||
		    shdrs[i].sh_size < sizeof(*btf))
			continue;
		btf = (struct btf_header *)((char *)elf + shdrs[i].sh_offset);
		if (btf->magic == BTF_MAGIC &&
		    (size_t)btf->hdr_len + btf->str_off + btf->str_len <= shdrs[i].sh_size)
			cut_link_suffixes((char *)btf + btf->hdr_len + btf->str_off,
					  btf->str_len);
	}
	found = cut_link_suffixes((char *)elf + names->sh_offset, names->sh_size);
	return found;
}

static struct bpf_map *struct_ops_map(struct bpf_object *obj)
{
	struct bpf_map *map;

	bpf_object__for_each_map(map, obj)
		if (bpf_map__type(map) == BPF_MAP_TYPE_STRUCT_OPS)
			return map;
	return NULL;
}

static int fail(const char *what, int err)
{
	fprintf(stderr, "ops_loader: %s: %s (%s)\n", what, strerror(err),
		err == EEXIST ? "EEXIST" : err == EACCES ? "EACCES" :
		err == EINVAL ? "EINVAL" : err == EBUSY ? "EBUSY" :
		err == EPERM ? "EPERM" : err == ENOENT ? "ENOENT" :
		err == EOPNOTSUPP ? "EOPNOTSUPP" : "errno");
	return 1;
}

/* Drops CAP_SYS_ADMIN and keeps the other capabilities. */
static int drop_sys_admin(void)
{
	struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &header, data))
		return -errno;
	data[0].effective &= ~(1U << CAP_SYS_ADMIN);
	data[0].permitted &= ~(1U << CAP_SYS_ADMIN);
	return syscall(SYS_capset, &header, data) ? -errno : 0;
}

/* Waits for SIGINT or SIGTERM, or for the kernel to detach LINK_FD. */
static void hold_until_stopped(int link_fd)
{
	struct pollfd pfd = { .fd = link_fd, .events = POLLIN };

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	while (!stop) {
		if (link_fd < 0) {
			pause();
			continue;
		}
		if (poll(&pfd, 1, -1) == 1 && (pfd.revents & POLLHUP)) {
			printf("the kernel detached the link\n");
			fflush(stdout);
			return;
		}
	}
}

/* Sets the .rodata variable NAME (an integer of up to 8 bytes) to VALUE. */
static int set_rodata(struct bpf_object *obj, const char *name, unsigned long long value)
{
	struct btf *btf = bpf_object__btf(obj);
	const struct btf_var_secinfo *vars;
	const struct btf_type *sec;
	struct bpf_map *map;
	size_t size = 0;
	char *data = NULL;
	int id;

	bpf_object__for_each_map(map, obj)
		if (strstr(bpf_map__name(map), ".rodata"))
			/* const in libbpf 1.1, yet writable until load */
			data = (char *)bpf_map__initial_value(map, &size);
	id = btf ? btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC) : -1;
	if (!data || id < 0)
		return -ENOENT;
	sec = btf__type_by_id(btf, id);
	vars = (const struct btf_var_secinfo *)(sec + 1);
	for (int i = 0; i < btf_vlen(sec); i++) {
		const struct btf_type *var = btf__type_by_id(btf, vars[i].type);

		if (strcmp(btf__name_by_offset(btf, var->name_off), name) ||
		    vars[i].size > 8 || vars[i].offset + vars[i].size > size)
			continue;
		memcpy(data + vars[i].offset, &value, vars[i].size); /* little endian */
		return 0;
	}
	return -ENOENT;
}

static void dump_arrays(struct bpf_object *obj)
{
	struct bpf_map *map;

	bpf_object__for_each_map(map, obj) {
		if (bpf_map__type(map) != BPF_MAP_TYPE_ARRAY || bpf_map__key_size(map) != 4 ||
		    bpf_map__value_size(map) != 8 || strchr(bpf_map__name(map), '.'))
			continue;
		for (unsigned int key = 0; key < bpf_map__max_entries(map) && key < 16; key++) {
			unsigned long long value = 0;

			if (bpf_map__lookup_elem(map, &key, sizeof(key), &value, sizeof(value), 0) == 0)
				printf("map %s[%u] = %llu\n", bpf_map__name(map), key, value);
		}
	}
}

/* Counts the ids that NEXT_ID walks: all the kernel's objects of a kind. */
static unsigned int count_ids(int (*next_id)(__u32, __u32 *))
{
	unsigned int n = 0;
	__u32 id = 0;

	while (!next_id(id, &id))
		n++;
	return n;
}

int main(int argc, char **argv)
{
	bool attach, hold = false, sleepable = false, without_sys_admin = false;
	const char *cgroup = NULL;
	__u32 link_flags = 0;
	LIBBPF_OPTS(bpf_object_open_opts, opts);
	struct bpf_link *link = NULL;
	struct bpf_program *prog;
	bool as_link = false;
	struct bpf_object *obj;
	struct bpf_map *map;
	int link_fd = -1;
	size_t size = 0;
	void *elf;

	const char *sets[8];
	int nsets = 0;

	if (argc == 2 && !strcmp(argv[1], "count")) {
		printf("progs %u maps %u links %u\n", count_ids(bpf_prog_get_next_id),
		       count_ids(bpf_map_get_next_id), count_ids(bpf_link_get_next_id));
		return 0;
	}
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--hold"))
			hold = true;
		else if (!strcmp(argv[i], "--sleepable"))
			sleepable = true;
		else if (!strcmp(argv[i], "--set") && i + 1 < argc && nsets < 8)
			sets[nsets++] = argv[++i];
		else if (!strcmp(argv[i], "--cgroup") && i + 1 < argc)
			cgroup = argv[++i];
		else if (!strcmp(argv[i], "--allow-override"))
			link_flags |= BPF_F_ALLOW_OVERRIDE;
		else if (!strcmp(argv[i], "--without-sys-admin"))
			without_sys_admin = true;
		else
			argc = 0;
	}
	if (argc < 3 || (strcmp(argv[1], "load") && strcmp(argv[1], "attach"))) {
		fprintf(stderr, "usage: ops_loader load|attach OBJ [--hold] [--sleepable] [--set NAME=VALUE]...\n"
				"       [--cgroup PATH [--allow-override]] [--without-sys-admin]\n");
		return 2;
	}
	attach = !strcmp(argv[1], "attach");

	elf = read_file(argv[2], &size);
	if (!elf)
		return fail(argv[2], errno);
	if (libbpf_knows_link_section()) {
		as_link = memmem(elf, size, link_section, sizeof(link_section));
	} else {
		as_link = rename_link_sections(elf, size);
	}

	opts.object_name = basename(argv[2]);
	obj = bpf_object__open_mem(elf, size, &opts);
	if (!obj)
		return fail("open", errno);
	if (sleepable)
		bpf_object__for_each_program(prog, obj)
			bpf_program__set_flags(prog, bpf_program__flags(prog) | BPF_F_SLEEPABLE);
	map = struct_ops_map(obj);
	if (!map)
		return fail("no struct_ops map in the object", ENOENT);
	/* A cgroup attach is a link, whichever section the object used. */
	if (cgroup)
		as_link = true;
	if (as_link && !libbpf_knows_link_section())
		bpf_map__set_map_flags(map, bpf_map__map_flags(map) | BPF_F_LINK);
	for (int i = 0; i < nsets; i++) {
		char name[64];
		const char *eq = strchr(sets[i], '=');

		if (!eq || eq - sets[i] >= (long)sizeof(name))
			return fail(sets[i], EINVAL);
		snprintf(name, sizeof(name), "%.*s", (int)(eq - sets[i]), sets[i]);
		if (set_rodata(obj, name, strtoull(eq + 1, NULL, 0)))
			return fail(sets[i], ENOENT);
	}
	if (bpf_object__load(obj))
		return fail("load", errno);
	printf("loaded %s\n", argv[2]);
	if (!attach)
		return 0;
	if (without_sys_admin && drop_sys_admin())
		return fail("dropping CAP_SYS_ADMIN", errno);
	if (cgroup && libbpf_knows_link_section())
		return fail("--cgroup is written for libbpf 1.1", EINVAL);

	link = bpf_map__attach_struct_ops(map);
	if (!link)
		return fail("attach", errno);
	if (as_link && !libbpf_knows_link_section()) {
		LIBBPF_OPTS(bpf_link_create_opts, link_opts, .flags = link_flags);
		int target_fd = 0;

		/* The update only readied the map; the link registers it. */
		bpf_link__disconnect(link);
		bpf_link__destroy(link);
		link = NULL;
		if (cgroup) {
			target_fd = open(cgroup, O_RDONLY | O_DIRECTORY);
			if (target_fd < 0)
				return fail(cgroup, errno);
			link_opts.flags |= BPF_F_CGROUP_FD;
		}
		link_fd = bpf_link_create(bpf_map__fd(map), target_fd, ATTACH_STRUCT_OPS,
					  &link_opts);
		if (link_fd < 0)
			return fail("attach", -link_fd);
		if (target_fd > 0)
			close(target_fd);
	}
	printf("attached %s as a %s%s%s\n", argv[2], as_link ? "link" : "map",
	       cgroup ? " to " : "", cgroup ? cgroup : "");
	fflush(stdout);

	if (hold)
		hold_until_stopped(link_fd);
	if (link_fd >= 0)
		close(link_fd);
	if (bpf_link__destroy(link))
		return fail("detach", errno);
	dump_arrays(obj);
	bpf_object__close(obj);
	free(elf);
	printf("detached %s\n", argv[2]);
	return 0;
}
