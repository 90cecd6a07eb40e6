// Decides the current organisation for everything inside the app shell:
//   1. `?org=<id or slug>` in the URL (links in e-mails, shared links) if the user is a member of it;
//      if not, a "no access" page, and nothing of that organisation is ever requested;
//   2. the one last used in this browser (localStorage, per user);
//   3. profiles.default_org_id (the last one used on any device);
//   4. the first by name.
// A user without any membership goes to "create your organisation".
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ShieldAlert } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { PageSpinner } from '@/components/spinner.tsx';
import { StandalonePage } from '@/components/standalone-page.tsx';
import { toast } from '@/components/toaster.tsx';
import { CurrentOrgContext, myProfileKey, readStoredOrgId, storeOrgId, type CurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { saveDefaultOrg, useMyProfile } from '@/lib/profile.ts';
import { useSignOut, useUser } from '@/lib/session.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { useMyMemberships } from '@/features/organizations/api/my-memberships.ts';

export function OrgGate({ children }: { children: ReactNode }) {
  const user = useUser();
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const memberships = useMyMemberships(user.id);
  const profile = useMyProfile(user.id);
  const signOut = useSignOut();
  const [selectedId, setSelectedId] = useState<string | null>(() => readStoredOrgId(user.id));

  const requested = params.get('org');
  const list = memberships.data;
  const requestedMembership = requested
    ? list?.find((m) => m.organization.id === requested || m.organization.slug === requested)
    : undefined;

  const current = useMemo(() => {
    if (!list || list.length === 0) return undefined;
    if (requestedMembership) return requestedMembership;
    const byId = (id: string | null | undefined) => (id ? list.find((m) => m.organization.id === id) : undefined);
    return byId(selectedId) ?? byId(profile.data?.default_org_id) ?? list[0];
  }, [list, requestedMembership, selectedId, profile.data?.default_org_id]);

  // A link to one of the user's organisations makes it the current one; the parameter then goes, so
  // the switcher is not overridden by a stale URL.
  const requestedId = requestedMembership?.organization.id;
  if (requestedId && requestedId !== selectedId) setSelectedId(requestedId);
  useEffect(() => {
    if (!requestedId) return;
    storeOrgId(user.id, requestedId);
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.delete('org');
        return next;
      },
      { replace: true },
    );
  }, [requestedId, user.id, setParams]);

  const switchOrg = useCallback(
    (orgId: string) => {
      if (orgId === current?.organization.id) return;
      setSelectedId(orgId);
      storeOrgId(user.id, orgId);
      // Same page in the other organisation; filters in the URL (an actor, a role) belonged to the old one.
      navigate({ pathname: location.pathname, search: '' }, { replace: true });
      const name = list?.find((m) => m.organization.id === orgId)?.organization.name;
      if (name) toast.success(`Switched to ${name}`);
      saveDefaultOrg(supabase, user.id, orgId)
        .then(() => queryClient.invalidateQueries({ queryKey: myProfileKey(user.id) }))
        .catch((error: unknown) => toast.error(`Could not remember your choice: ${errorMessage(error)}`));
    },
    [current?.organization.id, user.id, navigate, location.pathname, list, supabase, queryClient],
  );

  const value = useMemo<CurrentOrg | null>(
    () => (current && list ? { org: current.organization, role: current.role, memberships: list, switchOrg } : null),
    [current, list, switchOrg],
  );

  if (memberships.isPending || (profile.isPending && !selectedId && !requested)) {
    return <PageSpinner label="Loading your organisations…" />;
  }
  if (memberships.isError) {
    return (
      <StandalonePage title="Could not load your organisations">
        <ErrorState
          title="Ledgerline could not load your organisations"
          error={memberships.error}
          onRetry={() => void memberships.refetch()}
          retrying={memberships.isFetching}
          className="py-4"
        />
      </StandalonePage>
    );
  }
  if (list && list.length === 0) return <Navigate to="/organizations/new" replace />;

  if (requested && !requestedMembership) {
    return (
      <StandalonePage title="No access to this organisation">
        <EmptyState
          icon={ShieldAlert}
          title="You are not a member of this organisation"
          description="It does not exist, or you were never invited or were removed. Ask one of its admins for an invitation."
          className="py-4"
          action={
            <div className="flex flex-wrap justify-center gap-2">
              <Button
                onClick={() => {
                  const next = new URLSearchParams(params);
                  next.delete('org');
                  setParams(next, { replace: true });
                }}
              >
                Go to {current?.organization.name ?? 'your organisation'}
              </Button>
              <Button variant="secondary" busy={signOut.isPending} onClick={() => signOut.mutate({})}>
                Sign out
              </Button>
            </div>
          }
        />
      </StandalonePage>
    );
  }

  if (!value) return <PageSpinner />;
  return <CurrentOrgContext value={value}>{children}</CurrentOrgContext>;
}
