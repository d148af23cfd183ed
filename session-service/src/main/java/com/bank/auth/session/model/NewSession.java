package com.bank.auth.session.model;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the BFF knows after a login: who, how they authenticated, under which Keycloak session, and the tokens. */
public record NewSession(
        @NotBlank @Size(max = 255) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII") String sub,
        @Size(max = 255) @Pattern(regexp = "[\\x21-\\x7E]*", message = "must be printable ASCII") String sid,
        @Size(max = 255) String acr,
        @Size(max = 10) List<@Size(max = 32) String> amr,
        Instant authTime,
        @Size(max = 512) String userAgent,
        @NotNull @Valid TokenSet tokens,
        /** The BFF found the user's last SCA too old (DESIGN 5a, RTS Art. 10a): no account data until a login step-up. */
        boolean loginScaPending) {
}
