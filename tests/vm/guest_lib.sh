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

# hold OBJ [ARGS...]: attaches OBJ (a path, or a name in BIN) with ops_loader
# (LOADER, or BIN/ops_loader) in the background; sets HOLDER to its pid.
hold() {
  object=$1
  shift
  case $object in
    /*) ;;
    *) object=$BIN/$object ;;
  esac
  "${LOADER:-$BIN/ops_loader}" attach "$object" --hold "$@" >/tmp/hold.log 2>&1 &
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

# charge NAME MAX MIB [PASSES]: runs memhog (MEMHOG, or BIN/memhog) over MIB
# in the cgroup NAME, made with memory.max MAX if it is new.
charge() {
  if [ ! -d "/sys/fs/cgroup/$1" ]; then
    mkdir "/sys/fs/cgroup/$1"
    echo "$2" >"/sys/fs/cgroup/$1/memory.max"
  fi
  in_cgroup "$1" "${MEMHOG:-$BIN/memhog}" "$3" "${4:-1}" || fail "the workload failed in $1"
}
