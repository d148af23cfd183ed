package com.bank.auth.common.security;

import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * {@code kid} and {@code typ} of a compact JWS, read with jose4j (the library smallrye-jwt verifies with) before any
 * verification: to pick the key set and to check the type. Never used to pick a key by itself; nulls when the token is
 * no JWS (the verifier then refuses it with its own reason).
 */
public record JoseHeader(String kid, String type) {

    public static JoseHeader of(String token) {
        try {
            JsonWebStructure jws = JsonWebStructure.fromCompactSerialization(token);
            return new JoseHeader(jws.getKeyIdHeaderValue(), jws.getHeader("typ"));
        } catch (JoseException | RuntimeException e) {
            return new JoseHeader(null, null);
        }
    }
}
