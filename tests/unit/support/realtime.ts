import { ws } from 'msw';
import { server, SUPABASE_URL } from './msw.ts';

interface Join {
  topic: string;
  config: { postgres_changes?: { event: string; table?: string; filter?: string }[]; presence?: unknown };
}

/**
 * A stand-in for the Realtime server (Phoenix protocol, serializer 2.0.0): accepts channel joins,
 * answering with ids for their postgres_changes bindings, and can then push a change to them.
 */
export function mockRealtime() {
  const realtime = ws.link(`${SUPABASE_URL.replace(/^http/, 'ws')}/realtime/v1/websocket`);
  const joins: Join[] = [];
  let send: ((message: unknown[]) => void) | undefined;
  server.use(
    realtime.addEventListener('connection', ({ client }) => {
      send = (message) => client.send(JSON.stringify(message));
      client.addEventListener('message', (event) => {
        const [joinRef, ref, topic, type, payload] = JSON.parse(String(event.data)) as [
          string | null,
          string | null,
          string,
          string,
          { config?: Join['config'] },
        ];
        if (type === 'phx_join' && payload.config) {
          joins.push({ topic, config: payload.config });
          const bindings = (payload.config.postgres_changes ?? []).map((binding, index) => ({
            ...binding,
            id: index + 1,
          }));
          client.send(
            JSON.stringify([
              joinRef,
              ref,
              topic,
              'phx_reply',
              { status: 'ok', response: { postgres_changes: bindings } },
            ]),
          );
        } else if (type === 'heartbeat' || type === 'phx_leave' || type === 'presence' || type === 'broadcast') {
          client.send(JSON.stringify([joinRef, ref, topic, 'phx_reply', { status: 'ok', response: {} }]));
        }
      });
    }),
  );

  /** The last channel joined whose topic contains `topicPart`. */
  const joined = (topicPart: string) => joins.findLast((j) => j.topic.includes(topicPart));

  return {
    joins,
    joined,
    /**
     * Pushes a row change to the last channel joined with `topicPart` in its topic, addressed to its
     * binding for that table and event (or for every event, '*').
     */
    push(
      topicPart: string,
      table: string,
      type: 'INSERT' | 'UPDATE' | 'DELETE',
      record: Record<string, unknown>,
      oldRecord?: Record<string, unknown>,
    ) {
      const join = joined(topicPart);
      if (!join || !send) throw new Error(`No channel joined for ${topicPart}`);
      const bindings = join.config.postgres_changes ?? [];
      const id = bindings.findIndex((b) => (b.table ?? table) === table && (b.event === type || b.event === '*')) + 1;
      send([
        null,
        null,
        join.topic,
        'postgres_changes',
        {
          ids: [id],
          data: {
            type,
            schema: 'public',
            table,
            commit_timestamp: new Date().toISOString(),
            columns: [],
            record: type === 'DELETE' ? {} : record,
            old_record: type === 'INSERT' ? undefined : (oldRecord ?? { id: record.id }),
            errors: null,
          },
        },
      ]);
    },
  };
}
