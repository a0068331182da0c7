# While a handler is attached, a second attach fails with EEXIST, whichever
# style attached the first and whichever the second uses.
. "$(dirname "$0")/../guest_lib.sh"

for first in minimal.bpf.o minimal_link.bpf.o; do
  for second in minimal.bpf.o minimal_link.bpf.o; do
    hold "$first"
    if out=$("$BIN/ops_loader" attach "$BIN/$second" 2>&1); then
      fail "$second attached while $first held the handler: $out"
    fi
    echo "$first held, $second: $out"
    echo "$out" | grep -q EEXIST || fail "expected EEXIST, got: $out"
    release
  done
done
echo "PASS: a second attach fails with EEXIST in both styles"
