export interface User {
  sub: string;
  name?: string;
  email?: string;
  roles: string[];
  session: { handle: string; idleExpiresAt: string; absoluteExpiresAt: string };
  /** The last strong authentication is too old: "Confirm it's you" before account data (PSD2 RTS Art. 10a). */
  loginScaRequired?: boolean;
}

export interface Account {
  iban: string;
  currency: string;
  balance: string;
  name: string;
}

export interface Payment {
  id: string;
  status: string;
  amount: string;
  currency: string;
  creditor: { name: string; iban: string };
  remittance?: string;
  createdAt: string;
  sca?: Authorisation;
}

/** How a payment was authorised (DESIGN 5a): strongly (a step-up) or by an exemption of PSD2's RTS. */
export interface Authorisation {
  method: 'strong' | 'exempt' | 'unknown';
  exemption?: 'own-account' | 'trusted-beneficiary' | 'low-value' | 'below-threshold' | string;
  stepUpJti?: string;
  amr?: string[];
}

/** A payee the customer trusts (RTS Art. 13): payments to it need no approval up to the high-value amount. */
export interface Beneficiary {
  id: string;
  name: string;
  iban: string;
  createdAt: string;
}

export interface Factor {
  factorId: string;
  type: 'passkey' | 'totp' | 'sms';
  label: string;
  status: 'pending' | 'active';
  phone?: string;
  lockedUntil?: string;
}

export interface MySession {
  handle: string;
  createdAt: string;
  lastSeenAt: string;
  uses: number;
  userAgent?: string;
  current: boolean;
}

export interface PaymentForm {
  debtorAccount: string;
  creditor: { name: string; iban: string };
  amount: string;
  currency: string;
  remittance: string;
}

/** Something that changed the account's security, newest first (GET /bff/mfa/security-events). */
export interface SecurityEvent {
  type: 'factor-added' | 'factor-removed' | 'factor-locked' | 'passkey-clone-suspected' | 'sessions-ended' | string;
  occurredAt: string;
  detail?: string;
}
