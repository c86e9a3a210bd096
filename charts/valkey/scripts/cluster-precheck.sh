#!/bin/sh
# Pre-upgrade safety check: reads the LIVE topology (CLUSTER NODES) and refuses
# a scale-down to VALKEY_DESIRED_SIZE nodes that would remove a slot-owning
# primary together with all of its replicas (those slots would be lost), or
# leave fewer than 3 primaries. Passes when no cluster is reachable (first install).
# Inputs: VALKEY_DESIRED_SIZE, VALKEY_SCAN_MAX (ordinals probed, default 64); addressing: lib.sh.
set -euf
VALKEY_SCRIPT_NAME=cluster-precheck
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
: "${VALKEY_DESIRED_SIZE:?VALKEY_DESIRED_SIZE is required}"
: "${VALKEY_SCAN_MAX:=64}"
load_password

D=$VALKEY_DESIRED_SIZE
MAX=$(node_count "$VALKEY_SCAN_MAX")
nodes=""
i=0
while [ "$i" -lt "$MAX" ]; do
  na=$(node_addr "$i") || break
  set -- $na
  nodes=$(vcli_cmd "$1" "$2" CLUSTER NODES || true)
  if [ -n "$nodes" ]; then log "live topology read from node $i ($1:$2)"; break; fi
  [ "$i" -ge "$D" ] && break
  i=$((i + 1))
done
if [ -z "$nodes" ]; then
  log "no live cluster reachable (first install?): nothing to check"
  exit 0
fi

TMPD=${TMPDIR:-/tmp}/precheck.$$
mkdir -p "$TMPD"
trap 'rm -rf "$TMPD"' EXIT
printf '%s\n' "$nodes" | grep -v '^$' > "$TMPD/nodes"
live=$(grep -vc -E ' (handshake|noaddr)' "$TMPD/nodes" || true)
log "live nodes: $live, desired: $D"

# id ordinal role(master|replica) masterid failed(0|1) hasslots(0|1)
: > "$TMPD/table"
while read -r id addr flags master rest; do
  set -- $rest
  shift 4 2>/dev/null || true
  hs=0; [ $# -gt 0 ] && hs=1
  role=master; case ",$flags," in *,slave,*) role=replica ;; esac
  failed=0; case ",$flags," in *,fail,*|*,noaddr,*|*,handshake,*) failed=1 ;; esac
  ord=$(addr_ordinal "$addr" "$MAX")
  echo "$id $ord $role $master $failed $hs" >> "$TMPD/table"
done < "$TMPD/nodes"

unsafe=0
primaries_left=0
weights=""

while read -r id ord role master failed hs; do
  [ "$role" = "master" ] && [ "$hs" = "1" ] && [ "$failed" = "0" ] || continue
  keep=0
  if [ "$ord" = "?" ]; then
    log "WARNING: primary $id cannot be mapped to a pod ordinal; assuming it stays"
    keep=1
  elif [ "$ord" -lt "$D" ]; then
    keep=1
  else
    survivors=$(awk -v m="$id" -v d="$D" '$3=="replica" && $4==m && $5=="0" && $2!="?" && $2+0<d+0 {print $2}' "$TMPD/table" | tr '\n' ' ')
    if [ -n "$survivors" ]; then
      log "primary $id (ordinal $ord) will be removed; replica ordinal(s) $survivors take over its slots"
      keep=1
    else
      log "UNSAFE: primary $id (ordinal $ord) and all of its replicas are at ordinals >= $D: its slots would be lost"
      weights="$weights --cluster-weight $id=0"
      unsafe=1
    fi
  fi
  [ "$keep" = "1" ] && primaries_left=$((primaries_left + 1))
done < "$TMPD/table"

if [ "$primaries_left" -lt 3 ]; then
  log "UNSAFE: only $primaries_left slot-owning primaries would remain (need 3)"
  unsafe=1
fi
if [ "$unsafe" = "1" ]; then
  log "refusing the upgrade: scale down in steps, moving slots or primaries to lower ordinals first (valkey-cli --cluster rebalance / CLUSTER FAILOVER)"
  if [ -n "$weights" ]; then
    set -- $(node_addr 0)
    log "to move the slots of the removed primaries to the remaining ones, run (with REDISCLI_AUTH set):"
    log "  valkey-cli --cluster rebalance $1:$2$weights --cluster-yes"
    log "then upgrade again"
  fi
  exit 1
fi
log "scale check passed"
