package com.bank.auth.helm;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1LimitRange;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1ResourceQuota;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

/**
 * Validates rendered objects against the Kubernetes API's own schema, as the generated client models carry it: unknown
 * fields and missing required ones are refused, as an API server would. Operator resources (Keycloak, CloudNativePG,
 * Prometheus Operator, Gateway API) have no vendored CRD schema here: their API versions are allow-listed only.
 */
final class KubernetesSchema {

    static final Set<String> ALLOWED_API_VERSIONS = Set.of("v1", "apps/v1", "batch/v1", "policy/v1", "autoscaling/v2", "networking.k8s.io/v1",
            "k8s.keycloak.org/v2beta1", "postgresql.cnpg.io/v1", "barmancloud.cnpg.io/v1", "monitoring.coreos.com/v1", "gateway.networking.k8s.io/v1",
            "external-secrets.io/v1");

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(Map.entry("Namespace", V1Namespace.class),
            Map.entry("ResourceQuota", V1ResourceQuota.class), Map.entry("LimitRange", V1LimitRange.class),
            Map.entry("Deployment", V1Deployment.class), Map.entry("Service", V1Service.class), Map.entry("ServiceAccount", V1ServiceAccount.class),
            Map.entry("ConfigMap", V1ConfigMap.class), Map.entry("Secret", V1Secret.class), Map.entry("PodDisruptionBudget", V1PodDisruptionBudget.class),
            Map.entry("HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class), Map.entry("NetworkPolicy", V1NetworkPolicy.class),
            Map.entry("Ingress", V1Ingress.class), Map.entry("Job", io.kubernetes.client.openapi.models.V1Job.class));

    private static final ObjectMapper JSON = new ObjectMapper();

    private KubernetesSchema() {
    }

    static void validate(Map<String, Object> document) {
        if (CustomResourceSchemas.isCustomResource(document)) {
            CustomResourceSchemas.validate(document);
            return;
        }
        Class<?> model = MODELS.get(String.valueOf(document.get("kind")));
        if (model == null) {
            return;
        }
        try {
            JsonElement json = JsonParser.parseString(JSON.writeValueAsString(document));
            Method validate = model.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
        } catch (InvocationTargetException e) {
            throw new AssertionError(document.get("kind") + " " + Chart.name(document) + " is not valid: " + e.getCause().getMessage(), e.getCause());
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
