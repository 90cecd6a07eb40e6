import * as z from 'zod/mini';
import { ROLES, type AppRole } from '@/lib/roles.ts';

export const inviteSchema = z.object({
  email: z.pipe(
    z
      .string()
      .check(z.trim(), z.minLength(1, 'Enter an e-mail address.'), z.maxLength(320, 'This address is too long.')),
    z.email('Enter a valid e-mail address.'),
  ),
  role: z.enum(ROLES as [AppRole, ...AppRole[]], 'Choose a role.'),
});

export type InviteValues = z.infer<typeof inviteSchema>;
