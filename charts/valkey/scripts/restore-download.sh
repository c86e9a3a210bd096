#!/bin/sh
# Init container before restore.sh (backup.destination=s3): downloads the set
# to restore from VALKEY_BACKUP_REMOTE into the scratch VALKEY_BACKUP_DIR
# (<set>/manifest.txt, the RDB this pod needs, LATEST), where restore.sh reads
# it as from the backup volume. Only sets with a COMPLETE marker are used:
# "latest" is the newest complete set, a named set without the marker is
# refused. Nothing is downloaded when the data volume is not empty (restore.sh
# then tells why). Inputs: VALKEY_BACKUP_REMOTE, VALKEY_BACKUP_LOCATION,
# VALKEY_BACKUP_DIR, VALKEY_DATA_DIR, VALKEY_RESTORE_FROM (latest|<set>),
# VALKEY_RESTORE_FORCE, VALKEY_MODE, VALKEY_ORDINAL (default: suffix of POD_NAME).
set -euf
VALKEY_SCRIPT_NAME=restore-download
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/backup-lib.sh"
restore_defaults
: "${VALKEY_BACKUP_REMOTE:?VALKEY_BACKUP_REMOTE is not set}"
: "${VALKEY_BACKUP_LOCATION:=$VALKEY_BACKUP_REMOTE}"
TMPDIR_BACKUP=$(mktemp -d)
trap 'rm -rf "$TMPDIR_BACKUP"' EXIT

state=$(restore_state "$VALKEY_DATA_DIR")
case $state in
  restored*) log "restore already done on this volume: nothing downloaded"; exit 0 ;;
  data*) if [ "$VALKEY_RESTORE_FORCE" != "true" ]; then log "data volume holds ${state#data }: nothing downloaded (the restore container refuses)"; exit 0; fi ;;
esac

bucket_objects > "$TMPDIR_BACKUP/sets"
complete_sets "$TMPDIR_BACKUP/sets" > "$TMPDIR_BACKUP/complete"
set_name=$VALKEY_RESTORE_FROM
if [ "$set_name" = "latest" ]; then
  set_name=$(tail -n 1 "$TMPDIR_BACKUP/complete")
  [ -n "$set_name" ] || die "no complete backup set in $VALKEY_BACKUP_LOCATION: nothing to restore (check backup.s3.bucket and backup.s3.prefix, or turn backup.restore.enabled off)"
else
  printf '%s\n' "$set_name" | grep -Eq "$SET_NAME_RE" || die "backup.restore.from '$set_name' is not a set name such as 20260131T020000Z"
  if ! grep -qx "$set_name" "$TMPDIR_BACKUP/complete"; then
    if all_sets "$TMPDIR_BACKUP/sets" | grep -qx "$set_name"; then
      die "backup set $set_name in $VALKEY_BACKUP_LOCATION has no completion marker (its upload was interrupted): it is never restored; choose another set, newest complete: $(tail -n 1 "$TMPDIR_BACKUP/complete")"
    fi
    die "no backup set $set_name in $VALKEY_BACKUP_LOCATION; complete sets: $(tr '\n' ' ' < "$TMPDIR_BACKUP/complete")"
  fi
fi

dst="$VALKEY_BACKUP_DIR/$set_name"
rm -rf "$dst"
mkdir -p "$dst"
rclone copyto "$VALKEY_BACKUP_REMOTE/$set_name/manifest.txt" "$dst/manifest.txt" || die "downloading the manifest of $set_name failed"
if [ "$VALKEY_MODE" = "cluster" ]; then
  shard=$(manifest_shard "$dst/manifest.txt" "$VALKEY_ORDINAL")
  file=${shard%% *}
else
  file=dump.rdb
fi
if [ -n "$file" ]; then
  rclone copyto "$VALKEY_BACKUP_REMOTE/$set_name/$file" "$dst/$file" || die "downloading $file of $set_name failed"
  log "downloaded $set_name/$file ($(du -k "$dst/$file" | awk '{print $1}') KiB) from $VALKEY_BACKUP_LOCATION"
else
  log "ordinal $VALKEY_ORDINAL held no primary in $set_name: only its manifest downloaded"
fi
printf '%s\n' "$set_name" > "$VALKEY_BACKUP_DIR/LATEST.tmp"
mv "$VALKEY_BACKUP_DIR/LATEST.tmp" "$VALKEY_BACKUP_DIR/LATEST"
