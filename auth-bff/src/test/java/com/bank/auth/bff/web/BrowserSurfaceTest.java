package com.bank.auth.bff.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.bank.auth.testing.KeycloakTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * What a browser sees of the BFF's API: the security headers on every answer (errors included), no caching, and CSRF
 * checks that no path spelling gets around. The app's document and deep links: {@link WebAppDocumentIT} (Quinoa builds
 * the app into the packaged application, not into {@code @QuarkusTest}s).
 */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
class BrowserSurfaceTest {

    @ParameterizedTest
    @ValueSource(strings = { "/bff/user", "/api/accounts", "/api/no-such-route", "/no-such-thing.js" })
    void everyAnswerCarriesTheSecurityHeaders(String path) {
        securityHeaders(given().redirects().follow(false).get(path).then());
    }

    @Test
    void theApiIsNeverCached() {
        given().get("/bff/user").then().header("Cache-Control", "no-store");
        given().get("/api/no-such-route").then().statusCode(404).contentType("application/problem+json").header("Cache-Control", "no-store");
    }

    @Test
    void fingerprintedAssetsAreImmutable() {
        assertEquals("public, max-age=31536000, immutable", SecurityHeaders.cacheControl("/main-X35EUZM4.js"));
        assertEquals("public, max-age=31536000, immutable", SecurityHeaders.cacheControl("/styles-5INURTSO.css"));
        assertEquals("no-cache", SecurityHeaders.cacheControl("/index.html"));
        assertEquals("no-cache", SecurityHeaders.cacheControl("/favicon.ico"));
        assertEquals("no-store", SecurityHeaders.cacheControl("/bff/mfa/factors"));
    }

    /**
     * Without a session nothing unsafe happens however the path is spelled; dot-segments are refused before routing.
     * That the CSRF proof is demanded of a live session is BadInputSweepIT's (system test: it needs session-service).
     */
    @ParameterizedTest
    @ValueSource(strings = { "/bff/logout", "//bff/logout", "/bff//logout", "/bff/./logout", "/bff/%2e/logout", "/api/../bff/logout",
            "/bff/session/keepalive", "/bff/mfa/factors/totp", "/api/payments" })
    void unsafeMethodsWithoutCsrfProofAreRefused(String path) {
        int status = given().redirects().follow(false).urlEncodingEnabled(false).contentType("application/json").body("{}")
                .post(path).then().extract().statusCode();
        // 403 (CSRF), or 400/404/405 where the path is refused or names nothing: never a success, never a 5xx.
        org.junit.jupiter.api.Assertions.assertTrue(status == 403 || status == 400 || status == 404 || status == 405, path + " gave " + status);
    }

    @Test
    void theBackChannelLogoutIsTheOneExemptionAndChecksItsToken() {
        given().contentType("application/x-www-form-urlencoded").formParam("logout_token", "not-a-token")
                .post("/bff/backchannel-logout").then().statusCode(400);
    }

    static void securityHeaders(ValidatableResponse response) {
        response.header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Strict-Transport-Security", containsString("max-age="))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", is("DENY"))
                .header("Cache-Control", anyOf(equalTo("no-store"), equalTo("no-cache"), containsString("immutable")));
    }
}
