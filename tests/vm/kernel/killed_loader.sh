# When the process holding a handler's link dies, the kernel detaches it.
. "$(dirname "$0")/../guest_lib.sh"

hold minimal_link.bpf.o
kill -KILL "$HOLDER"
wait "$HOLDER" 2>/dev/null
out=$("$BIN/ops_loader" attach "$BIN/minimal.bpf.o" 2>&1) ||
  fail "a handler is still attached after SIGKILL: $out"
echo "$out"
echo "PASS: no handler is attached after its loader was killed"
