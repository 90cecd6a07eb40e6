import { setupServer } from 'msw/node';

/** One msw server for the unit project; each test adds its handlers with server.use(). */
export const server = setupServer();

/** The URL the unit tests' Supabase clients point at; nothing listens there, msw answers. */
export const SUPABASE_URL = 'http://supabase.test';
