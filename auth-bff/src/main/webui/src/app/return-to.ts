/**
 * Where to go after sign-in: exactly the BFF's rule (auth-bff `web/ReturnTo.java`), so the landing page never sends
 * `/bff/login` a `returnTo` it refuses. A local path: "/" then printable ASCII without a second "/" or any "\" right
 * after it, no backslash, no "/..", at most 512 characters. The browser test "the landing page keeps a returnTo
 * exactly when the BFF accepts it" holds the two rules together.
 */
const LOCAL_PATH = /^\/(?![/\\])[\x21-\x5B\x5D-\x7E]*$/;

export function localPathOrHome(returnTo: string | null | undefined): string {
  if (!returnTo) {
    return '/';
  }
  return returnTo.length <= 512 && LOCAL_PATH.test(returnTo) && !returnTo.includes('/..') ? returnTo : '/';
}
