import { AfterViewInit, Component, ElementRef, OnDestroy, OnInit, computed, input, linkedSignal, output, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';

import { Api, ApiError, describe } from './api';
import { DemoOutbox } from './demo-outbox';
import { IbanPipe, MoneyPipe } from './format';
import { Factor } from './models';
import { PasskeyError, signWithPasskey } from './webauthn';

/** What a challenge is asked for (POST /bff/mfa/challenges): a purpose, the refused request's key, a factor if chosen. */
export interface Ask {
  purpose?: string;
  idempotencyKey?: string;
  factorId?: string;
}

/** A step-up challenge as mfa-service created it (POST /bff/mfa/challenges), and what it was asked for. */
export interface Challenge {
  challengeId: string;
  factorId: string;
  type: 'passkey' | 'totp' | 'sms';
  attemptsRemaining: number;
  display: { purpose?: string; amount?: string; currency?: string; creditorName?: string; creditorIban?: string };
  /** For a passkey: the options of the browser's prompt (its challenge ends with the hash of what is approved). */
  requestOptions?: Record<string, unknown>;
  ask: Ask;
}

/** A challenge for {@code ask}, with the factor mfa-service prefers (passkey, then app, then text message) unless one is named. */
export async function openChallenge(api: Api, ask: Ask): Promise<Challenge> {
  return { ...(await api.post<Omit<Challenge, 'ask'>>('/bff/mfa/challenges', ask)), ask };
}

/**
 * Asks the BFF for a challenge approving what it refused under {@code idempotencyKey} (a payment by default, or a
 * trusted payee): the challenge to show in the dialog, or, when none can be made, what to tell the user instead.
 */
export async function challengeFor(api: Api, idempotencyKey: string, purpose?: 'beneficiary'): Promise<Challenge | string> {
  try {
    return await openChallenge(api, purpose ? { purpose, idempotencyKey } : { idempotencyKey });
  } catch (e) {
    return e instanceof ApiError && e.is('no-active-factor') ? 'Set up a second factor on the Security page first.' : describe(e);
  }
}

const FACTOR_NAMES: Record<string, string> = { passkey: 'passkey', totp: 'authenticator app', sms: 'text message' };

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
      @if (current().display.amount; as amount) {
        <h2 id="step-up-title">Approve <span data-testid="step-up-amount">{{ amount | money: current().display.currency }}</span>
          to <span data-testid="step-up-payee">{{ current().display.creditorName }}</span></h2>
        <p id="step-up-summary">Account <span class="mono">{{ current().display.creditorIban | iban }}</span>. Only this exact
          payment is approved.</p>
        @if (reason()) {
          <p class="muted" data-testid="step-up-why">{{ reason() }}</p>
        }
      } @else if (current().display.purpose === 'beneficiary') {
        <h2 id="step-up-title">Approve trusting <span data-testid="step-up-payee">{{ current().display.creditorName }}</span></h2>
        <p id="step-up-summary">Account <span class="mono" data-testid="step-up-iban">{{ current().display.creditorIban | iban }}</span>.
          Payments to this payee will need no approval, except for very large amounts.</p>
      } @else {
        <h2 id="step-up-title">{{ title() }}</h2>
        <p id="step-up-summary" data-testid="step-up-reason">{{ reason() }}</p>
      }
      @if (current().type === 'passkey') {
        <form (ngSubmit)="approveWithPasskey()">
          <p class="muted" id="step-up-passkey-hint">Your device asks for your fingerprint, face or screen lock. Your passkey signs
            exactly what is shown here, and works only on this bank's site.</p>
          <p id="step-up-attempts-left" class="muted">Attempts left: <span data-testid="step-up-attempts">{{ attemptsRemaining() ?? current().attemptsRemaining }}</span></p>
          <div class="actions">
            <button type="submit" class="primary" data-testid="step-up-passkey" [disabled]="busy()" autofocus
              aria-describedby="step-up-passkey-hint step-up-message">Approve with passkey</button>
            <button type="button" data-testid="step-up-cancel" (click)="cancelled.emit()">Cancel</button>
          </div>
        </form>
      } @else {
        <form (ngSubmit)="verify()">
          <label for="step-up-code">Code from your {{ current().type === 'totp' ? 'authenticator app' : 'text message' }}</label>
          <input id="step-up-code" name="code" data-testid="step-up-code" [(ngModel)]="code" inputmode="numeric"
            autocomplete="one-time-code" required autofocus aria-describedby="step-up-attempts-left step-up-message" />
          <p id="step-up-attempts-left" class="muted">Attempts left: <span data-testid="step-up-attempts">{{ attemptsRemaining() ?? current().attemptsRemaining }}</span></p>
          <div class="actions">
            <button type="submit" class="primary" data-testid="step-up-verify" [disabled]="busy()">Approve</button>
            <button type="button" data-testid="step-up-cancel" (click)="cancelled.emit()">Cancel</button>
          </div>
        </form>
      }
      @if (otherFactor(); as other) {
        <button type="button" data-testid="step-up-switch" (click)="switchTo(other)" [disabled]="busy()">
          Use your {{ nameOf(other) }} instead</button>
      }
      @if (current().type === 'sms') {
        <app-demo-outbox />
      }
      <p id="step-up-message" class="error" role="alert" data-testid="step-up-message">{{ message() }}</p>
    </dialog>
  `,
})
export class ApprovalDialog implements OnInit, AfterViewInit, OnDestroy {
  readonly challenge = input.required<Challenge>();
  /** The challenge answered now: the one given, or one for another factor the user switched to. */
  protected readonly current = linkedSignal(() => this.challenge());
  private readonly factors = signal<Factor[]>([]);
  /** Another active, unlocked factor to offer ("Use your authenticator app instead"), in NIST's order. */
  protected readonly otherFactor = computed(() => {
    const order = ['passkey', 'totp', 'sms'];
    return this.factors()
      .filter((f) => f.status === 'active' && !f.lockedUntil && f.factorId !== this.current().factorId)
      .sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))[0] ?? null;
  });
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

  ngOnInit(): void {
    // Best effort: without the list the dialog still works, with the factor mfa-service chose.
    this.api.get<Factor[]>('/bff/mfa/factors').then((f) => this.factors.set(f), () => undefined);
  }

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
    await this.answer({ code: this.code.trim() });
    this.code = '';
  }

  /** The browser's passkey prompt signs the challenge; its answer goes to the BFF as it is. */
  async approveWithPasskey(): Promise<void> {
    this.busy.set(true);
    this.message.set('');
    let assertion: Record<string, unknown>;
    try {
      assertion = await signWithPasskey(this.current().requestOptions ?? {});
    } catch (e) {
      const other = this.otherFactor();
      this.message.set(e instanceof PasskeyError
        ? e.message + (other && e.reason !== 'failed' ? ` You can also use your ${this.nameOf(other)}.` : '')
        : describe(e));
      this.busy.set(false);
      return;
    }
    await this.answer({ assertion });
  }

  /** A new challenge for the same approval, with {@code factor}: the one open now simply expires. */
  async switchTo(factor: Factor): Promise<void> {
    this.busy.set(true);
    try {
      this.current.set(await openChallenge(this.api, { ...this.current().ask, factorId: factor.factorId }));
      this.attemptsRemaining.set(null);
      this.message.set('');
    } catch (e) {
      this.message.set(this.explain(e));
    } finally {
      this.busy.set(false);
    }
  }

  protected nameOf(factor: Factor): string {
    return FACTOR_NAMES[factor.type] ?? factor.type;
  }

  private async answer(body: Record<string, unknown>): Promise<void> {
    this.busy.set(true);
    try {
      await this.api.post(`/bff/mfa/challenges/${this.current().challengeId}/verify`, body);
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
    if (e.is('passkey-clone-suspected')) {
      return e.message;
    }
    switch (e.problem.status) {
      case 400: {
        const left = Number(e.problem['attemptsRemaining'] ?? 0);
        this.attemptsRemaining.set(left);
        const what = e.is('passkey-rejected') ? 'Your passkey\'s answer was' : 'That code was';
        return `${what} not accepted. ${left} attempt${left === 1 ? '' : 's'} left.`;
      }
      case 410:
        return 'This approval expired or has no attempts left. Cancel and start again.';
      case 423:
        return `Too many failed attempts. Your factor is locked until ${new Date(String(e.problem['lockedUntil'])).toLocaleTimeString()}.`;
      default:
        return e.message;
    }
  }
}
