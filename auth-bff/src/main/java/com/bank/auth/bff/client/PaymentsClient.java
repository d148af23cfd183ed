package com.bank.auth.bff.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * payments-service as the BFF's {@code /api/**} proxy calls it for writes and the admin read: one method per route of
 * DESIGN 9, each a fixed upstream path (the reads on the event loop go through {@link PaymentsReads}). The Quarkus REST client (Vert.x): a keep-alive pool of HTTP/1.1 connections, no h2c upgrade, the
 * request traced and timed like every other REST client of the BFF. Every status comes back as a {@link Response}
 * (the default exception mapper is off): the proxy passes payments' answers through. Built by {@code PaymentsUpstream}
 * with the {@code bff.payments-*} budgets. Null headers and query parameters are not sent.
 *
 * <p>Blocking calls: their routes run on a worker (their CSRF check and step-up bookkeeping call session-service).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public interface PaymentsClient {

    @POST
    @Path("payments")
    @Consumes(MediaType.APPLICATION_JSON)
    Response book(@HeaderParam("Authorization") String authorization, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("Step-Up-Token") String stepUpToken, String body);

    @POST
    @Path("beneficiaries")
    @Consumes(MediaType.APPLICATION_JSON)
    Response addBeneficiary(@HeaderParam("Authorization") String authorization, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("Step-Up-Token") String stepUpToken, String body);

    @DELETE
    @Path("beneficiaries/{id}")
    Response removeBeneficiary(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    @GET
    @Path("admin/payments")
    Response adminPayments(@HeaderParam("Authorization") String authorization, @HeaderParam("Step-Up-Token") String stepUpToken,
            @QueryParam("page") String page, @QueryParam("size") String size);
}
