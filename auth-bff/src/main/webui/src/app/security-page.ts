import { Component, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';

import { Api, ApiError, describe } from './api';
import { ApprovalDialog, Challenge, openChallenge } from './approval-dialog';
import { DemoLetters } from './demo-letters';
import { DemoOutbox } from './demo-outbox';
import { DateTimePipe } from './format';
import { LOADING, Remote, RemoteState, load } from './remote';
import { Factor, SecurityEvent } from './models';
import { PasskeyError, createPasskey, passkeysSupported } from './webauthn';

interface TotpEnrolment {
  factorId: string;
  otpauthUri: string;
  qrCode: string;
}

/** A factor change waiting for the user's approval with an existing factor (DESIGN 5). */
interface PendingChange {
  reason: string;
  retry: () => Promise<void>;
}

const EVENT_NAMES: Record<string, string> = {
  'factor-added': 'Second factor added',
  'factor-removed': 'Second factor removed',
  'factor-locked': 'Second factor locked after wrong codes',
  'passkey-clone-suspected': 'Passkey locked: it may have been copied',
  'sessions-ended': 'Sessions ended',
  'activation-letter-sent': 'Activation letter sent',
  'activation-code-refused': 'A wrong activation code was entered',
  'activation-code-voided': 'Activation code no longer valid',
  'activation-code-used': 'Activation code used',
};

/**
 * Second factors: list, enrol TOTP (QR code and manual key), enrol SMS, confirm, remove; and the account's security
 * events. With an active factor, adding or removing one first asks for an approval with an existing factor, in the
 * same dialog as payments; then the change continues.
 */
@Component({
  selector: 'app-security',
  imports: [FormsModule, ApprovalDialog, DateTimePipe, DemoLetters, DemoOutbox, RemoteState],
  template: `
    <h1>Security</h1>
    <app-remote-state [remote]="loaded()" what="your security settings" (retry)="reload()" />
    <h2>Your second factors</h2>
    <ul class="list" data-testid="mfa-factor-list">
      @for (f of factors(); track f.factorId) {
        <li>
          <span>{{ kindOf(f) }}{{ f.label && f.label !== kindOf(f) ? ' “' + f.label + '”' : '' }}{{ f.phone ? ' · ' + f.phone : '' }}</span>
          <span data-testid="mfa-factor-status">{{ f.status === 'active' ? 'Active' : 'Waiting for confirmation' }}{{ f.lockedUntil ? ' (locked)' : '' }}</span>
          <button type="button" (click)="remove(f)" [attr.aria-label]="'Remove ' + f.label">Remove</button>
        </li>
      } @empty {
        <li class="muted">None yet. Payments to new payees and large payments need one.</li>
      }
    </ul>

    @if (needsActivationCode()) {
      <h2>Your activation code</h2>
      <p class="muted">Your first second factor needs the activation code from the letter we sent you to your home
        address. Nobody else has it, so a stolen password cannot set up a factor in your name.</p>
      <label for="activation-code">Enter the activation code from the letter we sent you</label>
      <input id="activation-code" name="activationCode" data-testid="mfa-activation-code" [(ngModel)]="activationCode"
        autocomplete="off" spellcheck="false" autocapitalize="characters" placeholder="ABCDE-FGHJK" />
      <app-demo-letters />
    }

    <h2>Add a passkey</h2>
    <p class="muted">A passkey approves payments with your fingerprint, face or screen lock. It works only on this bank's
      site, so a fake site cannot use it, and it signs the exact payment you approve.</p>
    @if (passkeys) {
      <form (ngSubmit)="enrolPasskey()">
        <label for="passkey-label">Name for this passkey (e.g. “My phone”)</label>
        <input id="passkey-label" name="passkeyLabel" data-testid="mfa-passkey-label" [(ngModel)]="passkeyLabel" maxlength="64" />
        <button type="submit" class="primary" data-testid="mfa-enroll-passkey">Add a passkey</button>
      </form>
    } @else {
      <p data-testid="mfa-passkey-unsupported">This browser cannot use passkeys. An authenticator app works everywhere.</p>
    }

    <h2>Add an authenticator app</h2>
    <button type="button" class="primary" data-testid="mfa-enroll-totp" (click)="enrolTotp()">Set up authenticator app</button>
    @if (enrolment(); as e) {
      <div class="enrol">
        <img data-testid="mfa-qr" [src]="e.qrCode" alt="QR code to scan with your authenticator app" width="256" height="256" />
        <p>Or enter this key: <code data-testid="mfa-secret">{{ secretOf(e.otpauthUri) }}</code></p>
      </div>
    }

    <h2>Add a phone for text messages</h2>
    <form (ngSubmit)="enrolSms()">
      <label for="phone">Phone number (international format, e.g. +4915112345678)</label>
      <input id="phone" name="phone" type="tel" data-testid="mfa-sms-phone" [(ngModel)]="phone" autocomplete="tel" />
      <button type="submit" data-testid="mfa-enroll-sms">Send confirmation code</button>
    </form>

    @if (pendingFactorId()) {
      <form (ngSubmit)="confirm()">
        <label for="confirm-code">Code to confirm the new factor</label>
        <input id="confirm-code" name="code" data-testid="mfa-confirm-code" [(ngModel)]="code" inputmode="numeric" autocomplete="one-time-code" />
        <button type="submit" class="primary" data-testid="mfa-confirm">Confirm</button>
      </form>
      @if (pendingIsSms()) {
        <app-demo-outbox />
      }
    }
    <p role="alert" data-testid="mfa-message">{{ message() }}</p>

    @if (approval(); as a) {
      <app-approval-dialog [challenge]="a.challenge" title="Approve this change" [reason]="a.change.reason"
        (approved)="approved(a.change)" (cancelled)="cancelApproval()" />
    }

    <h2>Security events</h2>
    <ul class="list" data-testid="security-events">
      @for (e of events(); track $index) {
        <li><span data-testid="security-event-type">{{ eventName(e.type) }}</span><span>{{ e.detail }}</span>
          <time [attr.datetime]="e.occurredAt">{{ e.occurredAt | dateTime }}</time></li>
      } @empty {
        <li class="muted">Nothing yet.</li>
      }
    </ul>
  `,
})
export class SecurityPage implements OnInit {
  protected readonly loaded = signal<Remote<true>>(LOADING);
  protected readonly factors = signal<Factor[]>([]);
  protected readonly events = signal<SecurityEvent[]>([]);
  protected readonly enrolment = signal<TotpEnrolment | null>(null);
  protected readonly pendingFactorId = signal<string | null>(null);
  /** The factor waiting for confirmation is a phone (its code comes by text message). */
  protected readonly pendingIsSms = signal(false);
  protected readonly message = signal('');
  protected readonly approval = signal<{ challenge: Challenge; change: PendingChange } | null>(null);
  protected phone = '';
  protected passkeyLabel = '';
  /** The browser can make passkeys (WebAuthn). */
  protected readonly passkeys = passkeysSupported();
  protected code = '';
  /** The code of the activation letter, asked for the user's first factor only. */
  protected activationCode = '';

  constructor(private readonly api: Api) {}

  async ngOnInit(): Promise<void> {
    await this.reload();
  }

  async enrolTotp(): Promise<void> {
    await this.change('Approve adding a new authenticator app.', async () => {
      const e = await this.api.post<TotpEnrolment>('/bff/mfa/factors/totp', { label: 'Authenticator app', ...this.firstFactorCode() });
      this.enrolment.set(e);
      this.pendingFactorId.set(e.factorId);
      this.pendingIsSms.set(false);
      this.message.set('Scan the code, then enter the 6-digit code your app shows.');
    });
  }

  /**
   * A passkey: mfa-service's options go to the browser's own prompt, its answer back to confirm the factor. A prompt
   * the user closes leaves nothing behind (the pending factor is cancelled).
   */
  async enrolPasskey(): Promise<void> {
    const label = this.passkeyLabel.trim() || 'Passkey';
    await this.change('Approve adding a passkey.', async () => {
      const e = await this.api.post<{ factorId: string; creationOptions: Record<string, unknown> }>('/bff/mfa/factors/passkey',
        { label, ...this.firstFactorCode() });
      this.enrolment.set(null);
      this.pendingFactorId.set(null);
      let credential: Record<string, unknown>;
      try {
        credential = await createPasskey(e.creationOptions);
      } catch (failure) {
        await this.api.delete(`/bff/mfa/factors/${e.factorId}`).catch(() => undefined);
        this.message.set(failure instanceof PasskeyError ? failure.message : describe(failure));
        return;
      }
      await this.api.post(`/bff/mfa/factors/${e.factorId}/confirm`, { credential });
      this.passkeyLabel = '';
      this.activationCode = '';
      this.message.set('Your passkey is active.');
    });
  }

  async enrolSms(): Promise<void> {
    const phoneNumber = this.phone.replace(/[\s()-]/g, '');
    await this.change('Approve adding a phone for text messages.', async () => {
      const e = await this.api.post<{ factorId: string }>('/bff/mfa/factors/sms', { label: 'Phone', phoneNumber, ...this.firstFactorCode() });
      this.enrolment.set(null);
      this.pendingFactorId.set(e.factorId);
      this.pendingIsSms.set(true);
      this.message.set('We sent a code to your phone.');
    });
  }

  async confirm(): Promise<void> {
    await this.attempt(async () => {
      await this.api.post(`/bff/mfa/factors/${this.pendingFactorId()}/confirm`, { code: this.code.trim() });
      this.pendingFactorId.set(null);
      this.enrolment.set(null);
      this.code = '';
      this.message.set('Your new factor is active.');
      this.activationCode = '';
    });
  }

  async remove(f: Factor): Promise<void> {
    await this.change(`Approve removing “${f.label}”.`, async () => {
      await this.api.delete(`/bff/mfa/factors/${f.factorId}`);
      this.message.set('Factor removed.');
    });
  }

  /** The approval is in the session: the change it was asked for continues. */
  async approved(change: PendingChange): Promise<void> {
    this.approval.set(null);
    await this.attempt(change.retry);
  }

  cancelApproval(): void {
    this.approval.set(null);
    this.message.set('Nothing was changed.');
  }

  /** No active factor yet: the next one is the first, and needs the letter's code (DESIGN 5). */
  protected needsActivationCode(): boolean {
    return this.loaded().state === 'ready' && !this.factors().some((f) => f.status === 'active');
  }

  private firstFactorCode(): { activationCode?: string } {
    return this.needsActivationCode() && this.activationCode.trim() ? { activationCode: this.activationCode.trim() } : {};
  }

  protected kindOf(f: Factor): string {
    return f.type === 'passkey' ? 'Passkey' : f.type === 'totp' ? 'Authenticator app' : 'Text message';
  }

  protected eventName(type: string): string {
    return EVENT_NAMES[type] ?? type;
  }

  protected secretOf(uri: string): string {
    return new URL(uri).searchParams.get('secret') ?? '';
  }

  /** A factor change: tried at once, and if mfa-service asks for an approval, the dialog opens with its reason. */
  private async change(reason: string, retry: () => Promise<void>): Promise<void> {
    try {
      await retry();
    } catch (e) {
      if (e instanceof ApiError && e.is('step-up-required')) {
        await this.askApproval({ reason, retry });
        return;
      }
      this.message.set(this.describe(e));
    }
    await this.reload();
  }

  private async askApproval(change: PendingChange): Promise<void> {
    try {
      const challenge = await openChallenge(this.api, { purpose: 'factor-change' });
      this.approval.set({ challenge, change });
    } catch (e) {
      this.message.set(this.describe(e));
    }
  }

  private async attempt(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (e) {
      this.message.set(this.describe(e));
    }
    await this.reload();
  }

  private describe(e: unknown): string {
    if (e instanceof ApiError && e.is('activation-code-required')) {
      return 'Enter the activation code from the letter we sent you. If it does not work, ask us for a new letter.';
    }
    if (e instanceof ApiError && e.is('login-required')) {
      return 'For your first factor, please sign out and sign in again (a sign-in from the last 5 minutes is needed).';
    }
    return describe(e);
  }

  protected async reload(): Promise<void> {
    this.loaded.set(await load(async () => {
      const [factors, events] = await Promise.all([
        this.api.get<Factor[]>('/bff/mfa/factors'),
        this.api.get<SecurityEvent[]>('/bff/mfa/security-events'),
      ]);
      this.factors.set(factors);
      this.events.set(events);
      return true as const;
    }));
  }
}
