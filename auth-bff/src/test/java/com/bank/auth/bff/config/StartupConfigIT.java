package com.bank.auth.bff.config;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged BFF refuses to start on a setting that would fail later, with one line naming the key: run as an
 * operator would, with one wrong environment variable on top of the test profile.
 */
class StartupConfigIT {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "BFF_ORIGIN|http://localhost:8080/|Invalid configuration bff.origin: 'http://localhost:8080/' has a path (a trailing '/')",
            "BFF_REFRESH_SKEW|200S|Invalid configuration bff.refresh-skew: PT3M20S must be below bff.oidc.access-token-lifetime",
            "BFF_ACCESS_TOKEN_MIN_VALIDITY|30S|Invalid configuration bff.access-token-min-validity: PT30S must be below bff.refresh-skew",
            "BFF_OIDC_READ_TIMEOUT|30S|Invalid configuration bff.oidc.read-timeout: PT30S must be at most PT5S",
            "BFF_PAYMENTS_URL|payments:8081|Invalid configuration bff.payments-url:",
            "BFF_COOKIES_CSRF_KEY|c2hvcnQ=|Invalid configuration bff.cookies.csrf-key: is 40 bits"})
    void aWrongSettingStopsTheServiceNamingTheKey(String variable, String value, String expected) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString())).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_PROFILE", "test");
        // Ports no other test uses: the service must stop before it listens, but if it did not it must not collide.
        env.put("QUARKUS_HTTP_PORT", "18480");
        env.put("QUARKUS_MANAGEMENT_PORT", "19480");
        env.put(variable, value);
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the service did not stop");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertNotEquals(0, process.exitValue(), output);
            assertTrue(output.contains(expected), "expected '" + expected + "' in:\n" + output);
            if (variable.endsWith("KEY")) {
                assertTrue(!output.contains(value), "a key's value never appears in the output");
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
