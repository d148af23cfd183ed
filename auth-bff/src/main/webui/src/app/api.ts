import { Injectable } from '@angular/core';

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

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The only way the app talks to the server: same-origin calls to /bff and /api with the session cookie. It never sees
 * a token. Unsafe methods carry X-CSRF-Token, read from the __Host-bank-csrf cookie (double submit).
 */
@Injectable({ providedIn: 'root' })
export class Api {
  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.call<T>('POST', path, body, headers);
  }

  delete<T>(path: string): Promise<T> {
    return this.call<T>('DELETE', path);
  }

  private async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const sent: Record<string, string> = { Accept: 'application/json', ...headers };
    if (body !== undefined) {
      sent['Content-Type'] = 'application/json';
    }
    if (UNSAFE.has(method)) {
      sent['X-CSRF-Token'] = csrfToken();
    }
    const response = await fetch(path, {
      method,
      headers: sent,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const text = await response.text();
    const payload = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      throw new ApiError({ status: response.status, ...(payload ?? {}) });
    }
    return payload as T;
  }
}

function csrfToken(): string {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('__Host-bank-csrf='));
  return cookie ? decodeURIComponent(cookie.substring('__Host-bank-csrf='.length)) : '';
}
