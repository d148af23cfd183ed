{{/* Names ---------------------------------------------------------------------------------------------------- */}}

{{- define "bank.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "bank.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "bank.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "bank.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The name of one service's resources: <fullname>-<service>. Call with (dict "root" $ "service" "auth-bff"). */}}
{{- define "bank.serviceName" -}}
{{- printf "%s-%s" (include "bank.fullname" .root) .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels: stable selectors only (no version, no chart version in selectors). -------------------------------------- */}}

{{- define "bank.selectorLabels" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "bank.labels" -}}
{{ include "bank.selectorLabels" . }}
app.kubernetes.io/part-of: {{ include "bank.name" .root }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "bank.commonLabels" -}}
app.kubernetes.io/part-of: {{ include "bank.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* One service's settings: defaults, overridden by services.<name>. Returns YAML; use with fromYaml. */}}
{{- define "bank.serviceValues" -}}
{{- $service := index .root.Values.services .service | default dict -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $service)) -}}
{{- end -}}

{{/* The image of a service: by digest when one is given, else by the pinned tag. */}}
{{- define "bank.image" -}}
{{- $v := .root.Values.image -}}
{{- $digest := index $v.digests .service | default "" -}}
{{- if $digest -}}
{{- printf "%s/%s/%s@%s" $v.registry $v.repository .service $digest -}}
{{- else -}}
{{- printf "%s/%s/%s:%s" $v.registry $v.repository .service (default .root.Chart.AppVersion $v.tag) -}}
{{- end -}}
{{- end -}}

{{/* URLs: one value feeds every place it appears. ----------------------------------------------------------------- */}}

{{/* The realm's issuer, exactly as it appears in tokens' iss. */}}
{{- define "bank.issuer" -}}
{{- printf "%s/realms/%s" (trimSuffix "/" .Values.keycloak.publicUrl) .Values.keycloak.realm -}}
{{- end -}}

{{/* Keycloak as the services reach it inside the cluster (JWKS, back channel). */}}
{{- define "bank.keycloakInternalUrl" -}}
{{- if .Values.keycloak.internalUrl -}}
{{- trimSuffix "/" .Values.keycloak.internalUrl -}}
{{- else if eq .Values.keycloak.mode "operator" -}}
{{- printf "http://%s-keycloak-service:8080" (include "bank.fullname" .) -}}
{{- else -}}
{{- trimSuffix "/" .Values.keycloak.publicUrl -}}
{{- end -}}
{{- end -}}

{{/* The step-up tokens' issuer: what mfa-service signs and payments-service expects (one value for both). */}}
{{- define "bank.stepUpIssuer" -}}
{{- printf "%s/step-up" (trimSuffix "/" .Values.publicUrl) -}}
{{- end -}}

{{/* A service's in-cluster base URL. */}}
{{- define "bank.serviceUrl" -}}
{{- printf "http://%s:8080" (include "bank.serviceName" .) -}}
{{- end -}}

{{/*
Every Secret the installation reads, by who reads it (name → keys), for NOTES.txt: the services' env, Keycloak's (its
database, its realm import's client secrets, its own TLS) and the Ingresses'. ChartTest holds it to what the rendered
objects reference, so a new reference cannot go unlisted.
*/}}
{{- define "bank.secretKeys" -}}
auth-bff:
  {{ .Values.secrets.bff }}: [cookie-keys, cookie-active-key-id, csrf-key]
  {{ .Values.keycloak.clientSecret }}: [bff-client-secret]
session-service:
  {{ .Values.secrets.session }}: [encryption-keys, encryption-active-key-id]
  {{- if .Values.redis.passwordSecret }}
  {{ .Values.redis.passwordSecret }}: [password]
  {{- end }}
  {{- if .Values.redis.tls.enabled }}
  {{ .Values.redis.tls.caSecret }}: [ca.crt]
  {{- end }}
mfa-service:
  {{ .Values.secrets.mfa }}: [encryption-keys, encryption-active-key-id, sms-code-hmac-key, step-up-signing-keys, step-up-active-key-id, sms-auth-value, letters-auth-value]
  {{- if eq .Values.postgresql.mode "cloudnativepg" }}
  {{ include "bank.dbRoleSecret" (dict "root" . "role" "mfa") }}: [username, password]
  {{- else }}
  {{ include "bank.dbSecret" . }}: [host, port, dbname, username, password]
  {{- end }}
payments-service:
  {{- if eq .Values.postgresql.mode "cloudnativepg" }}
  {{ include "bank.dbRoleSecret" (dict "root" . "role" "payments") }}: [username, password]
  {{- else }}
  {{ include "bank.dbSecret" . }}: [host, port, dbname, username, password]
  {{- end }}
{{- if eq .Values.keycloak.mode "operator" }}
keycloak:
  {{- $db := include "bank.keycloakDbSecret" . }}
  {{- if .Values.keycloak.realmImport.enabled }}
  {{- if eq $db .Values.keycloak.clientSecret }}
  {{ $db }}: [username, password, {{ include "bank.realmClientSecretKeys" . }}]
  {{- else }}
  {{ $db }}: [username, password]
  {{ .Values.keycloak.clientSecret }}: [{{ include "bank.realmClientSecretKeys" . }}]
  {{- end }}
  {{- else }}
  {{ $db }}: [username, password]
  {{- end }}
  {{- with .Values.keycloak.operator.tlsSecret }}
  {{ . }}: [tls.crt, tls.key]
  {{- end }}
{{- end }}
{{- $backup := .Values.postgresql.cloudnativepg.backup }}
{{- if and (eq .Values.postgresql.mode "cloudnativepg") $backup.enabled (not $backup.objectStore.inheritFromIAMRole) }}
postgresql-backups:
  {{ $backup.objectStore.secret }}: [ACCESS_KEY_ID, ACCESS_SECRET_KEY]
{{- end }}
{{- if .Values.ingress.enabled }}
ingress:
  {{ .Values.ingress.tlsSecret }}: [tls.crt, tls.key]
  {{- if eq .Values.keycloak.mode "operator" }}
  {{ .Values.ingress.keycloakTlsSecret }}: [tls.crt, tls.key]
  {{- end }}
{{- end }}
{{- end -}}

{{/* Keycloak's database login: given, its own role's Secret (CloudNativePG), or the external database's. */}}
{{- define "bank.keycloakDbSecret" -}}
{{- if .Values.keycloak.operator.databaseSecret -}}
{{- .Values.keycloak.operator.databaseSecret -}}
{{- else if eq .Values.postgresql.mode "cloudnativepg" -}}
{{- include "bank.dbRoleSecret" (dict "root" . "role" "keycloak") -}}
{{- else -}}
{{- include "bank.dbSecret" . -}}
{{- end -}}
{{- end -}}

{{/* The names of every Secret the installation reads, once each. */}}
{{- define "bank.secretNames" -}}
{{- $names := list -}}
{{- range $reader, $secrets := (include "bank.secretKeys" . | fromYaml) }}{{ range $name, $_ := $secrets }}{{ $names = append $names $name }}{{ end }}{{ end -}}
{{- $names | uniq | sortAlpha | join " " -}}
{{- end -}}

{{/* An env var from a Secret key. */}}
{{- define "bank.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end -}}

{{/* A service's ConfigMap data (its checksum rolls the pods when it changes). */}}
{{- define "bank.configData" -}}
{{- $root := .root -}}
{{- $v := include "bank.serviceValues" . | fromYaml -}}
QUARKUS_HTTP_PORT: "8080"
QUARKUS_MANAGEMENT_PORT: "9000"
QUARKUS_SHUTDOWN_DELAY: {{ printf "%dS" (int $v.shutdownDelaySeconds) | quote }}
QUARKUS_SHUTDOWN_TIMEOUT: {{ printf "%dS" (int $v.shutdownTimeoutSeconds) | quote }}
JAVA_TOOL_OPTIONS: {{ printf "-XX:MaxRAMPercentage=%d -XX:+ExitOnOutOfMemoryError" (int $v.maxRamPercentage) | quote }}
BANK_KEYCLOAK_URL: {{ include "bank.keycloakInternalUrl" $root | quote }}
MP_JWT_VERIFY_ISSUER: {{ include "bank.issuer" $root | quote }}
MP_JWT_VERIFY_PUBLICKEY_LOCATION: {{ printf "%s/realms/%s/protocol/openid-connect/certs" (include "bank.keycloakInternalUrl" $root) $root.Values.keycloak.realm | quote }}
QUARKUS_OTEL_TRACES_SAMPLER_ARG: {{ ternary ($root.Values.otel.samplerRatio | toString) "0.0" (ne $root.Values.otel.endpoint "") | quote }}
{{- if $root.Values.otel.endpoint }}
QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: {{ $root.Values.otel.endpoint | quote }}
{{- end }}
{{- if eq .service "auth-bff" }}
BFF_ORIGIN: {{ trimSuffix "/" $root.Values.publicUrl | quote }}
BFF_OIDC_ISSUER: {{ include "bank.issuer" $root | quote }}
# Discovery, PAR, token, refresh and logout inside the cluster (Keycloak answers with its back-channel URLs there);
# the service tokens of the REST clients come from the same place.
BFF_OIDC_BACKCHANNEL_URL: {{ printf "%s/realms/%s" (include "bank.keycloakInternalUrl" $root) $root.Values.keycloak.realm | quote }}
BFF_REFRESH_SKEW: {{ $root.Values.bff.refreshSkew | quote }}
BFF_PAYMENTS_URL: {{ include "bank.serviceUrl" (dict "root" $root "service" "payments-service") | quote }}
QUARKUS_REST_CLIENT_SESSION_SERVICE_URL: {{ include "bank.serviceUrl" (dict "root" $root "service" "session-service") | quote }}
QUARKUS_REST_CLIENT_MFA_SERVICE_URL: {{ include "bank.serviceUrl" (dict "root" $root "service" "mfa-service") | quote }}
{{- with $root.Values.ingress.trustedProxies }}
# The client's address (audit events, the per-address sign-in limit) from the ingress controller's X-Forwarded-For,
# believed only from these peers: anyone else's header is ignored, so nobody can forge it.
QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING: "true"
QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED: "true"
QUARKUS_HTTP_PROXY_TRUSTED_PROXIES: {{ join "," . | quote }}
{{- end }}
{{- else if eq .service "payments-service" }}
{{- if eq $root.Values.postgresql.mode "cloudnativepg" }}
# CloudNativePG's primary, over TLS with its certificate checked against the cluster's CA (verify-full).
BANK_PG_HOST: {{ printf "%s-rw" (include "bank.dbCluster" $root) | quote }}
BANK_PG_PORT: "5432"
BANK_PG_DATABASE: {{ $root.Values.postgresql.cloudnativepg.database | quote }}
BANK_PG_TLS: {{ printf "&sslmode=verify-full&sslrootcert=%s/ca.crt" (include "bank.dbCaPath" $root) | quote }}
{{- end }}
BANK_MFA_URL: {{ include "bank.serviceUrl" (dict "root" $root "service" "mfa-service") | quote }}
BANK_STEP_UP_ISSUER: {{ include "bank.stepUpIssuer" $root | quote }}
BANK_STEP_UP_JWKS_URL: {{ printf "%s/.well-known/jwks.json" (include "bank.serviceUrl" (dict "root" $root "service" "mfa-service")) | quote }}
{{- else if eq .service "session-service" }}
BANK_SESSIONS_KEY_PREFIX: {{ $root.Values.redis.keyPrefix | quote }}
{{- if eq $root.Values.redis.mode "cluster" }}
# Redis Cluster: the client finds every primary from these seeds and follows slot moves. Each user's keys share one
# hash slot (DESIGN 4); ids from before the hash-tag layout cannot work here, so they are refused.
QUARKUS_REDIS_CLIENT_TYPE: "cluster"
QUARKUS_REDIS_HOSTS: {{ include "bank.clusterHosts" $root | quote }}
BANK_SESSIONS_UNTAGGED_IDS: "refuse"
{{- else if eq $root.Values.redis.mode "sentinel" }}
QUARKUS_REDIS_CLIENT_TYPE: "sentinel"
QUARKUS_REDIS_HOSTS: {{ include "bank.sentinelHosts" $root | quote }}
QUARKUS_REDIS_MASTER_NAME: {{ $root.Values.redis.sentinel.masterName | quote }}
QUARKUS_REDIS_ROLE: "master"
QUARKUS_REDIS_AUTO_FAILOVER: "true"
{{- else }}
QUARKUS_REDIS_HOSTS: {{ printf "%s%s:%d" (include "bank.redisScheme" $root) ($root.Values.redis.host | default (printf "%s-master" $root.Values.redis.release)) (int $root.Values.redis.port) | quote }}
{{- end }}
{{- if $root.Values.redis.tls.enabled }}
# TLS to Redis (and its Sentinels), the server checked against the CA of redis.tls.caSecret.
QUARKUS_REDIS_TLS_ENABLED: "true"
QUARKUS_REDIS_TLS_TRUST_CERTIFICATE_PEM_ENABLED: "true"
QUARKUS_REDIS_TLS_TRUST_CERTIFICATE_PEM_CERTS: "/etc/bank/redis-ca/ca.crt"
QUARKUS_REDIS_TLS_HOSTNAME_VERIFICATION_ALGORITHM: "HTTPS"
{{- end }}
{{- else if eq .service "mfa-service" }}
{{- if eq $root.Values.postgresql.mode "cloudnativepg" }}
# CloudNativePG's primary, over TLS with its certificate checked against the cluster's CA (verify-full).
BANK_PG_HOST: {{ printf "%s-rw" (include "bank.dbCluster" $root) | quote }}
BANK_PG_PORT: "5432"
BANK_PG_DATABASE: {{ $root.Values.postgresql.cloudnativepg.database | quote }}
BANK_PG_TLS: {{ printf "&sslmode=verify-full&sslrootcert=%s/ca.crt" (include "bank.dbCaPath" $root) | quote }}
{{- end }}
MFA_STEP_UP_ISSUER: {{ include "bank.stepUpIssuer" $root | quote }}
# Passkeys are bound to the web app's origin (WebAuthn RP id: its host): assertions from any other origin are refused.
MFA_PASSKEY_ORIGIN: {{ trimSuffix "/" $root.Values.publicUrl | quote }}
MFA_SMS_PROVIDER: "http"
MFA_SMS_HTTP_URL: {{ $root.Values.sms.url | quote }}
MFA_SMS_HTTP_AUTH_HEADER: {{ $root.Values.sms.authHeader | quote }}
MFA_SMS_SENDER: {{ $root.Values.sms.sender | quote }}
MFA_LETTERS_PROVIDER: "http"
MFA_LETTERS_HTTP_URL: {{ $root.Values.letters.url | quote }}
MFA_LETTERS_HTTP_AUTH_HEADER: {{ $root.Values.letters.authHeader | quote }}
{{- end }}
{{- end -}}

{{/* redis:// or rediss:// (redis.tls), with session-service's ACL user (redis.username) if one is named. */}}
{{- define "bank.redisScheme" -}}
{{- printf "%s://" (ternary "rediss" "redis" .Values.redis.tls.enabled) -}}
{{- with .Values.redis.username }}{{ . }}@{{ end -}}
{{- end -}}

{{/* Sentinel endpoints: the ones given, or the Bitnami chart's for release redis.release (its StatefulSet's pods
<release>-node-N behind the headless Service <release>-headless, Sentinel on 26379 beside each Redis). */}}
{{- define "bank.sentinelHosts" -}}
{{- $r := .Values.redis -}}
{{- $hosts := list -}}
{{- $scheme := include "bank.redisScheme" . -}}
{{- range $r.sentinel.hosts }}{{ $hosts = append $hosts (printf "%s%s" $scheme .) }}{{ end -}}
{{- if not $hosts -}}
{{- range $i := until (int $r.sentinel.nodes) }}{{ $hosts = append $hosts (printf "%s%s-node-%d.%s-headless:26379" $scheme $r.release $i $r.release) }}{{ end -}}
{{- end -}}
{{- join "," $hosts -}}
{{- end -}}

{{/* Redis Cluster seeds: the ones given, or the Bitnami redis-cluster release's Service <release>-redis-cluster. */}}
{{- define "bank.clusterHosts" -}}
{{- $r := .Values.redis -}}
{{- $scheme := include "bank.redisScheme" . -}}
{{- $hosts := list -}}
{{- range $r.cluster.hosts }}{{ $hosts = append $hosts (printf "%s%s" $scheme .) }}{{ end -}}
{{- if not $hosts }}{{ $hosts = list (printf "%s%s-redis-cluster:6379" $scheme $r.release) }}{{ end -}}
{{- join "," $hosts -}}
{{- end -}}

{{/* NetworkPolicy peers. */}}
{{- define "bank.podRef" -}}
podSelector:
  matchLabels:
    {{- include "bank.selectorLabels" . | nindent 4 }}
{{- end -}}
{{- define "bank.namespaceRef" -}}
namespaceSelector:
  matchLabels:
    kubernetes.io/metadata.name: {{ . }}
{{- end -}}

{{/* PostgreSQL you run (postgresql.mode=external): the Secret with host, port, dbname, username, password. */}}
{{- define "bank.dbSecret" -}}
{{- if .Values.postgresql.secret -}}
{{- .Values.postgresql.secret -}}
{{- else -}}
{{- fail "postgresql.secret is required with postgresql.mode=external: a Secret with keys host, port, dbname, username, password" -}}
{{- end -}}
{{- end -}}

{{/*
CloudNativePG: one database role per consumer (payments, mfa, keycloak), each logging in with its own password from
its own Secret (kubernetes.io/basic-auth: username, password), so no consumer can touch another's data (issue 24,
item 8). Takes (dict "root" $ "role" "payments").
*/}}
{{- define "bank.dbRoleSecret" -}}
{{- $given := index .root.Values.postgresql.cloudnativepg.roleSecrets .role | default "" -}}
{{- $given | default (printf "%s-db-%s" (include "bank.fullname" .root) .role) -}}
{{- end -}}

{{- define "bank.dbCluster" -}}
{{- printf "%s-db" (include "bank.fullname" .) -}}
{{- end -}}

{{/* Where the CloudNativePG CA is mounted, for sslmode=verify-full. */}}
{{- define "bank.dbCaPath" -}}/etc/bank/postgresql-ca{{- end -}}

{{/*
The peers of one network-policy rule, never none: a rule whose `to:`/`from:` renders empty or null allows everyone, and
a podSelector with no labels allows every pod of the namespace, so a dependency nobody named fails the render instead
of opening a door (issue 24, item 7). Each takes the chart's root context.
*/}}
{{- define "bank.keycloakPeers" -}}
{{- $np := .Values.networkPolicy -}}
{{- if eq .Values.keycloak.mode "operator" -}}
{{- if not $np.keycloakPodLabels -}}
{{- fail "networkPolicy.keycloakPodLabels must name Keycloak's pods (mode operator): without them the rule would allow every pod" -}}
{{- end -}}
- podSelector:
    matchLabels:
      {{- toYaml $np.keycloakPodLabels | nindent 6 }}
{{- else -}}
{{- include "bank.cidrPeers" (dict "cidrs" $np.externalCidrs "what" "networkPolicy.externalCidrs must name Keycloak's addresses (mode external)") -}}
{{- end -}}
{{- end -}}

{{- define "bank.postgresqlPeers" -}}
{{- $np := .Values.networkPolicy -}}
{{- if eq .Values.postgresql.mode "cloudnativepg" -}}
- podSelector:
    matchLabels:
      cnpg.io/cluster: {{ include "bank.fullname" . }}-db
{{- else if $np.postgresqlPodLabels -}}
- podSelector:
    matchLabels:
      {{- toYaml $np.postgresqlPodLabels | nindent 6 }}
{{- end -}}
{{- if and (ne .Values.postgresql.mode "cloudnativepg") (not $np.postgresqlPodLabels) (not $np.externalCidrs) -}}
{{- fail "networkPolicy.postgresqlPodLabels or networkPolicy.externalCidrs must name PostgreSQL (postgresql.mode external)" -}}
{{- end -}}
{{- range $np.externalCidrs }}
- ipBlock: {cidr: {{ . }}}
{{- end -}}
{{- end -}}

{{- define "bank.redisPeers" -}}
{{- $np := .Values.networkPolicy -}}
{{- if and (not $np.redisPodLabels) (not $np.externalCidrs) -}}
{{- fail "networkPolicy.redisPodLabels or networkPolicy.externalCidrs must name Redis: without them the rule would allow every pod" -}}
{{- end -}}
{{- if $np.redisPodLabels -}}
- podSelector:
    matchLabels:
      {{- toYaml $np.redisPodLabels | nindent 6 }}
{{- end -}}
{{- range $np.externalCidrs }}
- ipBlock: {cidr: {{ . }}}
{{- end -}}
{{- end -}}

{{/* The OpenTelemetry collector: its namespace and pod labels, or its addresses. */}}
{{- define "bank.otelPeers" -}}
{{- $c := .Values.networkPolicy.otelCollector -}}
{{- if and (not $c.podLabels) (not $c.cidrs) -}}
{{- fail "networkPolicy.otelCollector must name the collector (namespace and podLabels, or cidrs) when otel.endpoint is set: a rule without a destination would allow port 4318 anywhere" -}}
{{- end -}}
{{- if $c.podLabels -}}
- {{- if $c.namespace }}
  namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: {{ $c.namespace }}
  {{- end }}
  podSelector:
    matchLabels:
      {{- toYaml $c.podLabels | nindent 6 }}
{{- end -}}
{{- range $c.cidrs }}
- ipBlock: {cidr: {{ . }}}
{{- end -}}
{{- end -}}

{{/* The cluster's DNS: its pods (kube-dns, CoreDNS, OpenShift's dns-default) and/or addresses (NodeLocal DNSCache). */}}
{{- define "bank.dnsPeers" -}}
{{- $dns := .Values.networkPolicy.dns -}}
{{- if and (not $dns.podLabels) (not $dns.cidrs) -}}
{{- fail "networkPolicy.dns must name the cluster's DNS (namespace and podLabels, or cidrs for NodeLocal DNSCache)" -}}
{{- end -}}
{{- if $dns.podLabels -}}
- namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: {{ $dns.namespace }}
  podSelector:
    matchLabels:
      {{- toYaml $dns.podLabels | nindent 6 }}
{{- end -}}
{{- range $dns.cidrs }}
- ipBlock: {cidr: {{ . }}}
{{- end -}}
{{- end -}}

{{- define "bank.cidrPeers" -}}
{{- if not .cidrs -}}
{{- fail .what -}}
{{- end -}}
{{- range .cidrs }}
- ipBlock: {cidr: {{ . }}}
{{- end -}}
{{- end -}}

{{/*
The realm of keycloak/realm-bank.json made for this installation, as JSON: URLs from publicUrl, lifetimes from values,
client secrets as ${..._CLIENT_SECRET} placeholders (filled from keycloak.clientSecret by whoever applies it), and
people only with demo.enabled. The KeycloakRealmImport creates it; the post-upgrade reconcile applies it again.
*/}}
{{- define "bank.realm" -}}
{{- /* The realm of keycloak/realm-bank.json, made for this installation: URLs from publicUrl, lifetimes from values,
       client secrets from a Secret (placeholders), and users only with demo.enabled. */}}
{{- $kc := .Values.keycloak }}
{{- $origin := trimSuffix "/" .Values.publicUrl }}
{{- $realm := .Files.Get "files/realm-bank.json" | fromJson }}
{{- $_ := set $realm "realm" $kc.realm }}
{{- $_ := set $realm "displayName" "Bank" }}
{{- $_ := set $realm "attributes" dict }}
{{- $_ := set $realm "accessTokenLifespan" $kc.realmImport.accessTokenLifespan }}
{{- $_ := set $realm "ssoSessionIdleTimeout" $kc.realmImport.ssoSessionIdleTimeout }}
{{- $_ := set $realm "ssoSessionMaxLifespan" $kc.realmImport.ssoSessionMaxLifespan }}
{{- if not .Values.demo.enabled }}
{{- /* No people outside the demo; the service accounts' role mappings (the reconciler's) stay. */}}
{{- $accounts := list }}
{{- range $user := $realm.users }}{{ if hasKey $user "serviceAccountClientId" }}{{ $accounts = append $accounts $user }}{{ end }}{{ end }}
{{- $_ := set $realm "users" $accounts }}
{{- else }}
{{- /* Demo users' passwords come from the demo Secret too (placeholders), so NOTES.txt can point at it. */}}
{{- range $user := $realm.users }}
{{- range $credential := $user.credentials }}
{{- $_ := set $credential "value" (printf "${DEMO_%s_PASSWORD}" (upper $user.username)) }}
{{- end }}
{{- end }}
{{- end }}
{{- $clients := list }}
{{- range $client := $realm.clients }}
{{- if eq $client.clientId "bank-bff" }}
{{- $_ := set $client "secret" "${BFF_CLIENT_SECRET}" }}
{{- $_ := set $client "redirectUris" (list (printf "%s/bff/callback" $origin)) }}
{{- $_ := set $client.attributes "backchannel.logout.url" (printf "%s/bff/backchannel-logout" (include "bank.serviceUrl" (dict "root" $ "service" "auth-bff"))) }}
{{- $_ := set $client.attributes "post.logout.redirect.uris" (printf "%s/" $origin) }}
{{- else if hasKey $client "secret" }}
{{- $_ := set $client "secret" (printf "${%s_CLIENT_SECRET}" ($client.clientId | upper | replace "-" "_")) }}
{{- end }}
{{- $clients = append $clients $client }}
{{- end }}
{{- $_ := set $realm "clients" $clients }}
{{- toJson $realm -}}
{{- end -}}

{{/* The Secret key of a client's secret in keycloak.clientSecret: bank-bff → bff-client-secret. */}}
{{- define "bank.clientSecretKey" -}}
{{- printf "%s-client-secret" (trimPrefix "bank-" .) -}}
{{- end -}}

{{/* The keys of keycloak.clientSecret the realm needs: one per confidential client. */}}
{{- define "bank.realmClientSecretKeys" -}}
{{- $keys := list -}}
{{- range $client := (.Files.Get "files/realm-bank.json" | fromJson).clients }}{{ if hasKey $client "secret" }}{{ $keys = append $keys (include "bank.clientSecretKey" $client.clientId) }}{{ end }}{{ end -}}
{{- join ", " $keys -}}
{{- end -}}
