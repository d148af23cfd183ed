package com.bank.auth.mfa.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import com.bank.auth.common.stepup.StepUpTokenVerifier;
import com.bank.auth.mfa.config.MfaConfig;

/**
 * A signing key rotated across replicas (issue 23, item 10; README "Rotating a key across replicas"): during the
 * rollout that activates a new key, old and new pods each accept the other's step-ups, because the key was published
 * to every pod in an earlier rollout. Added and activated at once, old pods refuse what new pods sign.
 */
class StepUpSignerTest {

    private static final String ISSUER = "http://localhost:8083";
    private static final PublicJsonWebKey OLD = StepUpSigner.generate("k-old");
    private static final PublicJsonWebKey NEW = StepUpSigner.generate("k-new");

    @Test
    void duringTheActivatingRolloutOldAndNewPodsAcceptEachOthersStepUps() {
        StepUpSigner oldPod = signer(List.of(OLD, NEW), "k-old");
        StepUpSigner newPod = signer(List.of(OLD, NEW), "k-new");
        assertTrue(accepts(oldPod, newPod), "an old pod accepts a new pod's step-up");
        assertTrue(accepts(newPod, oldPod), "a new pod accepts an old pod's step-up");
    }

    @Test
    void aKeyAddedAndActivatedInOneRolloutIsRefusedByTheOldPods() {
        StepUpSigner oldPod = signer(List.of(OLD), "k-old");
        StepUpSigner newPod = signer(List.of(OLD, NEW), "k-new");
        assertFalse(accepts(oldPod, newPod), "the old pod does not know the new key");
        assertTrue(accepts(newPod, oldPod));
    }

    /** {@code verifying} accepts a factor-change step-up {@code signing} issued (as FactorChangeApprovals verifies). */
    private static boolean accepts(StepUpSigner verifying, StepUpSigner signing) {
        String token = signing.sign("user-1", StepUpTokenVerifier.FACTOR_CHANGE, null, List.of("otp")).token();
        return StepUpTokenVerifier.fromJwks(verifying.jwks(), ISSUER, StepUpTokenVerifier.audienceOf(StepUpTokenVerifier.FACTOR_CHANGE),
                Set.of("ES256"), Duration.ofMinutes(5)).verify(token, "user-1", StepUpTokenVerifier.FACTOR_CHANGE).isPresent();
    }

    private static StepUpSigner signer(List<PublicJsonWebKey> keys, String active) {
        List<String> entries = keys.stream().map(k -> Base64.getEncoder().encodeToString(
                k.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE).getBytes(StandardCharsets.UTF_8))).toList();
        MfaConfig.StepUp stepUp = (MfaConfig.StepUp) Proxy.newProxyInstance(StepUpSignerTest.class.getClassLoader(),
                new Class<?>[] { MfaConfig.StepUp.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "issuer" -> ISSUER;
                    case "lifetime" -> Duration.ofMinutes(5);
                    case "signingKeys" -> Optional.of(entries);
                    case "activeKeyId" -> Optional.of(active);
                    case "allowEphemeralKey" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        MfaConfig config = (MfaConfig) Proxy.newProxyInstance(StepUpSignerTest.class.getClassLoader(), new Class<?>[] { MfaConfig.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("stepUp")) {
                        return stepUp;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new StepUpSigner(config);
    }
}
