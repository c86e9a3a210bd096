{{/* Restore from a bucket (backup.destination=s3): an init container that
     downloads the chosen (or newest complete) set into the scratch "backup"
     volume, which the restore init container then reads as it reads the
     backup volume. arg: root context */}}
{{- define "valkey.restoreDownloadContainer" -}}
{{- $v := .Values -}}
{{- if and $v.backup.restore.enabled (eq $v.backup.destination "s3") -}}
{{- $env := list
  (dict "name" "POD_NAME" "valueFrom" (dict "fieldRef" (dict "fieldPath" "metadata.name")))
  (dict "name" "VALKEY_DATA_DIR" "value" "/data")
  (dict "name" "VALKEY_BACKUP_DIR" "value" "/backup")
  (dict "name" "VALKEY_RESTORE_FROM" "value" (toString $v.backup.restore.from))
  (dict "name" "VALKEY_RESTORE_FORCE" "value" (toString $v.backup.restore.force)) -}}
{{- $data := dict "name" "data" "mountPath" "/data" "readOnly" true -}}
{{- with $v.persistence.subPath }}{{- $_ := set $data "subPath" . -}}{{- end -}}
{{- $mounts := list $data (dict "name" "backup" "mountPath" "/backup") -}}
{{- include "valkey.uploaderContainer" (dict "ctx" . "name" "restore-download" "script" "restore-download.sh" "env" $env "mounts" $mounts) -}}
{{- end -}}
{{- end -}}

{{/* The volume the restore init container reads sets from: the backup PVC, or
     a scratch volume the download container fills. arg: root context */}}
{{- define "valkey.restoreSourceVolume" -}}
- name: backup
{{- if eq .Values.backup.destination "s3" }}
  emptyDir: {}
{{- include "valkey.bucketCaVolumes" . }}
{{- else }}
  persistentVolumeClaim:
    claimName: {{ include "valkey.backupClaimName" . }}
    readOnly: true
{{- end }}
{{- end -}}
