package com.bank.auth.mfa.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of mfa-service (DESIGN 5). */
@ConfigMapping(prefix = "mfa")
public interface MfaConfig {

    /** Issuer shown in authenticator apps (otpauth URI and QR code). */
    @WithDefault("Bank")
    String issuerName();

    Totp totp();

    Enrolment enrolment();

    Challenge challenge();

    Lockout lockout();

    Sms sms();

    /**
     * How long auth-bff waits for this service's answer (its {@code quarkus.rest-client.read-timeout}). Whatever a
     * request does here must end inside it (DESIGN 8: budgets nest): the SMS provider's connect and read timeouts
     * leave at least a second of it for the database, checked at start.
     */
    @WithDefault("4S")
    Duration callerBudget();

    /** Encryption of TOTP secrets and phone numbers at rest. */
    Encryption encryption();

    StepUp stepUp();

    /** Activation letters: the one-time code a first factor needs (DESIGN 5, PSD2 RTS Art. 24). */
    Letters letters();

    /** What the purge job keeps and how often it runs. */
    Retention retention();

    /** Security events the user sees (factor changes, sessions ended). */
    SecurityEvents securityEvents();

    interface SecurityEvents {
        /** How long security events are kept (DESIGN 8: 13 months), then purged. */
        @WithDefault("396D")
        Duration retention();
    }

    interface Retention {
        /** How often the purge job runs (expired challenges, SMS records, pending factors, ended codes, old events). */
        @WithDefault("10M")
        Duration purgeEvery();
    }

    /** The user's own access token, forwarded by the BFF: its {@code auth_time} is the login a first factor needs. */
    UserTokens userTokens();

    /** Passkeys (WebAuthn) as a step-up factor (issue 27). */
    Passkey passkey();

    interface Passkey {
        /**
         * The web app's origin exactly as the browser names it (scheme, host and port, no path): the BFF's public URL
         * (the chart sets it from {@code publicUrl}). Assertions from any other origin are refused, which is what makes
         * a passkey phishing-resistant. Without it, passkeys cannot be added here (409 {@code passkeys-unavailable}).
         */
        Optional<String> origin();

        /**
         * The WebAuthn relying party id: by default the origin's host. Every passkey is bound to it for good: changing
         * it later makes every registered passkey unusable.
         */
        Optional<String> rpId();

        /** The relying party's name some authenticators show when a passkey is made. */
        @WithDefault("Bank")
        String rpName();

        /** How long the browser's passkey prompt waits for the user ({@code timeout} of the options; a hint only). */
        @WithDefault("2M")
        Duration promptTimeout();

        /**
         * How long the evidence of each passkey approval (the signed assertion, its public key and what it approved)
         * is kept after it was given. 13 months by default, as security events; a bank keeps payment evidence for as
         * long as its record-keeping duties say.
         */
        @WithDefault("396D")
        Duration evidenceRetention();
    }

    interface Letters {
        /**
         * {@code http} (a print-and-post provider's HTTPS API: production) or {@code outbox} (kept in the database for
         * the demo's "Show demo letters": local demo and tests only, refused in any other profile).
         */
        @WithDefault("http")
        String provider();

        /** How long an activation code stays valid. */
        @WithDefault("14D")
        Duration codeTtl();

        /** Wrong tries that void a code (a new letter is then needed). */
        @WithDefault("5")
        int maxAttempts();

        /** Calling clients ({@code azp}) that may issue letters with scope {@code mfa:onboarding}: the bank's back office. */
        @WithDefault("bank-backoffice")
        List<String> allowedCallers();

        /** The provider's HTTPS endpoint ({@code provider=http}). */
        Optional<String> httpUrl();

        /** Name of the provider's auth header. */
        @WithDefault("Authorization")
        String httpAuthHeader();

        /** Value of that header (a secret: from the environment). */
        Optional<String> httpAuthValue();

        /** Time to connect to the provider (DESIGN 8). */
        @WithDefault("2S")
        Duration httpConnectTimeout();

        /** Time the provider has to take a letter; beyond, the back office gets a 503 and the code is void. */
        @WithDefault("3S")
        Duration httpReadTimeout();
    }

    interface UserTokens {
        /** Issuer of users' access tokens: the realm. */
        @WithDefault("${mp.jwt.verify.issuer}")
        String issuer();

        /** The realm's JWKS. */
        @WithDefault("${mp.jwt.verify.publickey.location}")
        String jwksUrl();

        /** Audience of users' access tokens (what the BFF holds for the user). */
        @WithDefault("payments-api")
        String audience();
    }

    interface Totp {
        /** HMAC algorithm of new TOTP factors: SHA1 (what authenticator apps support), SHA256 or SHA512. */
        @WithDefault("SHA1")
        String algorithm();

        /** Digits of a TOTP code: 6 or 8. */
        @WithDefault("6")
        int digits();

        /** TOTP time step. */
        @WithDefault("30S")
        Duration period();

        /** How long a new factor may stay pending before it must be enrolled again. */
        @WithDefault("10M")
        Duration pendingTtl();
    }

    interface Enrolment {
        /** Unconfirmed factors a user may have at once (expired ones do not count; the purge job removes them). */
        @WithDefault("3")
        int maxPending();

        /** Enrolments a user may start within {@link #window()} (DESIGN 8); cancelling one does not give the try back. */
        @WithDefault("10")
        int limit();

        @WithDefault("24H")
        Duration window();

        /**
         * How fresh a factor change's proof must be: the login of a first factor ({@code auth_time}) and a
         * {@code factor-change} step-up (PSD2 RTS Art. 24; DESIGN 5: 5 minutes).
         */
        @WithDefault("5M")
        Duration maxProofAge();

        /** Clock difference tolerated between Keycloak's {@code auth_time} and this service's clock. */
        @WithDefault("30S")
        Duration clockSkew();
    }

    interface Challenge {
        /** Lifetime of a challenge. */
        @WithDefault("5M")
        Duration ttl();

        /** Wrong codes a challenge takes before it is dead (410). */
        @WithDefault("3")
        int attempts();

        /** Challenges a user may create within {@link #rateWindow()} (DESIGN 8); beyond, 429. */
        @WithDefault("10")
        int rateLimit();

        @WithDefault("5M")
        Duration rateWindow();

        /** Open challenges a user may have at once; a new one ends the oldest. */
        @WithDefault("5")
        int maxOpen();
    }

    interface Lockout {
        /** Consecutive failures that lock a factor. */
        @WithDefault("5")
        int threshold();

        /** How long a locked factor stays locked (423). */
        @WithDefault("15M")
        Duration duration();
    }

    interface Sms {
        /** {@code http} (the provider's HTTPS API: production) or {@code outbox} (kept in memory: local demo and tests). */
        @WithDefault("http")
        String provider();

        /** Lifetime of an SMS code. */
        @WithDefault("5M")
        Duration codeTtl();

        /** SMS a user may be sent within {@link #rateWindow()}; beyond, 429. */
        @WithDefault("5")
        int rateLimit();

        @WithDefault("15M")
        Duration rateWindow();

        /** Texts to one destination number within {@link #numberWindow()}, whoever asks (SMS pumping). */
        @WithDefault("10")
        int numberLimit();

        @WithDefault("24H")
        Duration numberWindow();

        /** Texts in all within {@link #globalWindow()}: the toll-fraud brake; reaching it is an audit alarm. */
        @WithDefault("1000")
        int globalLimit();

        @WithDefault("1H")
        Duration globalWindow();

        /**
         * Countries (ISO 3166 alpha-2) whose numbers may be SMS factors: by default the EEA. A number elsewhere is a 422
         * naming the rule: premium-rate destinations abroad are what SMS pumping pays for.
         */
        @WithDefault("AT,BE,BG,HR,CY,CZ,DK,EE,FI,FR,DE,GR,HU,IS,IE,IT,LV,LI,LT,LU,MT,NL,NO,PL,PT,RO,SK,SI,ES,SE")
        List<String> allowedCountries();

        /** Base64 key (≥ 256 bits) of the HMAC that SMS codes are stored under. Required unless ephemeral keys are allowed. */
        Optional<String> codeHmacKey();

        /** The provider's HTTPS endpoint ({@code provider=http}). */
        Optional<String> httpUrl();

        /** Name of the provider's auth header, e.g. {@code Authorization}. */
        @WithDefault("Authorization")
        String httpAuthHeader();

        /** Value of that header (a secret: from the environment). */
        Optional<String> httpAuthValue();

        /** Time to connect to the provider (DESIGN 8; with the read timeout, inside {@code mfa.caller-budget}). */
        @WithDefault("1S")
        Duration httpConnectTimeout();

        /**
         * Time the provider has to take a message; beyond, the challenge dies, no code is usable and the user gets a
         * 503 while the BFF still waits for this answer (connect + read within {@code mfa.caller-budget} less 1 s).
         */
        @WithDefault("2S")
        Duration httpReadTimeout();

        /** Sender name the provider shows. */
        @WithDefault("Bank")
        String sender();
    }

    interface Encryption {
        /** Key ring: {@code kid:base64key} entries (256-bit), comma-separated. Required in prod. */
        Optional<List<String>> keys();

        /** Key id new writes use. */
        Optional<String> activeKeyId();

        /** Without keys, generate throw-away keys (dev/test only; data is unreadable after a restart). */
        @WithDefault("false")
        boolean allowEphemeralKey();

        /**
         * For the one rolling update that upgrades from a release before Tink (1.0.0-SNAPSHOT up to commit c440f95):
         * write the ciphertext format from before Tink, which the old pods beside the new ones can read; every pod reads
         * both. Set it back to false in the next rollout.
         */
        @WithDefault("false")
        boolean writeBeforeTinkFormat();
    }

    interface StepUp {
        /** {@code iss} of step-up tokens; payments-service expects exactly this. */
        @WithDefault("http://localhost:8083")
        String issuer();

        /** Lifetime of a step-up token (DESIGN 5: at most 5 minutes). */
        @WithDefault("5M")
        Duration lifetime();

        /**
         * Signing keys: Base64 of private EC P-256 JWKs (each with its {@code kid}), comma-separated. The active one signs;
         * all are published in the JWKS, so tokens of a just-retired key stay verifiable. Required in prod.
         */
        Optional<List<String>> signingKeys();

        /** Key id that signs new tokens. */
        Optional<String> activeKeyId();

        /** Without keys, generate a throw-away signing key (dev/test, and the local suite: tokens live 5 minutes). */
        @WithDefault("false")
        boolean allowEphemeralKey();
    }
}
