package com.bank.auth.system;

/** Where ./suite runs the services; the same environment variables it reads move them. */
final class Suite {

    static final String BFF = url("BANK_BFF_PORT", 8080);
    static final String PAYMENTS = url("BANK_PAYMENTS_PORT", 8081);
    static final String SESSIONS = url("BANK_SESSION_PORT", 8082);
    static final String MFA = url("BANK_MFA_PORT", 8083);

    private Suite() {
    }

    private static String url(String portVariable, int defaultPort) {
        String port = System.getenv(portVariable);
        return "http://localhost:" + (port == null || port.isBlank() ? String.valueOf(defaultPort) : port);
    }
}
