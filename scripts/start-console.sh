#!/usr/bin/env bash
# The path for people with a cluster (`npm run start-console`), as the console plugin template does
# it: the plugin served by `webpack serve` on port 9001, and the real OpenShift console container
# (bridge) on port 9000 against the cluster `oc` is logged in to, loading the plugin from that
# dev server. Without a cluster, use `npm start` (console shell and simulated cluster) instead.
#
# Environment: CONSOLE_IMAGE (default quay.io/openshift/origin-console:4.22), CONSOLE_PORT (9000),
# PLUGIN_PORT (9001), CONTAINER_ENGINE (podman or docker; default: podman if present),
# CONSOLE_IMAGE_PLATFORM (linux/amd64, the platform the console image is published for).
set -euo pipefail

cd "$(dirname "$0")/.."

CONSOLE_IMAGE=${CONSOLE_IMAGE:-quay.io/openshift/origin-console:4.22}
CONSOLE_PORT=${CONSOLE_PORT:-9000}
CONSOLE_IMAGE_PLATFORM=${CONSOLE_IMAGE_PLATFORM:-linux/amd64}
PLUGIN_PORT=${PLUGIN_PORT:-9001}
PLUGIN_NAME=$(node -p "require('./package.json').consolePlugin.name")

die() {
  echo "start-console: $*" >&2
  exit 1
}

# --- What this needs, checked before anything starts -------------------------------------------
command -v oc >/dev/null 2>&1 ||
  die "the OpenShift CLI 'oc' is not installed. Install it (https://mirror.openshift.com/pub/openshift-v4/clients/ocp/latest/) and log in with 'oc login', or run 'npm start' for the console shell with a simulated cluster."

if [ -n "${CONTAINER_ENGINE:-}" ]; then
  command -v "$CONTAINER_ENGINE" >/dev/null 2>&1 || die "CONTAINER_ENGINE=$CONTAINER_ENGINE is not installed."
elif command -v podman >/dev/null 2>&1; then
  CONTAINER_ENGINE=podman
elif command -v docker >/dev/null 2>&1; then
  CONTAINER_ENGINE=docker
else
  die "neither podman nor docker is installed; one of them runs the console container ($CONSOLE_IMAGE). Or run 'npm start' for the console shell with a simulated cluster."
fi

API_SERVER=$(oc whoami --show-server 2>/dev/null) ||
  die "'oc whoami --show-server' failed: log in to a cluster first ('oc login …')."
oc whoami >/dev/null 2>&1 ||
  die "not logged in to $API_SERVER (or the session expired): run 'oc login' again."
TOKEN=$(oc whoami --show-token 2>/dev/null) || TOKEN=""
[ -n "$TOKEN" ] ||
  die "'oc whoami --show-token' printed no token: the console needs a bearer token. Log in with a token ('oc login --token=… --server=$API_SERVER'), not a client certificate."

# --- The console's configuration (bridge flags as BRIDGE_* variables) ---------------------------
export BRIDGE_USER_AUTH="disabled"
export BRIDGE_K8S_MODE="off-cluster"
export BRIDGE_K8S_AUTH="bearer-token"
export BRIDGE_K8S_MODE_OFF_CLUSTER_SKIP_VERIFY_TLS=true
export BRIDGE_K8S_MODE_OFF_CLUSTER_ENDPOINT="$API_SERVER"
export BRIDGE_K8S_AUTH_BEARER_TOKEN="$TOKEN"
export BRIDGE_USER_SETTINGS_LOCATION="localstorage"
# The ConsolePlugin declares i18n loadType Preload; off-cluster the bridge is told directly.
export BRIDGE_I18N_NAMESPACES="plugin__${PLUGIN_NAME}"
# Monitoring endpoints are optional; the console works without them.
THANOS=$(oc -n openshift-config-managed get configmap monitoring-shared-config \
  -o jsonpath='{.data.thanosPublicURL}' 2>/dev/null || true)
ALERTMANAGER=$(oc -n openshift-config-managed get configmap monitoring-shared-config \
  -o jsonpath='{.data.alertmanagerPublicURL}' 2>/dev/null || true)
[ -z "$THANOS" ] || export BRIDGE_K8S_MODE_OFF_CLUSTER_THANOS="$THANOS"
[ -z "$ALERTMANAGER" ] || export BRIDGE_K8S_MODE_OFF_CLUSTER_ALERTMANAGER="$ALERTMANAGER"

# Linux: host networking (the container reaches the dev server on localhost, and listens on the
# host's CONSOLE_PORT directly). Elsewhere: a published port and the engine's host alias.
NETWORK_ARGS=()
if [ "$(uname -s)" = "Linux" ]; then
  export BRIDGE_PLUGINS="${PLUGIN_NAME}=http://localhost:${PLUGIN_PORT}"
  export BRIDGE_LISTEN="http://0.0.0.0:${CONSOLE_PORT}"
  NETWORK_ARGS=(--network=host)
elif [ "$CONTAINER_ENGINE" = "podman" ]; then
  export BRIDGE_PLUGINS="${PLUGIN_NAME}=http://host.containers.internal:${PLUGIN_PORT}"
  NETWORK_ARGS=(-p "${CONSOLE_PORT}:9000")
else
  export BRIDGE_PLUGINS="${PLUGIN_NAME}=http://host.docker.internal:${PLUGIN_PORT}"
  NETWORK_ARGS=(-p "${CONSOLE_PORT}:9000")
fi

# --- The plugin's dev server, stopped when this script ends -------------------------------------
echo "Starting the plugin dev server (webpack serve) on port ${PLUGIN_PORT}…"
PLUGIN_PORT="$PLUGIN_PORT" node node_modules/webpack-cli/bin/cli.js serve --config dev/webpack.dev-server.config.ts &
DEV_SERVER_PID=$!
cleanup() {
  kill "$DEV_SERVER_PID" 2>/dev/null || true
  wait "$DEV_SERVER_PID" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

manifest_served() {
  node -e "fetch('http://localhost:${PLUGIN_PORT}/plugin-manifest.json').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
}
for _ in $(seq 1 180); do
  manifest_served && break
  kill -0 "$DEV_SERVER_PID" 2>/dev/null || die "the plugin dev server exited; see its output above."
  sleep 1
done
manifest_served ||
  die "the plugin dev server did not serve plugin-manifest.json on port ${PLUGIN_PORT} within 3 minutes."

echo "API server:    $API_SERVER"
echo "Console image: $CONSOLE_IMAGE ($CONTAINER_ENGINE)"
echo "Plugin:        $BRIDGE_PLUGINS"
echo "Console URL:   http://localhost:${CONSOLE_PORT}"

# Variables are passed by name (-e NAME), so the token never appears on a command line.
ENV_ARGS=()
while IFS= read -r name; do ENV_ARGS+=(-e "$name"); done < <(compgen -e | grep '^BRIDGE_')

"$CONTAINER_ENGINE" run --rm --platform "$CONSOLE_IMAGE_PLATFORM" "${NETWORK_ARGS[@]}" "${ENV_ARGS[@]}" "$CONSOLE_IMAGE"
