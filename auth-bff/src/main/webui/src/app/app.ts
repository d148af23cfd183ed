import { Component, OnDestroy, OnInit, effect, signal } from '@angular/core';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { Api, ApiError, describe } from './api';
import { ApprovalDialog, Challenge, openChallenge } from './approval-dialog';
import { User } from './models';
import { Session, SignedOutReason, WARNING_SECONDS } from './session';
import { localPathOrHome } from './return-to';

const REASONS: Record<SignedOutReason, string> = {
  idle: 'You were signed out after a period of inactivity. Please sign in again.',
  limit: 'Your session reached its time limit. Please sign in again.',
  ended: 'Your session has ended. Please sign in again.',
  'signed-out': 'You have signed out.',
};

/**
 * The shell: the landing page when signed out (with why, and a sign-in that returns to the page the user was on);
 * navigation, the page of the URL, sign-out and the session-expiry warning when signed in.
 */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, ApprovalDialog],
  template: `
    @if (loading()) {
      <p class="muted" role="status">Loading…</p>
    } @else if (!session.user()) {
      <main class="landing">
        <h1>Bank</h1>
        <p>Your accounts, payments and security settings.</p>
        @if (reason(); as r) {
          <p class="notice" role="alert" data-testid="signed-out-reason">{{ reasons[r] }}</p>
        }
        <button type="button" class="primary" data-testid="login-button" (click)="login()">Sign in</button>
      </main>
    } @else {
      <header>
        <span class="brand">Bank</span>
        <nav aria-label="Main">
          <a routerLink="/" routerLinkActive="active" ariaCurrentWhenActive="page" [routerLinkActiveOptions]="{ exact: true }" data-testid="nav-home">Home</a>
          <a routerLink="/payments" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-payments">Payments</a>
          <a routerLink="/payees" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-payees">Trusted payees</a>
          <a routerLink="/security" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-security">Security</a>
          <a routerLink="/sessions" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="nav-sessions">Sessions</a>
        </nav>
        <span class="who">{{ session.user()!.name }}</span>
        <button type="button" data-testid="logout-button" (click)="logout()">Sign out</button>
      </header>
      @if (session.secondsLeft() !== null && session.secondsLeft()! <= warningSeconds) {
        <section class="warning" aria-labelledby="expiry-warning-text" data-testid="session-expiry-warning">
          @if (session.endsAtLimit()) {
            <p id="expiry-warning-text" role="alert">Your session reaches its time limit soon; you will then need to sign in again.</p>
          } @else {
            <p id="expiry-warning-text" role="alert">You will be signed out soon because of inactivity.</p>
          }
          <p class="countdown" data-testid="session-seconds-left">{{ session.secondsLeft() }} s left</p>
          @if (!session.endsAtLimit()) {
            <button type="button" class="primary" data-testid="stay-signed-in" (click)="keepalive()">Stay signed in</button>
          }
        </section>
      }
      @if (session.loginScaRequired()) {
        <main class="confirm-login" data-testid="login-sca">
          <h1>Confirm it's you</h1>
          <p>You last confirmed a sign-in with your second factor a long time ago. Before we show your accounts, please
            confirm it's you with your passkey, authenticator app or phone.</p>
          <p role="alert" data-testid="login-sca-message">{{ loginScaMessage() }}</p>
          @if (loginChallenge(); as c) {
            <app-approval-dialog [challenge]="c" title="Confirm it's you" [reason]="loginScaReason"
              (approved)="loginScaDone()" (cancelled)="logout()" />
          } @else {
            <button type="button" class="primary" data-testid="login-sca-start" (click)="startLoginSca()">Confirm it's you</button>
          }
        </main>
      } @else {
        <main>
          <router-outlet />
        </main>
      }
    }
  `,
})
export class App implements OnInit, OnDestroy {
  protected readonly loading = signal(true);
  protected readonly reason = signal<SignedOutReason | null>(null);
  protected readonly reasons = REASONS;
  protected readonly warningSeconds = WARNING_SECONDS;
  /** The sign-in SCA's challenge (purpose login), while its dialog is open. */
  protected readonly loginChallenge = signal<Challenge | null>(null);
  protected readonly loginScaMessage = signal('');
  protected readonly loginScaReason = 'Enter a code from your second factor to confirm this sign-in.';
  /** Where a sign-in from the landing page returns to: the page the user asked for, or was on. */
  private returnTo = '/';
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    protected readonly session: Session,
    private readonly api: Api,
    private readonly router: Router,
  ) {
    // A screen reader hears nothing when a single-page app changes page: focus moves to the new page's heading
    // (not on the first page, where the browser starts at the top anyway).
    let firstPage = true;
    this.router.events.subscribe((e) => {
      if (!(e instanceof NavigationEnd)) {
        return;
      }
      if (firstPage) {
        firstPage = false;
        return;
      }
      setTimeout(() => focusHeading());
    });
    // "Confirm it's you" opens by itself, right after sign-in or when the BFF asks for it.
    effect(() => {
      if (this.session.loginScaRequired() && !this.loginChallenge()) {
        void this.startLoginSca();
      }
    });
    // However the session ended (timers, a 401, another device), the landing page says why.
    effect(() => {
      const reason = this.session.endedBecause();
      if (reason) {
        this.showLanding(reason, this.router.url);
      }
    });
  }

  async ngOnInit(): Promise<void> {
    const asked = new URLSearchParams(window.location.search);
    try {
      this.session.signedIn(await this.api.get<User>('/bff/user'));
    } catch (e) {
      if (!(e instanceof ApiError && e.problem.status === 401)) {
        throw e;
      }
      const path = window.location.pathname;
      const returnTo = path === '/' ? asked.get('returnTo') ?? '/' : path + window.location.search;
      this.showLanding(asReason(asked.get('reason')), returnTo);
    } finally {
      this.loading.set(false);
    }
    this.timer = setInterval(() => this.tick(), 1000);
  }

  ngOnDestroy(): void {
    clearInterval(this.timer);
  }

  login(): void {
    window.location.href = '/bff/login?returnTo=' + encodeURIComponent(this.returnTo);
  }

  async logout(): Promise<void> {
    const { logoutUrl } = await this.api.post<{ logoutUrl: string }>('/bff/logout');
    this.session.end('signed-out');
    window.location.href = logoutUrl + '?reason=signed-out';
  }

  async startLoginSca(): Promise<void> {
    try {
      this.loginChallenge.set(await openChallenge(this.api, { purpose: 'login' }));
      this.loginScaMessage.set('');
    } catch (e) {
      this.loginScaMessage.set(describe(e));
    }
  }

  /** Confirmed: the page the user asked for loads now. */
  loginScaDone(): void {
    this.loginChallenge.set(null);
    this.session.loginScaRequired.set(false);
    void this.router.navigateByUrl(this.router.url);
  }

  /** "Stay signed in": any call slides the idle timer; its answer's header moves the countdown. */
  async keepalive(): Promise<void> {
    try {
      await this.api.post('/bff/session/keepalive');
    } catch {
      // A 401 has already ended the session in Session; anything else: the countdown stays as the server last said.
    }
  }

  private tick(): void {
    this.session.now.set(Date.now());
    if (this.session.secondsLeft() === 0) {
      void this.expire();
    }
  }

  /**
   * The countdown reached zero: the landing page says why, and the session is ended at the server too (and Keycloak's
   * with it), so what the user is told is true. Without this, a session with a second left (the header's whole
   * seconds) could outlive the page that said it had ended, and a sign-in would pass Keycloak's SSO without a password.
   */
  private async expire(): Promise<void> {
    this.session.end(this.session.endsAtLimit() ? 'limit' : 'idle');
    try {
      await this.api.post('/bff/logout');
    } catch {
      // Already over at the server, or unreachable: the cookie is useless either way once the timer has run out.
    }
  }

  private showLanding(reason: SignedOutReason | null, returnTo: string): void {
    this.reason.set(reason);
    this.returnTo = localPathOrHome(returnTo);
    const queryParams: Record<string, string> = {};
    if (reason) {
      queryParams['reason'] = reason;
    }
    if (this.returnTo !== '/') {
      queryParams['returnTo'] = this.returnTo;
    }
    void this.router.navigate(['/'], { queryParams, replaceUrl: true });
  }
}

function focusHeading(): void {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

function asReason(value: string | null): SignedOutReason | null {
  return value && value in REASONS ? (value as SignedOutReason) : null;
}
