package com.bank.auth.bff.client;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;

/** The BFF's token for mfa-service (oidc-client "mfa", scope {@code mfa}), within its budget. */
@Priority(Priorities.AUTHENTICATION)
public class MfaServiceTokens extends BudgetedServiceTokens {

    @Override
    protected Optional<String> clientId() {
        return Optional.of("mfa");
    }
}
