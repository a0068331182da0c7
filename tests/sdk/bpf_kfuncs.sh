#!/usr/bin/env bash
# Compiles bpf/state_policy.cpp, which implements every memcg_ops hook and
# reads memcg state through every kfunc the SDK wraps, for BPF, and checks
# the object libbpf would load: a program per hook in its struct_ops
# section, returning what the kernel's member returns; the kfuncs as
# BTF-typed externs in .ksyms, the only functions called; C structs, not
# forward declarations, for the kernel types their prototypes name (libbpf
# matches them against the kernel's); and a CO-RE relocation for each
# kernel enumerator used.
. "$(dirname "$0")/bpf_lib.sh"

compile_for_bpf "$here/bpf/state_policy.cpp" "$out/policy.bpf.o" || { echo "FAIL: does not compile"; exit 1; }
llvm-objdump-19 -dr "$out/policy.bpf.o" >"$out/disasm"
llvm-objdump-19 -h "$out/policy.bpf.o" >"$out/sections"
llvm-objdump-19 -t "$out/policy.bpf.o" >"$out/symbols"
bpftool btf dump file "$out/policy.bpf.o" >"$out/btf" || { echo "FAIL: bpftool cannot read the BTF"; exit 1; }

# Each program, and what its BTF prototype returns ("void" for none).
awk '
  /^\[[0-9]+\] [A-Z_]+ / {
    id = substr($1, 2, length($1) - 2)
    n = $0; sub(/^[^'\'']*'\''/, "", n); sub(/'\''.*/, "", n); name[id] = n
    for (i = 3; i <= NF; i++) {
      if ($i ~ /^type_id=/) { type[id] = substr($i, 9) }
      if ($i ~ /^ret_type_id=/) { ret[id] = substr($i, 13) }
    }
    if ($2 == "FUNC") funcs[id] = 1
  }
  END {
    for (f in funcs) {
      r = ret[type[f]]
      printf "%s %s\n", name[f], r == 0 ? "void" : name[r]
    }
  }' "$out/btf" >"$out/returns"

declare -A returns=([try_charge_memcg]=int [memcg_uncharged]=void [below_low]=bool [below_min]=bool
  [get_high_delay_ms]="unsigned int" [handle_cgroup_online]=void [handle_cgroup_offline]=void)
for hook in "${!returns[@]}"; do
  grep -q " struct_ops/$hook " "$out/sections" || fail "no struct_ops/$hook section"
  grep -qE " g +F struct_ops/$hook[[:space:]]+[0-9a-f]+ state_$hook$" "$out/symbols" ||
    fail "no global program state_$hook in struct_ops/$hook"
  grep -qx "state_$hook ${returns[$hook]}" "$out/returns" ||
    fail "state_$hook does not return ${returns[$hook]}: $(grep "^state_$hook " "$out/returns")"
done
if grep -E '^ *[0-9]+ \.text' "$out/sections" | grep -vq ' 00000000 '; then
  fail "code left in .text: a function was not inlined into a hook"
fi

kfuncs=(bpf_get_root_mem_cgroup bpf_get_mem_cgroup bpf_get_parent_mem_cgroup bpf_get_over_limit_mem_cgroup
  bpf_put_mem_cgroup
  bpf_mem_cgroup_usage bpf_mem_cgroup_max bpf_mem_cgroup_high bpf_mem_cgroup_low bpf_mem_cgroup_min
  bpf_mem_cgroup_memory_events bpf_mem_cgroup_vm_events bpf_mem_cgroup_page_state)
for kfunc in "${kfuncs[@]}"; do
  grep -qE "FUNC '$kfunc' type_id=[0-9]+ linkage=extern" "$out/btf" || fail "no extern FUNC $kfunc in BTF"
  grep -qF "(FUNC '$kfunc')" "$out/btf" || fail "$kfunc is not in the .ksyms DATASEC"
  grep -qE "R_BPF_64_32[[:space:]]+$kfunc$" "$out/disasm" || fail "no call to $kfunc"
  grep -qE "\*UND\*.* $kfunc$" "$out/symbols" || fail "$kfunc is not an undefined symbol"
done
grep -qE "^\[[0-9]+\] DATASEC '\.ksyms' size=0 vlen=${#kfuncs[@]}$" "$out/btf" ||
  fail ".ksyms does not hold exactly the ${#kfuncs[@]} kfuncs"
# Calls to anything else would be BPF-to-BPF calls, or externs libbpf cannot resolve.
others=$(grep -oE 'R_BPF_64_32[[:space:]]+[A-Za-z0-9_]+' "$out/disasm" | awk '{print $2}' | sort -u |
  grep -vxF -f <(printf '%s\n' "${kfuncs[@]}"))
[[ -z $others ]] || fail "calls to what is not a kfunc: $others"
# The put must follow each acquire; the verifier checks the paths, this the presence.
(($(grep -c 'R_BPF_64_32[[:space:]]*bpf_put_mem_cgroup' "$out/disasm") >= 4)) ||
  fail "fewer releases than the four acquiring calls"
grep -qE "FWD '(mem_cgroup|cgroup_subsys_state)'" "$out/btf" &&
  fail "a kfunc prototype names a forward declaration, which libbpf does not match with the kernel's struct"
grep -qE "^\[[0-9]+\] ENUM 'memcg_memory_event'" "$out/btf" || fail "no enum memcg_memory_event in BTF"

for enumerator in memcg_memory_event::MEMCG_MAX memcg_memory_event::MEMCG_OOM_KILL \
  vm_event_item::PGSCAN_DIRECT vm_event_item::PGFAULT node_stat_item::NR_FILE_PAGES \
  node_stat_item::NR_SLAB_RECLAIMABLE_B node_stat_item::NR_KERNEL_STACK_KB; do
  grep -q "CO-RE <enumval_value> \[[0-9]*\] enum $enumerator = " "$out/disasm" ||
    fail "no CO-RE enumval relocation for $enumerator"
done
grep -q 'CO-RE <byte_off> \[[0-9]*\] struct mem_cgroup::css ' "$out/disasm" ||
  fail "no CO-RE relocation for &memcg->css, which bpf_get_mem_cgroup takes"
grep -q 'CO-RE.*unknown type' "$out/disasm" && fail "a CO-RE relocation on a type not in BTF"

# The kernel takes only identifiers as BTF names.
bad=$(grep -oE "^\[[0-9]+\] [A-Z_]+ '[^']*'" "$out/btf" | sed "s/.*'\(.*\)'/\1/" |
  grep -vE '^(\(anon\)|[A-Za-z_][A-Za-z0-9_]*|\.[a-z_.]+|struct_ops/[a-z_]+|unsigned (int|long|char|long long)|long (long|unsigned int)|long long unsigned int|long unsigned int|short|unsigned short|signed char)$')
[[ -z $bad ]] || fail "BTF names the kernel rejects: $bad"
grep -qE "^\[[0-9]+\] STRUCT 'state_policy'" "$out/btf" && fail "the policy class reached BTF"

((status == 0)) && echo "PASS: a program per hook with the kernel's return types, kfuncs as BTF-typed .ksyms externs, CO-RE enum values"
exit $status
