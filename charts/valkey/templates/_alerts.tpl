{{/* Annotations of one default alert: summary, description, a runbook line and,
     when metrics.prometheusRule.runbookBaseUrl is set, a runbook_url pointing at
     the alert's anchor there. args: ctx, alert, summary, description, runbook */}}
{{- define "valkey.alertAnnotations" -}}
summary: {{ .summary | quote }}
description: {{ .description | quote }}
runbook: {{ .runbook | quote }}
{{- with .ctx.Values.metrics.prometheusRule.runbookBaseUrl }}
runbook_url: {{ printf "%s#%s" (trimSuffix "#" .) ($.alert | lower) | quote }}
{{- end }}
{{- end -}}
