package com.bank.auth.payments.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.payments.service.PaymentReportService;
import com.bank.auth.payments.service.PaymentReportService.Report;

import io.quarkus.security.PermissionsAllowed;

/** Payment totals for back-office reporting: a client-credentials token with scope {@code payments:read}. */
@Path("/reports/payments")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    private final PaymentReportService reports;

    ReportResource(PaymentReportService reports) {
        this.reports = reports;
    }

    @GET
    @PermissionsAllowed("payments:read")
    public Report report(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!start.isBefore(end)) {
            throw badRequest("'from' must be before 'to'.");
        }
        return reports.report(start, end);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            throw badRequest("Query parameter '" + name + "' is required (ISO-8601 UTC, e.g. 2026-01-01T00:00:00Z).");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw badRequest("Query parameter '" + name + "' is not an ISO-8601 UTC instant.");
        }
    }

    private static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of("invalid-request", "Invalid request", 400, detail));
    }
}
