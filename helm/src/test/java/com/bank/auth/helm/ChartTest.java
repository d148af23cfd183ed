package com.bank.auth.helm;

import static com.bank.auth.helm.Chart.SERVICES;
import static com.bank.auth.helm.Chart.list;
import static com.bank.auth.helm.Chart.map;
import static com.bank.auth.helm.Chart.name;
import static com.bank.auth.helm.Chart.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/**
 * helm/bank-auth-suite rendered offline with each values file and checked as a platform team would review it. Nothing
 * here talks to an API server: the objects are validated against the Kubernetes API schema (client-java-api) instead.
 */
class ChartTest {

    static List<String> valuesFiles() {
        return Chart.VALUES_FILES;
    }

    @Test
    void lintsStrictlyWithTheDefaults() {
        LintResult lint = new Helm(Chart.DIR).lint().strict().call();
        assertFalse(lint.isFailed(), String.join("\n", lint.getMessages()));
        assertTrue(lint.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
                String.join("\n", lint.getMessages()));
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void everyObjectIsValidForTheKubernetesApi(String valuesFile) throws Exception {
        String text = Chart.renderText(valuesFile, t -> t);
        // Kept as test output for a reviewer: what this chart would apply.
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "rendered"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "rendered", valuesFile), text);
        List<Map<String, Object>> documents = Chart.parse(text);
        assertTrue(documents.size() > 20, "a full installation: " + documents.size() + " objects");
        for (Map<String, Object> document : documents) {
            String apiVersion = String.valueOf(document.get("apiVersion"));
            // No beta API of Kubernetes itself; a custom resource's version is the one its operator serves (checked
            // against that version's CRD schema).
            assertFalse(apiVersion.contains("beta") && !CustomResourceSchemas.isCustomResource(document), name(document) + ": no beta API (" + apiVersion + ")");
            assertTrue(KubernetesSchema.ALLOWED_API_VERSIONS.contains(apiVersion), name(document) + ": API " + apiVersion + " is not on the allow-list");
            KubernetesSchema.validate(document);
        }
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void everyContainerRunsRestrictedWithProbesAndLimits(String valuesFile) {
        List<Map<String, Object>> deployments = ofKind(Chart.render(valuesFile), "Deployment");
        assertEquals(SERVICES.size(), deployments.size());
        for (Map<String, Object> deployment : deployments) {
            Map<String, Object> pod = map(deployment, "spec", "template", "spec");
            String where = name(deployment);
            assertEquals(List.of(), RestrictedPodSecurity.violations(pod), where);
            assertEquals(false, pod.get("automountServiceAccountToken"), where);
            assertEquals(true, map(pod, "securityContext").get("runAsNonRoot"), where);
            assertEquals("RuntimeDefault", map(pod, "securityContext", "seccompProfile").get("type"), where);
            int grace = (Integer) pod.get("terminationGracePeriodSeconds");
            for (Map<String, Object> container : list(pod, "containers")) {
                Map<String, Object> security = map(container, "securityContext");
                assertEquals(true, security.get("runAsNonRoot"), where);
                assertEquals(true, security.get("readOnlyRootFilesystem"), where);
                assertEquals(false, security.get("allowPrivilegeEscalation"), where);
                assertEquals(List.of("ALL"), map(security, "capabilities").get("drop"), where);
                assertEquals("RuntimeDefault", map(security, "seccompProfile").get("type"), where);
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertEquals("management", map(container, probe, "httpGet").get("port"), where + " " + probe + " on the management port");
                }
                assertNotNull(map(container, "resources", "requests").get("cpu"), where);
                assertNotNull(map(container, "resources", "requests").get("memory"), where);
                assertNotNull(map(container, "resources", "limits").get("memory"), where);
                String image = String.valueOf(container.get("image"));
                assertFalse(image.endsWith(":latest") || !(image.contains(":") || image.contains("@sha256:")), where + ": pinned image " + image);
                assertTrue(list(container, "volumeMounts").stream().anyMatch(m -> "/tmp".equals(m.get("mountPath"))), where + ": /tmp is writable");
                int preStop = (Integer) map(container, "lifecycle", "preStop", "sleep").get("seconds");
                assertTrue(grace > preStop + 5 + 10, where + ": grace " + grace + " s above preStop + shutdown delay + timeout");
            }
            assertTrue(String.valueOf(map(pod, "securityContext").get("runAsUser")).matches("[1-9][0-9]*"), where);
            Map<String, Object> selector = map(deployment, "spec", "selector", "matchLabels");
            assertFalse(selector.containsKey("app.kubernetes.io/version") || selector.containsKey("helm.sh/chart"), where + ": stable selector " + selector);
        }
    }

    /**
     * The bank namespace enforces restricted Pod Security; the operator builds Keycloak's pods (and the realm import
     * Job's) from the CR's pod template merged into its own, so that template must carry restricted's rules.
     */
    @ParameterizedTest
    @MethodSource("valuesFiles")
    void keycloakPodsAreRestrictedAndOnlyTheSuitesRealmIsPublic(String valuesFile) {
        List<Map<String, Object>> documents = Chart.render(valuesFile);
        for (Map<String, Object> keycloak : ofKind(documents, "Keycloak")) {
            Map<String, Object> spec = map(keycloak, "spec");
            Map<String, Object> pod = map(spec, "unsupported", "podTemplate", "spec");
            assertEquals(true, map(pod, "securityContext").get("runAsNonRoot"));
            assertEquals("RuntimeDefault", map(pod, "securityContext", "seccompProfile").get("type"));
            Map<String, Object> container = list(pod, "containers").stream().filter(c -> "keycloak".equals(c.get("name"))).findFirst().orElseThrow();
            Map<String, Object> security = map(container, "securityContext");
            assertEquals(false, security.get("allowPrivilegeEscalation"));
            assertEquals(List.of("ALL"), map(security, "capabilities").get("drop"));
            assertEquals("RuntimeDefault", map(security, "seccompProfile").get("type"));
            assertEquals(false, spec.get("automountServiceAccountToken"));
            // What the operator builds: its own pod (container "keycloak", no securityContext) with this template merged in.
            assertEquals(List.of(), RestrictedPodSecurity.violations(pod), valuesFile);
            assertFalse(list(map(spec, "networkPolicy"), "http").isEmpty(), "the operator's policy names Keycloak's clients (empty: everyone)");
        }
        for (Map<String, Object> ingress : ofKind(documents, "Ingress")) {
            for (Map<String, Object> rule : list(map(ingress, "spec"), "rules")) {
                for (Map<String, Object> path : list(map(rule, "http"), "paths")) {
                    String prefix = String.valueOf(path.get("path"));
                    assertFalse(prefix.equals("/realms/") || prefix.startsWith("/realms/master") || prefix.startsWith("/admin"),
                            name(ingress) + ": " + prefix + " is not public");
                }
            }
        }
    }

    @Test
    void theApiSchemaCheckRefusesWhatAnApiServerWould() {
        Map<String, Object> deployment = ofKind(Chart.render(null), "Deployment").getFirst();
        Map<String, Object> typo = Chart.parse(Chart.renderText(null, t -> t).replaceFirst("revisionHistoryLimit: 5", "revisionHistoryLimitt: 5")).stream()
                .filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
        KubernetesSchema.validate(deployment);
        assertThrows(AssertionError.class, () -> KubernetesSchema.validate(typo), "an unknown field");
        Map<String, Object> noSelector = Chart.parse(Chart.renderText(null, t -> t)).stream().filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
        map(noSelector, "spec").remove("selector");
        assertThrows(AssertionError.class, () -> KubernetesSchema.validate(noSelector), "a missing required field");
        // Custom resources against their CRD's schema: an unknown field, a value outside an enum.
        Map<String, Object> keycloak = ofKind(Chart.render(null), "Keycloak").getFirst();
        KubernetesSchema.validate(keycloak);
        map(keycloak, "spec").put("instancez", 2);
        assertThrows(AssertionError.class, () -> KubernetesSchema.validate(keycloak), "an unknown field of a custom resource");
        Map<String, Object> another = ofKind(Chart.render(null), "Keycloak").getFirst();
        map(another, "spec", "update").put("strategy", "Sometimes");
        assertThrows(AssertionError.class, () -> KubernetesSchema.validate(another), "a value its enum does not allow");
    }

    @Test
    void productionIsHighlyAvailable() {
        List<Map<String, Object>> documents = Chart.render("values-production.yaml");
        Set<String> autoscaled = ofKind(documents, "HorizontalPodAutoscaler").stream()
                .map(hpa -> String.valueOf(map(hpa, "spec", "scaleTargetRef").get("name"))).collect(Collectors.toSet());
        for (Map<String, Object> deployment : ofKind(documents, "Deployment")) {
            assertTrue(autoscaled.contains(name(deployment)), name(deployment) + " has an HPA");
            assertFalse(map(deployment, "spec").containsKey("replicas"), name(deployment) + ": the HPA owns replicas");
            assertFalse(map(deployment, "spec", "template", "spec", "affinity", "podAntiAffinity").isEmpty(), name(deployment) + ": anti-affinity");
        }
        for (Map<String, Object> hpa : ofKind(documents, "HorizontalPodAutoscaler")) {
            assertTrue((Integer) map(hpa, "spec").get("minReplicas") >= 2, name(hpa));
        }
        List<Map<String, Object>> budgets = ofKind(documents, "PodDisruptionBudget");
        assertEquals(SERVICES.size() + 1, budgets.size(), "the four services and Keycloak");
        for (Map<String, Object> pdb : budgets) {
            Map<String, Object> spec = map(pdb, "spec");
            assertTrue(spec.containsKey("minAvailable") ^ spec.containsKey("maxUnavailable"), name(pdb) + ": exactly one of min/max");
            assertEquals(1, spec.getOrDefault("minAvailable", spec.get("maxUnavailable")), name(pdb));
        }
        Map<String, Object> keycloakBudget = budgets.stream().filter(b -> name(b).endsWith("-keycloak")).findFirst().orElseThrow();
        Map<String, Object> keycloak = ofKind(documents, "Keycloak").getFirst();
        assertEquals(Map.of("app", "keycloak", "app.kubernetes.io/instance", name(keycloak)), map(keycloakBudget, "spec", "selector", "matchLabels"),
                "the labels the operator gives Keycloak's pods");
        assertEquals("Auto", map(keycloak, "spec", "update").get("strategy"), "rolling where compatible, not a recreate on every image");
        Map<String, Object> session = configOf(documents, "session-service");
        assertEquals("sentinel", session.get("QUARKUS_REDIS_CLIENT_TYPE"));
        assertEquals("master", session.get("QUARKUS_REDIS_ROLE"));
        assertEquals("true", session.get("QUARKUS_REDIS_AUTO_FAILOVER"));
        // The Sentinels of the Bitnami release install.sh installs, by that chart's names (issue 24, item 2).
        java.util.regex.Matcher install = java.util.regex.Pattern.compile("helm upgrade --install (\\S+) oci://registry-1.docker.io/bitnamicharts/redis[^\n]*\\\n"
                + "(?:[^\n]*\\\n)*?[^\n]*--set replica.replicaCount=(\\d+)").matcher(readInstallSh());
        assertTrue(install.find(), "install.sh installs the Bitnami Redis chart with a replica count");
        String release = install.group(1);
        List<String> sentinels = java.util.stream.IntStream.range(0, Integer.parseInt(install.group(2)))
                .mapToObj(i -> "redis://" + release + "-node-" + i + "." + release + "-headless:26379").toList();
        assertEquals(String.join(",", sentinels), session.get("QUARKUS_REDIS_HOSTS"));
        assertTrue(readInstallSh().contains("--set sentinel.masterSet=" + session.get("QUARKUS_REDIS_MASTER_NAME")), "the same master group");
        // The Sentinels' down-after that the failover test measured on loopback (./suite's group) is the cluster's.
        java.util.regex.Matcher chartDownAfter = java.util.regex.Pattern.compile("sentinel.downAfterMilliseconds=(\\d+)").matcher(readInstallSh());
        assertTrue(chartDownAfter.find());
        try {
            assertTrue(java.nio.file.Files.readString(java.nio.file.Path.of("..", "suite")).contains("BANK_REDIS_SENTINEL_DOWN_AFTER_MS:-" + chartDownAfter.group(1) + "}"),
                    "./suite's Sentinels fail over like the chart's");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals("redis://" + release + "-master:6379", configOf(Chart.render(null), "session-service").get("QUARKUS_REDIS_HOSTS"),
                "standalone: the release's master Service");
    }

    /**
     * Every Secret a rendered object reads (env, Keycloak's database, TLS and realm placeholders, the Ingresses' TLS) is
     * listed with its keys in NOTES.txt, which the platform team reads after {@code helm install} (issue 24, item 3);
     * Secrets the chart renders itself (the demo's) need no listing.
     */
    @ParameterizedTest
    @MethodSource("valuesFiles")
    void notesListEverySecretTheInstallationReads(String valuesFile) {
        List<Map<String, Object>> documents = Chart.render(valuesFile);
        Set<String> rendered = ofKind(documents, "Secret").stream().map(Chart::name).collect(Collectors.toSet());
        Set<String> references = new TreeSet<>();
        for (Map<String, Object> document : documents) {
            collectSecretReferences(document, references);
            for (Map<String, Object> tls : list(map(document, "spec"), "tls")) {
                references.add(tls.get("secretName") + "/tls.crt");
            }
        }
        // Secrets the chart renders itself, and CloudNativePG's CA, which its operator writes.
        references.removeIf(reference -> rendered.contains(reference.substring(0, reference.indexOf('/'))) || reference.startsWith("bank-db-ca/")
                || reference.startsWith("bank-bank-auth-suite-db-ca/"));
        assertFalse(references.isEmpty(), valuesFile);
        String notes = Chart.notes(valuesFile);
        for (String reference : references) {
            String secret = reference.substring(0, reference.indexOf('/'));
            String key = reference.substring(reference.indexOf('/') + 1);
            assertTrue(notes.lines().anyMatch(line -> line.trim().startsWith("secret/" + secret + " ") && List.of(line.substring(line.indexOf("keys:") + 5).trim()
                    .split(",\\s*")).contains(key)), valuesFile + ": NOTES.txt lists " + reference + "\n" + notes);
        }
    }

    /** name/key of every Secret reference under {@code node}: a {@code {name, key}} (env, Keycloak, realm placeholders, S3 credentials), a role's {@code passwordSecret}, a {@code tlsSecret}. */
    @SuppressWarnings("unchecked")
    private static void collectSecretReferences(Object node, Set<String> references) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String field = String.valueOf(entry.getKey());
                if (entry.getValue() instanceof Map<?, ?> ref && ref.containsKey("name") && ref.containsKey("key") && !field.equals("configMapKeyRef")) {
                    references.add(ref.get("name") + "/" + ref.get("key"));
                } else if (field.equals("passwordSecret") && entry.getValue() instanceof Map<?, ?> ref && ref.size() == 1) {
                    // CloudNativePG's role login: a kubernetes.io/basic-auth Secret.
                    references.add(ref.get("name") + "/password");
                } else if (field.equals("secret") && entry.getValue() instanceof Map<?, ?> volume && volume.get("secretName") != null) {
                    // A Secret mounted as files: each key it projects.
                    Object items = volume.get("items");
                    for (Object item : items instanceof List<?> listed ? listed : List.of(Map.of("key", "*"))) {
                        references.add(volume.get("secretName") + "/" + ((Map<?, ?>) item).get("key"));
                    }
                } else if (field.equals("tlsSecret") && entry.getValue() instanceof String name) {
                    references.add(name + "/tls.crt");
                } else {
                    collectSecretReferences(entry.getValue(), references);
                }
            }
        } else if (node instanceof List<?> items) {
            items.forEach(item -> collectSecretReferences(item, references));
        }
    }

    private static String readInstallSh() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("..", "k8s", "operators", "install.sh"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-demo.yaml"})
    void aSinglePodIsNeverBlockedFromDraining(String valuesFile) {
        List<Map<String, Object>> documents = Chart.render(valuesFile);
        assertEquals(List.of(), ofKind(documents, "PodDisruptionBudget"), "no budget over a single replica");
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void aConfigChangeRollsExactlyTheAffectedPods(String valuesFile) throws Exception {
        String text = Chart.renderText(valuesFile, t -> t);
        List<Map<String, Object>> documents = Chart.parse(text);
        for (String service : SERVICES) {
            String rendered = configMapDataText(text, service, valuesFile);
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rendered.getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, checksumOf(documents, service), service + ": checksum/config is the hash of its ConfigMap's data");
        }
        List<Map<String, Object>> changed = Chart.render(valuesFile, t -> t.set("bff.refreshSkew", "20S"));
        assertNotEquals(checksumOf(documents, "auth-bff"), checksumOf(changed, "auth-bff"));
        assertEquals(checksumOf(documents, "payments-service"), checksumOf(changed, "payments-service"));
    }

    @ParameterizedTest
    @MethodSource("valuesFiles")
    void oneValueFeedsEveryIssuer(String valuesFile) {
        List<Map<String, Object>> documents = Chart.render(valuesFile);
        String issuer = String.valueOf(configOf(documents, "auth-bff").get("BFF_OIDC_ISSUER"));
        for (String service : SERVICES) {
            assertEquals(issuer, configOf(documents, service).get("MP_JWT_VERIFY_ISSUER"), service);
        }
        assertEquals(configOf(documents, "mfa-service").get("MFA_STEP_UP_ISSUER"), configOf(documents, "payments-service").get("BANK_STEP_UP_ISSUER"));
        assertFalse(String.valueOf(configOf(documents, "auth-bff").get("BFF_ORIGIN")).endsWith("/"), "an origin has no trailing slash");
        // Passkeys are bound to the origin the browser is on: the BFF's, exactly (issue 27).
        assertEquals(configOf(documents, "auth-bff").get("BFF_ORIGIN"), configOf(documents, "mfa-service").get("MFA_PASSKEY_ORIGIN"));
    }

    @Test
    void secretsAreReferencedAndOnlyDemoRendersAny() {
        for (String valuesFile : List.of("values.yaml", "values-production.yaml")) {
            assertEquals(List.of(), ofKind(Chart.render(valuesFile), "Secret"), valuesFile + " renders no Secret");
        }
        List<Map<String, Object>> demo = Chart.render("values-demo.yaml");
        Map<String, Set<String>> rendered = new HashMap<>();
        for (Map<String, Object> secret : ofKind(demo, "Secret")) {
            assertEquals("true", map(secret, "metadata", "labels").get("bank-auth-suite/demo"), name(secret) + " is marked as demo");
            rendered.put(name(secret), new HashSet<>(map(secret, "stringData").keySet()));
        }
        // Every reference resolves to a rendered key (CloudNativePG's own Secrets, its CA, are mounted, not read as env).
        Set<String> operatorWritten = Set.of();
        Set<String> configMaps = ofKind(demo, "ConfigMap").stream().map(Chart::name).collect(Collectors.toSet());
        for (Map<String, Object> deployment : ofKind(demo, "Deployment")) {
            for (Map<String, Object> container : list(map(deployment, "spec", "template", "spec"), "containers")) {
                for (Map<String, Object> from : list(container, "envFrom")) {
                    assertTrue(configMaps.contains(String.valueOf(map(from, "configMapRef").get("name"))), name(deployment) + " envFrom");
                }
                for (Map<String, Object> env : list(container, "env")) {
                    Map<String, Object> ref = map(env, "valueFrom", "secretKeyRef");
                    if (ref.isEmpty()) {
                        continue;
                    }
                    String secret = String.valueOf(ref.get("name"));
                    assertTrue(operatorWritten.contains(secret) || rendered.getOrDefault(secret, Set.of()).contains(String.valueOf(ref.get("key"))),
                            name(deployment) + " " + env.get("name") + " → " + secret + "/" + ref.get("key"));
                }
            }
        }
    }

    @Test
    void theRealmIsRenderedFromValuesWithoutDemoUsersOutsideTheDemo() {
        Map<String, Object> production = ofKind(Chart.render("values-production.yaml"), "KeycloakRealmImport").getFirst();
        Map<String, Object> realm = map(production, "spec", "realm");
        assertTrue(list(realm, "users").stream().allMatch(u -> u.containsKey("serviceAccountClientId") && !u.containsKey("credentials")),
                "no people in production, only service accounts' role mappings: " + realm.get("users"));
        Map<String, Object> bff = list(realm, "clients").stream().filter(c -> "bank-bff".equals(c.get("clientId"))).findFirst().orElseThrow();
        assertEquals(List.of("https://bank.example/bff/callback"), bff.get("redirectUris"));
        assertEquals("https://bank.example/", map(bff, "attributes").get("post.logout.redirect.uris"));
        assertEquals("${BFF_CLIENT_SECRET}", bff.get("secret"), "the secret comes from a placeholder");
        assertEquals("bff-client-secret", map(production, "spec", "placeholders", "BFF_CLIENT_SECRET", "secret").get("key"));
        assertFalse(Chart.renderText("values-production.yaml", t -> t).contains("local-demo-secret"), "no demo secret anywhere");

        Map<String, Object> demoRealm = map(ofKind(Chart.render("values-demo.yaml"), "KeycloakRealmImport").getFirst(), "spec", "realm");
        assertEquals(3, list(demoRealm, "users").stream().filter(u -> u.containsKey("credentials")).count(), "the demo realm's users");
    }

    @Test
    void networkPoliciesDenyByDefaultAndAllowExactlyTheDesignedEdges() {
        List<Map<String, Object>> documents = Chart.render(null);
        List<Map<String, Object>> policies = ofKind(documents, "NetworkPolicy");
        Map<String, Object> deny = policies.stream().filter(p -> name(p).endsWith("-default-deny")).findFirst().orElseThrow();
        assertEquals(List.of("Ingress", "Egress"), map(deny, "spec").get("policyTypes"));
        assertFalse(map(deny, "spec").containsKey("ingress") || map(deny, "spec").containsKey("egress"), "default-deny allows nothing");

        Set<String> edges = new TreeSet<>();
        Set<String> containerPorts = ofKind(documents, "Deployment").stream()
                .flatMap(d -> list(map(d, "spec", "template", "spec"), "containers").stream())
                .flatMap(c -> list(c, "ports").stream()).map(p -> String.valueOf(p.get("name"))).collect(Collectors.toSet());
        for (Map<String, Object> policy : policies) {
            Map<String, Object> selected = map(policy, "spec", "podSelector", "matchLabels");
            String from = selected.containsKey("cnpg.io/cluster") ? "postgresql" : String.valueOf(selected.get("app.kubernetes.io/name"));
            for (Map<String, Object> rule : list(map(policy, "spec"), "egress")) {
                for (Map<String, Object> to : list(rule, "to")) {
                    Object peer = map(to, "podSelector", "matchLabels").get("app.kubernetes.io/name");
                    if (peer != null && SERVICES.contains(String.valueOf(peer))) {
                        edges.add(from + "->" + peer);
                    }
                }
                portNamesExist(rule, containerPorts, name(policy));
            }
            for (Map<String, Object> rule : list(map(policy, "spec"), "ingress")) {
                for (Map<String, Object> peer : list(rule, "from")) {
                    Map<String, Object> labels = map(peer, "podSelector", "matchLabels");
                    Object source = labels.containsKey("cnpg.io/cluster") ? "postgresql" : labels.getOrDefault("app.kubernetes.io/name", labels.get("app"));
                    if (source != null) {
                        edges.add(source + "->" + from);
                    }
                    Object namespace = map(peer, "namespaceSelector", "matchLabels").get("kubernetes.io/metadata.name");
                    if (namespace != null) {
                        edges.add("ns:" + namespace + "->" + from + list(rule, "ports").stream().map(p -> ":" + p.get("port")).collect(Collectors.joining()));
                    }
                }
                portNamesExist(rule, containerPorts, name(policy));
            }
        }
        Set<String> expected = new TreeSet<>(Set.of("auth-bff->session-service", "auth-bff->mfa-service", "auth-bff->payments-service",
                "payments-service->mfa-service", "ns:ingress-nginx->auth-bff:http",
                // The realm's back-channel logout URL is the BFF's Service: Keycloak's pods must reach it (issue 24, item 6).
                "keycloak->auth-bff",
                // PostgreSQL's and Redis' pods admit their consumers only (issue 24, item 8), and each other.
                "payments-service->postgresql", "mfa-service->postgresql", "keycloak->postgresql", "postgresql->postgresql",
                "ns:cnpg-system->postgresql:5432:8000", "session-service->redis", "redis->redis"));
        SERVICES.forEach(service -> expected.add("ns:monitoring->" + service + ":management"));
        assertEquals(expected, edges, "the service edges of DESIGN 1, and nothing else");

        Map<String, Object> sessionEgress = policies.stream().filter(p -> name(p).endsWith("-session-service")).findFirst().orElseThrow();
        assertTrue(list(map(sessionEgress, "spec"), "egress").stream().anyMatch(r -> list(r, "ports").stream().anyMatch(p -> Integer.valueOf(6379).equals(p.get("port")))),
                "session-service reaches Redis");
    }

    /**
     * A rule whose peers render empty allows everyone (a null {@code to:} or {@code from:}), and a pod selector without
     * labels every pod of the namespace (issue 24, item 7): no values file, and no mode, renders either; a dependency
     * nobody named fails the render, saying which setting names it.
     */
    @ParameterizedTest
    @ValueSource(strings = { "values.yaml", "values-production.yaml", "values-demo.yaml" })
    void noNetworkRuleOpensToEveryone(String valuesFile) {
        for (Map<String, Object> policy : ofKind(Chart.render(valuesFile), "NetworkPolicy")) {
            if (name(policy).endsWith("-default-deny")) {
                continue;
            }
            for (String direction : List.of("egress", "ingress")) {
                for (Map<String, Object> rule : list(map(policy, "spec"), direction)) {
                    List<Map<String, Object>> peers = list(rule, direction.equals("egress") ? "to" : "from");
                    assertFalse(peers.isEmpty(), name(policy) + ": a " + direction + " rule without peers allows everyone: " + rule);
                    for (Map<String, Object> peer : peers) {
                        boolean named = peer.containsKey("ipBlock") || peer.containsKey("namespaceSelector")
                                || !map(peer, "podSelector", "matchLabels").isEmpty();
                        assertTrue(named, name(policy) + ": a peer without labels or addresses: " + peer);
                    }
                }
            }
        }
        String otel = ofKind(Chart.render("values-production.yaml"), "NetworkPolicy").stream().filter(p -> name(p).endsWith("-auth-bff"))
                .findFirst().orElseThrow().toString();
        assertTrue(otel.contains("port=4318") && otel.contains("observability"), "OTLP goes to the collector only: " + otel);
    }

    @Test
    void aDependencyNobodyNamedFailsTheRenderInsteadOfOpeningADoor() {
        assertRefused(t -> t.set("otel.endpoint", "http://collector.observability:4318"), "networkPolicy.otelCollector");
        assertRefused(t -> t.set("keycloak.mode", "external"), "networkPolicy.externalCidrs");
        assertRefused(t -> t.set("networkPolicy.keycloakPodLabels", "null"), "networkPolicy.keycloakPodLabels");
        assertRefused(t -> t.set("networkPolicy.redisPodLabels", "null"), "networkPolicy.redisPodLabels");
        assertRefused(t -> t.set("postgresql.mode", "external").set("postgresql.secret", "db"), "networkPolicy.postgresqlPodLabels");
        // Named, they render, to those peers only.
        String external = Chart.renderText(null, t -> t.set("keycloak.mode", "external").set("networkPolicy.externalCidrs[0]", "192.0.2.0/24"));
        assertTrue(external.contains("192.0.2.0/24"), "Keycloak's addresses are its peers");
    }

    /** Rules across values (issue 24): each refusal names the setting to change. */
    @Test
    void valuesThatContradictEachOtherAreRefused() {
        assertRefused(t -> t.set("publicUrl", "http://bank.example"), "https://");
        assertRefused(t -> t.set("defaults.autoscaling.enabled", true).set("defaults.autoscaling.minReplicas", 5).set("defaults.autoscaling.maxReplicas", 3),
                "minReplicas");
        assertRefused(t -> t.set("defaults.replicas", 2).set("defaults.pdb.minAvailable", 2), "pdb.minAvailable");
        assertRefused(t -> t.set("keycloak.realmImport.ssoSessionIdleTimeout", 3600).set("keycloak.realmImport.ssoSessionMaxLifespan", 1800),
                "ssoSessionIdleTimeout");
        assertRefused(t -> t.set("keycloak.realmImport.accessTokenLifespan", 300), "accessTokenLifespan");
        assertRefused(t -> t.set("bff.refreshSkew", "150S"), "refreshSkew");
        assertFalse(Chart.render(null, t -> t.set("defaults.replicas", 3).set("defaults.pdb.minAvailable", 2)).isEmpty(), "2 of 3 may stay");
    }

    /** DNS is every pod's one egress besides its edges: OpenShift's or NodeLocal DNSCache's, as the platform names it. */
    @Test
    void dnsPeersAreThePlatformsOwn() {
        String nodeLocal = Chart.renderText(null, t -> t.set("networkPolicy.dns.cidrs[0]", "169.254.20.10/32"));
        assertTrue(nodeLocal.contains("169.254.20.10/32"));
        String openShift = Chart.renderText(null, t -> t.set("networkPolicy.dns.namespace", "openshift-dns")
                .set("networkPolicy.dns.podLabels.k8s-app", "null").set("networkPolicy.dns.podLabels.dns\\.operator\\.openshift\\.io/daemonset-dns", "default"));
        assertTrue(openShift.contains("openshift-dns") && openShift.contains("dns.operator.openshift.io/daemonset-dns"), openShift);
        assertRefused(t -> t.set("networkPolicy.dns.podLabels", "null"), "networkPolicy.dns");
    }

    /** session-service to Redis over TLS with the server checked, as its own ACL user, on Sentinel and standalone alike. */
    @Test
    void redisCanBeReachedOverVerifiedTlsAsItsOwnUser() {
        List<Map<String, Object>> documents = Chart.render("values-production.yaml", t -> t.set("redis.tls.enabled", true)
                .set("redis.tls.caSecret", "redis-ca").set("redis.username", "session-service"));
        Map<String, Object> config = configOf(documents, "session-service");
        assertTrue(String.valueOf(config.get("QUARKUS_REDIS_HOSTS")).startsWith("rediss://session-service@redis-node-0.redis-headless:26379,"), config.toString());
        assertEquals("HTTPS", config.get("QUARKUS_REDIS_TLS_HOSTNAME_VERIFICATION_ALGORITHM"));
        Map<String, Object> session = ofKind(documents, "Deployment").stream().filter(d -> name(d).endsWith("-session-service")).findFirst().orElseThrow();
        assertTrue(list(map(session, "spec", "template", "spec"), "volumes").stream().anyMatch(v -> "redis-ca".equals(map(v, "secret").get("secretName"))));
        assertTrue(String.valueOf(configOf(Chart.render(null, t -> t.set("redis.tls.enabled", true).set("redis.tls.caSecret", "redis-ca")), "session-service")
                .get("QUARKUS_REDIS_HOSTS")).startsWith("rediss://redis-master:6379"));
        assertRefused(t -> t.set("redis.tls.enabled", true), "redis.tls.caSecret");
    }

    /**
     * The network policies, simulated (NetworkPolicySimulator, Kubernetes' semantics) on the production render against
     * the flows the suite needs, Keycloak's back-channel logout included, and a denied flow for every policy: a pod
     * of the namespace that is none of ours, the wrong service, the wrong port, an address nobody named.
     */
    @Test
    void theNetworkPoliciesAllowExactlyTheFlowsTheSuiteNeeds() {
        List<Map<String, Object>> documents = Chart.render("values-production.yaml", t -> t.set("keycloak.realmReconcile.hook", false));
        NetworkPolicySimulator policies = new NetworkPolicySimulator(ofKind(documents, "NetworkPolicy"));
        Map<String, NetworkPolicySimulator.Endpoint> pod = podsOf(documents);

        List<String> allowed = List.of("ingress->auth-bff:8080", "keycloak->auth-bff:8080", "auth-bff->session-service:8080",
                "auth-bff->mfa-service:8080", "auth-bff->payments-service:8080", "auth-bff->keycloak:8080", "payments-service->mfa-service:8080",
                "payments-service->keycloak:8080", "session-service->keycloak:8080", "mfa-service->keycloak:8080",
                "payments-service->postgresql:5432", "mfa-service->postgresql:5432", "keycloak->postgresql:5432", "cnpg->postgresql:5432",
                "postgresql->postgresql:5432", "session-service->redis:6379", "session-service->redis:26379", "redis->redis:26379",
                "mfa-service->sms-provider:443", "auth-bff->dns:53", "mfa-service->dns:53", "realm-reconcile->dns:53",
                "realm-reconcile->keycloak:8080", "prometheus->auth-bff:9000", "prometheus->mfa-service:9000", "auth-bff->otel:4318",
                "payments-service->otel:4318");
        List<String> denied = List.of("attacker->auth-bff:8080", "attacker->session-service:8080", "attacker->mfa-service:8080",
                "attacker->payments-service:8080", "attacker->postgresql:5432", "attacker->redis:6379", "ingress->session-service:8080",
                "ingress->auth-bff:9000", "prometheus->auth-bff:8080", "auth-bff->postgresql:5432", "auth-bff->redis:6379",
                "payments-service->redis:6379", "session-service->postgresql:5432", "session-service->mfa-service:8080",
                "mfa-service->payments-service:8080", "keycloak->session-service:8080", "mfa-service->internet:443", "auth-bff->internet:443",
                "payments-service->sms-provider:443", "realm-reconcile->session-service:8080", "realm-reconcile->postgresql:5432",
                "auth-bff->otel:4317", "auth-bff->attacker:4318", "mfa-service->dns:80");
        for (String flow : allowed) {
            assertTrue(decide(policies, pod, flow), "needed, so allowed: " + flow);
        }
        for (String flow : denied) {
            assertFalse(decide(policies, pod, flow), "not needed, so denied: " + flow);
        }
    }

    /**
     * Redis Cluster (issue 26): session-service runs its cluster client against the seeds, refuses ids from before hash
     * tags, and reaches Redis on 6379 only; the cluster bus (16379) is open between Redis' own pods and nowhere else.
     */
    @Test
    void redisClusterRendersAndItsBusIsOpenOnlyBetweenRedisPods() {
        List<Map<String, Object>> documents = Chart.render("values-production.yaml",
                t -> t.set("keycloak.realmReconcile.hook", false).set("redis.mode", "cluster"));
        Map<String, Object> session = configOf(documents, "session-service");
        assertEquals("cluster", session.get("QUARKUS_REDIS_CLIENT_TYPE"));
        assertEquals("redis://redis-redis-cluster:6379", session.get("QUARKUS_REDIS_HOSTS"), "the Bitnami redis-cluster release's Service");
        assertEquals("refuse", session.get("BANK_SESSIONS_UNTAGGED_IDS"));
        assertFalse(session.containsKey("QUARKUS_REDIS_MASTER_NAME"));
        assertEquals("redis://10.0.0.5:6379,redis://10.0.0.6:6379", configOf(Chart.render("values-production.yaml",
                t -> t.set("redis.mode", "cluster").set("redis.cluster.hosts[0]", "10.0.0.5:6379").set("redis.cluster.hosts[1]", "10.0.0.6:6379")),
                "session-service").get("QUARKUS_REDIS_HOSTS"));
        NetworkPolicySimulator policies = new NetworkPolicySimulator(ofKind(documents, "NetworkPolicy"));
        Map<String, NetworkPolicySimulator.Endpoint> pod = podsOf(documents);
        for (String flow : List.of("session-service->redis:6379", "redis->redis:6379", "redis->redis:16379")) {
            assertTrue(decide(policies, pod, flow), "needed, so allowed: " + flow);
        }
        for (String flow : List.of("session-service->redis:16379", "attacker->redis:16379", "attacker->redis:6379", "session-service->redis:26379",
                "redis->redis:26379", "auth-bff->redis:6379")) {
            assertFalse(decide(policies, pod, flow), "not needed, so denied: " + flow);
        }
    }

    /** Our pods and everyone they talk to, as the simulator sees them. */
    private static Map<String, NetworkPolicySimulator.Endpoint> podsOf(List<Map<String, Object>> documents) {
        Map<String, NetworkPolicySimulator.Endpoint> pod = new HashMap<>();
        Map<String, Integer> servicePorts = Map.of("http", 8080, "management", 9000);
        for (Map<String, Object> deployment : ofKind(documents, "Deployment")) {
            Map<String, String> labels = new HashMap<>();
            map(deployment, "spec", "template", "metadata", "labels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
            pod.put(labels.get("app.kubernetes.io/name"), NetworkPolicySimulator.Endpoint.pod(name(deployment), "bank", labels, servicePorts));
        }
        Map<String, String> jobLabels = new HashMap<>();
        map(ofKind(documents, "Job").getFirst(), "spec", "template", "metadata", "labels").forEach((k, v) -> jobLabels.put(k, String.valueOf(v)));
        pod.put("realm-reconcile", NetworkPolicySimulator.Endpoint.pod("realm-reconcile", "bank", jobLabels, Map.of()));
        String keycloakName = name(ofKind(documents, "Keycloak").getFirst());
        pod.put("keycloak", NetworkPolicySimulator.Endpoint.pod("keycloak", "bank", Map.of("app", "keycloak", "app.kubernetes.io/instance", keycloakName,
                "app.kubernetes.io/managed-by", "keycloak-operator"), Map.of("http", 8080)));
        pod.put("postgresql", NetworkPolicySimulator.Endpoint.pod("postgresql", "bank", Map.of("cnpg.io/cluster", name(ofKind(documents, "Cluster").getFirst())), Map.of()));
        pod.put("redis", NetworkPolicySimulator.Endpoint.pod("redis", "bank", Map.of("app.kubernetes.io/name", "redis", "app.kubernetes.io/instance", "redis"), Map.of()));
        pod.put("attacker", NetworkPolicySimulator.Endpoint.pod("attacker", "bank", Map.of("app", "attacker"), Map.of()));
        pod.put("ingress", NetworkPolicySimulator.Endpoint.pod("ingress", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of()));
        pod.put("prometheus", NetworkPolicySimulator.Endpoint.pod("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"), Map.of()));
        pod.put("dns", NetworkPolicySimulator.Endpoint.pod("dns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of()));
        pod.put("cnpg", NetworkPolicySimulator.Endpoint.pod("cnpg", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"), Map.of()));
        pod.put("otel", NetworkPolicySimulator.Endpoint.pod("otel", "observability", Map.of("app.kubernetes.io/component", "opentelemetry-collector"), Map.of()));
        pod.put("sms-provider", NetworkPolicySimulator.Endpoint.outside("203.0.113.10"));
        pod.put("internet", NetworkPolicySimulator.Endpoint.outside("8.8.8.8"));

        return pod;
    }

    private static boolean decide(NetworkPolicySimulator policies, Map<String, NetworkPolicySimulator.Endpoint> pods, String flow) {
        String[] parts = flow.split("->|:");
        return policies.allows(Objects.requireNonNull(pods.get(parts[0]), parts[0]), Objects.requireNonNull(pods.get(parts[1]), parts[1]),
                Integer.parseInt(parts[2]));
    }

    @Test
    void valuesAreCheckedAgainstTheSchema() {
        assertRefused(t -> t.set("replicaCount", 3), "replicaCount");
        assertRefused(t -> t.set("services.auth-bff.replica", 2), "replica");
        assertRefused(t -> t.set("defaults.replicas", "two"), "replicas");
        assertRefused(t -> t.set("image.tag", "latest"), "tag");
        assertRefused(t -> t.set("publicUrl", "https://bank.example/"), "publicUrl");
        assertRefused(t -> t.set("redis.mode", "sharded"), "mode");
    }

    /**
     * One database identity per consumer (issue 24, items 8 and 9): payments-service, mfa-service and Keycloak log in
     * as their own roles with their own Secrets, Keycloak's database belongs to Keycloak's role, every client checks the
     * server's certificate, and the data outlives {@code helm uninstall}; production commits synchronously.
     */
    @ParameterizedTest
    @MethodSource("valuesFiles")
    void everyConsumerHasItsOwnDatabaseIdentityOverVerifiedTls(String valuesFile) {
        List<Map<String, Object>> documents = Chart.render(valuesFile);
        Map<String, Object> cluster = ofKind(documents, "Cluster").getFirst();
        assertEquals("keep", map(cluster, "metadata", "annotations").get("helm.sh/resource-policy"), "helm uninstall keeps the data");
        Map<String, String> roleSecrets = new HashMap<>();
        for (Map<String, Object> role : list(map(cluster, "spec", "managed"), "roles")) {
            roleSecrets.put(String.valueOf(role.get("name")), String.valueOf(map(role, "passwordSecret").get("name")));
        }
        assertEquals(Set.of("payments", "mfa", "keycloak"), roleSecrets.keySet());
        assertEquals(3, new HashSet<>(roleSecrets.values()).size(), "a Secret per role: " + roleSecrets);

        Map<String, String> logins = new HashMap<>();
        for (Map<String, Object> deployment : ofKind(documents, "Deployment")) {
            for (Map<String, Object> env : list(list(map(deployment, "spec", "template", "spec"), "containers").getFirst(), "env")) {
                if ("QUARKUS_DATASOURCE_USERNAME".equals(env.get("name"))) {
                    logins.put(String.valueOf(map(deployment, "metadata", "labels").get("app.kubernetes.io/name")),
                            String.valueOf(map(env, "valueFrom", "secretKeyRef").get("name")));
                }
            }
        }
        assertEquals(Map.of("payments-service", roleSecrets.get("payments"), "mfa-service", roleSecrets.get("mfa")), logins);
        Map<String, Object> keycloak = ofKind(documents, "Keycloak").getFirst();
        assertEquals(roleSecrets.get("keycloak"), map(keycloak, "spec", "db", "usernameSecret").get("name"));
        Map<String, Object> keycloakDatabase = ofKind(documents, "Database").stream()
                .filter(d -> map(keycloak, "spec", "db").get("database").equals(map(d, "spec").get("name"))).findFirst().orElseThrow();
        assertEquals("keycloak", map(keycloakDatabase, "spec").get("owner"), "Keycloak's database is Keycloak's alone");
        Map<String, Object> suiteDatabase = ofKind(documents, "Database").stream().filter(d -> d != keycloakDatabase).findFirst().orElseThrow();
        assertEquals(List.of(Map.of("name", "payments", "owner", "payments"), Map.of("name", "mfa", "owner", "mfa")),
                list(map(suiteDatabase, "spec"), "schemas"));

        for (String service : List.of("payments-service", "mfa-service")) {
            assertTrue(String.valueOf(configOf(documents, service).get("BANK_PG_TLS")).contains("sslmode=verify-full"), service);
        }
        assertTrue(list(map(keycloak, "spec"), "additionalOptions").stream()
                .anyMatch(o -> "db-url-properties".equals(o.get("name")) && String.valueOf(o.get("value")).contains("sslmode=verify-full")));
        if (valuesFile.equals("values-production.yaml")) {
            assertEquals("required", map(cluster, "spec", "postgresql", "synchronous").get("dataDurability"), "a failover loses no commit");
        }
    }

    /**
     * Production backs up (WAL continuously, a base backup daily) to an object store, and the restore runbook's values
     * render a cluster recovered from those backups to a point in time, valid for CloudNativePG.
     */
    @Test
    void productionIsBackedUpAndARestoreRendersFromTheBackups() {
        List<Map<String, Object>> production = Chart.render("values-production.yaml");
        Map<String, Object> cluster = ofKind(production, "Cluster").getFirst();
        assertEquals(true, list(map(cluster, "spec"), "plugins").getFirst().get("isWALArchiver"));
        assertEquals("plugin", map(ofKind(production, "ScheduledBackup").getFirst(), "spec").get("method"));
        assertEquals("keep", map(ofKind(production, "ObjectStore").getFirst(), "metadata", "annotations").get("helm.sh/resource-policy"));

        List<Map<String, Object>> restored = Chart.render("values-production.yaml", t -> t.set("postgresql.cloudnativepg.restore.enabled", true)
                .set("postgresql.cloudnativepg.restore.serverName", "bank-bank-auth-suite-db").set("postgresql.cloudnativepg.restore.targetTime", "2026-11-30T23:59:00Z"));
        Map<String, Object> recovery = map(ofKind(restored, "Cluster").getFirst(), "spec", "bootstrap", "recovery");
        assertEquals("2026-11-30T23:59:00Z", map(recovery, "recoveryTarget").get("targetTime"));
        assertEquals("backups", recovery.get("source"));
        restored.stream().filter(CustomResourceSchemas::isCustomResource).forEach(KubernetesSchema::validate);
    }

    /**
     * After every upgrade a hook Job applies the rendered realm in place (issue 24, item 10): restricted, no token, only
     * Keycloak reachable, the Keycloak this project tests, and nothing secret in its ConfigMap (placeholders only).
     */
    @Test
    void aPostUpgradeJobAppliesTheRenderedRealmWithNothingSecretInIt() throws Exception {
        // helm-java's template leaves hooks out: the Job is inspected as the plain manifest the same template renders.
        assertTrue(java.nio.file.Files.readString(Chart.DIR.resolve("templates/realm-reconcile.yaml")).contains("helm.sh/hook: post-upgrade"));
        assertTrue(ofKind(Chart.render("values-production.yaml"), "Job").isEmpty(), "a hook by default");
        List<Map<String, Object>> documents = Chart.render("values-production.yaml", t -> t.set("keycloak.realmReconcile.hook", false));
        Map<String, Object> job = ofKind(documents, "Job").getFirst();
        KubernetesSchema.validate(job);
        Map<String, Object> pod = map(job, "spec", "template", "spec");
        assertEquals(List.of(), RestrictedPodSecurity.violations(pod));
        assertEquals(false, pod.get("automountServiceAccountToken"));
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("..", "pom.xml"));
        assertEquals("quay.io/keycloak/keycloak:" + between(pom, "<keycloak.version>", "</keycloak.version>"),
                list(pod, "containers").getFirst().get("image"), "the Keycloak ./suite tests against");
        Map<String, Object> files = map(ofKind(documents, "ConfigMap").stream().filter(c -> name(c).endsWith("-realm-reconcile")).findFirst().orElseThrow(), "data");
        String text = files.toString();
        assertTrue(text.contains("${BFF_CLIENT_SECRET}") && !text.contains("local-demo-secret") && !text.contains("\"credentials\""), "placeholders, no secrets");
        assertTrue(String.valueOf(files.get("clients.txt")).contains(" bank-bff\n"));
        assertFalse(String.valueOf(files.get("realm-settings.json")).contains("\"clients\""), "settings only");
        Map<String, Object> policy = ofKind(documents, "NetworkPolicy").stream().filter(p -> name(p).endsWith("-realm-reconcile")).findFirst().orElseThrow();
        assertEquals(List.of(Map.of("port", 8080, "protocol", "TCP")), list(map(policy, "spec"), "egress").getFirst().get("ports"));
    }

    /** The images the chart pulls are the ones the build makes: one tag and one registry, in the parent pom (issue 24, item 4). */
    @Test
    void theChartPullsTheImagesTheBuildMakes() throws Exception {
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("..", "pom.xml"));
        String tag = between(pom, "<image.tag>", "</image.tag>");
        String registry = between(pom, "<image.registry>", "</image.registry>");
        assertTrue(pom.contains("<to><image>${image.registry}/${project.artifactId}:${image.tag}</image></to>"), "Jib tags with image.tag");
        String chart = java.nio.file.Files.readString(Chart.DIR.resolve("Chart.yaml"));
        assertTrue(chart.contains("appVersion: \"" + tag + "\""), "Chart.yaml's appVersion is the images' tag " + tag);
        for (Map<String, Object> deployment : ofKind(Chart.render(null), "Deployment")) {
            String image = String.valueOf(list(map(deployment, "spec", "template", "spec"), "containers").getFirst().get("image"));
            assertEquals(registry + "/" + String.valueOf(map(deployment, "metadata", "labels").get("app.kubernetes.io/name")) + ":" + tag, image);
            assertEquals(65532, map(deployment, "spec", "template", "spec", "securityContext").get("runAsUser"), "the images' user");
        }
        // The Docker build gives the same image as Jib: the same base, Java and user.
        String dockerfile = java.nio.file.Files.readString(java.nio.file.Path.of("..", "images", "Dockerfile.jvm"));
        assertTrue(pom.contains("<user>65532:65532</user>") && dockerfile.contains("USER 65532:65532"), "one uid");
        assertTrue(pom.contains("<image.java>/opt/java/bin/java</image.java>") && dockerfile.contains("\"/opt/java/bin/java\"")
                && dockerfile.contains("COPY images/target/rootfs/ /"), "one base and one Java");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertTrue(from >= 0, start);
        return text.substring(from + start.length(), text.indexOf(end, from));
    }

    /** The knobs platform teams ask for first (issue 24), each where it belongs and never in a selector. */
    @Test
    void thePlatformsKnobsLandWhereTheyBelong() {
        List<Map<String, Object>> documents = Chart.render("values-production.yaml", t -> t.set("commonLabels.cost-center", "retail")
                .set("defaults.podLabels.team", "identity").set("defaults.priorityClassName", "bank-critical")
                .set("services.payments-service.serviceAccountAnnotations.eks\\.amazonaws\\.com/role-arn", "arn:aws:iam::1:role/payments")
                .set("defaults.extraVolumes[0].name", "corporate-ca").set("defaults.extraVolumes[0].configMap.name", "corporate-ca")
                .set("defaults.extraVolumeMounts[0].name", "corporate-ca").set("defaults.extraVolumeMounts[0].mountPath", "/etc/pki/corporate")
                .set("defaults.autoscaling.behavior.scaleDown.stabilizationWindowSeconds", 600)
                .set("services.session-service.pdb.maxUnavailable", "25%").set("serviceMonitor.labels.release", "kube-prometheus-stack"));
        for (Map<String, Object> deployment : ofKind(documents, "Deployment")) {
            Map<String, Object> pod = map(deployment, "spec", "template");
            assertEquals("identity", map(pod, "metadata", "labels").get("team"));
            assertEquals("retail", map(deployment, "metadata", "labels").get("cost-center"));
            assertFalse(map(deployment, "spec", "selector", "matchLabels").containsKey("cost-center"), "labels never in a selector");
            assertEquals("bank-critical", map(pod, "spec").get("priorityClassName"));
            assertTrue(list(list(map(pod, "spec"), "containers").getFirst(), "volumeMounts").stream().anyMatch(m -> "/etc/pki/corporate".equals(m.get("mountPath"))));
            assertEquals(List.of(), RestrictedPodSecurity.violations(map(pod, "spec")));
        }
        assertEquals("arn:aws:iam::1:role/payments", ofKind(documents, "ServiceAccount").stream().filter(a -> name(a).endsWith("-payments-service"))
                .findFirst().map(a -> map(a, "metadata", "annotations").get("eks.amazonaws.com/role-arn")).orElseThrow());
        assertTrue(ofKind(documents, "HorizontalPodAutoscaler").stream().allMatch(h -> map(h, "spec", "behavior", "scaleDown").get("stabilizationWindowSeconds").equals(600)));
        assertEquals("25%", ofKind(documents, "PodDisruptionBudget").stream().filter(b -> name(b).endsWith("-session-service")).findFirst()
                .map(b -> map(b, "spec").get("maxUnavailable")).orElseThrow());
        Map<String, Object> rule = ofKind(documents, "PrometheusRule").getFirst();
        assertEquals("kube-prometheus-stack", map(rule, "metadata", "labels").get("release"));
        assertEquals("kube-prometheus-stack", map(ofKind(documents, "ServiceMonitor").getFirst(), "metadata", "labels").get("release"));
    }

    /** Every audit event an alert counts is one the services record (AuditEvent's names), so no alert watches nothing. */
    @Test
    void theAlertsCountEventsTheServicesRecord() throws Exception {
        String events = java.nio.file.Files.readString(java.nio.file.Path.of("..", "bank-common", "src", "main", "java", "com", "bank", "auth", "common",
                "audit", "AuditEvent.java"));
        Map<String, Object> rule = ofKind(Chart.render("values-production.yaml"), "PrometheusRule").getFirst();
        List<Map<String, Object>> alerts = list(list(map(rule, "spec"), "groups").getFirst(), "rules");
        assertEquals(4, alerts.size());
        java.util.regex.Matcher counted = java.util.regex.Pattern.compile("event=\"([a-z-]+)\"").matcher(alerts.toString());
        int found = 0;
        while (counted.find()) {
            found++;
            String constant = counted.group(1).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            assertTrue(events.matches("(?s).*\\b" + constant + "\\b.*"), counted.group(1) + " is an AuditEvent");
        }
        assertEquals(2, found);
    }

    /**
     * As a subchart of an umbrella chart (its own Chart.yaml, this chart under charts/), Helm hands it the parent's
     * {@code global} values and its own block (issue 24, item 5): it renders, lints and keeps its settings.
     */
    @Test
    void itRendersAsASubchartOfAnUmbrellaChart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path umbrella) throws Exception {
        java.nio.file.Files.writeString(umbrella.resolve("Chart.yaml"), """
                apiVersion: v2
                name: bank-platform
                version: 1.0.0
                dependencies:
                  - name: bank-auth-suite
                    version: 0.1.0
                """);
        java.nio.file.Files.writeString(umbrella.resolve("values.yaml"), """
                global:
                  imageRegistry: registry.bank.example
                  storageClass: fast
                bank-auth-suite:
                  sms: {egressCidrs: [198.51.100.0/24]}
                  letters: {egressCidrs: [198.51.100.0/24]}
                  bff: {refreshSkew: 20S}
                """);
        copy(Chart.DIR, umbrella.resolve("charts").resolve("bank-auth-suite"));
        String rendered = new Helm(umbrella).template().withName("bank").withNamespace(Chart.NAMESPACE).withKubeVersion(Chart.KUBE_VERSION).call();
        Map<String, Object> bff = configOf(Chart.parse(rendered), "auth-bff");
        assertEquals("20S", bff.get("BFF_REFRESH_SKEW"), "the subchart's own values reach it");
        assertFalse(new Helm(umbrella).lint().strict().call().isFailed());
        assertRefused(t -> t.set("global", "not-a-map"), "global");
    }

    private static void copy(java.nio.file.Path from, java.nio.file.Path to) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(from)) {
            for (java.nio.file.Path file : files.toList()) {
                java.nio.file.Path target = to.resolve(from.relativize(file).toString());
                if (java.nio.file.Files.isDirectory(file)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void resourcesAreQuantities() {
        assertRefused(t -> t.set("defaults.resources.limits.memory", "lots"), "memory");
        assertRefused(t -> t.set("defaults.resources.requests.cpu", "fast"), "cpu");
    }

    @Test
    void theDashboardShipsWithTheChart() {
        Map<String, Object> dashboard = ofKind(Chart.render(null), "ConfigMap").stream().filter(c -> name(c).endsWith("-dashboard")).findFirst().orElseThrow();
        assertEquals("1", map(dashboard, "metadata", "labels").get("grafana_dashboard"));
        assertTrue(String.valueOf(map(dashboard, "data").get("bank-auth-suite.json")).contains("bank_audit_events_total"));
    }

    private static void assertRefused(java.util.function.UnaryOperator<com.marcnuri.helm.TemplateCommand> settings, String mentioned) {
        Exception refused = assertThrows(Exception.class, () -> Chart.renderText(null, settings));
        assertTrue(refused.getMessage().contains(mentioned), "the refusal names " + mentioned + ": " + refused.getMessage());
    }

    private static void portNamesExist(Map<String, Object> rule, Set<String> containerPorts, String policy) {
        for (Map<String, Object> port : list(rule, "ports")) {
            if (port.get("port") instanceof String named) {
                assertTrue(containerPorts.contains(named), policy + ": port name " + named + " is a container port");
            }
        }
    }

    private static Map<String, Object> configOf(List<Map<String, Object>> documents, String service) {
        return map(ofKind(documents, "ConfigMap").stream().filter(c -> name(c).endsWith("-" + service)).findFirst().orElseThrow(), "data");
    }

    private static String checksumOf(List<Map<String, Object>> documents, String service) {
        Map<String, Object> deployment = ofKind(documents, "Deployment").stream().filter(d -> name(d).endsWith("-" + service)).findFirst().orElseThrow();
        return String.valueOf(map(deployment, "spec", "template", "metadata", "annotations").get("checksum/config"));
    }

    /** The data block of a rendered ConfigMap, as the template produced it (before YAML parsing). */
    private static String configMapDataText(String manifests, String service, String valuesFile) {
        for (String document : manifests.split("\n---\n")) {
            if (document.contains("\nkind: ConfigMap\n") && document.matches("(?s).*\n  name: [a-z0-9-]*-" + service + "\n.*")) {
                String data = document.substring(document.indexOf("\ndata:\n") + "\ndata:\n".length()).stripTrailing();
                return data.lines().map(line -> line.startsWith("  ") ? line.substring(2) : line).collect(Collectors.joining("\n"));
            }
        }
        throw new AssertionError("no ConfigMap for " + service + " with " + valuesFile);
    }

    /** No default egress to the internet: without named provider ranges mfa-service reaches no provider at all. */
    @Test
    void theProvidersAddressRangesHaveNoDefault() {
        String defaults = mfaEgress(Chart.parse(Chart.renderDefaultsAlone())).toString();
        assertFalse(defaults.contains("0.0.0.0/0") || defaults.contains("port=443"), defaults);
        String named = mfaEgress(Chart.render(null)).toString();
        assertTrue(named.contains("198.51.100.0/24") && named.contains("port=443") && !named.contains("0.0.0.0/0"), named);
        String production = mfaEgress(Chart.render("values-production.yaml")).toString();
        assertTrue(production.contains("203.0.113.0/24"), production);
    }

    /** The BFF believes X-Forwarded-For only from the trusted proxies: without them, from nobody. */
    @Test
    void forwardedAddressesOnlyFromTrustedProxies() {
        String trusted = Chart.renderText(null, t -> t);
        assertTrue(trusted.contains("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES") && trusted.contains("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16"));
        String none = Chart.renderText(null, t -> t.set("ingress.trustedProxies", "null"));
        assertFalse(none.contains("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"), "no trusted proxy: no forwarding believed");
    }

    private static Map<String, Object> mfaEgress(List<Map<String, Object>> documents) {
        return ofKind(documents, "NetworkPolicy").stream().filter(p -> name(p).contains("mfa-service")).findFirst().orElseThrow();
    }
}
