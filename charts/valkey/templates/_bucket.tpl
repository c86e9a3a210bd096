{{/* Object-storage backups (backup.destination=s3): validation, the rclone
     remote the upload and download containers use, and their env. The
     credentials come from an existing Secret by name; no value is rendered. */}}

{{/* List (YAML) of messages for invalid backup.s3 values; arg: .Values.backup */}}
{{- define "valkey.validateBucket" -}}
{{- $s := .s3 -}}
{{- $e := list -}}
{{- if not $s.bucket -}}
{{- $e = append $e "backup.s3.bucket: set the name of the bucket the backups go to (it must exist)" -}}
{{- else if not (regexMatch "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$" $s.bucket) -}}
{{- $e = append $e (printf "backup.s3.bucket: %q is not a bucket name (3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit)" $s.bucket) -}}
{{- end -}}
{{- if and $s.endpoint (not (regexMatch "^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$" $s.endpoint)) -}}
{{- $e = append $e (printf "backup.s3.endpoint: %q is not an endpoint URL such as https://s3.example.com or http://minio.storage:9000 (scheme, host and optional port, no path)" $s.endpoint) -}}
{{- end -}}
{{- if and (not $s.endpoint) (not $s.region) -}}
{{- $e = append $e "backup.s3.region: set the bucket's region (or backup.s3.endpoint for a MinIO/Ceph/other S3 service)" -}}
{{- end -}}
{{- if and $s.region (not (regexMatch "^[a-z0-9-]{1,32}$" $s.region)) -}}
{{- $e = append $e (printf "backup.s3.region: %q is not a region name such as eu-central-1" $s.region) -}}
{{- end -}}
{{- if and $s.prefix (or (not (regexMatch "^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$" $s.prefix)) (regexMatch "(^|/)\\.\\.?(/|$)" $s.prefix)) -}}
{{- $e = append $e (printf "backup.s3.prefix: %q is not a key prefix such as team-a/orders-cache (letters, digits, . _ - separated by single /, no leading or trailing /, no . or .. parts)" $s.prefix) -}}
{{- end -}}
{{- $c := $s.credentials -}}
{{- if not $c.secretName -}}
{{- $e = append $e "backup.s3.credentials.secretName: name the existing Secret that holds the bucket's access key pair" -}}
{{- else if not (regexMatch "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$" $c.secretName) -}}
{{- $e = append $e (printf "backup.s3.credentials.secretName: %q is not a Secret name (lowercase letters, digits, - and .)" $c.secretName) -}}
{{- end -}}
{{- range $k := list "accessKeyIdKey" "secretAccessKeyKey" -}}
{{- $key := toString (get $c $k) -}}
{{- if not (regexMatch "^[-._a-zA-Z0-9]{1,253}$" $key) -}}
{{- $e = append $e (printf "backup.s3.credentials.%s: %q is not a Secret key (letters, digits, - _ .)" $k $key) -}}
{{- end -}}
{{- end -}}
{{- if and $s.caSecret.name (not (regexMatch "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$" $s.caSecret.name)) -}}
{{- $e = append $e (printf "backup.s3.caSecret.name: %q is not a Secret name (lowercase letters, digits, - and .)" $s.caSecret.name) -}}
{{- end -}}
{{- if and $s.caSecret.name (not (regexMatch "^[-._a-zA-Z0-9]{1,253}$" (toString $s.caSecret.key))) -}}
{{- $e = append $e (printf "backup.s3.caSecret.key: %q is not a Secret key (letters, digits, - _ .)" (toString $s.caSecret.key)) -}}
{{- end -}}
{{- if and $s.caSecret.name $s.insecureSkipVerify -}}
{{- $e = append $e "backup.s3.insecureSkipVerify: leave it false when backup.s3.caSecret names the CA (verification would be skipped anyway)" -}}
{{- end -}}
{{- if and $s.kmsKeyId (ne $s.serverSideEncryption "aws:kms") -}}
{{- $e = append $e "backup.s3.kmsKeyId: applies only with backup.s3.serverSideEncryption=aws:kms (set that, or clear the key id)" -}}
{{- end -}}
{{- if and $s.kmsKeyId (not (regexMatch "^[A-Za-z0-9:/_+=.@-]+$" $s.kmsKeyId)) -}}
{{- $e = append $e "backup.s3.kmsKeyId: not a KMS key id or ARN (letters, digits and : / _ - + = . @)" -}}
{{- end -}}
{{- if not .uploader.image.repository -}}
{{- $e = append $e "backup.uploader.image.repository: set the image of the upload container (it needs sh and rclone), e.g. rclone/rclone" -}}
{{- end -}}
{{- if not .uploader.image.tag -}}
{{- $e = append $e "backup.uploader.image.tag: set the uploader image tag, e.g. 1.68.2" -}}
{{- end -}}
{{- toYaml $e -}}
{{- end -}}

{{- define "valkey.uploaderImage" -}}
{{- $i := .Values.backup.uploader.image -}}
{{- printf "%s%s:%s" (include "valkey.registryPrefix" .) $i.repository (toString $i.tag) -}}
{{- end -}}

{{/* "<bucket>[/<prefix>]" */}}
{{- define "valkey.bucketPath" -}}
{{- $s := .Values.backup.s3 -}}
{{- trimSuffix "/" (printf "%s/%s" $s.bucket $s.prefix) -}}
{{- end -}}

{{/* Where backup sets go, as the manifest and logs name it: s3://<bucket>/<prefix> or pvc/<claim> */}}
{{- define "valkey.backupLocation" -}}
{{- if eq .Values.backup.destination "s3" -}}
{{- printf "s3://%s" (include "valkey.bucketPath" .) -}}
{{- else -}}
{{- printf "pvc/%s" (include "valkey.backupClaimName" .) -}}
{{- end -}}
{{- end -}}

{{/* Env entries (YAML list) configuring rclone's "valkeybackup" remote. */}}
{{- define "valkey.bucketEnv" -}}
{{- $s := .Values.backup.s3 -}}
- name: VALKEY_BACKUP_REMOTE
  value: {{ printf "valkeybackup:%s" (include "valkey.bucketPath" .) | quote }}
- name: VALKEY_BACKUP_LOCATION
  value: {{ include "valkey.backupLocation" . | quote }}
- name: RCLONE_CONFIG
  value: /tmp/rclone.conf
- name: RCLONE_CONFIG_VALKEYBACKUP_TYPE
  value: s3
- name: RCLONE_CONFIG_VALKEYBACKUP_PROVIDER
  value: {{ ternary "Other" "AWS" (not (empty $s.endpoint)) }}
{{- with $s.endpoint }}
- name: RCLONE_CONFIG_VALKEYBACKUP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- with $s.region }}
- name: RCLONE_CONFIG_VALKEYBACKUP_REGION
  value: {{ . | quote }}
{{- end }}
- name: RCLONE_CONFIG_VALKEYBACKUP_FORCE_PATH_STYLE
  value: {{ $s.forcePathStyle | quote }}
- name: RCLONE_CONFIG_VALKEYBACKUP_NO_CHECK_BUCKET
  value: "true"
{{- with $s.serverSideEncryption }}
- name: RCLONE_CONFIG_VALKEYBACKUP_SERVER_SIDE_ENCRYPTION
  value: {{ . | quote }}
{{- end }}
{{- with $s.kmsKeyId }}
- name: RCLONE_CONFIG_VALKEYBACKUP_SSE_KMS_KEY_ID
  value: {{ . | quote }}
{{- end }}
{{- if $s.insecureSkipVerify }}
- name: RCLONE_NO_CHECK_CERTIFICATE
  value: "true"
{{- end }}
{{- if $s.caSecret.name }}
- name: RCLONE_CA_CERT
  value: {{ printf "/etc/valkey/backup-ca/%s" $s.caSecret.key | quote }}
{{- end }}
- name: RCLONE_CONFIG_VALKEYBACKUP_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ $s.credentials.secretName }}
      key: {{ $s.credentials.accessKeyIdKey }}
- name: RCLONE_CONFIG_VALKEYBACKUP_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $s.credentials.secretName }}
      key: {{ $s.credentials.secretAccessKeyKey }}
{{- end -}}

{{/* Mounts / volumes (YAML lists) of the endpoint's CA bundle, when backup.s3.caSecret names one. */}}
{{- define "valkey.bucketCaMounts" -}}
{{- if .Values.backup.s3.caSecret.name }}
- name: backup-ca
  mountPath: /etc/valkey/backup-ca
  readOnly: true
{{- end }}
{{- end -}}
{{- define "valkey.bucketCaVolumes" -}}
{{- with .Values.backup.s3.caSecret.name }}
- name: backup-ca
  secret:
    secretName: {{ . }}
{{- end }}
{{- end -}}

{{/* An uploader-image container (upload or download) running a chart script.
     args: ctx, name, script, env (list), mounts (list) */}}
{{- define "valkey.uploaderContainer" -}}
{{- $ctx := .ctx -}}
{{- $v := $ctx.Values -}}
- name: {{ .name }}
  image: {{ include "valkey.uploaderImage" $ctx }}
  imagePullPolicy: {{ $v.image.pullPolicy }}
  command: ["sh", "/opt/valkey/scripts/{{ .script }}"]
  env:
    - name: HOME
      value: /tmp
    {{- include "valkey.scriptEnv" $ctx | nindent 4 }}
    {{- include "valkey.bucketEnv" $ctx | nindent 4 }}
    {{- with .env }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  resources:
    {{- toYaml ($v.backup.uploader.resources | default dict) | nindent 4 }}
  {{- include "valkey.containerSecurityContext" $ctx | nindent 2 }}
  volumeMounts:
    - name: scripts
      mountPath: /opt/valkey/scripts
    - name: tmp
      mountPath: /tmp
    {{- include "valkey.bucketCaMounts" $ctx | nindent 4 }}
    {{- with .mounts }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
