import { useState } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import type { SupabaseClient } from '@/lib/supabase.ts';
import { AppProviders, createQueryClient } from '@/app/providers.tsx';
import { appRoutes } from '@/app/routes.tsx';

export function App({ supabase }: { supabase: SupabaseClient }) {
  const [router] = useState(() => createBrowserRouter(appRoutes));
  const [queryClient] = useState(createQueryClient);
  return (
    <AppProviders supabase={supabase} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
