import { Routes } from '@angular/router';

import { HomePage } from './home-page';
import { PaymentDetailPage } from './payment-detail-page';
import { PayeesPage } from './payees-page';
import { PaymentsPage } from './payments-page';
import { SecurityPage } from './security-page';
import { SessionsPage } from './sessions-page';

/**
 * The app's pages, each with a real URL: bookmarks, reloads and the back button work, and a sign-in returns to the
 * page the user was on. The BFF serves the app's document for these paths (SpaDeepLinks). Pages render only while
 * signed in; signed out, the shell shows the landing page instead.
 */
export const routes: Routes = [
  { path: '', component: HomePage, title: 'Accounts · Bank' },
  { path: 'payments', component: PaymentsPage, title: 'Payments · Bank' },
  { path: 'payments/:id', component: PaymentDetailPage, title: 'Payment · Bank' },
  { path: 'payees', component: PayeesPage, title: 'Trusted payees · Bank' },
  { path: 'security', component: SecurityPage, title: 'Security · Bank' },
  { path: 'sessions', component: SessionsPage, title: 'Sessions · Bank' },
  { path: '**', redirectTo: '' },
];
