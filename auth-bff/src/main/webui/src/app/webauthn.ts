/**
 * The browser's passkey prompts (WebAuthn), fed with the JSON options mfa-service made and answering with the JSON the
 * BFF passes on (WebAuthn Level 3: PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON in,
 * RegistrationResponseJSON / AuthenticationResponseJSON out). The app never reads or changes the options: what the
 * passkey signs is the server's choice (for a payment, its hash is in the challenge).
 */

/** Why no passkey answer came, in words for the user. */
export class PasskeyError extends Error {
  constructor(readonly reason: 'unsupported' | 'cancelled' | 'failed', message: string) {
    super(message);
  }
}

type Json = Record<string, unknown>;

/** Whether this browser can use passkeys at all. */
export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;
}

/** Makes a passkey with the browser's own prompt; its RegistrationResponseJSON. */
export async function createPasskey(options: Json): Promise<Json> {
  const publicKey = hasJsonApi() ? PublicKeyCredential.parseCreationOptionsFromJSON(options as never) : creationOptions(options);
  return asJson(await prompt(() => navigator.credentials.create({ publicKey })));
}

/** Signs a challenge with a passkey, with the browser's own prompt; its AuthenticationResponseJSON. */
export async function signWithPasskey(options: Json): Promise<Json> {
  const publicKey = hasJsonApi() ? PublicKeyCredential.parseRequestOptionsFromJSON(options as never) : requestOptions(options);
  return asJson(await prompt(() => navigator.credentials.get({ publicKey })));
}

async function prompt(call: () => Promise<Credential | null>): Promise<PublicKeyCredential> {
  if (!passkeysSupported()) {
    throw new PasskeyError('unsupported', 'This browser cannot use passkeys. Use your authenticator app instead, or another browser.');
  }
  try {
    const credential = await call();
    if (!credential) {
      throw new PasskeyError('cancelled', 'No passkey was used.');
    }
    return credential as PublicKeyCredential;
  } catch (e) {
    if (e instanceof PasskeyError) {
      throw e;
    }
    // NotAllowedError: the user closed the prompt, it timed out, or no matching passkey is on this device.
    if (e instanceof DOMException && e.name === 'NotAllowedError') {
      throw new PasskeyError('cancelled', 'The passkey prompt was closed or timed out. Nothing was approved.');
    }
    if (e instanceof DOMException && e.name === 'InvalidStateError') {
      throw new PasskeyError('failed', 'This device already has a passkey for your account.');
    }
    throw new PasskeyError('failed', 'The passkey could not be used here.');
  }
}

function hasJsonApi(): boolean {
  const api = window.PublicKeyCredential as unknown as Json | undefined;
  return typeof api?.['parseCreationOptionsFromJSON'] === 'function' && typeof api?.['parseRequestOptionsFromJSON'] === 'function';
}

function asJson(credential: PublicKeyCredential): Json {
  if (typeof (credential as unknown as Json)['toJSON'] === 'function') {
    return credential.toJSON() as Json;
  }
  const out: Json = { clientDataJSON: b64(credential.response.clientDataJSON) };
  if (credential.response instanceof AuthenticatorAttestationResponse) {
    out['attestationObject'] = b64(credential.response.attestationObject);
    out['transports'] = credential.response.getTransports?.() ?? [];
  } else {
    const response = credential.response as AuthenticatorAssertionResponse;
    out['authenticatorData'] = b64(response.authenticatorData);
    out['signature'] = b64(response.signature);
    if (response.userHandle) {
      out['userHandle'] = b64(response.userHandle);
    }
  }
  return {
    id: credential.id, rawId: b64(credential.rawId), type: credential.type, response: out,
    clientExtensionResults: credential.getClientExtensionResults(), authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
  };
}

// For browsers without WebAuthn's JSON methods: the base64url fields as bytes.
function creationOptions(o: Json): PublicKeyCredentialCreationOptions {
  const user = o['user'] as Json;
  return {
    ...(o as unknown as PublicKeyCredentialCreationOptions),
    challenge: bytes(o['challenge'] as string),
    user: { ...(user as unknown as PublicKeyCredentialUserEntity), id: bytes(user['id'] as string) },
    excludeCredentials: descriptors(o['excludeCredentials']),
  };
}

function requestOptions(o: Json): PublicKeyCredentialRequestOptions {
  return { ...(o as unknown as PublicKeyCredentialRequestOptions), challenge: bytes(o['challenge'] as string), allowCredentials: descriptors(o['allowCredentials']) };
}

function descriptors(list: unknown): PublicKeyCredentialDescriptor[] {
  return ((list as Json[] | undefined) ?? []).map((d) => ({ ...(d as unknown as PublicKeyCredentialDescriptor), id: bytes(d['id'] as string) }));
}

function bytes(b64url: string): ArrayBuffer {
  const text = atob(b64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(b64url.length / 4) * 4, '='));
  return Uint8Array.from(text, (c) => c.charCodeAt(0)).buffer;
}

function b64(buffer: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
