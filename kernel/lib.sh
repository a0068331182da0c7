# Shared by the kernel/ scripts: where the cache lives, and the patched tree.
# shellcheck shell=bash

kernel_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache_dir=${MEMCGPP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/memcgpp}
source_package=linux-source-6.12
source_tarball=${MEMCGPP_KERNEL_TARBALL:-/usr/src/$source_package.tar.xz}

log() { printf '[kernel] %s\n' "$*" >&2; }
die() { printf 'kernel: error: %s\n' "$*" >&2; exit 1; }

source_version() {
  local version
  version=$(dpkg-query -W -f='${Version}' "$source_package" 2>/dev/null) ||
    die "$source_package is not installed (run scripts/install-deps)"
  [[ -r $source_tarball ]] ||
    die "$source_tarball is missing (run scripts/install-deps)"
  printf '%s\n' "$version"
}

series() { ls "$kernel_dir"/patches/*.patch; }

# Holds the cache lock until the calling script exits: the source tree and
# the object directories serve one build at a time.
lock_cache() {
  mkdir -p "$cache_dir"
  exec 9>"$cache_dir/build.lock"
  flock -n 9 || { log "waiting for another kernel build to finish"; flock 9; }
}

# Extracts the source once per version and applies the current series to it.
# Patches applied by an earlier build are reverted first, so only the files
# the series touches change and the kernel build stays incremental. Callers
# hold lock_cache.
prepare_tree() {
  local version tree applied patch
  version=$(source_version)
  tree=$cache_dir/src/$version/$source_package
  applied=$cache_dir/src/$version/applied
  if [[ ! -f $cache_dir/src/$version/extracted ]]; then
    log "extracting $source_tarball (once per source version)"
    rm -rf "$cache_dir/src/$version"
    mkdir -p "$cache_dir/src/$version"
    tar -xf "$source_tarball" -C "$cache_dir/src/$version"
    mkdir -p "$applied"
    touch "$cache_dir/src/$version/extracted"
  fi
  if ! diff -qr "$applied" "$kernel_dir/patches" >/dev/null 2>&1; then
    for patch in $(ls -r "$applied"/*.patch 2>/dev/null); do
      log "reverting $(basename "$patch")"
      patch -d "$tree" -p1 -R -s -f <"$patch" >&2 ||
        die "cannot revert $(basename "$patch"); delete $cache_dir/src to start afresh"
      rm "$patch"
    done
    for patch in $(series); do
      log "applying $(basename "$patch")"
      patch -d "$tree" -p1 -N -s <"$patch" >&2 ||
        die "$(basename "$patch") does not apply to $source_package $version"
      cp "$patch" "$applied/"
    done
  fi
  printf '%s\n' "$tree"
}
