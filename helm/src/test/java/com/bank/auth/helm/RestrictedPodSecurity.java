package com.bank.auth.helm;

import static com.bank.auth.helm.Chart.list;
import static com.bank.auth.helm.Chart.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "restricted" Pod Security Standard (Kubernetes' own list, as the admission controller applies it) for one pod
 * spec: what an API server with {@code pod-security.kubernetes.io/enforce: restricted} would refuse, as readable lines.
 */
final class RestrictedPodSecurity {

    private static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");

    private RestrictedPodSecurity() {
    }

    static List<String> violations(Map<String, Object> pod) {
        List<String> found = new ArrayList<>();
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (Boolean.TRUE.equals(pod.get(host))) {
                found.add(host);
            }
        }
        Map<String, Object> podSecurity = map(pod, "securityContext");
        for (Map<String, Object> volume : list(pod, "volumes")) {
            if (volume.keySet().stream().filter(k -> !k.equals("name")).anyMatch(k -> !VOLUME_TYPES.contains(k))) {
                found.add("volume type of " + volume);
            }
        }
        List<Map<String, Object>> containers = new ArrayList<>(list(pod, "containers"));
        containers.addAll(list(pod, "initContainers"));
        for (Map<String, Object> container : containers) {
            String name = String.valueOf(container.get("name"));
            Map<String, Object> security = map(container, "securityContext");
            if (Boolean.TRUE.equals(security.get("privileged"))) {
                found.add(name + ": privileged");
            }
            if (!Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
                found.add(name + ": allowPrivilegeEscalation must be false");
            }
            if (!Boolean.TRUE.equals(security.getOrDefault("runAsNonRoot", podSecurity.get("runAsNonRoot")))) {
                found.add(name + ": runAsNonRoot must be true");
            }
            if (Integer.valueOf(0).equals(security.getOrDefault("runAsUser", podSecurity.get("runAsUser")))) {
                found.add(name + ": runAsUser 0");
            }
            Object seccomp = map(security, "seccompProfile").getOrDefault("type", map(podSecurity, "seccompProfile").get("type"));
            if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                found.add(name + ": seccompProfile must be RuntimeDefault or Localhost");
            }
            Map<String, Object> capabilities = map(security, "capabilities");
            if (!String.valueOf(capabilities.get("drop")).contains("ALL")) {
                found.add(name + ": capabilities must drop ALL");
            }
            Object added = capabilities.get("add");
            if (added instanceof List<?> add && add.stream().anyMatch(c -> !"NET_BIND_SERVICE".equals(c))) {
                found.add(name + ": adds capabilities " + add);
            }
            for (Map<String, Object> port : list(container, "ports")) {
                if (port.containsKey("hostPort")) {
                    found.add(name + ": hostPort");
                }
            }
        }
        return found;
    }
}
