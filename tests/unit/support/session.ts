const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A session in GoTrue's token-response shape. The JWT is unsigned: no unit test verifies it. */
export function fakeSession(email: string, userId = '2f6c1a52-6a41-4b8e-9d0e-1f3b7c9a5e01') {
  const now = Math.floor(Date.now() / 1000);
  const accessToken = [
    b64url({ alg: 'HS256', typ: 'JWT' }),
    b64url({ sub: userId, email, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 3600 }),
    'unsigned',
  ].join('.');
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: now + 3600,
    refresh_token: 'refresh-token-1',
    user: {
      id: userId,
      aud: 'authenticated',
      role: 'authenticated',
      email,
      email_confirmed_at: '2026-01-05T10:00:00Z',
      phone: '',
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      identities: [],
      created_at: '2026-01-05T10:00:00Z',
      updated_at: '2026-01-05T10:00:00Z',
      is_anonymous: false,
    },
  };
}
