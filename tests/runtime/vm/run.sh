# Runs the runtime's VM tests: runtime_vm_test OBJECTS MEMHOG.
. "$(dirname "$0")/../../vm/guest_lib.sh"
MEMCGPP_TEST_OBJECTS=${2:?usage: sh run.sh BIN OBJECTS MEMHOG} MEMCGPP_TEST_MEMHOG=${3:?} \
  "$BIN/runtime_vm_test" || fail "runtime_vm_test failed"
echo "PASS: the runtime on the patched kernel"
