// Several extended-protocol statements sent in one write and one round trip (node-pg's
// custom "submittable" query interface, as pg-cursor uses it): Parse/Bind/Execute for
// each statement, then a single Sync. Without an explicit BEGIN, everything before the
// Sync is one implicit transaction, so the request settings (SET LOCAL role, claims...)
// apply to the main query and end with it.
import type pg from 'pg';

export interface Statement {
  /** Prepared-statement name; parsed once per connection. */
  name?: string;
  text: string;
  values: (string | Buffer | null)[];
}

/** Per statement: its rows, each a list of text fields (positional). */
export type PipelineRows = (string | null)[][][];

interface Conn {
  stream: { cork(): void; uncork(): void };
  parsedStatements: Record<string, string>;
  parse(q: { text: string; name?: string; types?: unknown[] }): void;
  bind(c: { statement?: string; values: unknown[] }): void;
  execute(c: Record<string, never>): void;
  sync(): void;
  on(ev: string, fn: () => void): void;
  off(ev: string, fn: () => void): void;
}

class Pipeline {
  private results: PipelineRows;
  private index = 0;
  private parsedNames: (string | undefined)[] = [];
  private completedParses = 0;
  private conn: Conn | undefined;
  private finished = false;
  readonly promise: Promise<PipelineRows>;
  private resolve!: (r: PipelineRows) => void;
  private reject!: (e: unknown) => void;
  private readonly onParse = () => {
    const name = this.parsedNames[this.completedParses++];
    if (name && this.conn) this.conn.parsedStatements[name] = this.textOf(name);
  };

  constructor(private readonly statements: Statement[]) {
    this.results = statements.map(() => []);
    this.promise = new Promise((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }

  private textOf(name: string): string {
    return this.statements.find((s) => s.name === name)?.text ?? '';
  }

  submit(connection: Conn): Error | null {
    this.conn = connection;
    connection.on('parseComplete', this.onParse);
    connection.stream.cork();
    try {
      for (const s of this.statements) {
        if (!s.name || connection.parsedStatements[s.name] === undefined) {
          connection.parse({ text: s.text, name: s.name, types: [] });
          this.parsedNames.push(s.name);
        }
        connection.bind({ statement: s.name, values: s.values });
        connection.execute({});
      }
      connection.sync();
    } finally {
      connection.stream.uncork();
    }
    return null;
  }

  private finish(err?: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.conn?.off('parseComplete', this.onParse);
    if (err) this.reject(err);
    else this.resolve(this.results);
  }

  handleRowDescription(): void {}
  handleDataRow(msg: { fields: (string | null)[] }): void {
    this.results[this.index]?.push(msg.fields);
  }
  handleCommandComplete(): void {
    this.index++;
  }
  handleEmptyQuery(): void {
    this.index++;
  }
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}
  handleCopyData(): void {}
  handleError(err: unknown): void {
    this.finish(err);
  }
  handleReadyForQuery(): void {
    this.finish();
  }
}

export function runPipeline(client: pg.PoolClient, statements: Statement[]): Promise<PipelineRows> {
  const p = new Pipeline(statements);
  (client as unknown as { query(q: unknown): unknown }).query(p);
  return p.promise;
}
