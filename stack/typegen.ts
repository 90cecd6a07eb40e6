// `npm run gen:types`: TypeScript types of the exposed schemas, in the shape
// `supabase gen types typescript` produces, read from the live catalog.
import pg from 'pg';

interface Column {
  table: string;
  name: string;
  type: string;
  typeSchema: string;
  typeKind: string;
  isArray: boolean;
  nullable: boolean;
  hasDefault: boolean;
  generated: boolean;
  identityAlways: boolean;
  updatable: boolean;
}

interface Relationship {
  table: string;
  name: string;
  columns: string[];
  oneToOne: boolean;
  referencedRelation: string;
  referencedColumns: string[];
}

interface FunctionArg {
  name: string;
  type: string;
  typeSchema: string;
  typeKind: string;
  isArray: boolean;
  hasDefault: boolean;
}

interface Fn {
  name: string;
  args: FunctionArg[];
  returnType: string;
  returnTypeSchema: string;
  returnTypeKind: string;
  returnsSet: boolean;
  returnIsArray: boolean;
  /** For RETURNS TABLE(...): the output columns. */
  tableColumns: FunctionArg[];
  returnRelation?: string;
}

const NUMBER = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid', 'money']);
const STRING = new Set([
  'text', 'varchar', 'bpchar', 'char', 'name', 'uuid', 'date', 'time', 'timetz', 'timestamp', 'timestamptz',
  'interval', 'bytea', 'inet', 'cidr', 'macaddr', 'citext', 'tsvector', 'tsquery', 'regclass', 'regproc',
  'regtype', 'bit', 'varbit', 'xml', 'int4range', 'int8range', 'numrange', 'tsrange', 'tstzrange', 'daterange',
]);

function tsType(schema: string, t: { type: string; typeSchema: string; typeKind: string; isArray: boolean }): string {
  let base: string;
  if (t.typeKind === 'e') base = `Database["${t.typeSchema}"]["Enums"]["${t.type}"]`;
  else if (t.typeKind === 'c' && t.typeSchema === schema) base = `Database["${t.typeSchema}"]["CompositeTypes"]["${t.type}"]`;
  else if (t.type === 'bool') base = 'boolean';
  else if (NUMBER.has(t.type)) base = 'number';
  else if (STRING.has(t.type)) base = 'string';
  else if (t.type === 'json' || t.type === 'jsonb') base = 'Json';
  else if (t.type === 'void') base = 'undefined';
  else if (t.type === 'record') base = 'Record<string, unknown>';
  else base = 'unknown';
  return t.isArray ? `${base}[]` : base;
}

const q = (s: string) => JSON.stringify(s);

export async function generateTypes(dbUrl: string, schemas: string[]): Promise<string> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const out: string[] = [];
    out.push(
      'export type Json =',
      '  | string',
      '  | number',
      '  | boolean',
      '  | null',
      '  | { [key: string]: Json | undefined }',
      '  | Json[]',
      '',
      'export type Database = {',
      '  // Allows to automatically instantiate createClient with right options',
      "  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)",
      '  __InternalSupabase: {',
      '    PostgrestVersion: "14.1"',
      '  }',
    );
    const enumsBySchema = new Map<string, Map<string, string[]>>();
    for (const schema of [...schemas].sort()) {
      const relations = (
        await client.query<{ name: string; kind: string; insertable: boolean }>(
          `select c.relname as name, c.relkind as kind,
             (c.relkind in ('r','p') or pg_relation_is_updatable(c.oid, false) & 8 = 8) as insertable
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = $1 and c.relkind in ('r','p','v','m','f') order by c.relname`,
          [schema],
        )
      ).rows;
      const columns = (
        await client.query<Column>(
          `select c.relname as table, a.attname as name,
             coalesce(et.typname, t.typname) as type,
             coalesce(etn.nspname, tn.nspname) as "typeSchema",
             coalesce(et.typtype, t.typtype)::text as "typeKind",
             (t.typcategory = 'A') as "isArray",
             not a.attnotnull as nullable,
             a.atthasdef or a.attidentity <> '' as "hasDefault",
             a.attgenerated <> '' as generated,
             a.attidentity = 'a' as "identityAlways",
             (c.relkind in ('r','p') or pg_column_is_updatable(c.oid, a.attnum, false)) as updatable
           from pg_attribute a
           join pg_class c on c.oid = a.attrelid
           join pg_namespace n on n.oid = c.relnamespace
           join pg_type t on t.oid = a.atttypid
           join pg_namespace tn on tn.oid = t.typnamespace
           left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
           left join pg_namespace etn on etn.oid = et.typnamespace
           where n.nspname = $1 and a.attnum > 0 and not a.attisdropped and c.relkind in ('r','p','v','m','f')
           order by c.relname, a.attname`,
          [schema],
        )
      ).rows;
      const rels = (
        await client.query<Relationship>(
          `select c.relname as table, con.conname as name,
             array(select a.attname from unnest(con.conkey) with ordinality k(n, i)
                   join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i)::text[] as columns,
             exists (select 1 from pg_index i where i.indrelid = con.conrelid and (i.indisunique or i.indisprimary)
                     and i.indkey::int2[] @> con.conkey and i.indkey::int2[] <@ con.conkey) as "oneToOne",
             fc.relname as "referencedRelation",
             array(select a.attname from unnest(con.confkey) with ordinality k(n, i)
                   join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i)::text[] as "referencedColumns"
           from pg_constraint con
           join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
           join pg_class fc on fc.oid = con.confrelid join pg_namespace fn on fn.oid = fc.relnamespace
           where con.contype = 'f' and n.nspname = $1 and fn.nspname = $1
           order by c.relname, con.conname`,
          [schema],
        )
      ).rows;
      const fns = (
        await client.query<{
          name: string;
          arg_names: string[] | null;
          arg_modes: string[] | null;
          arg_types: string[];
          nargs: number;
          ndefaults: number;
          rettype: string;
          retset: boolean;
          rettype_relation: string | null;
        }>(
          `select p.proname as name, p.proargnames::text[] as arg_names, p.proargmodes::text[] as arg_modes,
             coalesce(p.proallargtypes, p.proargtypes::oid[])::text[] as arg_types,
             p.pronargs as nargs, p.pronargdefaults as ndefaults, p.prorettype::text as rettype, p.proretset as retset,
             (select c.relname from pg_type t join pg_class c on c.oid = t.typrelid
              join pg_namespace cn on cn.oid = c.relnamespace
              where t.oid = p.prorettype and cn.nspname = $1 and c.relkind in ('r','p','v','m')) as rettype_relation
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace
           left join pg_depend d on d.objid = p.oid and d.deptype = 'e'
           where n.nspname = $1 and p.prokind = 'f' and d.objid is null
           order by p.proname, p.oid`,
          [schema],
        )
      ).rows;
      const typeInfo = async (oid: string) =>
        (
          await client.query<{ type: string; typeSchema: string; typeKind: string; isArray: boolean }>(
            `select coalesce(et.typname, t.typname) as type, coalesce(etn.nspname, tn.nspname) as "typeSchema",
               coalesce(et.typtype, t.typtype)::text as "typeKind", (t.typcategory = 'A') as "isArray"
             from pg_type t join pg_namespace tn on tn.oid = t.typnamespace
             left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
             left join pg_namespace etn on etn.oid = et.typnamespace where t.oid = $1::oid`,
            [oid],
          )
        ).rows[0]!;
      const functions: Fn[] = [];
      for (const f of fns) {
        const modes = f.arg_modes ?? f.arg_types.map(() => 'i');
        const args: FunctionArg[] = [];
        const tableColumns: FunctionArg[] = [];
        const inputs = modes.map((m, i) => ({ m, i })).filter(({ m }) => m === 'i' || m === 'b' || m === 'v');
        const firstDefault = inputs.length - f.ndefaults;
        for (const [pos, { i }] of inputs.entries()) {
          const info = await typeInfo(f.arg_types[i]!);
          args.push({ name: f.arg_names?.[i] ?? '', ...info, hasDefault: pos >= firstDefault });
        }
        modes.forEach((m, i) => {
          if (m === 't') tableColumns.push({ name: f.arg_names?.[i] ?? '', type: f.arg_types[i]!, typeSchema: '', typeKind: '', isArray: false, hasDefault: false });
        });
        for (const c of tableColumns) Object.assign(c, await typeInfo(c.type));
        const ret = await typeInfo(f.rettype);
        functions.push({
          name: f.name,
          args,
          returnType: ret.type,
          returnTypeSchema: ret.typeSchema,
          returnTypeKind: ret.typeKind,
          returnIsArray: ret.isArray,
          returnsSet: f.retset,
          tableColumns,
          returnRelation: f.rettype_relation ?? undefined,
        });
      }
      const enums = (
        await client.query<{ name: string; labels: string[] }>(
          `select t.typname as name, array_agg(e.enumlabel order by e.enumsortorder)::text[] as labels
           from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
           where n.nspname = $1 group by t.typname order by t.typname`,
          [schema],
        )
      ).rows;
      enumsBySchema.set(schema, new Map(enums.map((e) => [e.name, e.labels])));
      const composites = (
        await client.query<{ name: string; attrs: { name: string; oid: string }[] }>(
          `select t.typname as name, json_agg(json_build_object('name', a.attname, 'oid', a.atttypid::text) order by a.attnum) as attrs
           from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_class c on c.oid = t.typrelid
           join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
           where n.nspname = $1 and t.typtype = 'c' and c.relkind = 'c' group by t.typname order by t.typname`,
          [schema],
        )
      ).rows;

      const colsOf = (table: string) => columns.filter((c) => c.table === table);
      const relsOf = (table: string) => rels.filter((r) => r.table === table);
      const relationshipsBlock = (table: string, indent: string) => {
        const list = relsOf(table);
        if (!list.length) return [`${indent}Relationships: []`];
        return [
          `${indent}Relationships: [`,
          ...list.flatMap((r) => [
            `${indent}  {`,
            `${indent}    foreignKeyName: ${q(r.name)}`,
            `${indent}    columns: [${r.columns.map(q).join(', ')}]`,
            `${indent}    isOneToOne: ${r.oneToOne}`,
            `${indent}    referencedRelation: ${q(r.referencedRelation)}`,
            `${indent}    referencedColumns: [${r.referencedColumns.map(q).join(', ')}]`,
            `${indent}  },`,
          ]),
          `${indent}]`,
        ];
      };
      const rowBlock = (table: string, mode: 'Row' | 'Insert' | 'Update', indent: string) => [
        `${indent}${mode}: {`,
        ...colsOf(table).map((c) => {
          const t = tsType(schema, c) + (c.nullable ? ' | null' : '');
          if (mode === 'Row') return `${indent}  ${c.name}: ${t}`;
          if (c.generated || c.identityAlways || !c.updatable) return `${indent}  ${c.name}?: never`;
          const optional = mode === 'Update' || c.nullable || c.hasDefault;
          return `${indent}  ${c.name}${optional ? '?' : ''}: ${t}`;
        }),
        `${indent}}`,
      ];

      out.push(`  ${schema}: {`);
      const tables = relations.filter((r) => r.kind === 'r' || r.kind === 'p' || r.kind === 'f');
      const views = relations.filter((r) => r.kind === 'v' || r.kind === 'm');
      out.push('    Tables: {');
      for (const t of tables) {
        out.push(`      ${t.name}: {`, ...rowBlock(t.name, 'Row', '        '), ...rowBlock(t.name, 'Insert', '        '));
        out.push(...rowBlock(t.name, 'Update', '        '), ...relationshipsBlock(t.name, '        '), '      }');
      }
      out.push(tables.length ? '    }' : '      [_ in never]: never\n    }');
      out.push('    Views: {');
      for (const v of views) {
        out.push(`      ${v.name}: {`, ...rowBlock(v.name, 'Row', '        '));
        if (v.insertable) out.push(...rowBlock(v.name, 'Insert', '        '), ...rowBlock(v.name, 'Update', '        '));
        out.push(...relationshipsBlock(v.name, '        '), '      }');
      }
      if (!views.length) out.push('      [_ in never]: never');
      out.push('    }', '    Functions: {');
      const byName = new Map<string, Fn[]>();
      for (const f of functions) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
      for (const [name, overloads] of byName) {
        const render = (f: Fn, indent: string) => {
          const named = f.args.filter((a) => a.name);
          const args = named.length
            ? [`${indent}Args: {`, ...named.map((a) => `${indent}  ${a.name}${a.hasDefault ? '?' : ''}: ${tsType(schema, a)}`), `${indent}}`]
            : [`${indent}Args: never`];
          let ret: string;
          if (f.tableColumns.length) {
            ret = `{\n${f.tableColumns.map((c) => `${indent}  ${c.name}: ${tsType(schema, c)}`).join('\n')}\n${indent}}[]`;
          } else if (f.returnRelation) {
            ret = `Database["${schema}"]["Tables"]["${f.returnRelation}"]["Row"]${f.returnsSet ? '[]' : ''}`;
          } else {
            ret = tsType(schema, { type: f.returnType, typeSchema: f.returnTypeSchema, typeKind: f.returnTypeKind, isArray: f.returnIsArray });
            if (f.returnsSet) ret = `${ret}[]`;
          }
          return [...args, `${indent}Returns: ${ret}`];
        };
        if (overloads.length === 1) out.push(`      ${name}: {`, ...render(overloads[0]!, '        '), '      }');
        else {
          out.push(`      ${name}:`);
          overloads.forEach((f) => out.push('        | {', ...render(f, '            '), '          }'));
        }
      }
      if (!byName.size) out.push('      [_ in never]: never');
      out.push('    }', '    Enums: {');
      for (const e of enums) out.push(`      ${e.name}:`, ...e.labels.map((l) => `        | ${q(l)}`));
      if (!enums.length) out.push('      [_ in never]: never');
      out.push('    }', '    CompositeTypes: {');
      for (const c of composites) {
        out.push(`      ${c.name}: {`);
        for (const a of c.attrs) out.push(`        ${a.name}: ${tsType(schema, await typeInfo(a.oid))} | null`);
        out.push('      }');
      }
      if (!composites.length) out.push('      [_ in never]: never');
      out.push('    }', '  }');
    }
    out.push('}', '');
    out.push(HELPERS);
    out.push('export const Constants = {');
    for (const [schema, enums] of enumsBySchema) {
      out.push(`  ${schema}: {`, '    Enums: {');
      for (const [name, labels] of enums) out.push(`      ${name}: [${labels.map(q).join(', ')}],`);
      out.push('    },', '  },');
    }
    out.push('} as const', '');
    return out.join('\n');
  } finally {
    await client.end();
  }
}

// The generic accessors the Supabase CLI appends (Tables<'x'>, TablesInsert<'x'>, ...).
const HELPERS = `type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never
`;
