import { Injectable } from '@angular/core';

import { Session } from './session';

/** An RFC 9457 problem as the BFF answers it. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }

  is(slug: string): boolean {
    return (this.problem.type ?? '').endsWith('/' + slug);
  }
}

/** No answer at all: the device is offline, or the bank cannot be reached. */
export class NetworkError extends Error {
  constructor(readonly offline: boolean) {
    super(offline ? 'You are offline.' : 'The bank could not be reached.');
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The only way the app talks to the server: same-origin calls to /bff and /api with the session cookie. It never sees
 * a token. Unsafe methods carry X-CSRF-Token, read from the __Host-bank-csrf cookie (double submit). Every answer
 * tells {@link Session} when the session ends; the BFF's 401 "unauthenticated" or "session-expired" that it has ended.
 */
@Injectable({ providedIn: 'root' })
export class Api {
  constructor(private readonly session: Session) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.call<T>('POST', path, body, headers);
  }

  delete<T>(path: string): Promise<T> {
    return this.call<T>('DELETE', path);
  }

  /**
   * One call; a 401 "session-renewed" (this request left with the session id a step-up replaced a moment ago, and did
   * nothing) is sent once more, with the new id the browser holds by then.
   */
  private async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    try {
      return await this.callOnce<T>(method, path, body, headers);
    } catch (e) {
      if (!(e instanceof ApiError && e.problem.status === 401 && e.is('session-renewed'))) {
        throw e;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
      return this.callOnce<T>(method, path, body, headers);
    }
  }

  private async callOnce<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const sent: Record<string, string> = { Accept: 'application/json', ...headers };
    if (body !== undefined) {
      sent['Content-Type'] = 'application/json';
    }
    if (UNSAFE.has(method)) {
      sent['X-CSRF-Token'] = csrfToken();
    }
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers: sent,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new NetworkError(!navigator.onLine);
    }
    this.session.heard(response);
    const text = await response.text();
    const payload = text && (response.headers.get('Content-Type') ?? '').includes('json') ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const error = new ApiError({ status: response.status, ...(payload ?? {}) });
      // Only these two 401s mean the session is gone; others (step-up-required, login-required) ask for more proof.
      if (response.status === 401 && (error.is('unauthenticated') || error.is('session-expired'))) {
        this.session.end('ended');
      }
      if (response.status === 401 && error.is('step-up-required') && error.problem['purpose'] === 'login') {
        this.session.loginScaRequired.set(true);
      }
      throw error;
    }
    return payload as T;
  }
}

/** What to tell the user when a call failed, in words; a problem's own detail where the server gave one. */
export function describe(e: unknown, fallback = 'Something went wrong; please try again.'): string {
  if (e instanceof NetworkError) {
    return e.message + ' Please check your connection and try again.';
  }
  if (e instanceof ApiError) {
    const errors = e.problem['errors'] as { field: string; message: string }[] | undefined;
    return errors?.length ? errors.map((f) => `${f.field}: ${f.message}`).join('; ') : e.message;
  }
  return fallback;
}

function csrfToken(): string {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('__Host-bank-csrf='));
  return cookie ? decodeURIComponent(cookie.substring('__Host-bank-csrf='.length)) : '';
}
