package com.bank.auth.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Activation letters as tests get them (DESIGN 5): issued through the back-office client, as a bank's back office
 * would, and read from mfa-service's local letter outbox (dev/test/local profiles only). Tests use their own
 * throw-away users' letters, never the demo users'.
 */
public final class ActivationLetters {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ActivationLetters() {
    }

    /** Has a letter sent to {@code sub} and answers its code as printed ({@code ABCDE-FGHJK}). */
    public static String issue(Keycloak keycloak, String mfaUrl, String sub) {
        String backoffice = keycloak.cachedClientCredentials(Keycloak.BACKOFFICE_CLIENT, Keycloak.BACKOFFICE_SECRET, "mfa:onboarding");
        HttpResponse<String> issued = send(HttpRequest.newBuilder(URI.create(mfaUrl + "/users/" + sub + "/activation-letters"))
                .header("Authorization", "Bearer " + backoffice).POST(HttpRequest.BodyPublishers.noBody()));
        if (issued.statusCode() != 201) {
            throw new IllegalStateException("mfa-service issued no letter: " + issued.statusCode() + " " + issued.body());
        }
        return newestCode(keycloak, mfaUrl, sub);
    }

    /** The code of the newest letter in {@code sub}'s outbox. */
    public static String newestCode(Keycloak keycloak, String mfaUrl, String sub) {
        String bff = keycloak.cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "mfa");
        HttpResponse<String> outbox = send(HttpRequest.newBuilder(URI.create(mfaUrl + "/users/" + sub + "/letter-outbox"))
                .header("Authorization", "Bearer " + bff).GET());
        try {
            JsonNode letters = JSON.readTree(outbox.body());
            if (outbox.statusCode() != 200 || letters.isEmpty()) {
                throw new IllegalStateException("no letter in the outbox of " + sub + ": " + outbox.statusCode());
            }
            return letters.get(0).path("activationCode").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("mfa-service unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
