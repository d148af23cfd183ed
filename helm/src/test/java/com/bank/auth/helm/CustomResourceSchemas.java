package com.bank.auth.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates rendered custom resources against their CRDs' JSON Schemas in {@code ../shared/crd-schemas} (the operators'
 * own {@code openAPIV3Schema}, strict: an unknown field is an error, as {@code kubectl apply --validate=strict} reports
 * it). A custom resource of a kind or version without a schema there is an error too, never skipped silently.
 */
final class CustomResourceSchemas {

    static final Path DIR = Path.of("..", "..", "shared", "crd-schemas");

    /** apiVersion/kind → schema file, as the README of crd-schemas lists them. */
    private static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("k8s.keycloak.org/v2beta1/Keycloak", "k8s.keycloak.org/keycloak_v2beta1.json"),
            Map.entry("k8s.keycloak.org/v2beta1/KeycloakRealmImport", "k8s.keycloak.org/keycloakrealmimport_v2beta1.json"),
            Map.entry("k8s.keycloak.org/v2alpha1/Keycloak", "k8s.keycloak.org/keycloak_v2alpha1.json"),
            Map.entry("k8s.keycloak.org/v2alpha1/KeycloakRealmImport", "k8s.keycloak.org/keycloakrealmimport_v2alpha1.json"),
            Map.entry("postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/cluster_v1.json"),
            Map.entry("postgresql.cnpg.io/v1/Database", "postgresql.cnpg.io/database_v1.json"),
            Map.entry("postgresql.cnpg.io/v1/ScheduledBackup", "postgresql.cnpg.io/scheduledbackup_v1.json"),
            Map.entry("barmancloud.cnpg.io/v1/ObjectStore", "barmancloud.cnpg.io/objectstore_v1.json"),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com/servicemonitor_v1.json"),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", "monitoring.coreos.com/prometheusrule_v1.json"));

    /** The API groups whose objects are custom resources (everything else is Kubernetes' own API). */
    static final Set<String> GROUPS = FILES.keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).collect(Collectors.toSet());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private CustomResourceSchemas() {
    }

    static boolean isCustomResource(Map<String, Object> document) {
        String apiVersion = String.valueOf(document.get("apiVersion"));
        return apiVersion.contains("/") && GROUPS.contains(apiVersion.substring(0, apiVersion.indexOf('/')));
    }

    static void validate(Map<String, Object> document) {
        String key = document.get("apiVersion") + "/" + document.get("kind");
        String file = FILES.get(key);
        if (file == null) {
            throw new AssertionError(key + " " + Chart.name(document) + ": no schema for this custom resource in " + DIR);
        }
        JsonSchema schema = SCHEMAS.computeIfAbsent(file, CustomResourceSchemas::load);
        Set<ValidationMessage> errors = schema.validate(JSON.valueToTree(document));
        if (!errors.isEmpty()) {
            throw new AssertionError(key + " " + Chart.name(document) + " does not match its CRD: "
                    + errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
        }
    }

    private static JsonSchema load(String file) {
        try {
            JsonNode schema = JSON.readTree(Files.readString(DIR.resolve(file)));
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DIR.resolve(file) + " (../shared beside the repository)", e);
        }
    }
}
