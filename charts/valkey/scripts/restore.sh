#!/bin/sh
# Restores a backup set into an EMPTY data dir before Valkey starts (init container).
# Non-cluster sets: dump.rdb. Cluster sets: the RDB of the primary that had this
# pod's ordinal, plus a nodes.conf in which this node (a new node id) owns that
# primary's slot ranges from the manifest; the cluster-init Job then joins the
# restored primaries and makes the other pods their replicas. Restore into a
# fresh cluster of the same size.
# Inputs: VALKEY_BACKUP_DIR, VALKEY_DATA_DIR, VALKEY_RESTORE_FROM (latest|<set>),
# VALKEY_RESTORE_FORCE, VALKEY_ORDINAL (default: suffix of POD_NAME), VALKEY_MODE.
set -euf
VALKEY_SCRIPT_NAME=restore
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/backup-lib.sh"
restore_defaults

# A volume this init container already restored (or found empty) starts as
# it is, even when forced; a volume holding data from elsewhere refuses the
# restore unless forced.
state=$(restore_state "$VALKEY_DATA_DIR")
case $state in
  restored*) log "restore already done on this volume (${state#restored }): starting with its data"; exit 0 ;;
  data*) [ "$VALKEY_RESTORE_FORCE" = "true" ] || die "restore refused: the data volume of $POD_NAME already holds ${state#data } (an instance with data). Restore only into a new, empty instance, or set backup.restore.force=true to replace its data" ;;
esac
mark_restored() { # set name: later starts of this pod keep the data
  mkdir -p "$VALKEY_DATA_DIR"
  printf '%s\n' "$1" > "$VALKEY_DATA_DIR/$RESTORE_MARKER.tmp"
  mv "$VALKEY_DATA_DIR/$RESTORE_MARKER.tmp" "$VALKEY_DATA_DIR/$RESTORE_MARKER"
}
set_name=$VALKEY_RESTORE_FROM
if [ "$set_name" = "latest" ]; then
  [ -r "$VALKEY_BACKUP_DIR/LATEST" ] || { mark_restored none; log "no LATEST backup set: nothing restored"; exit 0; }
  set_name=$(cat "$VALKEY_BACKUP_DIR/LATEST")
fi
src="$VALKEY_BACKUP_DIR/$set_name"
[ -r "$src/manifest.txt" ] || die "backup set $src has no manifest"

file=""
if [ "$VALKEY_MODE" = "cluster" ]; then
  # "<file> <shard> <slot ranges...>" of the primary this ordinal held
  shard=$(manifest_shard "$src/manifest.txt" "$VALKEY_ORDINAL")
  if [ -z "$shard" ]; then
    # forced: leave no old identity or data behind, the pod joins as an empty replica
    [ "$VALKEY_RESTORE_FORCE" = "true" ] && rm -rf "$VALKEY_DATA_DIR/nodes.conf" "$VALKEY_DATA_DIR/dump.rdb" "$VALKEY_DATA_DIR/appendonlydir" "$VALKEY_DATA_DIR/appendonly.aof"
    mark_restored "$set_name"
    log "ordinal $VALKEY_ORDINAL held no primary in $set_name: nothing restored (it will sync as a replica)"
    exit 0
  fi
  set -- $shard
  file=$1; epoch=$(($2 + 1)); shift 2
  ranges="$*"
  [ -n "$ranges" ] || die "manifest of $set_name lists no slot ranges for ordinal $VALKEY_ORDINAL"
  shards=$(grep -c '^shard ' "$src/manifest.txt")
else
  file=dump.rdb
fi
[ -s "$src/$file" ] || die "$src/$file is missing or empty"
mkdir -p "$VALKEY_DATA_DIR"
rm -rf "$VALKEY_DATA_DIR/appendonlydir" "$VALKEY_DATA_DIR/appendonly.aof" "$VALKEY_DATA_DIR/nodes.conf"
cp "$src/$file" "$VALKEY_DATA_DIR/dump.rdb.restore"
mv "$VALKEY_DATA_DIR/dump.rdb.restore" "$VALKEY_DATA_DIR/dump.rdb"
log "restored $src/$file into $VALKEY_DATA_DIR/dump.rdb"
if [ "$VALKEY_MODE" = "cluster" ]; then
  # A primary that knows only itself and owns its backed-up slots, with a
  # distinct config epoch per shard. valkey-init.sh puts the pod IP in; the
  # server takes its ports from its config.
  id=$(od -An -tx1 -N20 /dev/urandom | tr -d ' \n')
  [ ${#id} -eq 40 ] || die "could not generate a node id"
  {
    printf '%s 127.0.0.1:%s@%s myself,master - 0 0 %s connected %s\n' "$id" "$VALKEY_PORT" "$((VALKEY_PORT + 10000))" "$epoch" "$ranges"
    printf 'vars currentEpoch %s lastVoteEpoch 0\n' "$shards"
  } > "$VALKEY_DATA_DIR/nodes.conf.restore"
  mv "$VALKEY_DATA_DIR/nodes.conf.restore" "$VALKEY_DATA_DIR/nodes.conf"
  log "wrote nodes.conf: node $id owns slots $ranges (shard $((epoch - 1)) of $set_name)"
fi
mark_restored "$set_name"
