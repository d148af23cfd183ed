package com.bank.auth.common.rest;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The floor {@code ./suite bench} reads each service against: the same server, REST and JSON stack answering a
 * constant, with no token, no database and no Redis. So "payments GET /accounts at 0.6×" means 40% of what this
 * server can answer at all goes to authentication and data. Off (a 404 like any unknown path) unless
 * {@code bank.bench.floor-endpoint=true}, which only {@code ./suite bench} sets.
 */
@Path("/bench/floor")
public class BenchmarkFloorResource {

    private static final Map<String, String> CONSTANT = Map.of("floor", "constant");

    @ConfigProperty(name = "bank.bench.floor-endpoint", defaultValue = "false")
    boolean enabled;

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Map<String, String> floor() {
        if (!enabled) {
            throw new NotFoundException();
        }
        return CONSTANT;
    }
}
