# Sourced by the provision scripts: finds a file of the offline sources (shared/). CI copies
# shared/ read-only beside the clone (../shared); on a work machine it is /work/shared;
# OFFLINE_E2E_SHARED overrides both. Reads only. Needs HERE (the clone's root) to be set.

# shared_file PATH: prints the first existing $dir/PATH, or fails.
shared_file() {
  local dir
  for dir in ${OFFLINE_E2E_SHARED:+"$OFFLINE_E2E_SHARED"} "$(dirname "$HERE")/shared" /work/shared; do
    [ -f "$dir/$1" ] && { echo "$dir/$1"; return 0; }
  done
  return 1
}

# Where shared_file looks, for messages.
shared_places() {
  echo "${OFFLINE_E2E_SHARED:+$OFFLINE_E2E_SHARED, }$(dirname "$HERE")/shared, /work/shared"
}

# shared_sum FILE: prints FILE's sha256 when the SHA256SUMS beside it lists FILE with that hash;
# fails (printing nothing) when the list is missing, does not name FILE, or names other bytes.
shared_sum() {
  local sums want have
  sums="$(dirname "$1")/SHA256SUMS"
  [ -f "$sums" ] || return 1
  want=$(awk -v n="$(basename "$1")" '$2 == n || $2 == "*" n { print $1; exit }' "$sums")
  have=$(sha256sum "$1" | cut -d' ' -f1)
  [ -n "$want" ] && [ "$want" = "$have" ] && echo "$have"
}
