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
 * What a browser sees of the BFF: the security headers on every answer (the API, the app's document, its deep links,
 * errors), caching that lets a deploy reach users at once, and CSRF checks that no path spelling gets around.
 */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
class BrowserSurfaceTest {

    @ParameterizedTest
    @ValueSource(strings = { "/bff/user", "/api/accounts", "/", "/index.html", "/payments", "/security", "/no-such-thing.js" })
    void everyAnswerCarriesTheSecurityHeaders(String path) {
        securityHeaders(given().redirects().follow(false).get(path).then());
    }

    @Test
    void theApiIsNeverCachedAndTheAppsDocumentIsAlwaysRevalidated() {
        given().get("/bff/user").then().header("Cache-Control", "no-store");
        for (String page : new String[] { "/", "/index.html", "/payments", "/security", "/payments/3f1c2a52-6d0b-4a3e-9f43-0a11ce000001" }) {
            // Deep links serve the app's document (its router shows the page), never a 404.
            given().get(page).then().statusCode(200).contentType(containsString("text/html")).header("Cache-Control", "no-cache")
                    .body(containsString("<app-root"));
        }
        given().get("/no-such-file.js").then().statusCode(404);
        given().get("/api/no-such-route").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void fingerprintedAssetsAreImmutable() {
        assertEquals("public, max-age=31536000, immutable", SecurityHeaders.cacheControl("/main-X35EUZM4.js"));
        assertEquals("public, max-age=31536000, immutable", SecurityHeaders.cacheControl("/styles-5INURTSO.css"));
        assertEquals("no-cache", SecurityHeaders.cacheControl("/index.html"));
        assertEquals("no-cache", SecurityHeaders.cacheControl("/favicon.ico"));
        assertEquals("no-store", SecurityHeaders.cacheControl("/bff/mfa/factors"));
    }

    /** Unsafe methods need the CSRF proof however the path is spelled; dot-segments are refused before routing. */
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

    private static void securityHeaders(ValidatableResponse response) {
        response.header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Strict-Transport-Security", containsString("max-age="))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", is("DENY"))
                .header("Cache-Control", anyOf(equalTo("no-store"), equalTo("no-cache"), containsString("immutable")));
    }
}
