import { Component, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';

import { Api, ApiError } from './api';

/** A step-up challenge as mfa-service created it (POST /bff/mfa/challenges). */
export interface Challenge {
  challengeId: string;
  type: 'totp' | 'sms';
  attemptsRemaining: number;
  display: { purpose?: string; amount?: string; currency?: string; creditorName?: string; creditorIban?: string };
}

/**
 * The one approval dialog: a payment shows exactly what is authorised (amount and payee); any other purpose shows its
 * reason ("Approve adding a new authenticator"). It verifies the code and tells the page when the approval is done.
 */
@Component({
  selector: 'app-approval-dialog',
  imports: [FormsModule],
  template: `
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="step-up-title" data-testid="step-up-dialog">
      <h2 id="step-up-title">{{ title() }}</h2>
      @if (challenge().display.amount; as amount) {
        <p>You are authorising <strong data-testid="step-up-amount">{{ amount }} {{ challenge().display.currency }}</strong>
          to <strong data-testid="step-up-payee">{{ challenge().display.creditorName }}</strong> ({{ challenge().display.creditorIban }}).</p>
      } @else {
        <p data-testid="step-up-reason">{{ reason() }}</p>
      }
      <p class="muted">Code from your {{ challenge().type === 'totp' ? 'authenticator app' : 'text message' }}.
        Attempts left: <span data-testid="step-up-attempts">{{ attemptsRemaining() ?? challenge().attemptsRemaining }}</span></p>
      <form (ngSubmit)="verify()">
        <label for="step-up-code">Code</label>
        <input id="step-up-code" name="code" data-testid="step-up-code" [(ngModel)]="code" inputmode="numeric" autocomplete="one-time-code" required />
        <button type="submit" class="primary" data-testid="step-up-verify" [disabled]="busy()">Approve</button>
        <button type="button" data-testid="step-up-cancel" (click)="cancelled.emit()">Cancel</button>
      </form>
      @if (challenge().type === 'sms') {
        <button type="button" data-testid="step-up-outbox" (click)="showOutbox()">Show demo text messages</button>
        @if (outbox()) { <p class="notice mono">{{ outbox() }}</p> }
      }
      <p class="error" role="alert" data-testid="step-up-message">{{ message() }}</p>
    </div>
  `,
})
export class ApprovalDialog {
  readonly challenge = input.required<Challenge>();
  readonly title = input('Approve this payment');
  readonly reason = input('');
  readonly approved = output<void>();
  readonly cancelled = output<void>();
  protected code = '';
  protected readonly busy = signal(false);
  protected readonly message = signal('');
  protected readonly outbox = signal('');
  protected readonly attemptsRemaining = signal<number | null>(null);

  constructor(private readonly api: Api) {}

  async verify(): Promise<void> {
    this.busy.set(true);
    try {
      await this.api.post(`/bff/mfa/challenges/${this.challenge().challengeId}/verify`, { code: this.code.trim() });
      this.code = '';
      this.approved.emit();
    } catch (e) {
      this.message.set(this.describe(e));
    } finally {
      this.busy.set(false);
    }
  }

  async showOutbox(): Promise<void> {
    const messages = await this.api.get<{ text: string }[]>('/bff/mfa/sms-outbox');
    this.outbox.set(messages[0]?.text ?? 'No messages.');
  }

  private describe(e: unknown): string {
    if (!(e instanceof ApiError)) {
      return 'Something went wrong; please try again.';
    }
    switch (e.problem.status) {
      case 400: {
        const left = Number(e.problem['attemptsRemaining'] ?? 0);
        this.attemptsRemaining.set(left);
        return `That code was not accepted. ${left} attempt${left === 1 ? '' : 's'} left.`;
      }
      case 410:
        return 'This approval expired or has no attempts left. Cancel and start again.';
      case 423:
        return `Too many wrong codes. Your factor is locked until ${new Date(String(e.problem['lockedUntil'])).toLocaleTimeString()}.`;
      default:
        return e.message;
    }
  }
}
