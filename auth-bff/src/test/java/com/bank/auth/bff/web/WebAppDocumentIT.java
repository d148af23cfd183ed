package com.bank.auth.bff.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.bank.auth.testing.KeycloakTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged BFF serving the web app: the document and its deep links ({@code /payments} reloaded) answer the app,
 * never a 404, with the security headers and {@code no-cache}, so a deploy reaches users at once.
 */
@QuarkusIntegrationTest
@WithTestResource(KeycloakTestResource.class)
class WebAppDocumentIT {

    @ParameterizedTest
    @ValueSource(strings = { "/", "/index.html", "/payments", "/security", "/sessions", "/payments/3f1c2a52-6d0b-4a3e-9f43-0a11ce000001" })
    void theAppsDocumentAndItsDeepLinks(String path) {
        var response = given().get(path).then().statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", "no-cache").body(containsString("<app-root"));
        BrowserSurfaceTest.securityHeaders(response);
    }

    /**
     * The document's assets are relative to {@code <base href="/">}: the CSP must let the base apply (base-uri 'self'),
     * or a nested deep link such as /payments/42 asks for /payments/main-….js and gets no app.
     */
    @Test
    void aNestedDeepLinkLoadsTheAppsAssetsFromTheRoot() {
        var document = given().get("/payments/3f1c2a52-6d0b-4a3e-9f43-0a11ce000001").then().statusCode(200)
                .header("Content-Security-Policy", containsString("base-uri 'self'")).extract().asString();
        assertTrue(document.contains("<base href=\"/\">"), document);
        var script = java.util.regex.Pattern.compile("src=\"(main-[A-Z0-9]+\\.js)\"").matcher(document);
        assertTrue(script.find(), document);
        given().get("/" + script.group(1)).then().statusCode(200).contentType(containsString("javascript"));
    }
}
