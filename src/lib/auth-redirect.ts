// Links from Auth's e-mails (invitation, password recovery, confirmation) land on the SPA with the
// outcome in the URL fragment: `#access_token=…&type=invite` or `#error=…&error_description=…`.
// auth-js turns a good fragment into a session and then clears it, and keeps an error to itself, so
// main.tsx captures the fragment here first, before the Supabase client is created.

export interface AuthRedirect {
  /** invite | recovery | signup | magiclink | email_change, when a session arrived. */
  type: string | null;
  /** error_description, when the link was refused (expired, already used). */
  error: string | null;
  errorCode: string | null;
}

const EMPTY: AuthRedirect = { type: null, error: null, errorCode: null };
const PASSWORD_NEEDED_KEY = 'ledgerline:password-needed';

let captured: AuthRedirect = EMPTY;
let passwordNeededInMemory = false;

export function parseAuthRedirect(href: string): AuthRedirect {
  const url = new URL(href);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const pick = (name: string) => fragment.get(name) ?? url.searchParams.get(name);
  const error = pick('error_description') ?? pick('error');
  const type = fragment.has('access_token') ? fragment.get('type') : null;
  return { type, error, errorCode: pick('error_code') };
}

/** Called once at start-up with window.location.href. */
export function captureAuthRedirect(href: string): AuthRedirect {
  captured = parseAuthRedirect(href);
  // Someone who arrives from an invitation e-mail has an account without a password; they are asked
  // for one before anything else. Kept for the tab, so a reload does not skip the step.
  if (captured.type === 'invite') markPasswordNeeded(true);
  return captured;
}

export function getAuthRedirect(): AuthRedirect {
  return captured;
}

export function markPasswordNeeded(needed: boolean): void {
  passwordNeededInMemory = needed;
  try {
    if (needed) window.sessionStorage.setItem(PASSWORD_NEEDED_KEY, '1');
    else window.sessionStorage.removeItem(PASSWORD_NEEDED_KEY);
  } catch {
    // No storage: the in-memory flag lasts as long as this page.
  }
}

export function isPasswordNeeded(): boolean {
  try {
    return window.sessionStorage.getItem(PASSWORD_NEEDED_KEY) === '1';
  } catch {
    return passwordNeededInMemory;
  }
}
