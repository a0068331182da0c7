# Attaching a memcg_ops policy, globally or to a cgroup, needs CAP_SYS_ADMIN
# on top of what loading needs.
. "$(dirname "$0")/../guest_lib.sh"

cg=/sys/fs/cgroup
mkdir $cg/team

# refused WHAT ARGS...: ops_loader ARGS fails with EPERM.
refused() {
  what=$1
  shift
  if out=$("$BIN/ops_loader" attach "$@" --without-sys-admin 2>&1); then
    fail "$what attached without CAP_SYS_ADMIN: $out"
  fi
  echo "$out" | grep -q '^loaded' || fail "$what did not even load: $out"
  echo "$out" | grep -q 'attach: .*EPERM' || fail "$what: expected EPERM, got: $out"
  echo "$what: EPERM without CAP_SYS_ADMIN"
}

refused "a global policy" "$BIN/minimal_link.bpf.o"
refused "a global policy by map update" "$BIN/minimal.bpf.o"
refused "a cgroup policy" "$BIN/scoped_tag.bpf.o" --cgroup $cg/team
out=$("$BIN/ops_loader" attach "$BIN/scoped_tag.bpf.o" --cgroup $cg/team 2>&1) ||
  fail "root could not attach: $out"
echo "PASS: attaching needs CAP_SYS_ADMIN"
