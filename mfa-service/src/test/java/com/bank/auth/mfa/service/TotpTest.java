package com.bank.auth.mfa.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** RFC 6238 Appendix B and RFC 4226 Appendix D vectors (copied from shared/vectors), window edges, and oathtool interop. */
class TotpTest {

    private static JsonNode vectors() throws IOException {
        try (InputStream in = TotpTest.class.getResourceAsStream("/rfc6238-appendix-b.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "SHA1", "SHA256", "SHA512" })
    void rfc6238AppendixB(String algorithm) throws IOException {
        JsonNode vectors = vectors();
        // Each algorithm has its own seed length (20, 32, 64 bytes), as the RFC's errata make explicit.
        byte[] seed = vectors.get("seeds_ascii").get(algorithm).asText().getBytes(StandardCharsets.US_ASCII);
        Totp totp = new Totp(algorithm, 8, Duration.ofSeconds(30));
        for (JsonNode vector : vectors.get("vectors")) {
            Instant time = Instant.ofEpochSecond(vector.get("time").asLong());
            assertEquals(vector.get(algorithm).asText(), totp.code(seed, totp.step(time)), algorithm + " at " + time);
            assertTrue(totp.matchingStep(seed, vector.get(algorithm).asText(), time).isPresent());
        }
    }

    @Test
    void rfc4226AppendixD() throws IOException {
        JsonNode hotp = vectors().get("hotp_rfc4226_appendix_d");
        byte[] secret = hotp.get("secret_ascii").asText().getBytes(StandardCharsets.US_ASCII);
        Totp sixDigits = new Totp("SHA1", 6, Duration.ofSeconds(30));
        for (int counter = 0; counter < 10; counter++) {
            assertEquals(hotp.get("counters_0_to_9").get(counter).asText(), sixDigits.code(secret, counter), "counter " + counter);
        }
    }

    @Test
    void acceptsOneStepEitherSideAndNothingFurther() {
        Totp totp = new Totp("SHA1", 6, Duration.ofSeconds(30));
        byte[] secret = totp.newSecret();
        Instant now = Instant.parse("2026-11-22T10:00:15Z");
        long step = totp.step(now);
        for (long offset = -1; offset <= 1; offset++) {
            assertEquals(step + offset, totp.matchingStep(secret, totp.code(secret, step + offset), now).getAsLong());
        }
        assertFalse(totp.matchingStep(secret, totp.code(secret, step - 2), now).isPresent());
        assertFalse(totp.matchingStep(secret, totp.code(secret, step + 2), now).isPresent());
        assertFalse(totp.matchingStep(secret, "12345", now).isPresent());
        assertFalse(totp.matchingStep(secret, "abcdef", now).isPresent());
        assertFalse(totp.matchingStep(secret, null, now).isPresent());
    }

    @Test
    void secretsAreAtLeast160BitsAndRandom() {
        Totp sha1 = new Totp("SHA1", 6, Duration.ofSeconds(30));
        assertEquals(20, sha1.newSecret().length);
        assertEquals(64, new Totp("SHA512", 8, Duration.ofSeconds(30)).newSecret().length);
        assertFalse(Arrays.equals(sha1.newSecret(), sha1.newSecret()));
    }

    @Test
    void otpauthUriHasEverythingAnAppNeeds() {
        Totp totp = new Totp("SHA256", 8, Duration.ofSeconds(60));
        byte[] secret = totp.newSecret();
        URI uri = URI.create(totp.otpauthUri("Bank", "alice@bank.example", secret));
        assertEquals("otpauth", uri.getScheme());
        assertEquals("totp", uri.getHost());
        assertEquals("/Bank:alice@bank.example", uri.getPath());
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getQuery().split("&")) {
            query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertFalse(query.get("secret").contains("="), "Base32 without padding");
        assertTrue(Arrays.equals(secret, new Base32().decode(query.get("secret"))));
        assertEquals(Map.of("secret", query.get("secret"), "issuer", "Bank", "algorithm", "SHA256", "digits", "8", "period", "60"), query);
    }

    @Test
    void aCodeFromOathtoolIsAccepted() throws Exception {
        Totp totp = new Totp("SHA1", 6, Duration.ofSeconds(30));
        byte[] secret = totp.newSecret();
        Process oathtool = new ProcessBuilder("oathtool", "--totp", "--base32", Totp.base32(secret)).redirectErrorStream(true).start();
        String code = new String(oathtool.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertEquals(0, oathtool.waitFor(), "oathtool (Debian package oathtool) must be installed: " + code);
        assertTrue(totp.matchingStep(secret, code, Instant.now()).isPresent(), "oathtool's code " + code);
    }
}
