import { Component, OnDestroy, input, output } from '@angular/core';

import { NetworkError, describe } from './api';

/** Data the page is waiting for: loading, there, failed with a reason, or not reachable because the device is offline. */
export type Remote<T> =
  | { state: 'loading' }
  | { state: 'ready'; value: T }
  | { state: 'error'; message: string }
  | { state: 'offline' };

export const LOADING: Remote<never> = { state: 'loading' };

/** The data if it is there, else the fallback (an empty list for a page still loading or failed). */
export function valueOf<T>(remote: Remote<T>, fallback: T): T {
  return remote.state === 'ready' ? remote.value : fallback;
}

/** Runs a read and reports its outcome as a {@link Remote}; it never throws. */
export async function load<T>(read: () => Promise<T>): Promise<Remote<T>> {
  try {
    return { state: 'ready', value: await read() };
  } catch (e) {
    if (e instanceof NetworkError && e.offline) {
      return { state: 'offline' };
    }
    return { state: 'error', message: describe(e, 'This could not be loaded.') };
  }
}

/**
 * What a page shows instead of its data while it loads, when loading failed, or while offline; with a way to try again
 * (and, offline, an automatic retry as soon as the connection is back). Nothing once the data is there.
 */
@Component({
  selector: 'app-remote-state',
  template: `
    @switch (remote().state) {
      @case ('loading') {
        <p class="state muted" role="status" data-testid="state-loading">Loading {{ what() }}…</p>
      }
      @case ('offline') {
        <div class="state notice" role="alert" data-testid="state-offline">
          <p>You are offline, so {{ what() }} cannot be shown. We will try again when you are back online.</p>
          <button type="button" (click)="retry.emit()">Try again</button>
        </div>
      }
      @case ('error') {
        <div class="state error-box" role="alert" data-testid="state-error">
          <p>{{ errorMessage() }}</p>
          <button type="button" (click)="retry.emit()">Try again</button>
        </div>
      }
    }
  `,
})
export class RemoteState implements OnDestroy {
  readonly remote = input.required<Remote<unknown>>();
  /** Names the data in the messages: "your payments". */
  readonly what = input('this page');
  readonly retry = output<void>();
  private readonly online = () => {
    if (this.remote().state === 'offline') {
      this.retry.emit();
    }
  };

  constructor() {
    window.addEventListener('online', this.online);
  }

  ngOnDestroy(): void {
    window.removeEventListener('online', this.online);
  }

  protected errorMessage(): string {
    const r = this.remote();
    return r.state === 'error' ? r.message : '';
  }
}
