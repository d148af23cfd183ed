package com.bank.auth.testing;

/** The 30 s steps of the suite's TOTP codes (SHA1, 6 digits), as a test that computes codes must respect them. */
public final class TotpSteps {

    private static final long STEP_MS = 30_000;
    private static final long LATE_MS = 25_000;

    private TotpSteps() {
    }

    /**
     * Returns once at least 5 s of the current step are left (waiting for the next step if not), so that a code for a
     * step relative to now (the previous step's, say, which the service accepts as -1) is still that step's when the
     * service checks it: at a step boundary it would be -2 and refused (issue 23: that failed a few percent of runs).
     */
    public static void awaitEarlyInStep() {
        long intoStep = System.currentTimeMillis() % STEP_MS;
        if (intoStep <= LATE_MS) {
            return;
        }
        try {
            Thread.sleep(STEP_MS - intoStep + 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
