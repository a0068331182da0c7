# Helpers for the guest-side test scripts. BIN is where the test programs are.
# shellcheck shell=sh

BIN=${1:?usage: sh TEST.sh BIN_DIR}

fail() {
  echo "FAIL: $*"
  exit 1
}

# wait_for FILE PATTERN: waits up to 30 s for a line matching PATTERN.
wait_for() {
  i=0
  while ! grep -q "$2" "$1" 2>/dev/null; do
    i=$((i + 1))
    [ $i -le 300 ] || { cat "$1"; fail "no '$2' in $1 after 30 s"; }
    sleep 0.1
  done
}

# hold OBJ: attaches OBJ in the background and sets HOLDER to its pid.
hold() {
  "$BIN/ops_loader" attach "$BIN/$1" --hold >/tmp/hold.log 2>&1 &
  HOLDER=$!
  wait_for /tmp/hold.log '^attached'
}

# release: detaches what hold attached.
release() {
  kill -TERM "$HOLDER"
  wait "$HOLDER" || fail "the holder of the handler failed: $(cat /tmp/hold.log)"
  grep -q '^detached' /tmp/hold.log || fail "no detach: $(cat /tmp/hold.log)"
}

# in_cgroup NAME COMMAND...: runs COMMAND inside /sys/fs/cgroup/NAME.
in_cgroup() {
  cg=/sys/fs/cgroup/$1
  shift
  sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$cg" "$@"
}
