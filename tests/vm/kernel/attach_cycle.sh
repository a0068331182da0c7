# A handler attaches and detaches, and then the slot is free for the next one,
# in both attach styles.
. "$(dirname "$0")/../guest_lib.sh"

for obj in minimal.bpf.o minimal_link.bpf.o minimal.bpf.o; do
  out=$("$BIN/ops_loader" attach "$BIN/$obj" 2>&1) || fail "$obj: $out"
  echo "$out"
  case $obj in
    *link*) style=link ;;
    *) style=map ;;
  esac
  echo "$out" | grep -q "^attached .* as a $style" || fail "$obj not attached as a $style"
  echo "$out" | grep -q '^detached' || fail "$obj not detached"
done
echo "PASS: attach, detach and attach again"
