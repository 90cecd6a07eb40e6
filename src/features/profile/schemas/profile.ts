import * as z from 'zod/mini';

export const profileSchema = z.object({
  full_name: z.string().check(z.trim(), z.maxLength(200, 'Use at most 200 characters.')),
});

export type ProfileValues = z.infer<typeof profileSchema>;
