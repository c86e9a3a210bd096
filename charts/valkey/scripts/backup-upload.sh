#!/bin/sh
# Uploader container of the backup Job (backup.destination=s3): sends the set
# backup.sh took into the scratch VALKEY_BACKUP_DIR to VALKEY_BACKUP_REMOTE
# (an rclone remote configured by RCLONE_CONFIG_VALKEYBACKUP_* env), RDB files
# first, then manifest.txt, then, once the bucket's copies match the local
# ones, the COMPLETE marker: a set without it is never restored. Then retention
# in the bucket: complete sets beyond VALKEY_BACKUP_RETENTION (count) or older
# than VALKEY_BACKUP_RETENTION_DAYS (0: off) are deleted, never the newest
# complete set; sets without marker older than
# VALKEY_BACKUP_INCOMPLETE_GRACE_MINUTES (interrupted uploads) are deleted.
set -euf
VALKEY_SCRIPT_NAME=backup-upload
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/lib.sh"
. "${VALKEY_SCRIPTS_DIR:-$(dirname "$0")}/backup-lib.sh"
: "${VALKEY_BACKUP_DIR:=/backup}"
: "${VALKEY_BACKUP_RETENTION:=7}"
: "${VALKEY_BACKUP_RETENTION_DAYS:=0}"
: "${VALKEY_BACKUP_INCOMPLETE_GRACE_MINUTES:=180}"
: "${VALKEY_BACKUP_REMOTE:?VALKEY_BACKUP_REMOTE is not set}"
: "${VALKEY_BACKUP_LOCATION:=$VALKEY_BACKUP_REMOTE}"
TMPDIR_BACKUP=$(mktemp -d)
trap 'rm -rf "$TMPDIR_BACKUP"' EXIT

[ -r "$VALKEY_BACKUP_DIR/LATEST" ] || die "no backup set in $VALKEY_BACKUP_DIR: the backup container took none"
set_name=$(cat "$VALKEY_BACKUP_DIR/LATEST")
printf '%s\n' "$set_name" | grep -Eq "$SET_NAME_RE" || die "LATEST names no backup set: '$set_name'"
src="$VALKEY_BACKUP_DIR/$set_name"
[ -r "$src/manifest.txt" ] || die "backup set $src has no manifest"
dst="$VALKEY_BACKUP_REMOTE/$set_name"

bucket_objects > "$TMPDIR_BACKUP/before"
if grep -q "^$set_name/" "$TMPDIR_BACKUP/before"; then
  die "$VALKEY_BACKUP_LOCATION already holds objects of a set named $set_name (another backup in the same second?): nothing uploaded, nothing overwritten"
fi
started=$(date -u +%s)
log "uploading $set_name to $VALKEY_BACKUP_LOCATION/$set_name"
rclone copy --exclude manifest.txt "$src" "$dst" || die "upload of the RDB files of $set_name failed"
rclone copyto "$src/manifest.txt" "$dst/manifest.txt" || die "upload of the manifest of $set_name failed"
rclone check --one-way "$src" "$dst" || die "the bucket's copy of $set_name differs from the set taken: no completion marker written"
files=$(ls -1 "$src" | grep -c . || true)
bytes=$(du -sk "$src" | awk '{print $1}')
printf 'complete %s files %s kib %s\n' "$set_name" "$files" "$bytes" > "$TMPDIR_BACKUP/COMPLETE"
rclone copyto "$TMPDIR_BACKUP/COMPLETE" "$dst/COMPLETE" || die "writing the completion marker of $set_name failed"
log "backup set $set_name complete in $VALKEY_BACKUP_LOCATION ($files files, $bytes KiB, $(( $(date -u +%s) - started )) s)"

# ---- retention in the bucket ----
bucket_objects > "$TMPDIR_BACKUP/sets"
complete_sets "$TMPDIR_BACKUP/sets" > "$TMPDIR_BACKUP/complete"
grep -qx "$set_name" "$TMPDIR_BACKUP/complete" || die "the bucket lists no completion marker for $set_name just written"
newest=$(tail -n 1 "$TMPDIR_BACKUP/complete")
total=$(grep -c . "$TMPDIR_BACKUP/complete" || true)
: > "$TMPDIR_BACKUP/delete"
excess=$((total - VALKEY_BACKUP_RETENTION))
if [ "$excess" -gt 0 ]; then head -n "$excess" "$TMPDIR_BACKUP/complete" | sed 's/$/ beyond the newest '"$VALKEY_BACKUP_RETENTION"' sets/' >> "$TMPDIR_BACKUP/delete"; fi
if [ "$VALKEY_BACKUP_RETENTION_DAYS" -gt 0 ]; then
  cutoff=$(utc_minus $((VALKEY_BACKUP_RETENTION_DAYS * 86400)))
  awk -v c="$cutoff" -v n="$newest" -v d="$VALKEY_BACKUP_RETENTION_DAYS" '$1 < c && $1 != n { print $1 " older than " d " days" }' "$TMPDIR_BACKUP/complete" >> "$TMPDIR_BACKUP/delete"
fi
grace=$(utc_minus $((VALKEY_BACKUP_INCOMPLETE_GRACE_MINUTES * 60)))
all_sets "$TMPDIR_BACKUP/sets" | grep -vxF -f "$TMPDIR_BACKUP/complete" | awk -v c="$grace" -v m="$VALKEY_BACKUP_INCOMPLETE_GRACE_MINUTES" '$1 < c { print $1 " incomplete (no completion marker) for over " m " minutes" }' >> "$TMPDIR_BACKUP/delete" || true
sort -u -k1,1 "$TMPDIR_BACKUP/delete" | while read -r old why; do
  [ "$old" = "$newest" ] && continue
  log "retention: deleting $old from $VALKEY_BACKUP_LOCATION: $why"
  rclone purge "$VALKEY_BACKUP_REMOTE/$old" || die "retention: deleting $old failed"
done
