// Setup for the unit project (jsdom). Testing Library's auto-cleanup needs vitest globals, which this
// project does not enable, so cleanup is registered here. Unhandled requests fail the test: every call
// a component makes must be one the test expects.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { cleanup } from '@testing-library/react';
import { server } from './support/msw.ts';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());
