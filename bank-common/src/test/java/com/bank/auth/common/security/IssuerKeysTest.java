package com.bank.auth.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Which key ids the issuer withdrew, as IssuerKeys learns them from successive JWKS fetches of a local issuer. */
class IssuerKeysTest {

    private final List<String> published = new CopyOnWriteArrayList<>();
    private HttpServer issuer;
    private IssuerKeys keys;

    @BeforeEach
    void start() throws IOException {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/certs", exchange -> {
            byte[] jwks = published.stream().map(kid -> "{\"kid\":\"" + kid + "\",\"kty\":\"RSA\"}")
                    .collect(Collectors.joining(",", "{\"keys\":[", "]}")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        issuer.start();
        keys = new IssuerKeys("http://127.0.0.1:" + issuer.getAddress().getPort() + "/certs", Duration.ZERO);
    }

    @AfterEach
    void stop() {
        issuer.stop(0);
    }

    @Test
    void aKeyThatLeavesTheJwksIsWithdrawnUntilItIsPublishedAgain() {
        List<Set<String>> told = new CopyOnWriteArrayList<>();
        keys.onWithdrawal(told::add);
        published.addAll(List.of("k1", "k2"));
        keys.refresh();
        assertFalse(keys.withdrawn("k1"));
        assertFalse(keys.withdrawn("never-published"), "an unknown kid is not withdrawn: it may be a new key");

        published.remove("k1");
        keys.refresh();
        assertTrue(keys.withdrawn("k1"));
        assertFalse(keys.withdrawn("k2"));
        assertEquals(List.of(Set.of("k1")), told, "the cache was not told at once");

        published.add("k1");
        keys.refresh();
        assertFalse(keys.withdrawn("k1"));
    }

    @Test
    void anEmptyKeySetIsAFailedFetchNotEveryKeyWithdrawn() {
        published.add("k1");
        keys.refresh();
        published.clear();
        keys.refresh();
        assertFalse(keys.withdrawn("k1"));
        assertEquals("no keys", keys.lastError());
    }

    /** issue 23, item 4: a key id the set lacks asks for a fetch in the background and gets the new set. */
    @Test
    void aKeyIdTheSetLacksFetchesTheNewSet() {
        published.add("k1");
        assertTrue(keys.keySetWith("k1", Duration.ofSeconds(2)).kids().contains("k1"), "the first use fetches");
        published.add("k2");
        IssuerKeys.KeySet now = keys.keySetWith("k2", Duration.ofSeconds(2));
        assertTrue(now.kids().contains("k2"), "a new key of the issuer is fetched: " + now.kids());
        assertTrue(now.jwks().contains("\"k2\""), "the set verifiers use is the document fetched");
    }

    /** A hung issuer never holds a request longer than its wait: the fetch runs in the background within its budget. */
    @Test
    void aHungIssuerHoldsARequestAtMostItsWait() throws Exception {
        try (java.net.ServerSocket hung = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            IssuerKeys frozen = new IssuerKeys("http://127.0.0.1:" + hung.getLocalPort() + "/certs", Duration.ZERO);
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(3),
                    () -> org.junit.jupiter.api.Assertions.assertNull(frozen.keySetWith("k1", Duration.ofMillis(300))));
        }
    }
}
