// Posting a draft customer return: the order's delivered lines not yet returned, with what the
// draft holds, and the reason. Posting takes the RET number, brings the goods back into stock
// at the cost they left at, and drafts a credit note of what had been invoiced of them.
import { useState } from 'react';
import { TextField } from '@/components/text-field.tsx';
import { toast } from '@/components/toaster.tsx';
import { useCurrentOrg } from '@/lib/current-org.ts';
import { returnableQuantity } from '../api/amounts.ts';
import { useReturnMutations, type CustomerReturnRow } from '../api/fulfilment.ts';
import type { SalesOrderRecord } from '../api/sales-orders.ts';
import { PostDocumentDialog } from './post-document-dialog.tsx';

interface ReturnDialogProps {
  order: SalesOrderRecord;
  customerReturn: CustomerReturnRow;
  open: boolean;
  onOpenChange(open: boolean): void;
}

export function ReturnDialog({ order, customerReturn, open, onOpenChange }: ReturnDialogProps) {
  const { org } = useCurrentOrg();
  const { post } = useReturnMutations(org.id, order.id);
  const [reason, setReason] = useState(customerReturn.reason ?? '');
  const inDraft = new Map(customerReturn.lines.map((l) => [l.sales_order_line_id, Number(l.quantity)]));
  const rows = order.lines
    .filter((l) => returnableQuantity(l) > 0)
    .map((l) => ({
      id: l.id,
      name: l.description,
      sku: l.product?.sku ?? '',
      uom: l.product?.uom ?? '',
      ordered: Number(l.quantity),
      done: Number(l.returned_quantity),
      limit: returnableQuantity(l),
      quantity: inDraft.get(l.id) ?? 0,
    }));
  return (
    <PostDocumentDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Return goods of ${order.number ?? 'the order'}`}
      description="Enter what the customer sent back. The goods go back into stock; a credit note is drafted for what was invoiced."
      what="return"
      rows={rows}
      submitLabel="Post return"
      onPost={async (lines) => {
        const posted = await post.mutateAsync({
          returnId: customerReturn.id,
          reason: reason.trim() || null,
          lines,
        });
        toast.success(
          posted.credit_note_id
            ? `Return ${posted.number ?? ''} posted; a draft credit note was created for what had been invoiced`
            : `Return ${posted.number ?? ''} posted`,
        );
        onOpenChange(false);
      }}
    >
      <TextField
        label="Reason"
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        hint="Why the goods came back (optional)"
      />
    </PostDocumentDialog>
  );
}
