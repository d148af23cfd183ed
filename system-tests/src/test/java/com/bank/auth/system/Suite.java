package com.bank.auth.system;

/** Where ./suite runs the services; the same environment variables it reads move them. */
final class Suite {

    static final String BFF = url("BANK_BFF_PORT", 8080);
    static final String PAYMENTS = url("BANK_PAYMENTS_PORT", 8081);
    static final String SESSIONS = url("BANK_SESSION_PORT", 8082);
    static final String MFA = url("BANK_MFA_PORT", 8083);

    /** The management interfaces (health, metrics), as ./suite runs them. */
    static final java.util.List<String> MANAGEMENT = java.util.List.of(url("BANK_BFF_MANAGEMENT_PORT", 9080),
            url("BANK_PAYMENTS_MANAGEMENT_PORT", 9081), url("BANK_SESSION_MANAGEMENT_PORT", 9082), url("BANK_MFA_MANAGEMENT_PORT", 9083));

    private Suite() {
    }

    /**
     * Replica {@code r} (1, 2, ...) of a service that {@code ./suite up --replicas N} runs behind its round-robin: on the
     * service's port (public or management, as {@code url} gives it) + 10000 * (r + 1), as ./suite places them.
     */
    static String replica(String url, int r) {
        return "http://localhost:" + (java.net.URI.create(url).getPort() + 10_000 * (r + 1));
    }

    /**
     * Waits until an access token issued now needs refreshing: tokens live 120 s and the BFF refreshes within
     * {@code BANK_BFF_REFRESH_SKEW} of expiry (./suite test sets 110 s, so about 11 s).
     */
    static void waitUntilAFreshAccessTokenNeedsRefreshing() throws InterruptedException {
        java.time.Duration skew = java.time.Duration.parse("PT" + System.getenv().getOrDefault("BANK_BFF_REFRESH_SKEW", "30S"));
        Thread.sleep(java.time.Duration.ofSeconds(121).minus(skew).toMillis());
    }

    private static String url(String portVariable, int defaultPort) {
        String port = System.getenv(portVariable);
        return "http://localhost:" + (port == null || port.isBlank() ? String.valueOf(defaultPort) : port);
    }
}
