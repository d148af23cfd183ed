package com.bank.auth.mfa.service;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.bank.auth.common.security.CachingJwtParser;
import com.bank.auth.common.security.IssuerKeys;
import com.bank.auth.common.security.JoseHeader;
import com.bank.auth.common.security.PerKeySet;
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

    private final IssuerKeys keys;
    private final PerKeySet<JWTParser> parsers;

    /**
     * The realm's keys from the service's one key source ({@link IssuerKeys}, which readiness reports) when the
     * configured JWKS is the realm's, as by default; from a key source of its own otherwise. Never a fetch by the
     * verifier itself (issue 23, item 4).
     */
    UserTokens(MfaConfig config, IssuerKeys realmKeys) {
        this.keys = realmKeys.location().equals(config.userTokens().jwksUrl()) ? realmKeys
                : new IssuerKeys(config.userTokens().jwksUrl(), java.time.Duration.ofSeconds(15));
        JWTAuthContextInfo rules = new JWTAuthContextInfo();
        rules.setIssuedBy(config.userTokens().issuer());
        rules.setExpectedAudience(Set.of(config.userTokens().audience()));
        rules.setSignatureAlgorithm(Set.of(SignatureAlgorithm.PS256));
        rules.setClockSkew(30);
        rules.setRequiredClaims(Set.of("sub", "exp", "auth_time"));
        this.parsers = new PerKeySet<>(jwks -> new DefaultJWTParser(CachingJwtParser.withKeys(rules, jwks)));
    }

    /** When {@code sub} signed in, from their valid access token; empty if there is none or it is not theirs. */
    public Optional<Instant> authTime(String accessToken, String sub) {
        return verified(accessToken, sub).flatMap(token -> {
            Object authTime = token.getClaim("auth_time");
            try {
                long seconds = authTime instanceof Number n ? n.longValue()
                        : authTime instanceof jakarta.json.JsonNumber j ? j.longValue() : Long.parseLong(String.valueOf(authTime));
                return Optional.of(Instant.ofEpochSecond(seconds));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** The user's sign-in name ({@code preferred_username}) from their valid access token: what a passkey is listed under. */
    public Optional<String> userName(String accessToken, String sub) {
        return verified(accessToken, sub).map(token -> token.<Object>getClaim("preferred_username"))
                .map(name -> name instanceof jakarta.json.JsonString j ? j.getString() : String.valueOf(name))
                .filter(name -> !name.isBlank() && name.length() <= 64);
    }

    private Optional<JsonWebToken> verified(String accessToken, String sub) {
        if (accessToken == null || accessToken.isBlank() || accessToken.length() > 16384 || sub == null) {
            return Optional.empty();
        }
        try {
            IssuerKeys.KeySet realm = keys.keySetWith(JoseHeader.of(accessToken).kid(), IssuerKeys.UNKNOWN_KID_WAIT);
            if (realm == null) {
                return Optional.empty();
            }
            JsonWebToken token = parsers.forKeys(realm).parse(accessToken);
            return sub.equals(token.getSubject()) ? Optional.of(token) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
