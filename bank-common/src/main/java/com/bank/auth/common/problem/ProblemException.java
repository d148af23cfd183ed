package com.bank.auth.common.problem;

import jakarta.ws.rs.core.Response;

/** Thrown by services to end a request with a specific problem (and optional extra headers). */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient java.util.Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, java.util.Map.of());
    }

    public ProblemException(Problem problem, java.util.Map<String, String> headers) {
        super(problem.title(), null, false, false);
        this.problem = problem;
        this.headers = java.util.Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public Response toResponse() {
        Response.ResponseBuilder builder = problem.toResponseBuilder();
        headers.forEach(builder::header);
        return builder.build();
    }
}
