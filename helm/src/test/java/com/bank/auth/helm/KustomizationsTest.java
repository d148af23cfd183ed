package com.bank.auth.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/: what sits beside the chart builds with kubectl's kustomize, offline. kubectl always gets a KUBECONFIG that
 * points nowhere (127.0.0.1:1): without one it would talk to localhost:8080, which is the suite's BFF.
 */
class KustomizationsTest {

    @TempDir
    static Path home;
    static Path kubeconfig;

    @BeforeAll
    static void kubectlWithAClusterThatIsNotThere() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")) || Files.isExecutable(Path.of("/usr/local/bin/kubectl")),
                "kubectl is not installed on this machine");
        kubeconfig = Files.writeString(home.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: none, cluster: {server: "https://127.0.0.1:1"}}]
                contexts: [{name: none, context: {cluster: none, user: none}}]
                users: [{name: none, user: {}}]
                current-context: none
                """);
    }

    /**
     * install.sh applies the Keycloak Operator with k8s/operators/keycloak's kustomization into the restricted "bank"
     * namespace: the operator's Deployment (a fixture of its upstream shape: tests never reach GitHub) must come out
     * admissible there.
     */
    @org.junit.jupiter.api.Test
    void theKeycloakOperatorIsAdmittedUnderRestrictedOnceInstallShPatchedIt(@TempDir Path dir) throws Exception {
        for (String file : List.of("kustomization.yaml", "restricted.yaml")) {
            Files.copy(Path.of("..", "k8s", "operators", "keycloak", file), dir.resolve(file));
        }
        Files.copy(Path.of("src", "test", "resources", "keycloak-operator-deployment.yaml"), dir.resolve("operator.yml"));
        Map<String, Object> unpatched = Chart.parse(Files.readString(dir.resolve("operator.yml"))).getFirst();
        assertFalse(RestrictedPodSecurity.violations(Chart.map(unpatched, "spec", "template", "spec")).isEmpty(),
                "upstream's Deployment alone is refused under restricted");

        Map<String, Object> patched = Chart.ofKind(Chart.parse(kustomize(dir)), "Deployment").getFirst();
        assertEquals(List.of(), RestrictedPodSecurity.violations(Chart.map(patched, "spec", "template", "spec")));
        KubernetesSchema.validate(patched);
        assertEquals("quay.io/keycloak/keycloak-operator:26.7.3", Chart.list(patched, "spec", "template", "spec", "containers").getFirst().get("image"),
                "the operator itself is untouched");
    }

    private static String kustomize(Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true);
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        Process kubectl = builder.start();
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS));
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, kubectl.exitValue(), output);
        return output;
    }

    @ParameterizedTest
    @ValueSource(strings = {"namespace", "overlays/production"})
    void buildsOffline(String dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", Path.of("..", "k8s", dir).toString()).redirectErrorStream(true);
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        Process kubectl = builder.start();
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS));
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, kubectl.exitValue(), output);
        List<Map<String, Object>> documents = Chart.parse(output);
        Map<String, Object> namespace = Chart.ofKind(documents, "Namespace").getFirst();
        assertEquals("restricted", Chart.map(namespace, "metadata", "labels").get("pod-security.kubernetes.io/enforce"));
        for (Map<String, Object> document : documents) {
            KubernetesSchema.validate(document);
        }
        if (dir.startsWith("overlays")) {
            assertTrue(documents.stream().allMatch(d -> "Namespace".equals(d.get("kind")) || "bank".equals(Chart.map(d, "metadata").get("namespace"))));
        }
    }
}
