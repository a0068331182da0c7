#!/usr/bin/env bash
# memcgpp on this machine, without the patched kernel: usage errors (exit
# 2), bad objects and parameters (exit 1), attach --cgroup's path errors, and
# what an unpatched kernel says.
set -uo pipefail
memcgpp=${1:?usage: cli_host.sh MEMCGPP OBJECTS}
objects=${2:?usage: cli_host.sh MEMCGPP OBJECTS}
policy=$objects/reclaim_batch.bpf.o

# run ARGS...: sets out (stdout and stderr) and status.
run() {
  out=$("$memcgpp" "$@" 2>&1)
  status=$?
}
expect() { # expect STATUS TEXT: the last run exited with STATUS and printed TEXT
  [[ $status -eq $1 ]] || { echo "$out"; echo "FAIL: exit status $status, not $1"; exit 1; }
  grep -qF -- "$2" <<<"$out" || { echo "$out"; echo "FAIL: no '$2' in the output above"; exit 1; }
}

run frobnicate
expect 2 "A subcommand is required"
run --version
expect 0 "memcgpp 0."
run check
expect 2 "policy is required"

run check /nonexistent/policy.bpf.o
expect 1 "memcgpp: error: cannot read /nonexistent/policy.bpf.o: No such file or directory"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -c 1000 "$policy" >"$work/truncated.bpf.o"
run check "$work/truncated.bpf.o"
expect 1 "is not a BPF object libbpf can open"
run maps "$objects/no_struct_ops.bpf.o"
expect 1 "has no memcg_ops struct_ops map"
run maps "$policy"
expect 1 "no policy reclaim_batch is attached: give a pin, a policy object or the name of an attached policy"
run check /proc/self/exe
expect 1 "is an ELF object for another machine, not BPF"
echo "PASS: usage errors exit 2; missing, truncated and wrong-type objects exit 1 and say why"

run attach "$policy" --set batch_cgroup
expect 1 "--set batch_cgroup: write NAME=VALUE"
run attach "$policy" --set batch=1
expect 1 "has no parameter batch (its parameters: batch_cgroup)"
run attach "$policy" --set batch_cgroup=twelve
expect 1 "parameter batch_cgroup: \`twelve\` is not an integer of 8 bytes"
echo "PASS: bad --set values name the parameter and what it takes"

run attach "$policy" --allow-override
expect 2 "--allow-override requires --cgroup"
run attach --help
expect 0 "--allow-override Needs: --cgroup"
expect 0 "With --cgroup PATH (a cgroup2 directory"

run attach "$policy" --cgroup /nonexistent/cgroup
expect 1 "memcgpp: error: cgroup /nonexistent/cgroup does not exist"
run attach "$policy" --cgroup "$policy"
expect 1 "is not a directory: a cgroup is a directory of the cgroup2 filesystem"
run attach "$policy" --cgroup "$objects" --allow-override
expect 1 "$objects is not a cgroup2 directory"

mount=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
if [[ -n $mount ]] && "$memcgpp" status --json | grep -q '"memcg_ops":false'; then
  run attach "$policy" --cgroup "$mount"
  expect 1 "has no memcg_ops: boot a kernel with the memcgpp patch series"
fi
echo "PASS: attach --cgroup refuses what it must, before and at the kernel"
