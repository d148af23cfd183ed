import { ApiError } from './api';
import { formatMoney } from './format';
import { Authorisation } from './models';

/*
 * What the SCA policy (DESIGN 5a) means for the customer, in words: why a payment needs approval (the step-up-required
 * problem's scaReason, after the fact), whether it will (from the trusted payees and own accounts, before it), and how
 * a booked payment was authorised. The policy itself lives in payments-service only; the app never decides.
 */

/** Why payments-service asks for approval, from its step-up-required problem. */
export function scaReasonInWords(e: ApiError): string {
  const p = e.problem;
  const currency = String(p['currency'] ?? 'EUR');
  switch (p['scaReason']) {
    case 'high-value':
      return `Payments above ${formatMoney(String(p['scaLimit']), currency)} need your approval.`;
    case 'new-payee':
      return 'Payments to a new payee need your approval.';
    case 'cumulative-limit': {
      const n = Number(p['exemptPaymentsSinceSca'] ?? 0);
      return n > 0 ? `You have made ${n} small payment${n === 1 ? '' : 's'} without approval.`
        : 'Small payments without approval have reached their limit.';
    }
    case 'unconfigured-currency':
      return `Payments in ${currency} always need your approval.`;
    default:
      return 'This payment needs your approval.';
  }
}

/** Before sending: what the app can tell from the payee alone. */
export function payeeHint(kind: 'own' | 'trusted' | 'new' | null, payeeName?: string): string {
  switch (kind) {
    case 'own':
      return 'Between your own accounts: no approval needed, except for very large amounts.';
    case 'trusted':
      return `${payeeName ?? 'This payee'} is a trusted payee: no approval needed, except for very large amounts.`;
    case 'new':
      return 'Payments to a new payee need your approval, except a few small ones. Trust the payee to pay without approval.';
    default:
      return '';
  }
}

/** How a booked payment was authorised, for its detail page. */
export function authorisationInWords(sca: Authorisation | undefined): string {
  if (!sca || sca.method === 'unknown') {
    return 'Not recorded (made before approvals were recorded)';
  }
  if (sca.method === 'strong') {
    if (sca.amr?.includes('hwk') || sca.amr?.includes('swk')) {
      return 'Approved with your passkey';
    }
    return sca.amr?.includes('sms') ? 'Approved with a text message' : 'Approved with your authenticator app';
  }
  switch (sca.exemption) {
    case 'trusted-beneficiary':
      return 'No approval needed: trusted payee';
    case 'own-account':
      return 'No approval needed: between your own accounts';
    case 'low-value':
      return 'No approval needed: small payment';
    case 'below-threshold':
      return 'No approval needed: below the approval amount';
    default:
      return 'No approval needed';
  }
}
