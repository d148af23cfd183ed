export interface User {
  sub: string;
  name?: string;
  email?: string;
  roles: string[];
  session: { handle: string; idleExpiresAt: string; absoluteExpiresAt: string };
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
}

export interface Factor {
  factorId: string;
  type: 'totp' | 'sms';
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
  type: 'factor-added' | 'factor-removed' | 'factor-locked' | 'sessions-ended' | string;
  occurredAt: string;
  detail?: string;
}
