package com.bank.auth.mfa.rest;

import com.bank.auth.mfa.service.MfaProblems;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A WebAuthn answer from the browser (a {@code RegistrationResponseJSON} or {@code AuthenticationResponseJSON}) as the
 * JSON text webauthn4j parses: an object of bounded size, or a 400.
 */
final class WebAuthnJson {

    /** Far above any real answer (a few KB even with a large RSA key and extensions), far below a body that costs. */
    private static final int MAX_LENGTH = 32 * 1024;

    private WebAuthnJson() {
    }

    /** Null when absent; the JSON text of an object; a 400 for anything else. */
    static String text(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isObject() ? value.toString() : null;
        if (text == null || text.length() > MAX_LENGTH) {
            throw MfaProblems.invalid(field, "must be the browser's WebAuthn answer (a JSON object)");
        }
        return text;
    }
}
