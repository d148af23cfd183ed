package com.bank.auth.bff.client;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;

/** The BFF's token for session-service (oidc-client "sessions", scope {@code sessions}), within its budget. */
@Priority(Priorities.AUTHENTICATION)
public class SessionsServiceTokens extends BudgetedServiceTokens {

    @Override
    protected Optional<String> clientId() {
        return Optional.of("sessions");
    }
}
