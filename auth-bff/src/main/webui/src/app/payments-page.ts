import { Component, OnInit, effect, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';

import { Api, ApiError, describe } from './api';
import { ApprovalDialog, Challenge, challengeFor } from './approval-dialog';
import { canonicalAmount, canonicalIban } from './format';
import { Account, Beneficiary, Payment, PaymentForm } from './models';
import { PaymentList } from './payment-list';
import { LOADING, Remote, RemoteState, load, valueOf } from './remote';
import { payeeHint, scaReasonInWords } from './sca';

/** Payments per history page. */
const PAGE_SIZE = 10;

/**
 * The payment form and the payment history. One Idempotency-Key per submitted payment, reused on every retry of it
 * (also after step-up), so a payment is never booked twice. A payment that needs SCA (DESIGN 5a) opens the approval
 * dialog for exactly that payment, saying why; before sending, the form says whether the payee will need approval. The history is paged by the URL (?page=2), so the back button and bookmarks work.
 */
@Component({
  selector: 'app-payments',
  imports: [FormsModule, RouterLink, ApprovalDialog, PaymentList, RemoteState],
  template: `
    <h1>Payments</h1>
    <h2 id="new-payment">New payment</h2>
    <form (ngSubmit)="submit()" aria-labelledby="new-payment" novalidate>
      <label for="creditor-name">Payee name</label>
      <input id="creditor-name" name="creditorName" data-testid="payment-creditor-name" [(ngModel)]="creditorName" required maxlength="140" autocomplete="off" />
      <label for="creditor-iban">Payee IBAN</label>
      <input id="creditor-iban" name="creditorIban" data-testid="payment-creditor-iban" [(ngModel)]="creditorIban" required autocomplete="off"
        spellcheck="false" autocapitalize="characters" aria-describedby="iban-hint sca-hint" />
      <p id="iban-hint" class="hint">Spaces are fine, e.g. DE89 3704 0044 0532 0130 00.</p>
      <p id="sca-hint" class="hint" data-testid="payment-sca-hint">{{ scaHint() }}</p>
      <label for="amount">Amount ({{ currency() }})</label>
      <input id="amount" name="amount" inputmode="decimal" data-testid="payment-amount" [(ngModel)]="amount" required
        [attr.aria-invalid]="amountError() ? true : null" aria-describedby="amount-error" />
      <p id="amount-error" class="error" data-testid="payment-amount-error">{{ amountError() }}</p>
      <label for="remittance">Reference</label>
      <input id="remittance" name="remittance" data-testid="payment-remittance" [(ngModel)]="remittance" maxlength="140" />
      <button #submitButton type="submit" class="primary" data-testid="payment-submit" [disabled]="busy()">Send payment</button>
    </form>
    <p id="payment-result" data-testid="payment-result" role="status" aria-live="polite">{{ result() }}</p>

    @if (challenge(); as c) {
      <app-approval-dialog [challenge]="c" [reason]="scaReason()" [returnFocus]="submitButton" (approved)="approved()" (cancelled)="cancel()" />
    }

    <h2 id="history">History</h2>
    <app-remote-state [remote]="history()" what="your payments" (retry)="reload()" />
    @if (history().state === 'ready') {
      @if (historyList().length) {
        <app-payment-list [payments]="historyList()" data-testid="payment-list" />
      } @else {
        <p class="muted" data-testid="payment-list-empty">{{ pageIndex() === 0 ? 'No payments yet.' : 'No older payments.' }}</p>
      }
      <nav class="pager" aria-label="Payment history pages">
        @if (pageIndex() > 0) {
          <a [routerLink]="[]" [queryParams]="{ page: pageIndex() > 1 ? pageIndex() : null }" data-testid="history-newer">Newer</a>
        }
        <span class="muted" data-testid="history-page">Page {{ pageIndex() + 1 }}</span>
        @if (hasOlder()) {
          <a [routerLink]="[]" [queryParams]="{ page: pageIndex() + 2 }" data-testid="history-older">Older</a>
        }
      </nav>
    }
  `,
})
export class PaymentsPage implements OnInit {
  /** ?page=N from the URL (1 = newest), bound by the router. */
  readonly page = input<string>();
  protected creditorName = '';
  protected creditorIban = '';
  protected amount = '';
  protected remittance = '';
  protected readonly currency = signal('EUR');
  protected readonly amountError = signal('');
  protected readonly result = signal('');
  protected readonly busy = signal(false);
  protected readonly history = signal<Remote<Payment[]>>(LOADING);
  protected readonly hasOlder = signal(false);
  protected readonly challenge = signal<Challenge | null>(null);
  /** Why the payment being approved needs approval, in words (from the problem's scaReason). */
  protected readonly scaReason = signal('');
  /** Trusted payees and own accounts, for the hint before sending (the server decides; this only tells). */
  private readonly trusted = signal<Beneficiary[]>([]);
  private readonly ownIbans = signal<string[]>([]);
  /** The account payments are sent from (the customer's first), known once the page has loaded it. */
  private debtorAccount: Promise<string> = Promise.resolve('');
  private pending: { key: string; body: PaymentForm } | null = null;

  constructor(private readonly api: Api) {
    // The page of the URL: loaded at first, and again whenever ?page= changes (Older, Newer, back button).
    effect(() => {
      this.pageIndex();
      untracked(() => void this.reload());
    });
  }

  ngOnInit(): void {
    this.loadAccount();
    this.api.get<Beneficiary[]>('/api/beneficiaries').then((b) => this.trusted.set(b), () => this.trusted.set([]));
  }

  /** Before sending: will this payee need an approval, and why (DESIGN 5a), from the trusted payees and own accounts. */
  protected scaHint(): string {
    const iban = canonicalIban(this.creditorIban);
    if (iban.length < 15) {
      return '';
    }
    const trusted = this.trusted().find((b) => b.iban === iban);
    return payeeHint(this.ownIbans().includes(iban) ? 'own' : trusted ? 'trusted' : 'new', trusted?.name);
  }

  private loadAccount(): void {
    this.debtorAccount = this.api.get<Account[]>('/api/accounts').then((accounts) => {
      const [account] = accounts;
      this.ownIbans.set(accounts.map((a) => a.iban));
      this.currency.set(account?.currency ?? 'EUR');
      return account?.iban ?? '';
    }, (e) => {
      this.result.set(describe(e, 'Your account could not be loaded.'));
      return '';
    });
  }

  protected pageIndex(): number {
    const n = Number(this.page() ?? '1');
    return Number.isInteger(n) && n >= 1 ? n - 1 : 0;
  }

  protected historyList(): Payment[] {
    return valueOf(this.history(), []);
  }

  async submit(): Promise<void> {
    const amount = canonicalAmount(this.amount);
    this.amountError.set(amount ? '' : 'Enter an amount such as 12.50, with at most two decimals.');
    if (!amount) {
      return;
    }
    // A quick hand may send before the account has loaded: the payment waits for it (and asks again if it failed).
    if (!(await this.debtorAccount)) {
      this.loadAccount();
    }
    const body: PaymentForm = {
      debtorAccount: await this.debtorAccount,
      creditor: { name: this.creditorName.trim(), iban: canonicalIban(this.creditorIban) },
      amount,
      currency: this.currency(),
      remittance: this.remittance.trim(),
    };
    // The key belongs to this payment: a retry (network error, step-up) sends the same key and body.
    if (!this.pending || JSON.stringify(this.pending.body) !== JSON.stringify(body)) {
      this.pending = { key: crypto.randomUUID(), body };
    }
    await this.send();
  }

  /** The approval is in the session now: send the same payment (same key, same body) again. */
  async approved(): Promise<void> {
    this.challenge.set(null);
    await this.send();
  }

  cancel(): void {
    this.challenge.set(null);
    this.result.set('Payment not sent.');
  }

  async reload(): Promise<void> {
    const page = this.pageIndex();
    this.history.set(LOADING);
    this.history.set(await load(async () => {
      // The list has no total: whether an older page exists is asked as "the one payment right after this page"
      // (with size=1, page N is the payment at offset N).
      const [payments, next] = await Promise.all([
        this.api.get<Payment[]>(`/api/payments?page=${page}&size=${PAGE_SIZE}`),
        this.api.get<Payment[]>(`/api/payments?page=${(page + 1) * PAGE_SIZE}&size=1`),
      ]);
      this.hasOlder.set(next.length > 0);
      return payments;
    }));
  }

  private async send(): Promise<void> {
    const pending = this.pending!;
    this.busy.set(true);
    this.result.set('Sending…');
    try {
      await this.api.post('/api/payments', pending.body, { 'Idempotency-Key': pending.key });
      this.result.set('Booked');
      this.pending = null;
      this.creditorName = this.creditorIban = this.amount = this.remittance = '';
      await this.reload();
    } catch (e) {
      if (e instanceof ApiError && e.is('step-up-required')) {
        this.scaReason.set(scaReasonInWords(e));
        this.result.set(this.scaReason());
        await this.openChallenge(pending.key);
      } else {
        this.result.set(describe(e, 'The payment could not be sent; please try again.'));
      }
    } finally {
      this.busy.set(false);
    }
  }

  private async openChallenge(idempotencyKey: string): Promise<void> {
    const challenge = await challengeFor(this.api, idempotencyKey);
    if (typeof challenge === 'string') {
      this.result.set(challenge);
    } else {
      this.challenge.set(challenge);
    }
  }
}
