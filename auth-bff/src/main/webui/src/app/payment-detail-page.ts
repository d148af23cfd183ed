import { Component, effect, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';

import { Api, ApiError } from './api';
import { DateTimePipe, IbanPipe, MoneyPipe } from './format';
import { Payment } from './models';
import { paymentStatus } from './payment-list';
import { LOADING, Remote, RemoteState, load, valueOf } from './remote';
import { authorisationInWords } from './sca';

/** One payment (/payments/:id): everything that was booked, readable; "not found" for an id that is not the user's. */
@Component({
  selector: 'app-payment-detail',
  imports: [RouterLink, MoneyPipe, IbanPipe, DateTimePipe, RemoteState],
  template: `
    <p><a routerLink="/payments" data-testid="back-to-payments">← All payments</a></p>
    @if (notFound()) {
      <h1>Payment not found</h1>
      <p class="muted" data-testid="payment-not-found">There is no payment with this reference in your accounts.</p>
    } @else {
      <h1>Payment</h1>
      <app-remote-state [remote]="payment()" what="this payment" (retry)="reload()" />
      @if (shown(); as p) {
        <dl class="details" data-testid="payment-detail">
          <dt>Amount</dt><dd data-testid="payment-detail-amount"><strong>{{ p.amount | money: p.currency }}</strong></dd>
          <dt>To</dt><dd data-testid="payment-detail-payee">{{ p.creditor.name }}</dd>
          <dt>IBAN</dt><dd class="mono" data-testid="payment-detail-iban">{{ p.creditor.iban | iban }}</dd>
          <dt>Reference</dt><dd>{{ p.remittance || '—' }}</dd>
          <dt>Status</dt><dd data-testid="payment-detail-status">{{ statusOf(p) }}</dd>
          <dt>Authorised</dt><dd data-testid="payment-detail-sca">{{ authorisation(p) }}</dd>
          <dt>Created</dt><dd><time [attr.datetime]="p.createdAt">{{ p.createdAt | dateTime }}</time></dd>
          <dt>Payment ID</dt><dd class="mono">{{ p.id }}</dd>
        </dl>
      }
    }
  `,
})
export class PaymentDetailPage {
  /** :id of the URL, bound by the router. */
  readonly id = input.required<string>();
  protected readonly payment = signal<Remote<Payment>>(LOADING);
  protected readonly notFound = signal(false);

  constructor(private readonly api: Api) {
    effect(() => {
      this.id();
      untracked(() => void this.reload());
    });
  }

  protected statusOf(p: Payment): string {
    return paymentStatus(p.status);
  }

  protected authorisation(p: Payment): string {
    return authorisationInWords(p.sca);
  }

  protected shown(): Payment | null {
    return valueOf<Payment | null>(this.payment(), null);
  }

  async reload(): Promise<void> {
    const id = this.id();
    this.notFound.set(false);
    this.payment.set(LOADING);
    this.payment.set(await load(async () => {
      try {
        return await this.api.get<Payment>(`/api/payments/${encodeURIComponent(id)}`);
      } catch (e) {
        // Not the user's, no such payment, or not an id at all: all the same to the user.
        if (e instanceof ApiError && (e.problem.status === 404 || e.problem.status === 400)) {
          this.notFound.set(true);
        }
        throw e;
      }
    }));
  }
}
