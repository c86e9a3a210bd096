{{/* Pod spec shared by the cluster Jobs, the backup CronJob and the test pod.
     args: ctx, component, script, env (list), volumes (list), mounts (list),
           resources, restartPolicy, serviceAccount (bool), optionalSecret (bool),
           then (rendered container list, optional: runs after the script's
           container, which then becomes an init container) */}}
{{- define "valkey.jobPodSpec" -}}
{{- $ctx := .ctx -}}
{{- $v := $ctx.Values -}}
{{- if .serviceAccount }}
serviceAccountName: {{ include "valkey.serviceAccountName" $ctx }}
{{- end }}
automountServiceAccountToken: false
restartPolicy: {{ .restartPolicy | default "OnFailure" }}
enableServiceLinks: false
{{- include "valkey.imagePullSecrets" $ctx }}
{{- include "valkey.podSecurityContext" $ctx | nindent 0 }}
{{- with $v.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with $v.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{ if .then }}initContainers{{ else }}containers{{ end }}:
  - name: {{ .component }}
    image: {{ include "valkey.utilImage" $ctx }}
    imagePullPolicy: {{ $v.image.pullPolicy }}
    command: ["sh", "/opt/valkey/scripts/{{ .script }}"]
    env:
      {{- include "valkey.scriptEnv" $ctx | nindent 6 }}
      {{- if $v.auth.enabled }}
      - name: REDISCLI_AUTH
        valueFrom:
          secretKeyRef:
            name: {{ include "valkey.secretName" $ctx }}
            key: {{ include "valkey.passwordKey" $ctx }}
            {{- if .optionalSecret }}
            optional: true
            {{- end }}
      {{- end }}
      {{- with .env }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
    resources:
      {{- toYaml (.resources | default dict) | nindent 6 }}
    {{- include "valkey.containerSecurityContext" $ctx | nindent 4 }}
    volumeMounts:
      - name: scripts
        mountPath: /opt/valkey/scripts
      - name: tmp
        mountPath: /tmp
      {{- include "valkey.tlsVolumeMount" $ctx | nindent 6 }}
      {{- with .mounts }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
{{- with .then }}
containers:
  {{- . | nindent 2 }}
{{- end }}
volumes:
  - name: scripts
    configMap:
      name: {{ .scriptsConfigMap | default (include "valkey.scriptsName" $ctx) }}
      defaultMode: 0555
  - name: tmp
    emptyDir: {}
  {{- include "valkey.tlsVolume" $ctx | nindent 2 }}
  {{- with .volumes }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- end -}}
