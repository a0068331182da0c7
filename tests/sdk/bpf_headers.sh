#!/usr/bin/env bash
# Every SDK header compiles on its own for the BPF target, with warnings as
# errors, into an object.
. "$(dirname "$0")/bpf_lib.sh"
failures=0 passed=0
for header in $(cd "$include" && find memcgpp -name '*.hpp' ! -path '*/host/*' ! -name testing.hpp | sort); do
  printf '#include <%s>\nextern "C" int probe() { return 0; }\n' "$header" >"$out/probe.cpp"
  if compile_for_bpf "$out/probe.cpp" "$out/probe.o" && [[ -s $out/probe.o ]]; then
    passed=$((passed + 1))
  else
    echo "FAIL: $header does not compile for BPF"
    failures=$((failures + 1))
  fi
done
echo "$passed passed, $failures failed"
((failures == 0))
