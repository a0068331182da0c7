# A policy the verifier rejects: the rejection names the policy's source
# line, from the line info memcgpp-compile emits.
. "$(dirname "$0")/../../vm/guest_lib.sh"
tools=${2:?usage: sh verifier_line.sh OBJECT_DIR TOOLS_DIR SOURCE}
source=${3:?usage: sh verifier_line.sh OBJECT_DIR TOOLS_DIR SOURCE}

line=$(grep -n 'REJECTED HERE' "$source" | cut -d: -f1)
if out=$("$tools/ops_loader" load "$BIN/verifier_hostile.bpf.o" 2>&1); then
  fail "the verifier accepted verifier_hostile.bpf.o"
fi
echo "$out" | grep -q "invalid mem access 'map_value_or_null'" ||
  { echo "$out" | tail -n 20; fail "not rejected for the unchecked map value"; }
# The last source annotation before the error is the policy's line.
last=$(echo "$out" | sed -n '/invalid mem access/q; s/^; .* @ \(.*\)$/\1/p' | tail -n 1)
echo "verifier rejected at: $last"
[ "$last" = "verifier_hostile.cpp:$line" ] || fail "expected verifier_hostile.cpp:$line, got '$last'"
echo "PASS: the verifier's rejection points at verifier_hostile.cpp:$line"
