// Files attached to a record (an account, a deal or a ticket), kept in the private
// `attachments` bucket under <org>/<entity>/<record>/. Storage policies decide who reads
// and who writes; downloads use short-lived signed URLs.
import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, Paperclip, Trash2 } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { Card } from '@/components/card.tsx';
import { toast } from '@/components/toaster.tsx';
import { errorMessage } from '@/lib/errors.ts';
import { formatDateTime } from '@/lib/format.ts';
import { useSupabase } from '@/lib/supabase.ts';

const MAX_BYTES = 25 * 1024 * 1024;

interface AttachmentsPanelProps {
  orgId: string;
  entity: 'accounts' | 'deals' | 'tickets';
  recordId: string;
  canEdit: boolean;
}

function size(bytes: number | undefined): string {
  if (!bytes) return '';
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function AttachmentsPanel({ orgId, entity, recordId, canEdit }: AttachmentsPanelProps) {
  const supabase = useSupabase();
  const queryClient = useQueryClient();
  const inputId = useId();
  const folder = `${orgId}/${entity}/${recordId}`;
  const key = ['org', orgId, 'attachments', entity, recordId];
  const [uploading, setUploading] = useState(false);
  const files = useQuery({
    queryKey: key,
    queryFn: async () => {
      const { data, error } = await supabase.storage
        .from('attachments')
        .list(folder, { sortBy: { column: 'created_at', order: 'desc' } });
      if (error) throw error;
      return data.filter((f) => f.id);
    },
  });
  const remove = useMutation({
    mutationFn: async (name: string) => {
      const { error } = await supabase.storage.from('attachments').remove([`${folder}/${name}`]);
      if (error) throw error;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
    onError: (e) => toast.error(`Could not delete: ${errorMessage(e)}`),
  });

  async function upload(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_BYTES) return toast.error(`${file.name} is larger than 25 MB`);
    setUploading(true);
    try {
      const name = file.name.replace(/[/\\]/g, '_');
      const { error } = await supabase.storage.from('attachments').upload(`${folder}/${name}`, file, { upsert: true });
      if (error) throw error;
      toast.success(`${name} attached`);
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (e) {
      toast.error(`Could not attach ${file.name}: ${errorMessage(e)}`);
    } finally {
      setUploading(false);
    }
  }

  async function open(name: string) {
    const { data, error } = await supabase.storage
      .from('attachments')
      .createSignedUrl(`${folder}/${name}`, 60, { download: name });
    if (error) return toast.error(`Could not download: ${errorMessage(error)}`);
    window.location.assign(data.signedUrl);
  }

  return (
    <Card
      title="Files"
      actions={
        canEdit && (
          <>
            <label htmlFor={inputId} className="sr-only">
              Attach a file
            </label>
            <input id={inputId} type="file" className="sr-only" onChange={(e) => void upload(e.target.files?.[0])} />
            <Button
              size="sm"
              variant="secondary"
              busy={uploading}
              onClick={() => document.getElementById(inputId)?.click()}
            >
              <Paperclip className="size-4" aria-hidden="true" /> Attach
            </Button>
          </>
        )
      }
    >
      {files.isPending ? (
        <p className="text-sm text-muted">Loading…</p>
      ) : files.isError ? (
        <p className="text-sm text-danger">{errorMessage(files.error)}</p>
      ) : files.data.length === 0 ? (
        <p className="text-sm text-muted">No files yet.</p>
      ) : (
        <ul className="grid gap-2 text-sm">
          {files.data.map((f) => (
            <li key={f.id} className="flex items-center justify-between gap-2">
              <span className="min-w-0">
                <span className="block truncate font-medium">{f.name}</span>
                <span className="text-xs text-muted">
                  {size(f.metadata?.size as number | undefined)} · {formatDateTime(f.created_at)}
                </span>
              </span>
              <span className="flex shrink-0">
                <Button size="icon" variant="ghost" aria-label={`Download ${f.name}`} onClick={() => void open(f.name)}>
                  <Download className="size-4" aria-hidden="true" />
                </Button>
                {canEdit && (
                  <Button
                    size="icon"
                    variant="ghost"
                    aria-label={`Delete ${f.name}`}
                    onClick={() => remove.mutate(f.name)}
                  >
                    <Trash2 className="size-4" aria-hidden="true" />
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
