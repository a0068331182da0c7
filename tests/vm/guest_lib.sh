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

# hold_as NAME OBJ [ARGS...]: attaches OBJ (a path, or a name in BIN) with
# ops_loader (LOADER, or BIN/ops_loader) in the background, logging to
# /tmp/NAME.log; holder_NAME is its pid. Several can be held at once.
hold_as() {
  name=$1
  object=$2
  shift 2
  case $object in
    /*) ;;
    *) object=$BIN/$object ;;
  esac
  # The background shell truncates the log only once it runs: remove it
  # first, so that wait_for cannot see an earlier holder's "attached".
  rm -f "/tmp/$name.log"
  "${LOADER:-$BIN/ops_loader}" attach "$object" --hold "$@" >"/tmp/$name.log" 2>&1 &
  eval "holder_$name=\$!"
  wait_for "/tmp/$name.log" '^attached'
}

# release_as NAME: detaches what hold_as NAME attached.
release_as() {
  eval "pid=\$holder_$1"
  kill -TERM "$pid"
  wait "$pid" || fail "the holder $1 failed: $(cat "/tmp/$1.log")"
  grep -q '^detached' "/tmp/$1.log" || fail "no detach by $1: $(cat "/tmp/$1.log")"
}

# hold OBJ [ARGS...] and release: one holder, HOLDER, logging to /tmp/hold.log.
hold() {
  hold_as hold "$@"
  HOLDER=$holder_hold
}

release() {
  release_as hold
}

# in_cgroup NAME COMMAND...: runs COMMAND inside /sys/fs/cgroup/NAME.
in_cgroup() {
  local path=/sys/fs/cgroup/$1
  shift
  sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$path" "$@"
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
