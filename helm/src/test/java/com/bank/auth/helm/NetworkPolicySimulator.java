package com.bank.auth.helm;

import static com.bank.auth.helm.Chart.list;
import static com.bank.auth.helm.Chart.map;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * Decides a flow as Kubernetes NetworkPolicy does (networking.k8s.io/v1): a pod selected by some policy of a direction
 * admits only what one of those policies allows in that direction; a pod no policy selects admits everything. Peers:
 * podSelector (the policy's namespace), namespaceSelector (by {@code kubernetes.io/metadata.name}), both together, or
 * ipBlock (for addresses outside the cluster). Ports by number or by the destination container's port name.
 */
final class NetworkPolicySimulator {

    /** A pod (or, with an {@code ip}, an address outside the cluster) and its named container ports. */
    record Endpoint(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts, String ip) {

        static Endpoint pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) {
            return new Endpoint(name, namespace, labels, namedPorts, null);
        }

        static Endpoint outside(String ip) {
            return new Endpoint(ip, null, Map.of(), Map.of(), ip);
        }
    }

    private final List<Map<String, Object>> policies;

    NetworkPolicySimulator(List<Map<String, Object>> policies) {
        this.policies = policies;
    }

    boolean allows(Endpoint from, Endpoint to, int port) {
        return direction(from, to, port, "Egress") && direction(to, from, port, "Ingress");
    }

    /** For {@code subject}'s side of the flow: egress (subject = source) or ingress (subject = destination). */
    private boolean direction(Endpoint subject, Endpoint peer, int port, String type) {
        if (subject.ip() != null) {
            return true;   // outside the cluster: no policy of ours applies there
        }
        boolean selected = false;
        Endpoint destination = type.equals("Egress") ? peer : subject;
        for (Map<String, Object> policy : policies) {
            Map<String, Object> spec = map(policy, "spec");
            if (!namespaceOf(policy).equals(subject.namespace()) || !matches(map(spec, "podSelector"), subject.labels())
                    || !String.valueOf(spec.get("policyTypes")).contains(type)) {
                continue;
            }
            selected = true;
            for (Map<String, Object> rule : list(spec, type.equals("Egress") ? "egress" : "ingress")) {
                List<Map<String, Object>> peers = list(rule, type.equals("Egress") ? "to" : "from");
                boolean peerOk = peers.isEmpty() || peers.stream().anyMatch(p -> peerMatches(p, peer, namespaceOf(policy)));
                List<Map<String, Object>> ports = list(rule, "ports");
                boolean portOk = ports.isEmpty() || ports.stream().anyMatch(p -> portMatches(p.get("port"), port, destination));
                if (peerOk && portOk) {
                    return true;
                }
            }
        }
        return !selected;
    }

    private static String namespaceOf(Map<String, Object> policy) {
        return String.valueOf(map(policy, "metadata").getOrDefault("namespace", Chart.NAMESPACE));
    }

    private static boolean peerMatches(Map<String, Object> peer, Endpoint endpoint, String policyNamespace) {
        if (peer.containsKey("ipBlock")) {
            return endpoint.ip() != null && inCidr(endpoint.ip(), String.valueOf(map(peer, "ipBlock").get("cidr")));
        }
        if (endpoint.ip() != null) {
            return false;
        }
        boolean namespaceOk = peer.containsKey("namespaceSelector")
                ? matches(map(peer, "namespaceSelector"), Map.of("kubernetes.io/metadata.name", endpoint.namespace()))
                : endpoint.namespace().equals(policyNamespace);
        boolean podOk = !peer.containsKey("podSelector") || matches(map(peer, "podSelector"), endpoint.labels());
        return namespaceOk && podOk;
    }

    private static boolean matches(Map<String, Object> selector, Map<String, String> labels) {
        return map(selector, "matchLabels").entrySet().stream().allMatch(e -> String.valueOf(e.getValue()).equals(labels.get(e.getKey())));
    }

    private static boolean portMatches(Object rulePort, int port, Endpoint destination) {
        if (rulePort instanceof Integer number) {
            return number == port;
        }
        return destination.namedPorts().getOrDefault(String.valueOf(rulePort), -1) == port;
    }

    private static boolean inCidr(String ip, String cidr) {
        try {
            String[] parts = cidr.split("/");
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            byte[] address = InetAddress.getByName(ip).getAddress();
            if (network.length != address.length) {
                return false;
            }
            int bits = Integer.parseInt(parts[1]);
            BigInteger mask = BigInteger.ONE.shiftLeft(network.length * 8).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(network.length * 8 - bits).subtract(BigInteger.ONE));
            return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }
}
