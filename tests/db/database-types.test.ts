// src/lib/database.types.ts must match the schema the migrations produce: run
// `npm run gen:types` after changing a migration.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateTypes } from '../../stack/typegen.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

it('the committed database types are current', async () => {
  const committed = fs.readFileSync(path.resolve(import.meta.dirname, '../../src/lib/database.types.ts'), 'utf8');
  const generated = await generateTypes(stack.dbUrl, stack.config.api.schemas);
  expect(generated, 'src/lib/database.types.ts is stale: run npm run gen:types').toBe(committed);
});

it('describes tables, relationships, functions and enums as supabase gen types does', () => {
  const committed = fs.readFileSync(path.resolve(import.meta.dirname, '../../src/lib/database.types.ts'), 'utf8');
  expect(committed).toContain(`      memberships: {
        Row: {
          created_at: string
          org_id: string
          role: Database["public"]["Enums"]["app_role"]
          updated_at: string
          user_id: string
        }`);
  expect(committed).toContain(`            foreignKeyName: "memberships_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]`);
  expect(committed).toContain(`      app_role:
        | "owner"
        | "admin"`);
  expect(committed).toContain(`app_role: ["owner", "admin", "manager", "sales", "support", "warehouse", "accountant", "viewer"],`);
});
