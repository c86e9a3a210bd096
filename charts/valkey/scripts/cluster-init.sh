#!/bin/sh
# Forms the Valkey Cluster once all nodes answer PING (idempotent: does nothing
# when the cluster is already formed). Empty nodes: valkey-cli --cluster create.
# Nodes restored from a backup set (restore.sh gave them their slots): CLUSTER
# MEET, then the empty nodes replicate them. Addresses: see lib.sh.
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

# Restored primaries (restore.sh wrote their nodes.conf) own slots but know
# only themselves: join them, then the empty nodes become their replicas.
known_max=0; restored=""; empty=""; owned=0
i=0
while [ "$i" -lt "$N" ]; do
  set -- $(node_addr "$i")
  k=$(info_field_cluster "$1" "$2" cluster_known_nodes)
  s=$(info_field_cluster "$1" "$2" cluster_slots_assigned)
  [ "${k:-1}" -gt "$known_max" ] && known_max=${k:-1}
  if [ "${s:-0}" -gt 0 ]; then restored="$restored $i"; owned=$((owned + s)); else empty="$empty $i"; fi
  i=$((i + 1))
done
if [ "$known_max" -le 1 ] && [ -n "$restored" ]; then
  [ "$owned" -eq 16384 ] || die "restored nodes (ordinals$restored) own $owned of 16384 slots: the backup set was taken from a cluster of another size or shape; restore it into one with the same cluster.replicas"
  log "forming the cluster from restored primaries (ordinals$restored), replicas:$empty"
  # id ip port cport per ordinal; the cluster bus port comes from each node itself
  node_info() {
    set -- $(node_addr "$1")
    _me=$(vcli_cmd "$1" "$2" CLUSTER NODES | awk '$3 ~ /myself/ {print $1, $2}')
    _bus=${_me#*@}; _bus=${_bus%%,*}
    echo "${_me%% *} $(resolve_ip "$1") $2 $_bus"
  }
  set -- $restored
  anchor=$1
  set -- $(node_addr "$anchor")
  ah=$1; ap=$2
  for i in $restored $empty; do
    [ "$i" = "$anchor" ] && continue
    set -- $(node_info "$i")
    vcli_cmd "$ah" "$ap" CLUSTER MEET "$2" "$3" "$4" >/dev/null || die "CLUSTER MEET $2:$3 failed"
  done
  all_know() {
    _j=0
    while [ "$_j" -lt "$N" ]; do
      set -- $(node_addr "$_j")
      [ "$(info_field_cluster "$1" "$2" cluster_known_nodes)" = "$N" ] || return 1
      _j=$((_j + 1))
    done
  }
  wait_for "$VALKEY_WAIT_TIMEOUT" all_know || die "nodes did not all meet within ${VALKEY_WAIT_TIMEOUT}s"
  # Each empty node replicates the restored primary with the fewest replicas.
  counts=""
  for i in $restored; do counts="$counts $(node_info "$i" | cut -d' ' -f1):0"; done
  for i in $empty; do
    target=$(printf '%s\n' $counts | sort -t: -k2,2n -s | head -n 1)
    tid=${target%%:*}; tn=${target#*:}
    set -- $(node_addr "$i")
    vcli_cmd "$1" "$2" CLUSTER REPLICATE "$tid" >/dev/null || die "CLUSTER REPLICATE $tid on ordinal $i failed"
    log "ordinal $i replicates $tid"
    counts=$(printf '%s\n' $counts | sed "s/^$tid:$tn\$/$tid:$((tn + 1))/" | tr '\n' ' ')
  done
  set -- $(node_addr 0)
  wait_for "$VALKEY_WAIT_TIMEOUT" cluster_ok "$1" "$2" || die "cluster_state did not become ok"
  log "cluster formed from the restored backup"
  exit 0
fi

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
