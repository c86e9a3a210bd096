#!/bin/sh
# Restores a backup set into an EMPTY data dir before Valkey starts (init container).
# Non-cluster sets: dump.rdb. Cluster sets: the RDB of the primary that had this
# pod's ordinal (restore into a fresh cluster of the same size and
# replicasPerPrimary, so the init Job assigns the same slot ranges).
# Inputs: VALKEY_BACKUP_DIR, VALKEY_DATA_DIR, VALKEY_RESTORE_FROM (latest|<set>),
# VALKEY_RESTORE_FORCE, VALKEY_ORDINAL (default: suffix of POD_NAME), VALKEY_MODE.
set -euf
VALKEY_SCRIPT_NAME=restore
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
: "${VALKEY_BACKUP_DIR:=/backup}"
: "${VALKEY_DATA_DIR:=/data}"
: "${VALKEY_RESTORE_FROM:=latest}"
: "${VALKEY_RESTORE_FORCE:=false}"
: "${VALKEY_MODE:=standalone}"
: "${POD_NAME:=$(hostname)}"
: "${VALKEY_ORDINAL:=${POD_NAME##*-}}"

if [ "$VALKEY_RESTORE_FORCE" != "true" ]; then
  for f in dump.rdb appendonlydir appendonly.aof nodes.conf; do
    if [ -e "$VALKEY_DATA_DIR/$f" ]; then log "data dir already holds $f: nothing restored"; exit 0; fi
  done
fi
set_name=$VALKEY_RESTORE_FROM
if [ "$set_name" = "latest" ]; then
  [ -r "$VALKEY_BACKUP_DIR/LATEST" ] || { log "no LATEST backup set: nothing restored"; exit 0; }
  set_name=$(cat "$VALKEY_BACKUP_DIR/LATEST")
fi
src="$VALKEY_BACKUP_DIR/$set_name"
[ -r "$src/manifest.txt" ] || die "backup set $src has no manifest"

file=""
if [ "$VALKEY_MODE" = "cluster" ]; then
  file=$(awk -v o="$VALKEY_ORDINAL" '$1=="shard" { for (i=1;i<NF;i++) { if ($i=="ordinal") ord=$(i+1); if ($i=="file") f=$(i+1) } if (ord==o) { print f; exit } }' "$src/manifest.txt")
  [ -n "$file" ] || { log "ordinal $VALKEY_ORDINAL held no primary in $set_name: nothing restored (it will sync as a replica)"; exit 0; }
else
  file=dump.rdb
fi
[ -s "$src/$file" ] || die "$src/$file is missing or empty"
mkdir -p "$VALKEY_DATA_DIR"
rm -rf "$VALKEY_DATA_DIR/appendonlydir" "$VALKEY_DATA_DIR/appendonly.aof"
cp "$src/$file" "$VALKEY_DATA_DIR/dump.rdb.restore"
mv "$VALKEY_DATA_DIR/dump.rdb.restore" "$VALKEY_DATA_DIR/dump.rdb"
log "restored $src/$file into $VALKEY_DATA_DIR/dump.rdb"
