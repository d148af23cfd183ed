package com.bank.auth.mfa.service;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.bank.auth.mfa.config.MfaConfig;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The user's own access token, which the BFF forwards with a factor change (header {@code User-Token}): the login
 * time a first factor needs is its signed {@code auth_time}, never a header the BFF writes. Verified with
 * smallrye-jwt against the realm's JWKS: issuer, audience, PS256, expiry, and the {@code sub} the change is for.
 */
@ApplicationScoped
public class UserTokens {

    private final JWTParser parser;

    UserTokens(MfaConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(config.userTokens().jwksUrl(), config.userTokens().issuer());
        info.setExpectedAudience(Set.of(config.userTokens().audience()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.PS256));
        info.setClockSkew(30);
        info.setRequiredClaims(Set.of("sub", "exp", "auth_time"));
        this.parser = new DefaultJWTParser(info);
    }

    /** When {@code sub} signed in, from their valid access token; empty if there is none or it is not theirs. */
    public Optional<Instant> authTime(String accessToken, String sub) {
        if (accessToken == null || accessToken.isBlank() || accessToken.length() > 16384 || sub == null) {
            return Optional.empty();
        }
        try {
            JsonWebToken token = parser.parse(accessToken);
            if (!sub.equals(token.getSubject())) {
                return Optional.empty();
            }
            Object authTime = token.getClaim("auth_time");
            long seconds = authTime instanceof Number n ? n.longValue()
                    : authTime instanceof jakarta.json.JsonNumber j ? j.longValue() : Long.parseLong(String.valueOf(authTime));
            return Optional.of(Instant.ofEpochSecond(seconds));
        } catch (ParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
