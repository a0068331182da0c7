#!/usr/bin/env bash
# Compiles bpf/bound_policy.cpp for BPF and checks the object a user would
# load: one program with everything inlined, only helper calls, a CO-RE
# relocation for every kernel field read, and BTF the kernel accepts.
. "$(dirname "$0")/bpf_lib.sh"

compile_for_bpf "$here/bpf/bound_policy.cpp" "$out/policy.bpf.o" || { echo "FAIL: does not compile"; exit 1; }
llvm-objdump-19 -dr "$out/policy.bpf.o" >"$out/disasm"
llvm-objdump-19 -h "$out/policy.bpf.o" >"$out/sections"

grep -q ' struct_ops/try_charge_memcg ' "$out/sections" || fail "no struct_ops/try_charge_memcg program"
if grep -E '^ *[0-9]+ \.text' "$out/sections" | grep -vq ' 00000000 '; then
  fail "code left in .text: a function was not inlined into the hook"
fi
grep -q 'R_BPF_64_32' "$out/disasm" && fail "a BPF-to-BPF call: $(grep -m1 R_BPF_64_32 "$out/disasm")"

for field in 'try_charge_memcg::memcg' 'try_charge_memcg::gfp_mask' 'try_charge_memcg::nr_pages' \
  'try_charge_memcg::mem_over_limit' 'try_charge_memcg::reclaim_options' \
  'try_charge_memcg::charge_done' 'mem_cgroup::css.cgroup' 'cgroup::kn' 'kernfs_node::id' \
  'kernfs_node::name' 'mem_cgroup::memory.usage.counter' 'mem_cgroup::memory.max' \
  'mem_cgroup::memory.high' 'mem_cgroup::memory.low' 'mem_cgroup::memory.min'; do
  grep -q "CO-RE <byte_off> \[[0-9]*\] struct $field " "$out/disasm" ||
    fail "no CO-RE relocation for $field"
done
grep -q 'CO-RE.*unknown type' "$out/disasm" && fail "a CO-RE relocation on a type not in BTF"

# The kernel takes only identifiers as BTF names.
bpftool btf dump file "$out/policy.bpf.o" >"$out/btf" || fail "bpftool cannot read the BTF"
bad=$(grep -oE "^\[[0-9]+\] [A-Z_]+ '[^']*'" "$out/btf" | sed "s/.*'\(.*\)'/\1/" |
  grep -vE '^(\(anon\)|[A-Za-z_][A-Za-z0-9_]*|\.[a-z_.]+|struct_ops/try_charge_memcg|unsigned (int|long|char|long long)|long (long|unsigned int)|long long unsigned int|long unsigned int|short|unsigned short|signed char)$')
[[ -z $bad ]] || fail "BTF names the kernel rejects: $bad"
grep -qE "^\[[0-9]+\] STRUCT 'everything'" "$out/btf" && fail "the policy class reached BTF"

((status == 0)) && echo "PASS: one inlined program, CO-RE relocations for all kernel reads, clean BTF"
exit $status
