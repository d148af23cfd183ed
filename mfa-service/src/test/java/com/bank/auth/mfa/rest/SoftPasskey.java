package com.bank.auth.mfa.rest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;

/**
 * A passkey authenticator in software, as a browser and a platform authenticator together answer
 * {@code navigator.credentials.create} and {@code .get}: a P-256 key, authenticator data built byte by byte (WebAuthn
 * L3 6.1), a "none" attestation, ES256 signatures. What it puts in each answer is the test's to choose (origin, RP id,
 * flags, sign count), so each check of the service can be shown to refuse what it must.
 */
final class SoftPasskey {

    static final byte UP = 0x01;
    static final byte UV = 0x04;
    static final byte BE = 0x08;
    static final byte BS = 0x10;
    private static final byte AT = 0x40;

    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];
    private final byte[] userHandle;
    private long signCount;

    /** {@code userHandle}: base64url, as the creation options name the user. */
    SoftPasskey(String userHandle) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        new SecureRandom().nextBytes(credentialId);
        this.userHandle = Base64.getUrlDecoder().decode(userHandle);
    }

    String credentialId() {
        return b64(credentialId);
    }

    /** What the next assertion reports as its sign count (a clone would report an old one). */
    void signCount(long count) {
        signCount = count;
    }

    /** A {@code RegistrationResponseJSON} for {@code challenge} (base64url) from {@code origin}, for {@code rpId}. */
    Map<String, Object> register(String challenge, String origin, String rpId, byte flags) throws Exception {
        byte[] clientData = clientData("webauthn.create", challenge, origin);
        byte[] cose = new ObjectConverter().getCborConverter().writeValueAsBytes(
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        ByteArrayOutputStream authData = new ByteArrayOutputStream();
        authData.write(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
        authData.write(flags | AT);
        authData.write(ByteBuffer.allocate(4).putInt((int) signCount).array());
        authData.write(new byte[16]); // AAGUID: zeros, as most passkey providers report
        authData.write(ByteBuffer.allocate(2).putShort((short) credentialId.length).array());
        authData.write(credentialId);
        authData.write(cose);
        Map<String, Object> attestation = new LinkedHashMap<>();
        attestation.put("fmt", "none");
        attestation.put("attStmt", Map.of());
        attestation.put("authData", authData.toByteArray());
        byte[] attestationObject = new ObjectConverter().getCborConverter().writeValueAsBytes(attestation);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", b64(clientData));
        response.put("attestationObject", b64(attestationObject));
        response.put("transports", List.of("internal", "hybrid"));
        return credential(response);
    }

    /** A {@code RegistrationResponseJSON} as a browser gives it for these options, from the origin the service expects. */
    Map<String, Object> register(String challenge) throws Exception {
        return register(challenge, PasskeyTest.ORIGIN, PasskeyTest.RP_ID, (byte) (UP | UV));
    }

    /** An {@code AuthenticationResponseJSON} signing {@code challenge} (base64url); the sign count moves on by one. */
    Map<String, Object> assertion(String challenge, String origin, String rpId, byte flags) throws Exception {
        signCount++;
        byte[] clientData = clientData("webauthn.get", challenge, origin);
        ByteArrayOutputStream authData = new ByteArrayOutputStream();
        authData.write(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
        authData.write(flags);
        authData.write(ByteBuffer.allocate(4).putInt((int) signCount).array());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(authData.toByteArray());
        signer.update(sha256(clientData));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", b64(clientData));
        response.put("authenticatorData", b64(authData.toByteArray()));
        response.put("signature", b64(signer.sign()));
        response.put("userHandle", b64(userHandle));
        return credential(response);
    }

    Map<String, Object> assertion(String challenge) throws Exception {
        return assertion(challenge, PasskeyTest.ORIGIN, PasskeyTest.RP_ID, (byte) (UP | UV));
    }

    private Map<String, Object> credential(Map<String, Object> response) {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("id", b64(credentialId));
        credential.put("rawId", b64(credentialId));
        credential.put("type", "public-key");
        credential.put("response", response);
        credential.put("clientExtensionResults", Map.of());
        credential.put("authenticatorAttachment", "platform");
        return credential;
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin + "\",\"crossOrigin\":false}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
