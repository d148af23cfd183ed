import { Injectable, computed, signal } from '@angular/core';

import { User } from './models';

/** Why the app shows the landing page to someone who was signed in. */
export type SignedOutReason = 'idle' | 'limit' | 'ended' | 'signed-out';

/** The response header the BFF sends on every /bff and /api answer of a live session (see SessionExpiryHeader). */
export const EXPIRY_HEADER = 'Bank-Session-Expires-In';

/** How long before the session ends the app warns: a minute, enough to notice and press "Stay signed in". */
export const WARNING_SECONDS = 60;

/**
 * The signed-in user and when their session ends, as the server last said. Every /bff and /api answer carries the
 * remaining seconds (idle and absolute), so the countdown follows API calls (which slide the idle timer in
 * session-service) as well as "Stay signed in". Seconds, not instants: the browser's clock may be wrong.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  readonly user = signal<User | null>(null);
  /** Account data waits for "Confirm it's you" (sign-in SCA, DESIGN 5a): at sign-in, or when the BFF says so. */
  readonly loginScaRequired = signal(false);
  /** Local clock (ms) when the idle timer runs out, and when the session reaches its absolute limit. */
  private readonly idleDeadline = signal(0);
  private readonly absoluteDeadline = signal(0);
  /** Ticks once a second while signed in (App drives it); only the countdown reads it. */
  readonly now = signal(Date.now());

  /** Seconds until the session ends, whichever timer comes first; null while signed out. */
  readonly secondsLeft = computed(() => {
    if (!this.user()) {
      return null;
    }
    const end = Math.min(this.idleDeadline(), this.absoluteDeadline());
    return Math.max(0, Math.ceil((end - this.now()) / 1000));
  });

  /** True when the absolute limit, which "Stay signed in" cannot move, ends the session first. */
  readonly endsAtLimit = computed(() => this.absoluteDeadline() <= this.idleDeadline());

  /** Other tabs of the app share one session: what one hears, all know (so an active tab keeps the others' timers true). */
  private readonly tabs = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('bank-session-expiry');

  constructor() {
    this.tabs?.addEventListener('message', (e: MessageEvent<{ idle: number; absolute: number }>) => this.deadlines(e.data));
  }

  /** Reads the expiry header of an answer; an answer without it changes nothing. */
  heard(response: Response): void {
    const header = response.headers.get(EXPIRY_HEADER);
    if (!header) {
      return;
    }
    const seconds = parseDictionary(header);
    const received = Date.now();
    const deadlines = {
      idle: seconds['idle'] === undefined ? this.idleDeadline() : received + seconds['idle'] * 1000,
      absolute: seconds['absolute'] === undefined ? this.absoluteDeadline() : received + seconds['absolute'] * 1000,
    };
    this.deadlines(deadlines);
    this.tabs?.postMessage(deadlines);
  }

  private deadlines({ idle, absolute }: { idle: number; absolute: number }): void {
    this.idleDeadline.set(idle);
    this.absoluteDeadline.set(absolute);
    this.now.set(Date.now());
  }

  /** Set when a signed-in session ends (the app then shows the landing page with the reason). */
  readonly endedBecause = signal<SignedOutReason | null>(null);

  signedIn(user: User): void {
    this.endedBecause.set(null);
    this.user.set(user);
    this.loginScaRequired.set(!!user.loginScaRequired);
  }

  /** The session is over: by the timers, by the server (a 401), or by the user signing out. */
  end(reason: SignedOutReason): void {
    if (this.user()) {
      this.user.set(null);
      this.endedBecause.set(reason);
    }
  }
}

/** "idle=287, absolute=1703" (an RFC 8941 dictionary of integers) to { idle: 287, absolute: 1703 }. */
function parseDictionary(header: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const member of header.split(',')) {
    const [key, value] = member.trim().split('=');
    const n = Number(value);
    if (key && Number.isInteger(n) && n >= 0) {
      result[key] = n;
    }
  }
  return result;
}
