// Sales teams, for the dashboards' team filter: owners, admins and managers create and delete
// teams and move reps in and out (a rep is in one team at most); everyone who reads the CRM sees
// them. Changes by another manager arrive live.
import { useState, type FormEvent } from 'react';
import { Trash2, UserMinus, Users } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { Select } from '@/components/select.tsx';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { personName, useOrgPeople } from '@/lib/org-people.ts';
import { useSalesTeams, type SalesTeam } from '../api/lookups.ts';
import { useLiveTeams, useTeamMutations } from '../api/targets.ts';

const SELLING_ROLES = new Set(['sales', 'manager']);

function TeamCard({
  team,
  manage,
  free,
  names,
  mutations,
}: {
  team: SalesTeam;
  manage: boolean;
  free: { id: string; name: string }[];
  names: Map<string, string>;
  mutations: ReturnType<typeof useTeamMutations>;
}) {
  const [adding, setAdding] = useState<string | undefined>(undefined);
  const fail = (e: unknown) => toast.error(errorMessage(e));
  return (
    <li className="grid content-start gap-2 rounded-lg border border-border p-3" data-testid="team">
      <div className="flex items-center justify-between gap-2">
        <h3 className="m-0 text-base font-semibold">{team.name}</h3>
        {manage && (
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Delete team ${team.name}`}
            onClick={() => mutations.deleteTeam.mutate(team.id, { onError: fail })}
          >
            <Trash2 className="size-4" aria-hidden="true" />
          </Button>
        )}
      </div>
      {team.members.length === 0 ? (
        <p className="m-0 text-sm text-muted">No members yet.</p>
      ) : (
        <ul className="m-0 grid list-none gap-1 p-0" aria-label={`Members of ${team.name}`}>
          {team.members.map((m) => {
            const name = names.get(m.user_id) ?? 'Former member';
            return (
              <li key={m.user_id} className="flex items-center justify-between gap-2 text-sm">
                {name}
                {manage && (
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove ${name} from ${team.name}`}
                    onClick={() =>
                      mutations.removeMember.mutate({ teamId: team.id, userId: m.user_id }, { onError: fail })
                    }
                  >
                    <UserMinus className="size-4" aria-hidden="true" />
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {manage && free.length > 0 && (
        <div className="flex items-center gap-2">
          <Select
            aria-label={`Rep to add to ${team.name}`}
            size="sm"
            value={adding}
            onValueChange={setAdding}
            placeholder="Add a rep…"
            options={free.map((p) => ({ value: p.id, label: p.name, textValue: p.name }))}
          />
          <Button
            size="sm"
            variant="secondary"
            disabled={!adding}
            busy={mutations.addMember.isPending}
            onClick={() =>
              adding &&
              mutations.addMember.mutate(
                { teamId: team.id, userId: adding },
                { onSuccess: () => setAdding(undefined), onError: fail },
              )
            }
          >
            Add
          </Button>
        </div>
      )}
    </li>
  );
}

export function SalesTeams({ manage }: { manage: boolean }) {
  const { org } = useCurrentOrg();
  const teams = useSalesTeams(org.id);
  const people = useOrgPeople(org.id);
  const mutations = useTeamMutations(org.id);
  useLiveTeams(org.id);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>(undefined);

  const names = new Map((people.data ?? []).map((p) => [p.id, personName(p)]));
  const inTeam = new Set((teams.data ?? []).flatMap((t) => t.members.map((m) => m.user_id)));
  const free = (people.data ?? [])
    .filter((p) => SELLING_ROLES.has(p.role) && !inTeam.has(p.id))
    .map((p) => ({ id: p.id, name: personName(p) }));

  const create = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setNameError('Enter a name for the team');
    if (trimmed.length > 100) return setNameError('Use at most 100 characters');
    mutations.createTeam.mutate(trimmed, {
      onSuccess: () => {
        setName('');
        setNameError(undefined);
        toast.success(`Team ${trimmed} created`);
      },
      onError: (error) => setNameError(errorMessage(error)),
    });
  };

  return (
    <Card
      title="Sales teams"
      description="Group reps so the sales dashboards can be filtered by team."
      className="mt-6"
    >
      {manage && (
        <form onSubmit={create} className="mb-4 flex flex-wrap items-start gap-2" noValidate>
          <TextField
            label="New team"
            value={name}
            error={nameError}
            onChange={(e) => {
              setName(e.target.value);
              setNameError(undefined);
            }}
            className="w-64"
          />
          <Button type="submit" className="mt-6" busy={mutations.createTeam.isPending}>
            Create team
          </Button>
        </form>
      )}
      {teams.isPending ? (
        <LoadingState label="Loading teams…" />
      ) : teams.isError ? (
        <ErrorState error={teams.error} onRetry={() => void teams.refetch()} />
      ) : teams.data.length === 0 ? (
        <EmptyState icon={Users} title="No teams yet" description="Without teams the dashboards show everyone." />
      ) : (
        <ul className="m-0 grid list-none gap-3 p-0 sm:grid-cols-2 lg:grid-cols-3">
          {teams.data.map((team) => (
            <TeamCard key={team.id} team={team} manage={manage} free={free} names={names} mutations={mutations} />
          ))}
        </ul>
      )}
    </Card>
  );
}
