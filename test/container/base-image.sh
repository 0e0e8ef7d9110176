#!/usr/bin/env bash
# Local stand-ins for the official Node images the Containerfile builds FROM, for machines that
# reach no image registry: docker.io/library/node:20-bookworm (the builder: Node 20, npm,
# python3, make, g++) and docker.io/library/node:20-bookworm-slim (Node 20 and npm only), made
# from this Debian 12 machine's own installed packages (each package's files, with the packages
# it depends on) and laid out as the official ones are: node and npm in /usr/local/bin, a `node`
# user with uid 1000. Only images that are missing are made; -f makes them again.
#   test/container/base-image.sh [-f]
set -euo pipefail
PODMAN=${PODMAN:-podman}
BUILDER=docker.io/library/node:20-bookworm
SLIM=docker.io/library/node:20-bookworm-slim
# What every image holds besides Node: a shell and the tools a RUN line and a healthcheck use.
BASE_PACKAGES=(base-files base-passwd dash bash coreutils libc-bin findutils grep sed mawk tar gzip)
# Left out of the slim image although nodejs names them (the official slim image has neither).
SLIM_SKIPS=(python3 ca-certificates)
FORCE=${1:-}

installed() { dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null | grep -qx installed; }

# The installed packages named and those they depend on (the first installed alternative).
closure() {
  local -A seen=() skip=()
  local p item alt deps
  for p in "${SKIPS[@]}"; do skip[$p]=1; done
  local queue=("$@")
  while ((${#queue[@]} > 0)); do
    p=${queue[0]%%:*}
    queue=("${queue[@]:1}")
    [[ -n ${seen[$p]:-} || -n ${skip[$p]:-} ]] && continue
    installed "$p" || continue
    seen[$p]=1
    deps=$(dpkg-query -W -f='${Pre-Depends}, ${Depends}' "$p")
    IFS=',' read -ra items <<<"$deps"
    for item in "${items[@]}"; do
      IFS='|' read -ra alts <<<"$item"
      for alt in "${alts[@]}"; do
        read -r alt _ <<<"$alt" || true
        alt=${alt%%:*}
        if [[ -n $alt ]] && installed "$alt"; then
          queue+=("$alt")
          break
        fi
      done
    done
  done
  printf '%s\n' "${!seen[@]}"
}

# One image from these packages: their files (no docs, manuals or translations; /bin, /lib and
# /sbin are /usr's here), a few files of /etc, the official layout, imported under NAME.
make_image() {
  local name=$1
  shift
  local dir
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' RETURN
  closure "$@" | xargs dpkg -L 2>/dev/null |
    grep -Ev '^/usr/share/(doc|man|info|locale|lintian)(/|$)' |
    sed -E 's#^/(bin|sbin|lib|lib64)(/|$)#/usr/\1\2#' | sort -u >"$dir/files"
  # What the packages' programs need at run time from /etc: certificates, npm's settings,
  # name lookup, the linker's cache, the alternatives (cc, c++, awk, ...); and npm as it is
  # now (it updates itself past the files its package lists).
  for f in /etc/ssl /etc/ca-certificates /etc/npmrc /etc/nsswitch.conf /etc/ld.so.conf \
    /etc/ld.so.conf.d /etc/ld.so.cache /etc/alternatives /etc/os-release /etc/debian_version \
    /etc/python3 /etc/python3.11 /usr/lib/node_modules/npm; do
    [[ -e $f || -L $f ]] && find "$f" >>"$dir/files"
  done
  # The names update-alternatives made (cc, c++, awk): no package lists them.
  find /usr/bin /usr/sbin -maxdepth 1 -lname '/etc/alternatives/*' >>"$dir/files"
  # Files and links only: directories come from their paths, and none is said twice (an image
  # layer refuses a path twice).
  perl -lne 'print if -l || !-d' "$dir/files" | sort -u >"$dir/entries"
  tar -C / --no-recursion --ignore-failed-read -cf "$dir/rootfs.tar" -T "$dir/entries" 2>/dev/null
  local extra=$dir/extra
  mkdir -p "$extra/usr/local/bin" "$extra/etc" "$extra/home/node" "$extra/root" "$extra/tmp" \
    "$extra/var/tmp"
  chmod 1777 "$extra/tmp" "$extra/var/tmp"
  for d in bin sbin lib lib64; do ln -s "usr/$d" "$extra/$d"; done
  for tool in node npm npx; do ln -s "/usr/bin/$tool" "$extra/usr/local/bin/$tool"; done
  printf 'root:x:0:0:root:/root:/bin/bash\nnode:x:1000:1000::/home/node:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' >"$extra/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n' >"$extra/etc/group"
  chown 1000:1000 "$extra/home/node"
  # npm's global settings as this machine has them (its certificates), and where this
  # machine's nodejs package put Node's headers, for node-gyp (the official image has them
  # beside its node in /usr/local, where node-gyp looks).
  mkdir -p "$extra/usr/etc"
  { cat /usr/etc/npmrc 2>/dev/null || true; echo 'nodedir=/usr'; } >"$extra/usr/etc/npmrc"
  (cd "$extra" && tar -rf "$dir/rootfs.tar" bin sbin lib lib64 usr/local usr/etc etc/passwd etc/group home root tmp var/tmp)
  "$PODMAN" import --change 'CMD ["node"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$dir/rootfs.tar" "$name" >/dev/null
  echo "made $name ($(du -h "$dir/rootfs.tar" | cut -f1) rootfs)"
}

exists() { [[ $FORCE != -f ]] && "$PODMAN" image exists "$1"; }

SKIPS=()
exists "$BUILDER" || make_image "$BUILDER" nodejs python3 make g++ libc6-dev "${BASE_PACKAGES[@]}"
SKIPS=("${SLIM_SKIPS[@]}")
exists "$SLIM" || make_image "$SLIM" nodejs "${BASE_PACKAGES[@]}"
