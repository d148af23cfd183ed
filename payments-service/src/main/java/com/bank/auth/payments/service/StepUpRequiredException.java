package com.bank.auth.payments.service;

import java.util.Map;

import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.common.stepup.StepUpTokenVerifier;

/**
 * RFC 9470: the access token is fine, but this operation needs a stronger, fresher authentication. The problem
 * carries what the step-up must be bound to, so the BFF can ask mfa-service for exactly that challenge.
 */
public class StepUpRequiredException extends ProblemException {

    public StepUpRequiredException(String description, Map<String, Object> binding) {
        super(Problem.of("step-up-required", "Step-up required", 401, description).with(binding),
                Map.of("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\", error_description=\""
                        + description + "\", acr_values=\"" + StepUpTokenVerifier.ACR_MFA + "\""));
    }
}
