import { Link } from 'react-router';
import { FileQuestion } from 'lucide-react';
import { EmptyState } from '@/components/empty-state.tsx';
import { StandalonePage } from '@/components/standalone-page.tsx';

export function NotFound() {
  return (
    <StandalonePage title="Page not found">
      <EmptyState
        icon={FileQuestion}
        title="There is nothing at this address."
        action={<Link to="/">Go to the start page</Link>}
        className="py-4"
      />
    </StandalonePage>
  );
}
