#!/usr/bin/env bash
# Installs the operators the chart's default values use, at pinned versions (needs network access to GitHub and
# quay.io/ghcr.io; run once per cluster, before `helm install`):
#   - Keycloak Operator: Keycloak and KeycloakRealmImport (k8s.keycloak.org/v2beta1), into namespace "bank"
#     (it watches its own namespace), its Deployment patched for restricted Pod Security (keycloak/restricted.yaml)
#   - CloudNativePG: Cluster and Database (postgresql.cnpg.io/v1), cluster-wide in "cnpg-system"
#   - Redis: the Bitnami chart as a standalone or Sentinel group (the chart's redis.* values point at it)
# Scaling: Keycloak through keycloak.operator.instances, PostgreSQL through postgresql.cloudnativepg.instances
# (CloudNativePG adds replicas and fails over), Redis through its chart's replica/sentinel settings.
set -euo pipefail
NAMESPACE=${NAMESPACE:-bank}
KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-26.7.3}   # the same Keycloak as ./suite runs
CNPG_VERSION=${CNPG_VERSION:-1.27.1}
BARMAN_CLOUD_VERSION=${BARMAN_CLOUD_VERSION:-0.6.0}   # CloudNativePG's Barman Cloud plugin (ObjectStore, backups)
REDIS_CHART_VERSION=${REDIS_CHART_VERSION:-22.0.7}

kubectl apply -k "$(dirname "$0")/../namespace"
base=https://raw.githubusercontent.com/keycloak/keycloak-k8s-resources/$KEYCLOAK_VERSION/kubernetes
kubectl apply -f "$base/keycloaks.k8s.keycloak.org-v1.yml" -f "$base/keycloakrealmimports.k8s.keycloak.org-v1.yml"
# The operator's Deployment, patched for the namespace's restricted Pod Security (keycloak/restricted.yaml).
operator=$(mktemp -d)
trap 'rm -rf "$operator"' EXIT
cp "$(dirname "$0")"/keycloak/*.yaml "$operator/"
curl -fsSL "$base/kubernetes.yml" -o "$operator/operator.yml"
kubectl -n "$NAMESPACE" apply -k "$operator"

kubectl apply --server-side -f \
  "https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/release-${CNPG_VERSION%.*}/releases/cnpg-$CNPG_VERSION.yaml"
kubectl -n cnpg-system rollout status deployment/cnpg-controller-manager --timeout=180s
# Backups (postgresql.cloudnativepg.backup, on in production): the Barman Cloud plugin, which needs cert-manager.
if [[ ${POSTGRES_BACKUPS:-false} == true ]]; then
  kubectl apply -f "https://github.com/cloudnative-pg/plugin-barman-cloud/releases/download/v$BARMAN_CLOUD_VERSION/manifest.yaml"
  kubectl -n cnpg-system rollout status deployment/barman-cloud --timeout=180s
fi

# Bitnami's free images left docker.io/bitnami in 2025 (the tags this chart version pins no longer pull there); the
# same tags stay, unmaintained, under bitnamilegacy, which the chart accepts only with allowInsecureImages. Good for
# a first cluster; for production use a maintained Redis image (REDIS_IMAGE_REPOSITORY, or your own Redis).
# Release "redis": the chart's redis.release, whose names (redis-master; redis-node-N.redis-headless:26379 with
# Sentinel) session-service is pointed at. Production (values-production.yaml, redis.mode=sentinel) needs
# REDIS_SENTINEL=true: three Redis+Sentinel pods, a master declared down after 3 s (measured: 5.1 s of 503s per failover,
# against 7.3 s with 5 s; README), failover within 18 s.
helm upgrade --install redis oci://registry-1.docker.io/bitnamicharts/redis --version "$REDIS_CHART_VERSION" \
  -n "$NAMESPACE" --set architecture=replication --set sentinel.enabled="${REDIS_SENTINEL:-false}" \
  --set replica.replicaCount=3 --set sentinel.masterSet=mymaster \
  --set image.repository="${REDIS_IMAGE_REPOSITORY:-bitnamilegacy/redis}" \
  --set sentinel.image.repository="${REDIS_SENTINEL_IMAGE_REPOSITORY:-bitnamilegacy/redis-sentinel}" \
  --set global.security.allowInsecureImages=true \
  --set sentinel.downAfterMilliseconds=3000 --set sentinel.failoverTimeout=18000 \
  --set auth.existingSecret=redis-password --set auth.existingSecretPasswordKey=password
