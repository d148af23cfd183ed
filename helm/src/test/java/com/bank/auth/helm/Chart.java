package com.bank.auth.helm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** The chart as the tests render it: helm template (offline, Helm bundled in helm-java) into plain maps. */
final class Chart {

    static final Path DIR = Path.of("bank-auth-suite");
    static final String KUBE_VERSION = "v1.31.0";
    static final String NAMESPACE = "bank";
    static final List<String> VALUES_FILES = List.of("values.yaml", "values-production.yaml", "values-demo.yaml");
    static final List<String> SERVICES = List.of("auth-bff", "payments-service", "session-service", "mfa-service");

    private Chart() {
    }

    /** Renders with a values file (null: the defaults) and extra settings. */
    static List<Map<String, Object>> render(String valuesFile, UnaryOperator<TemplateCommand> settings) {
        return parse(renderText(valuesFile, settings));
    }

    static List<Map<String, Object>> render(String valuesFile) {
        return render(valuesFile, UnaryOperator.identity());
    }

    static String renderText(String valuesFile, UnaryOperator<TemplateCommand> settings) {
        TemplateCommand template = new Helm(DIR).template().withName("bank").withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
        if (valuesFile != null && !valuesFile.equals("values.yaml")) {
            template = template.withValuesFile(DIR.resolve(valuesFile));
        } else {
            // values.yaml leaves the providers' address ranges to the operator (no default): name documentation ones.
            template = withProviderRanges(template);
        }
        return settings.apply(template).call();
    }

    /** What every install must set on top of values.yaml: the SMS and letter providers' address ranges. */
    static TemplateCommand withProviderRanges(TemplateCommand template) {
        return template.set("sms.egressCidrs[0]", "198.51.100.0/24").set("letters.egressCidrs[0]", "198.51.100.0/24");
    }

    /** NOTES.txt as {@code helm install} prints it (a client-only dry run: no cluster). */
    static String notes(String valuesFile) {
        com.marcnuri.helm.InstallCommand install = new Helm(DIR).install().withName("bank").withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION)
                .dryRun().clientOnly();
        if (valuesFile != null && !valuesFile.equals("values.yaml")) {
            install = install.withValuesFile(DIR.resolve(valuesFile));
        } else {
            install = install.set("sms.egressCidrs[0]", "198.51.100.0/24").set("letters.egressCidrs[0]", "198.51.100.0/24");
        }
        return install.call().getOutput();
    }

    /** values.yaml exactly as it is, nothing set on top. */
    static String renderDefaultsAlone() {
        return new Helm(DIR).template().withName("bank").withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION).call();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String manifests) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(options).loadAll(manifests)) {
            if (document instanceof Map<?, ?> map && !map.isEmpty()) {
                documents.add((Map<String, Object>) map);
            }
        }
        return documents;
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    static String name(Map<String, Object> document) {
        return String.valueOf(map(document, "metadata").get("name"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> from, String... path) {
        Object current = from;
        for (String key : path) {
            current = current instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return current == null ? Map.of() : (Map<String, Object>) current;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> from, String... path) {
        Object current = from;
        for (int i = 0; i < path.length; i++) {
            current = current instanceof Map<?, ?> m ? m.get(path[i]) : null;
        }
        return current == null ? List.of() : (List<Map<String, Object>>) current;
    }
}
