package com.bank.auth.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a sub-command of the repository's {@code ./suite} script, so that tests start Keycloak exactly
 * the way a developer's {@code ./suite up} does: one implementation of "fetch, unpack, import realm, start".
 */
final class SuiteScript {

    private SuiteScript() {
    }

    static void run(String... args) {
        Path script = repositoryRoot().resolve("suite");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + script, e);
        }
    }

    /** Walks up from the module directory Maven runs the tests in until it finds the {@code suite} script. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("suite")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("No ./suite script above " + Path.of("").toAbsolutePath());
    }
}
