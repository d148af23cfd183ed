package com.bank.auth.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
