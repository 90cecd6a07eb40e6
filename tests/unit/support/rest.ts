// Answers in PostgREST's shape for the unit tests' msw handlers, and a signed-in user's base data
// (their memberships and profile), which every page inside the app shell loads.
import { http, HttpResponse } from 'msw';
import type { Database } from '@/lib/database.types.ts';
import { server } from './msw.ts';
import { mockRealtime } from './realtime.ts';

type Organization = Database['public']['Tables']['organizations']['Row'];
type Role = Database['public']['Enums']['app_role'];

export const USER_ID = '2f6c1a52-6a41-4b8e-9d0e-1f3b7c9a5e01';

export function organization(id: string, name: string, slug: string, extra: Partial<Organization> = {}): Organization {
  return {
    id,
    name,
    slug,
    base_currency: 'USD',
    fiscal_year_start_month: 1,
    time_zone: 'America/New_York',
    locale: 'en-US',
    business_hours: {},
    holidays: [],
    settings: { allow_negative_stock: false },
    created_by: null,
    created_at: '2026-01-05T10:00:00Z',
    updated_at: '2026-01-05T10:00:00Z',
    ...extra,
  };
}

export const NORTHWIND = organization('aaaaaaaa-0000-4000-8000-000000000001', 'Northwind Traders', 'northwind');
export const GLOBEX = organization('bbbbbbbb-0000-4000-8000-000000000001', 'Globex Corporation', 'globex', {
  base_currency: 'EUR',
  time_zone: 'Europe/Berlin',
  locale: 'de-DE',
});

/** A page of rows with the Content-Range header PostgREST sends (with the total when counted). */
export function pgRows(rows: unknown[], { offset = 0, total }: { offset?: number; total?: number } = {}) {
  const range = rows.length === 0 ? '*' : `${offset}-${offset + rows.length - 1}`;
  return HttpResponse.json(rows, { headers: { 'Content-Range': `${range}/${total ?? '*'}` } });
}

/** A PostgREST error body and status. */
export function pgError(
  status: number,
  error: { code: string; message: string; details?: string | null; hint?: string | null },
) {
  return HttpResponse.json({ details: null, hint: null, ...error }, { status });
}

export interface RecordedRequest {
  method: string;
  url: URL;
  body: unknown;
  headers: Headers;
}

export interface SignedInOptions {
  memberships: { organization: Organization; role: Role }[];
  defaultOrgId?: string | null;
  email?: string;
  fullName?: string | null;
}

/**
 * The requests every signed-in page makes: the user's own memberships (with organisations) and
 * profile, and profile updates (the current organisation is remembered there). Returns the requests
 * seen, for assertions.
 */
export function mockSignedInUser({
  memberships,
  defaultOrgId = null,
  email = 'linus@example.com',
  fullName = 'Linus Torvalds',
}: SignedInOptions) {
  const requests: RecordedRequest[] = [];
  const profile = {
    id: USER_ID,
    email,
    full_name: fullName,
    avatar_path: null,
    default_org_id: defaultOrgId,
    created_at: '2026-01-05T10:00:00Z',
    updated_at: '2026-01-05T10:00:00Z',
  };
  server.use(
    http.get('*/rest/v1/memberships', ({ request }) => {
      const url = new URL(request.url);
      if (url.searchParams.get('user_id') !== `eq.${USER_ID}`) return undefined;
      requests.push({ method: 'GET', url, body: null, headers: request.headers });
      return pgRows(memberships);
    }),
    http.get('*/rest/v1/profiles', ({ request }) => {
      const url = new URL(request.url);
      if (url.searchParams.get('id') !== `eq.${USER_ID}`) return undefined;
      requests.push({ method: 'GET', url, body: null, headers: request.headers });
      return pgRows([profile]);
    }),
    http.patch('*/rest/v1/profiles', async ({ request }) => {
      const url = new URL(request.url);
      const body = (await request.json()) as Record<string, unknown>;
      requests.push({ method: 'PATCH', url, body, headers: request.headers });
      Object.assign(profile, body);
      return new HttpResponse(null, { status: 204 });
    }),
    // The shell's notification bell: nothing unread unless a test says otherwise.
    http.head('*/rest/v1/notifications', () => new HttpResponse(null, { headers: { 'Content-Range': '*/0' } })),
    http.get('*/rest/v1/notifications', () => pgRows([])),
  );
  // Channels (the bell's, a board's) join a stand-in Realtime server instead of failing to connect.
  const realtime = mockRealtime();
  return { requests, profile, realtime };
}
