#!/bin/sh
# Forms the Valkey Cluster once all nodes answer PING (idempotent: does nothing
# when the cluster is already formed). Addresses: see lib.sh.
# Inputs: VALKEY_CLUSTER_SIZE, VALKEY_CLUSTER_REPLICAS_PER_PRIMARY, VALKEY_WAIT_TIMEOUT.
set -euf
VALKEY_SCRIPT_NAME=cluster-init
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
: "${VALKEY_CLUSTER_SIZE:=6}"
: "${VALKEY_CLUSTER_REPLICAS_PER_PRIMARY:=1}"
: "${VALKEY_WAIT_TIMEOUT:=300}"
load_password

N=$VALKEY_CLUSTER_SIZE
log "waiting for $N nodes to answer PING"
i=0
while [ "$i" -lt "$N" ]; do
  set -- $(node_addr "$i")
  wait_for "$VALKEY_WAIT_TIMEOUT" ping_ok "$1" "$2" || die "node $i ($1:$2) did not answer PING within ${VALKEY_WAIT_TIMEOUT}s"
  i=$((i + 1))
done

member=$(first_member "$N")
if [ -n "$member" ]; then
  set -- $member
  state=$(info_field_cluster "$1" "$2" cluster_state)
  log "cluster already formed (seen from $1:$2, cluster_state:$state); nothing to do"
  if [ "$state" != "ok" ]; then
    wait_for 120 cluster_ok "$1" "$2" \
      || die "cluster exists but cluster_state is not ok; inspect with valkey-cli --cluster check"
  fi
  exit 0
fi

addrs=""
i=0
while [ "$i" -lt "$N" ]; do
  set -- $(node_addr "$i")
  addrs="$addrs $(resolve_ip "$1"):$2"
  i=$((i + 1))
done
set -- $(node_addr 0)
h0=$1; p0=$2
log "creating cluster:$addrs (replicas per primary: $VALKEY_CLUSTER_REPLICAS_PER_PRIMARY)"
# shellcheck disable=SC2086
vcli "$h0" "$p0" --cluster create $addrs --cluster-replicas "$VALKEY_CLUSTER_REPLICAS_PER_PRIMARY" --cluster-yes

wait_for "$VALKEY_WAIT_TIMEOUT" cluster_ok "$h0" "$p0" \
  || die "cluster_state did not become ok"
log "cluster formed"
