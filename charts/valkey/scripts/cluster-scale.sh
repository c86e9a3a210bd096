#!/bin/sh
# Post-upgrade: reconciles the live cluster with VALKEY_CLUSTER_SIZE nodes.
# Scale-up: adds new nodes (primaries up to size/(1+replicasPerPrimary), then
# replicas of the primary with the fewest replicas) and rebalances slots.
# Scale-down: waits for the failover of removed primaries, then makes every
# remaining node forget the removed ones. Addressing: lib.sh.
set -euf
VALKEY_SCRIPT_NAME=cluster-scale
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
: "${VALKEY_CLUSTER_SIZE:=6}"
: "${VALKEY_CLUSTER_REPLICAS_PER_PRIMARY:=1}"
: "${VALKEY_WAIT_TIMEOUT:=300}"
: "${VALKEY_FAILOVER_WAIT:=90}"
: "${VALKEY_SCAN_MAX:=64}"
load_password

N=$VALKEY_CLUSTER_SIZE
R=$VALKEY_CLUSTER_REPLICAS_PER_PRIMARY
P=$((N / (R + 1)))
MAX=$(node_count "$VALKEY_SCAN_MAX")
[ "$MAX" -lt "$N" ] && MAX=$N

i=0
while [ "$i" -lt "$N" ]; do
  set -- $(node_addr "$i")
  wait_for "$VALKEY_WAIT_TIMEOUT" ping_ok "$1" "$2" || die "node $i ($1:$2) did not answer PING"
  i=$((i + 1))
done

member=$(first_member "$N")
[ -n "$member" ] || { log "no formed cluster found; the init Job forms it"; exit 0; }
set -- $member
EH=$1; EP=$2
ENTRY="$(resolve_ip "$EH"):$EP"
log "entry node: $EH:$EP"

nodes() { vcli_cmd "$EH" "$EP" CLUSTER NODES | grep -v '^$'; }

# ---- scale-down: removed nodes ------------------------------------------------
removed=""
for line in $(nodes | awk '{print $1"|"$2"|"$3}'); do
  id=${line%%|*}; rest=${line#*|}; addr=${rest%%|*}; flags=${rest#*|}
  ord=$(addr_ordinal "$addr" "$MAX")
  [ "$ord" != "?" ] && [ "$ord" -ge "$N" ] && removed="$removed $id"
done
for id in $removed; do
  log "node $id belongs to a removed ordinal"
  # Wait until it no longer owns slots (its replica was promoted).
  deadline=$(($(date +%s) + VALKEY_FAILOVER_WAIT))
  while nodes | awk -v id="$id" '$1==id && NF>8 {found=1} END {exit !found}'; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      die "removed node $id still owns slots after ${VALKEY_FAILOVER_WAIT}s; fix manually (valkey-cli --cluster fix)"
    fi
    sleep 3
  done
done
if [ -n "$removed" ]; then
  for line in $(nodes | awk '{print $1"|"$2}'); do
    nid=${line%%|*}; addr=${line#*|}
    case " $removed " in *" $nid "*) continue ;; esac
    set -- $(cn_endpoint "$addr")
    for id in $removed; do
      vcli_cmd "$1" "$2" CLUSTER FORGET "$id" >/dev/null || true
    done
  done
  log "forgot removed nodes:$removed"
fi

# ---- scale-up: nodes not yet in the cluster -----------------------------------
added_primary=0
i=0
while [ "$i" -lt "$N" ]; do
  set -- $(node_addr "$i")
  h=$1; p=$2
  known=$(info_field_cluster "$h" "$p" cluster_known_nodes)
  if [ "${known:-1}" -le 1 ]; then
    masters=$(nodes | awk '$3 ~ /master/ && $3 !~ /fail/ {print $1}' | wc -l | tr -d ' ')
    addr="$(resolve_ip "$h"):$p"
    if [ "$masters" -lt "$P" ]; then
      log "adding node $i ($addr) as a primary"
      vcli "$EH" "$EP" --cluster add-node "$addr" "$ENTRY"
      added_primary=1
    else
      target=$(nodes | awk '$3 ~ /master/ && $3 !~ /fail/ {m[$1]=0} $3 ~ /slave/ {c[$4]++} END {for (k in m) print (c[k]+0), k}' | sort -n | head -n 1 | awk '{print $2}')
      log "adding node $i ($addr) as a replica of $target"
      vcli "$EH" "$EP" --cluster add-node "$addr" "$ENTRY" --cluster-slave --cluster-master-id "$target"
    fi
    sleep 3
  fi
  i=$((i + 1))
done

if [ "$added_primary" = "1" ]; then
  log "rebalancing slots onto new primaries"
  wait_for 60 cluster_ok "$EH" "$EP" || true
  vcli "$EH" "$EP" --cluster rebalance "$ENTRY" --cluster-use-empty-masters --cluster-yes
fi

wait_for "$VALKEY_WAIT_TIMEOUT" cluster_ok "$EH" "$EP" || die "cluster_state is not ok after scaling"
log "cluster reconciled to $N nodes"
