import { Component, OnInit, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';

import { Api, ApiError } from './api';
import { ApprovalDialog, Challenge } from './approval-dialog';
import { Account, Payment, PaymentForm } from './models';


/**
 * The payment form. One Idempotency-Key per submitted form, reused on every retry of it (also after step-up), so a
 * payment is never booked twice. A large payment opens the step-up dialog for exactly that payment.
 */
@Component({
  selector: 'app-payments',
  imports: [FormsModule, ApprovalDialog],
  template: `
    <h1>New payment</h1>
    <form (ngSubmit)="submit()" aria-describedby="payment-result">
      <label for="creditor-name">Payee name</label>
      <input id="creditor-name" name="creditorName" data-testid="payment-creditor-name" [(ngModel)]="form.creditor.name" required maxlength="140" autocomplete="off" />
      <label for="creditor-iban">Payee IBAN</label>
      <input id="creditor-iban" name="creditorIban" data-testid="payment-creditor-iban" [(ngModel)]="form.creditor.iban" required autocomplete="off" />
      <label for="amount">Amount ({{ form.currency }})</label>
      <input id="amount" name="amount" inputmode="decimal" data-testid="payment-amount" [(ngModel)]="form.amount" required />
      <label for="remittance">Reference</label>
      <input id="remittance" name="remittance" data-testid="payment-remittance" [(ngModel)]="form.remittance" maxlength="140" />
      <button type="submit" class="primary" data-testid="payment-submit" [disabled]="busy()">Send payment</button>
    </form>
    <p id="payment-result" data-testid="payment-result" role="status" aria-live="polite">{{ result() }}</p>

    @if (challenge(); as c) {
      <app-approval-dialog [challenge]="c" (approved)="approved()" (cancelled)="cancel()" />
    }

    <h2>Payments</h2>
    <ul class="list" data-testid="payment-list">
      @for (p of payments(); track p.id) {
        <li><span>{{ p.creditor.name }}</span><span class="mono">{{ p.creditor.iban }}</span><span>{{ p.amount }} {{ p.currency }}</span><span>{{ p.status }}</span></li>
      } @empty {
        <li class="muted">No payments yet.</li>
      }
    </ul>
  `,
})
export class PaymentsPage implements OnInit {
  readonly activity = output<void>();
  protected form: PaymentForm = blankForm('');
  protected readonly result = signal('');
  protected readonly busy = signal(false);
  protected readonly payments = signal<Payment[]>([]);
  protected readonly challenge = signal<Challenge | null>(null);
  private pending: { key: string; body: PaymentForm } | null = null;

  constructor(private readonly api: Api) {}

  async ngOnInit(): Promise<void> {
    const [account] = await this.api.get<Account[]>('/api/accounts');
    // Fill in only what the account decides: anything the user typed meanwhile stays.
    this.form.debtorAccount = account?.iban ?? '';
    this.form.currency = account?.currency ?? 'EUR';
    await this.reload();
  }

  async submit(): Promise<void> {
    // The key belongs to this submitted form: a retry (network error, step-up) sends the same key and body.
    if (!this.pending || JSON.stringify(this.pending.body) !== JSON.stringify(this.form)) {
      this.pending = { key: crypto.randomUUID(), body: structuredClone(this.form) };
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

  private async send(): Promise<void> {
    const pending = this.pending!;
    this.busy.set(true);
    this.result.set('Sending…');
    try {
      await this.api.post('/api/payments', pending.body, { 'Idempotency-Key': pending.key });
      this.result.set('Booked');
      this.pending = null;
      this.form = blankForm(pending.body.debtorAccount);
      this.form.currency = pending.body.currency;
      await this.reload();
    } catch (e) {
      if (e instanceof ApiError && e.is('step-up-required')) {
        this.result.set('This payment needs your approval.');
        await this.openChallenge(pending.key);
      } else {
        this.result.set(describe(e));
      }
    } finally {
      this.busy.set(false);
      this.activity.emit();
    }
  }

  private async openChallenge(idempotencyKey: string): Promise<void> {
    try {
      this.challenge.set(await this.api.post<Challenge>('/bff/mfa/challenges', { idempotencyKey }));
    } catch (e) {
      this.result.set(e instanceof ApiError && e.is('no-active-factor')
        ? 'Set up a second factor on the Security page first.' : describe(e));
    }
  }

  private async reload(): Promise<void> {
    this.payments.set(await this.api.get<Payment[]>('/api/payments'));
  }
}

function blankForm(debtorAccount: string): PaymentForm {
  return { debtorAccount, creditor: { name: '', iban: '' }, amount: '', currency: 'EUR', remittance: '' };
}

function describe(e: unknown): string {
  if (e instanceof ApiError) {
    const errors = e.problem['errors'] as { field: string; message: string }[] | undefined;
    return errors?.length ? errors.map((f) => `${f.field}: ${f.message}`).join('; ') : e.message;
  }
  return 'The payment could not be sent; please try again.';
}
