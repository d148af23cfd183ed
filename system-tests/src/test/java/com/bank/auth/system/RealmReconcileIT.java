package com.bank.auth.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import com.bank.auth.testing.Keycloak;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import io.restassured.http.ContentType;

/**
 * The chart's realm reconcile (issue 24, item 10), run as its post-upgrade Job runs it: files/reconcile-realm.sh with
 * Keycloak's own kcadm.sh, against the suite's real Keycloak, on a throw-away realm made from the chart's first install.
 * An upgrade that moves publicUrl, changes a token lifetime and rotates a client secret reaches Keycloak, in place: the
 * client keeps its id, a user made before it stays, and the old secret stops working.
 */
class RealmReconcileIT {

    private static final Path CHART = Path.of("..", "helm", "bank-auth-suite");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+_CLIENT_SECRET)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Keycloak keycloak = Keycloak.local();
    private final String realm = "reconcile-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path files;

    @AfterEach
    void deleteTheRealm() {
        given().auth().oauth2(keycloak.adminToken()).delete(keycloak.url() + "/admin/realms/" + realm);
    }

    @Test
    void anUpgradeReachesTheRunningRealmInPlaceAndUsersStay() throws Exception {
        Map<String, String> secrets = new HashMap<>(Map.of("BFF_CLIENT_SECRET", "bff-" + UUID.randomUUID(),
                "PAYMENTS_REPORTING_CLIENT_SECRET", "reporting-before-" + UUID.randomUUID(),
                "BANK_BACKOFFICE_CLIENT_SECRET", "backoffice-" + UUID.randomUUID(),
                "BANK_REALM_RECONCILER_CLIENT_SECRET", "reconciler-" + UUID.randomUUID()));
        // The first install: the operator's import of the rendered realm (placeholders filled as it fills them).
        Map<String, Object> imported = realmImport(render("https://before.example", 120));
        String realmJson = filled(JSON.writeValueAsString(imported), secrets);
        given().auth().oauth2(keycloak.adminToken()).contentType(ContentType.JSON).body(realmJson).post(keycloak.url() + "/admin/realms")
                .then().statusCode(201);
        String bffId = clientId("bank-bff");
        given().auth().oauth2(keycloak.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", "stays-" + realm, "enabled", true)).post(adminRealm() + "/users").then().statusCode(201);
        String oldReportingSecret = secrets.get("PAYMENTS_REPORTING_CLIENT_SECRET");
        assertEquals(200, reportingToken(oldReportingSecret));

        // The upgrade: another public URL, a shorter token lifetime, the reporting client's secret rotated in its Secret.
        secrets.put("PAYMENTS_REPORTING_CLIENT_SECRET", "reporting-after-" + UUID.randomUUID());
        Map<String, String> data = reconcileFiles(render("https://after.example", 90));
        for (Map.Entry<String, String> file : data.entrySet()) {
            Files.writeString(files.resolve(file.getKey()), file.getValue());
        }
        Process reconcile = reconcile(secrets);
        String output = new String(reconcile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(reconcile.waitFor(180, TimeUnit.SECONDS), output);
        assertEquals(0, reconcile.exitValue(), output);

        JsonNode bff = client(bffId);
        assertEquals(List.of("https://after.example/bff/callback"), JSON.convertValue(bff.path("redirectUris"), List.class), bff.toString());
        assertEquals("https://after.example/", bff.path("attributes").path("post.logout.redirect.uris").asText());
        assertEquals(bffId, bff.path("id").asText(), "updated in place: the same client, so its sessions and tokens stay valid");
        assertEquals(90, realmSettings().path("accessTokenLifespan").asInt());
        assertEquals(1, given().auth().oauth2(keycloak.adminToken()).queryParam("username", "stays-" + realm).queryParam("exact", true)
                .get(adminRealm() + "/users").then().statusCode(200).extract().jsonPath().getList("$").size(), "users are never touched");
        assertEquals(401, reportingToken(oldReportingSecret), "the rotated-out secret no longer works");
        assertEquals(200, reportingToken(secrets.get("PAYMENTS_REPORTING_CLIENT_SECRET")));
        assertTrue(!output.contains(secrets.get("PAYMENTS_REPORTING_CLIENT_SECRET")) && !output.contains(oldReportingSecret), "no secret in its output");
    }

    private String render(String publicUrl, int accessTokenLifespan) {
        TemplateCommand template = new Helm(CHART).template().withName("bank").withNamespace("bank").withKubeVersion("v1.31.0")
                .withValuesFile(CHART.resolve("values-production.yaml"))
                .set("keycloak.realm", realm).set("publicUrl", publicUrl).set("keycloak.realmImport.accessTokenLifespan", accessTokenLifespan)
                // The Job as a plain manifest: helm-java's template leaves hooks out (the default is a post-upgrade hook).
                .set("keycloak.realmReconcile.hook", false);
        return template.call();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(String manifests) {
        LoaderOptions options = new LoaderOptions();
        List<Map<String, Object>> documents = new java.util.ArrayList<>();
        for (Object document : new Yaml(options).loadAll(manifests)) {
            if (document instanceof Map<?, ?> map) {
                documents.add((Map<String, Object>) map);
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> realmImport(String manifests) {
        Map<String, Object> document = documents(manifests).stream().filter(d -> "KeycloakRealmImport".equals(d.get("kind"))).findFirst().orElseThrow();
        return (Map<String, Object>) ((Map<String, Object>) document.get("spec")).get("realm");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> reconcileFiles(String manifests) {
        Map<String, Object> configMap = documents(manifests).stream().filter(d -> "ConfigMap".equals(d.get("kind"))
                && String.valueOf(((Map<String, Object>) d.get("metadata")).get("name")).endsWith("-realm-reconcile")).findFirst().orElseThrow();
        return (Map<String, String>) configMap.get("data");
    }

    private Process reconcile(Map<String, String> secrets) throws IOException {
        String home = System.getenv("BANK_KEYCLOAK_HOME");
        assertTrue(home != null && Files.isExecutable(Path.of(home, "bin", "kcadm.sh")), "BANK_KEYCLOAK_HOME (./suite test sets it) has kcadm.sh: " + home);
        ProcessBuilder builder = new ProcessBuilder("bash", files.resolve("reconcile-realm.sh").toString()).redirectErrorStream(true);
        builder.environment().putAll(secrets);
        builder.environment().putAll(Map.of("KEYCLOAK_URL", keycloak.url(), "REALM", realm, "REALM_DIR", files.toString(),
                "RECONCILER_SECRET", secrets.get("BANK_REALM_RECONCILER_CLIENT_SECRET"), "KCADM", Path.of(home, "bin", "kcadm.sh").toString(),
                "HOME", files.toString()));
        return builder.start();
    }

    private static String filled(String text, Map<String, String> secrets) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(out, Matcher.quoteReplacement(secrets.get(placeholder.group(1))));
        }
        return placeholder.appendTail(out).toString();
    }

    private int reportingToken(String secret) {
        return given().formParams(Map.of("grant_type", "client_credentials", "client_id", Keycloak.REPORTING_CLIENT, "client_secret", secret))
                .post(keycloak.url() + "/realms/" + realm + "/protocol/openid-connect/token").statusCode();
    }

    private String adminRealm() {
        return keycloak.url() + "/admin/realms/" + realm;
    }

    private String clientId(String clientId) {
        return given().auth().oauth2(keycloak.adminToken()).queryParam("clientId", clientId).get(adminRealm() + "/clients").then().statusCode(200)
                .extract().jsonPath().getString("[0].id");
    }

    private JsonNode client(String id) throws IOException {
        return JSON.readTree(given().auth().oauth2(keycloak.adminToken()).get(adminRealm() + "/clients/" + id).then().statusCode(200).extract().asString());
    }

    private JsonNode realmSettings() throws IOException {
        return JSON.readTree(given().auth().oauth2(keycloak.adminToken()).get(adminRealm()).then().statusCode(200).extract().asString());
    }
}
