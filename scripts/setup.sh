#!/usr/bin/env bash
# Everything a fresh machine needs to run the plugin and its tests: Debian's podman (the real
# containers/storage parser the tests check storage.conf against), chromium (browser tests) and
# nginx (deploy/__tests__/nginx.test.ts serves dist/ with the plugin's nginx.conf), then the exact
# npm dependencies from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# kubectl (kustomize for the deploy/ tests) comes with this kind of machine; say so plainly if not.
command -v kubectl >/dev/null 2>&1 || echo "setup: kubectl is missing; the deploy/ tests render the manifests with 'kubectl kustomize'" >&2
npm ci --no-audit --no-fund
