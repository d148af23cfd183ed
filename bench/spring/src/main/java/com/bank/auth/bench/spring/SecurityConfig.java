package com.bank.auth.bench.spring;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The rules payments-service applies to a user's access token, in Spring Security's terms: PS256 signatures from
 * Keycloak's JWKS, issuer, audience {@code payments-api}, 30 s clock skew, header {@code typ} {@code at+jwt} (RFC 9068),
 * a {@code sub}; realm roles only on a user's token ({@code sid}) of a client trusted with them ({@code azp} bank-bff).
 * Stateless: no HTTP session, no CSRF (no cookies), health open, everything else authenticated.
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfig {

    private static final Set<String> USER_CALLERS = Set.of("bank-bff");

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health/**").permitAll().anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(realmRoles())))
                .build();
    }

    @Bean
    JwtDecoder jwtDecoder(@Value("${bank.keycloak.url}") String keycloak) {
        String issuer = keycloak + "/realms/bank";
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/protocol/openid-connect/certs")
                .jwsAlgorithm(SignatureAlgorithm.PS256)
                .validateType(false)
                .build();
        List<OAuth2TokenValidator<Jwt>> rules = List.of(
                new JwtTimestampValidator(Duration.ofSeconds(30)),
                new JwtIssuerValidator(issuer),
                new JwtTypeValidator("at+jwt"),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains("payments-api")),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(rules));
        return decoder;
    }

    /** {@code realm_access.roles} as {@code ROLE_*}, only on a user's token from a client trusted with users' roles. */
    private static JwtAuthenticationConverter realmRoles() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            if (!jwt.hasClaim("sid") || !USER_CALLERS.contains(jwt.getClaimAsString("azp"))) {
                return List.<GrantedAuthority>of();
            }
            Map<String, Object> realm = jwt.getClaimAsMap("realm_access");
            Object roles = realm == null ? null : realm.get("roles");
            if (!(roles instanceof Collection<?> names)) {
                return List.<GrantedAuthority>of();
            }
            return names.stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
        });
        return converter;
    }
}
