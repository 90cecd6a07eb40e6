import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { SupabaseContext, type SupabaseClient } from '@/lib/supabase.ts';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Realtime events drive freshness (DESIGN.md section 4); this only smooths navigation.
        staleTime: 30_000,
        retry: 1,
      },
    },
  });
}

interface AppProvidersProps {
  supabase: SupabaseClient;
  queryClient: QueryClient;
  children: ReactNode;
}

export function AppProviders({ supabase, queryClient, children }: AppProvidersProps) {
  return (
    <SupabaseContext value={supabase}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </SupabaseContext>
  );
}
