// One bill of materials (or a new one, /manufacturing/boms/new?product=…): the editor, and for a
// saved BOM its multi-level explosion with rolled-up cost and the "can we build it" check.
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ArrowLeft, Factory } from 'lucide-react';
import { Badge } from '@/components/badge.tsx';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { EmptyState } from '@/components/empty-state.tsx';
import { ErrorState } from '@/components/error-state.tsx';
import { LoadingState } from '@/components/loading-state.tsx';
import { PageHeader } from '@/components/page-header.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { can } from '@/lib/roles.ts';
import { useBom } from '../api/boms.ts';
import { formatQuantity } from '../api/format.ts';
import { BomEditor } from './bom-editor.tsx';
import { BomExplosion } from './bom-explosion.tsx';
import { CanBuildPanel } from './can-build-panel.tsx';

function BackLink() {
  return (
    <Link to="/manufacturing/boms" className="mb-2 inline-flex items-center gap-1 text-sm text-muted hover:underline">
      <ArrowLeft className="size-4" aria-hidden="true" /> Bills of materials
    </Link>
  );
}

export function BomPage() {
  const { bomId } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { org, role } = useCurrentOrg();
  const canWrite = can(role, 'manufacturing.write');
  const bom = useBom(org.id, bomId ?? null);

  const onSaved = (id: string, created: boolean) => {
    toast.success(created ? 'Bill of materials created' : 'Bill of materials saved');
    if (created) navigate(`/manufacturing/boms/${id}`, { replace: true });
  };

  if (!bomId) {
    return (
      <>
        <BackLink />
        <PageHeader title="New bill of materials" description="What goes into a product, per output quantity." />
        {canWrite ? (
          <Card title="Bill of materials">
            <BomEditor bom={null} canEdit initialProductId={params.get('product') ?? ''} onSaved={onSaved} />
          </Card>
        ) : (
          <EmptyState title="Your role cannot create bills of materials" />
        )}
      </>
    );
  }

  if (bom.isPending) return <LoadingState label="Loading the bill of materials…" />;
  if (bom.isError) return <ErrorState error={bom.error} onRetry={() => bom.refetch()} />;
  if (!bom.data)
    return (
      <EmptyState
        title="Bill of materials not found"
        action={<Link to="/manufacturing/boms">Back to bills of materials</Link>}
      />
    );
  const b = bom.data;
  const uom = b.product?.uom ?? 'unit';

  return (
    <>
      <BackLink />
      <PageHeader
        title={`${b.product?.sku ?? ''} · ${b.name}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge>Version {b.version}</Badge>
            {b.is_default && <Badge tone="info">Default</Badge>}
            {!b.is_active && <Badge tone="warning">Archived</Badge>}
            <span>
              makes {formatQuantity(b.output_quantity)} {uom} of{' '}
              <Link to={`/products/${b.product_id}`}>{b.product?.name}</Link>
            </span>
          </span>
        }
        actions={
          <>
            <Button size="sm" variant="secondary" asChild>
              <Link to={`/manufacturing/orders?product=${b.product_id}`}>
                <Factory className="size-4" aria-hidden="true" /> Production orders
              </Link>
            </Button>
            {canWrite && b.is_active && (
              <Button size="sm" asChild>
                <Link to={`/manufacturing/orders?new=${b.product_id}&bom=${b.id}`}>Plan production</Link>
              </Button>
            )}
          </>
        }
      />
      <div className="grid gap-4">
        <Card title="Bill of materials">
          <BomEditor bom={b} canEdit={canWrite} onSaved={onSaved} />
        </Card>
        <Card
          title="Explosion"
          description="Every level, quantities including scrap, at current unit costs; sub-assemblies rolled up."
        >
          <BomExplosion
            key={`${b.id}:${b.updated_at}`}
            productId={b.product_id}
            bomId={b.id}
            uom={uom}
            outputQuantity={b.output_quantity}
          />
        </Card>
        <Card title="Can we build it?" description="Available stock (on hand less reserved) in a warehouse.">
          <CanBuildPanel productId={b.product_id} uom={uom} defaultQuantity={b.output_quantity} bomId={b.id} />
        </Card>
      </div>
    </>
  );
}
