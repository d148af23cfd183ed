import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';

import { routes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // Route parameters (/payments/:id) and query parameters (?page=2) arrive as component inputs.
    provideRouter(routes, withComponentInputBinding()),
  ],
};
