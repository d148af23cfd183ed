package com.bank.auth.common.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the token issuer's JWKS answers: without keys a resource server can accept no token,
 * so traffic should go to a replica that can.
 */
@Readiness
@ApplicationScoped
public class JwksReadinessCheck implements HealthCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String jwksLocation;

    JwksReadinessCheck(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String jwksLocation) {
        this.jwksLocation = jwksLocation;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("jwks").withData("location", jwksLocation);
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(jwksLocation)).timeout(Duration.ofSeconds(2)).build();
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return response.withData("status", status).status(status == 200).build();
        } catch (IOException | IllegalArgumentException e) {
            return response.withData("error", e.getClass().getSimpleName()).down().build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().build();
        }
    }
}
