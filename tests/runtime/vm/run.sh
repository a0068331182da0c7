# Runs one of the runtime's VM test programs: TEST (runtime_vm_test unless
# given) OBJECTS INPUTS MEMHOG.
. "$(dirname "$0")/../../vm/guest_lib.sh"
test=${5:-runtime_vm_test}
MEMCGPP_TEST_OBJECTS=${2:?usage: sh run.sh BIN OBJECTS INPUTS MEMHOG [TEST]} MEMCGPP_TEST_INPUTS=${3:?} \
  MEMCGPP_TEST_MEMHOG=${4:?} "$BIN/$test" || fail "$test failed"
echo "PASS: $test, the runtime on the patched kernel"
