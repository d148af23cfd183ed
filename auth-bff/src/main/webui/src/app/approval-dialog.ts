import { AfterViewInit, Component, ElementRef, OnDestroy, input, output, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';

import { Api, ApiError, describe } from './api';
import { DemoOutbox } from './demo-outbox';
import { IbanPipe, MoneyPipe } from './format';

/** A step-up challenge as mfa-service created it (POST /bff/mfa/challenges). */
export interface Challenge {
  challengeId: string;
  type: 'totp' | 'sms';
  attemptsRemaining: number;
  display: { purpose?: string; amount?: string; currency?: string; creditorName?: string; creditorIban?: string };
}

/**
 * Asks the BFF for a challenge approving what it refused under {@code idempotencyKey} (a payment by default, or a
 * trusted payee): the challenge to show in the dialog, or, when none can be made, what to tell the user instead.
 */
export async function challengeFor(api: Api, idempotencyKey: string, purpose?: 'beneficiary'): Promise<Challenge | string> {
  try {
    return await api.post<Challenge>('/bff/mfa/challenges', purpose ? { purpose, idempotencyKey } : { idempotencyKey });
  } catch (e) {
    return e instanceof ApiError && e.is('no-active-factor') ? 'Set up a second factor on the Security page first.' : describe(e);
  }
}

/**
 * The one approval dialog, a native modal {@code <dialog>}: the page behind is inert (no clicks, no focus) under a
 * backdrop, focus starts in the code field and returns to the control that opened it, Esc cancels. Its name is what
 * is authorised: for a payment the amount and payee ("Approve €15,000.00 to Car Dealer", with why it needs approval),
 * for a trusted payee its name ("Approve trusting Car Dealer"), for anything else the title with its reason. It verifies the code and tells the page when the approval is done.
 */
@Component({
  selector: 'app-approval-dialog',
  imports: [FormsModule, MoneyPipe, IbanPipe, DemoOutbox],
  template: `
    <dialog #dialog class="dialog" aria-labelledby="step-up-title" aria-describedby="step-up-summary" data-testid="step-up-dialog"
      (cancel)="$event.preventDefault(); cancelled.emit()">
      @if (challenge().display.amount; as amount) {
        <h2 id="step-up-title">Approve <span data-testid="step-up-amount">{{ amount | money: challenge().display.currency }}</span>
          to <span data-testid="step-up-payee">{{ challenge().display.creditorName }}</span></h2>
        <p id="step-up-summary">Account <span class="mono">{{ challenge().display.creditorIban | iban }}</span>. Only this exact
          payment is approved.</p>
        @if (reason()) {
          <p class="muted" data-testid="step-up-why">{{ reason() }}</p>
        }
      } @else if (challenge().display.purpose === 'beneficiary') {
        <h2 id="step-up-title">Approve trusting <span data-testid="step-up-payee">{{ challenge().display.creditorName }}</span></h2>
        <p id="step-up-summary">Account <span class="mono" data-testid="step-up-iban">{{ challenge().display.creditorIban | iban }}</span>.
          Payments to this payee will need no approval, except for very large amounts.</p>
      } @else {
        <h2 id="step-up-title">{{ title() }}</h2>
        <p id="step-up-summary" data-testid="step-up-reason">{{ reason() }}</p>
      }
      <form (ngSubmit)="verify()">
        <label for="step-up-code">Code from your {{ challenge().type === 'totp' ? 'authenticator app' : 'text message' }}</label>
        <input id="step-up-code" name="code" data-testid="step-up-code" [(ngModel)]="code" inputmode="numeric"
          autocomplete="one-time-code" required autofocus aria-describedby="step-up-attempts-left step-up-message" />
        <p id="step-up-attempts-left" class="muted">Attempts left: <span data-testid="step-up-attempts">{{ attemptsRemaining() ?? challenge().attemptsRemaining }}</span></p>
        <div class="actions">
          <button type="submit" class="primary" data-testid="step-up-verify" [disabled]="busy()">Approve</button>
          <button type="button" data-testid="step-up-cancel" (click)="cancelled.emit()">Cancel</button>
        </div>
      </form>
      @if (challenge().type === 'sms') {
        <app-demo-outbox />
      }
      <p id="step-up-message" class="error" role="alert" data-testid="step-up-message">{{ message() }}</p>
    </dialog>
  `,
})
export class ApprovalDialog implements AfterViewInit, OnDestroy {
  readonly challenge = input.required<Challenge>();
  readonly title = input('Approve this payment');
  readonly reason = input('');
  /** Where focus goes when the dialog closes; by default whatever had it when the dialog opened. */
  readonly returnFocus = input<HTMLElement | null>(null);
  readonly approved = output<void>();
  readonly cancelled = output<void>();
  protected code = '';
  protected readonly busy = signal(false);
  protected readonly message = signal('');
  protected readonly attemptsRemaining = signal<number | null>(null);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body
    ? document.activeElement : null;

  constructor(private readonly api: Api) {}

  ngAfterViewInit(): void {
    this.dialog().nativeElement.showModal();
  }

  ngOnDestroy(): void {
    this.dialog().nativeElement.close();
    const target = this.returnFocus() ?? this.opener;
    if (target?.isConnected) {
      target.focus();
    }
  }

  async verify(): Promise<void> {
    this.busy.set(true);
    try {
      await this.api.post(`/bff/mfa/challenges/${this.challenge().challengeId}/verify`, { code: this.code.trim() });
      this.code = '';
      this.approved.emit();
    } catch (e) {
      this.message.set(this.explain(e));
    } finally {
      this.busy.set(false);
    }
  }

  private explain(e: unknown): string {
    if (!(e instanceof ApiError)) {
      return describe(e);
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
