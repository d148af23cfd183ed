package com.bank.auth.mfa.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.model.Factor;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.util.exception.WebAuthnException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;

import tools.jackson.core.JacksonException;

/**
 * WebAuthn for passkey factors, with webauthn4j (issue 27): the options the browser's {@code navigator.credentials}
 * calls take (WebAuthn Level 3 {@code PublicKeyCredentialCreationOptionsJSON} and {@code ...RequestOptionsJSON}), and
 * the checks of what comes back: origin, RP id hash, user presence and verification, the challenge, the signature, the
 * algorithm, and a sign count that moves forward. Not Quarkus' WebAuthn extension: that one signs a user in (its own
 * login cookie and user store); here a passkey approves one step-up, and its challenge carries what it approves.
 */
@ApplicationScoped
public class Passkeys {

    /** Signature algorithms offered, in our order of preference: ES256 (every platform), EdDSA, RS256 (Windows Hello). */
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A registration or assertion that does not verify; never says which check failed. */
    public static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The sign count did not move forward: a sign, not proof, that the passkey's key was copied (WebAuthn 7.2 step 22). */
    public static final class CloneSuspected extends Exception {
        CloneSuspected() {
            super("sign count did not increase", null, false, false);
        }
    }

    /** What a verified assertion proved, as the evidence record keeps it (base64url, exactly as received). */
    public record Assertion(long signCount, boolean backupState, String authenticatorData, String clientDataJson,
            String signature) {
    }

    private final MfaConfig.Passkey config;
    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);
    private final AttestedCredentialDataConverter attested = new AttestedCredentialDataConverter(converter);

    Passkeys(MfaConfig config) {
        this.config = config.passkey();
    }

    /** Whether this deployment names its web app's origin (without it, no passkey can be added). */
    public boolean available() {
        return config.origin().isPresent();
    }

    /** The relying party id: configured, or the origin's host. */
    public String rpId() {
        return config.rpId().orElseGet(() -> URI.create(origin()).getHost());
    }

    private String origin() {
        return config.origin().orElseThrow(MfaProblems::passkeysUnavailable);
    }

    /** 32 random bytes, base64url: a registration challenge, and the first half of every assertion challenge. */
    public static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * The assertion challenge of a step-up: 32 random bytes, then the SHA-256 of what it approves
     * ({@code approvedHash}), so the signature itself names the payment (PSD2 RTS Art. 5, dynamic linking).
     */
    public static String assertionChallenge(byte[] approvedHash) {
        if (approvedHash.length != 32) {
            throw new IllegalArgumentException("a SHA-256 hash has 32 bytes");
        }
        byte[] challenge = Arrays.copyOf(randomBytes(), 64);
        System.arraycopy(approvedHash, 0, challenge, 32, 32);
        return b64(challenge);
    }

    /**
     * {@code PublicKeyCredentialCreationOptionsJSON} for a new passkey of the user named by {@code userHandle}: user
     * verification required, a discoverable credential preferred, no attestation (we do not restrict authenticator
     * models), the user's existing passkeys excluded (no second registration of one authenticator).
     */
    public Map<String, Object> creationOptions(Factor pending, String userHandle, String userName, List<Factor> existing) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("rp", Map.of("id", rpId(), "name", config.rpName()));
        options.put("user", Map.of("id", userHandle, "name", userName, "displayName", userName));
        options.put("challenge", pending.registrationChallenge);
        options.put("pubKeyCredParams", ALGORITHMS.stream().map(a -> Map.of("type", "public-key", "alg", a.getAlg().getValue())).toList());
        options.put("timeout", config.promptTimeout().toMillis());
        options.put("excludeCredentials", existing.stream().filter(f -> f.credentialId != null).map(Passkeys::descriptor).toList());
        options.put("authenticatorSelection", Map.of("residentKey", "preferred", "requireResidentKey", false, "userVerification", "required"));
        options.put("attestation", "none");
        return options;
    }

    /** {@code PublicKeyCredentialRequestOptionsJSON} for a step-up with {@code factor}'s passkey only. */
    public Map<String, Object> requestOptions(Factor factor, String challenge) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", challenge);
        options.put("rpId", rpId());
        options.put("allowCredentials", List.of(descriptor(factor)));
        options.put("userVerification", "required");
        options.put("timeout", config.promptTimeout().toMillis());
        return options;
    }

    /** A verified new credential, to record on its factor once its id is known to be new. */
    public record Credential(String credentialId, String attestedCredential, java.util.UUID aaguid, long signCount,
            boolean backupEligible, boolean backupState, String transports) {

        /** Records this credential on {@code factor}: credential id, attested data (with the COSE key), counters, flags. */
        public void applyTo(Factor factor) {
            factor.credentialId = credentialId;
            factor.attestedCredential = attestedCredential;
            factor.aaguid = aaguid;
            factor.signCount = signCount;
            factor.backupEligible = backupEligible;
            factor.backupState = backupState;
            factor.transports = transports;
        }
    }

    /** Verifies a {@code RegistrationResponseJSON} for the pending {@code factor} (its registration challenge). */
    public Credential register(Factor factor, String registrationResponseJson) throws Rejected {
        RegistrationData data;
        try {
            ServerProperty server = new ServerProperty(Origin.create(origin()), rpId(), new DefaultChallenge(decode(factor.registrationChallenge)));
            data = webAuthn.verifyRegistrationResponseJSON(registrationResponseJson, new RegistrationParameters(server, ALGORITHMS, true, true));
        } catch (WebAuthnException | JacksonException | IllegalArgumentException e) {
            // Not a valid answer: what webauthn4j refuses, JSON its parser cannot read, base64url that is not.
            throw new Rejected(e.getClass().getSimpleName());
        }
        AuthenticatorData<?> authenticatorData = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = authenticatorData.getAttestedCredentialData();
        Set<AuthenticatorTransport> transports = data.getTransports();
        return new Credential(b64(credential.getCredentialId()), b64(attested.convert(credential)), credential.getAaguid().getValue(),
                authenticatorData.getSignCount(), authenticatorData.isFlagBE(), authenticatorData.isFlagBS(),
                transports == null || transports.isEmpty() ? null
                        : transports.stream().map(AuthenticatorTransport::getValue).sorted().collect(Collectors.joining(",")));
    }

    /**
     * Verifies an {@code AuthenticationResponseJSON} against {@code factor}'s passkey and the challenge it was given.
     * The caller updates the factor's sign count from the answer.
     */
    public Assertion verify(Factor factor, String challenge, String authenticationResponseJson) throws Rejected, CloneSuspected {
        AttestedCredentialData credential = attested.convert(decode(factor.attestedCredential));
        CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), true, factor.backupEligible, factor.backupState,
                factor.signCount == null ? 0 : factor.signCount, credential, null, null, null, null);
        AuthenticationData data;
        try {
            ServerProperty server = new ServerProperty(Origin.create(origin()), rpId(), new DefaultChallenge(decode(challenge)));
            data = webAuthn.verifyAuthenticationResponseJSON(authenticationResponseJson,
                    new AuthenticationParameters(server, record, List.of(credential.getCredentialId()), true, true));
        } catch (MaliciousCounterValueException e) {
            throw new CloneSuspected();
        } catch (WebAuthnException | JacksonException | IllegalArgumentException e) {
            throw new Rejected(e.getClass().getSimpleName());
        }
        AuthenticatorData<?> authenticatorData = data.getAuthenticatorData();
        return new Assertion(authenticatorData.getSignCount(), authenticatorData.isFlagBS(), b64(data.getAuthenticatorDataBytes()),
                b64(data.getCollectedClientDataBytes()), b64(data.getSignature()));
    }

    /** The COSE public key of {@code factor}'s passkey (base64url), for the evidence record. */
    public String publicKeyCose(Factor factor) {
        byte[] attestedBytes = decode(factor.attestedCredential);
        AttestedCredentialData credential = attested.convert(attestedBytes);
        return b64(converter.getCborConverter().writeValueAsBytes(credential.getCOSEKey()));
    }

    /** RFC 8176 names for a passkey approval: a key the user proved, with user verification (PIN or biometric). */
    public static List<String> amr(Factor factor) {
        List<String> amr = new ArrayList<>();
        // A synced passkey (backup eligible) is a key that can leave the device: software-protected, not hardware-bound.
        amr.add(Boolean.TRUE.equals(factor.backupEligible) ? "swk" : "hwk");
        amr.add("user");
        return amr;
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> descriptor(Factor factor) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("type", "public-key");
        descriptor.put("id", factor.credentialId);
        if (factor.transports != null) {
            descriptor.put("transports", List.of(factor.transports.split(",")));
        }
        return descriptor;
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] decode(String b64url) {
        return Base64.getUrlDecoder().decode(b64url);
    }
}
