import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseEnv } from '@/lib/env.ts';
import { captureAuthRedirect } from '@/lib/auth-redirect.ts';
import { createSupabaseClient } from '@/lib/supabase.ts';
import { App } from '@/app/app.tsx';
import { EnvErrorScreen } from '@/app/env-error-screen.tsx';
import '@/styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
const root = createRoot(container);

// Before the Supabase client exists: it consumes the URL fragment of links from Auth's e-mails.
captureAuthRedirect(window.location.href);

const config = parseEnv(import.meta.env);
root.render(
  <StrictMode>
    {config.ok ? <App supabase={createSupabaseClient(config.env)} /> : <EnvErrorScreen problems={config.problems} />}
  </StrictMode>,
);
