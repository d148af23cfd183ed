#!/usr/bin/env bash
# Applies the realm as the chart renders it to a running Keycloak, in place (issue 24, item 10). A KeycloakRealmImport
# only ever creates a realm, so without this a changed publicUrl, token lifetime, client or a rotated client secret
# would never reach Keycloak. Through the admin API, as the realm's own service client bank-realm-reconciler:
#   - the realm's settings (realm-settings.json: lifetimes, brute-force protection, password policy, events, ...);
#   - each client scope (scope.N.json, names in scopes.txt) and client (client.N.json, ids in clients.txt): updated in
#     place when it exists, so its internal id, and the sessions and tokens issued through it, stay; created when not.
# Users, their credentials and their sessions are never touched; neither is what the files do not name.
# Client secrets arrive as ${NAME_CLIENT_SECRET} placeholders, filled from the environment (the chart's clientSecret
# Secret) in memory, never on disk. Only bash and kcadm.sh: the Keycloak image has no jq, sed or envsubst.
# Env: KEYCLOAK_URL, REALM, REALM_DIR, RECONCILER_SECRET; RECONCILER_CLIENT_ID (bank-realm-reconciler),
# KCADM (/opt/keycloak/bin/kcadm.sh).
set -euo pipefail
: "${KEYCLOAK_URL:?}" "${REALM:?}" "${REALM_DIR:?}" "${RECONCILER_SECRET:?}"
KCADM=${KCADM:-/opt/keycloak/bin/kcadm.sh}
config=$(mktemp)
trap 'rm -f "$config"' EXIT
kcadm() { "$KCADM" "$@" --config "$config"; }

# The file's text with every ${X_CLIENT_SECRET} placeholder replaced by that variable's value.
resolved() {
  local text name
  text=$(<"$1")
  for name in $(compgen -v); do
    [[ $name == *_CLIENT_SECRET ]] && text=${text//"\${$name}"/${!name}}
  done
  if [[ $text == *'_CLIENT_SECRET}'* ]]; then
    echo "reconcile: ${1##*/} names a client secret this environment does not have" >&2
    return 1
  fi
  printf '%s' "$text"
}

# The id of the object named $2 in kcadm's "id,name" lines $1, or nothing.
id_of() {
  local id name
  while IFS=, read -r id name; do
    [[ $name == "$2" ]] && { printf '%s' "$id"; return; }
  done <<< "$1"
}

kcadm config credentials --server "$KEYCLOAK_URL" --realm "$REALM" --client "${RECONCILER_CLIENT_ID:-bank-realm-reconciler}" \
  --secret "$RECONCILER_SECRET"

kcadm update "realms/$REALM" -f "$REALM_DIR/realm-settings.json"
echo "reconcile: realm $REALM: settings applied"

# Every object the list file names (lines "N name", its representation in <prefix>.N.json): updated in place where
# Keycloak has one of that name (kcadm's "id,name" lines in $4), created where not.
apply_each() {
  local kind=$1 prefix=$2 list=$3 existing=$4 n name id
  while read -r n name; do
    [[ -n $n ]] || continue
    id=$(id_of "$existing" "$name")
    if [[ -n $id ]]; then
      resolved "$REALM_DIR/$prefix.$n.json" | kcadm update "$kind/$id" -r "$REALM" -f -
      echo "reconcile: $kind $name: updated"
    else
      resolved "$REALM_DIR/$prefix.$n.json" | kcadm create "$kind" -r "$REALM" -f - >/dev/null
      echo "reconcile: $kind $name: created"
    fi
  done < "$REALM_DIR/$list"
}

apply_each client-scopes scope scopes.txt "$(kcadm get client-scopes -r "$REALM" --fields id,name --format csv --noquotes)"
apply_each clients client clients.txt "$(kcadm get clients -r "$REALM" --fields id,clientId --format csv --noquotes)"
