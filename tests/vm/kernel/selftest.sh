# Runs the series' own selftest: load, attach, and a double attach that fails.
. "$(dirname "$0")/../guest_lib.sh"

"$BIN/memcg_ops_test" || fail "memcg_ops_test failed"
echo "PASS: memcg_ops selftest"
