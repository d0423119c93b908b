#!/usr/bin/env bash
# Resolves the base images of both Containerfiles again and pins them by digest: for every
# `# tag: IMAGE:TAG` comment, the FROM line below it gets IMAGE@<digest of TAG now>. The digest is
# the tag's multi-architecture index, so `podman build --platform linux/amd64` (or arm64) keeps
# working. Needs skopeo and access to the registry; review the diff, then build and test.
#
#   bash scripts/pin-base-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v skopeo >/dev/null || { echo "pin-base-images: skopeo is needed (apt-get install skopeo)" >&2; exit 1; }
for file in Containerfile src/agent/Containerfile; do
  tmp=$(mktemp)
  tag=
  while IFS= read -r line; do
    if [[ $line =~ ^#\ tag:\ (.+)$ ]]; then
      tag=${BASH_REMATCH[1]}
    elif [[ -n $tag && $line =~ ^FROM\ ([^@ ]+)@sha256:[0-9a-f]{64}(.*)$ ]]; then
      digest=$(skopeo inspect --raw "docker://$tag" | sha256sum | cut -d' ' -f1)
      line="FROM ${BASH_REMATCH[1]}@sha256:$digest${BASH_REMATCH[2]}"
      echo "$file: $tag -> sha256:$digest"
      tag=
    fi
    printf '%s\n' "$line" >> "$tmp"
  done < "$file"
  mv "$tmp" "$file"
done
