// On a won deal's page (through the route's slot, so the deals feature knows nothing of projects):
// "Create project" makes the project from the deal (create_project_from_deal) and opens it. A deal
// that already has one links to it instead; if it appeared meanwhile, the database's answer (23505
// naming the project) opens that one.
import { Link, useNavigate } from 'react-router';
import { Briefcase } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { errorMessage } from '@/lib/errors.ts';
import { can } from '@/lib/roles.ts';
import { existingProjectId, useDealProject, useProjectMutations } from '../api/projects.ts';

export function CreateProjectButton({ deal }: { deal: { id: string; status: string } }) {
  const { org, role } = useCurrentOrg();
  const navigate = useNavigate();
  const won = deal.status === 'won';
  const existing = useDealProject(org.id, deal.id, won);
  const { fromDeal } = useProjectMutations(org.id);
  if (!won) return null;
  if (existing.data)
    return (
      <Button size="sm" variant="secondary" asChild>
        <Link to={`/projects/${existing.data.id}`}>
          <Briefcase className="size-4" aria-hidden="true" /> Project {existing.data.code}
        </Link>
      </Button>
    );
  if (!can(role, 'projects.write')) return null;
  return (
    <Button
      size="sm"
      variant="secondary"
      busy={fromDeal.isPending}
      disabled={existing.isPending}
      onClick={() =>
        fromDeal.mutate(deal.id, {
          onSuccess: (project) => {
            toast.success(`Project ${project.code} created from the deal`);
            navigate(`/projects/${project.id}`);
          },
          onError: (error) => {
            const id = existingProjectId(error);
            if (id) {
              toast.info(errorMessage(error));
              navigate(`/projects/${id}`);
            } else {
              toast.error(`Could not create the project: ${errorMessage(error)}`);
            }
          },
        })
      }
    >
      <Briefcase className="size-4" aria-hidden="true" /> Create project
    </Button>
  );
}
