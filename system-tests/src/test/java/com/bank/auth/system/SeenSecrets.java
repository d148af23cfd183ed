package com.bank.auth.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Every cookie value the BFF hands a test browser (session ids, CSRF tokens, sealed login state), appended to the file
 * named by {@code BANK_SEEN_SECRETS}: at the end of {@code ./suite test} the services' logs are searched for each of
 * them (none may appear). Without the variable nothing is written.
 */
final class SeenSecrets {

    private static final String FILE = System.getenv("BANK_SEEN_SECRETS");

    private SeenSecrets() {
    }

    static synchronized void record(String value) {
        if (FILE == null || FILE.isBlank() || value.length() < 16) {
            return;
        }
        try {
            Files.writeString(Path.of(FILE), value + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot record a seen secret in " + FILE, e);
        }
    }
}
