# The verifier lets programs write tcm->nr_pages and nothing else, and rejects
# sleepable programs.
. "$(dirname "$0")/../guest_lib.sh"

# reject OBJ MESSAGE [OPTION]: loading OBJ fails, and the log says MESSAGE.
reject() {
  if out=$("$BIN/ops_loader" load "$BIN/$1" $3 2>&1); then
    fail "the verifier accepted $1"
  fi
  echo "$out" | grep -q "$2" || { echo "$out"; fail "$1: no '$2' in the log"; }
  echo "$1 rejected: $2"
}

out=$("$BIN/ops_loader" load "$BIN/write_nr_pages.bpf.o" 2>&1) ||
  fail "a write to nr_pages was rejected: $out"
echo "write_nr_pages.bpf.o accepted"
reject write_gfp_mask.bpf.o 'only nr_pages of struct try_charge_memcg is writable'
reject write_other_type.bpf.o 'only struct try_charge_memcg can be written'
out=$("$BIN/ops_loader" load "$BIN/sleepable.bpf.o" 2>&1) ||
  fail "sleepable.bpf.o was rejected as a non-sleepable program: $out"
reject sleepable.bpf.o 'attach to unsupported member try_charge_memcg' --sleepable
echo "PASS: only nr_pages is writable, and only by a non-sleepable program"
