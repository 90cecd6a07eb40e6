import * as z from 'zod/mini';

export const requestResetSchema = z.object({
  email: z.pipe(
    z.string().check(z.trim(), z.minLength(1, 'Enter your e-mail address.')),
    z.email('Enter a valid e-mail address.'),
  ),
});
export type RequestResetValues = z.infer<typeof requestResetSchema>;

export const newPasswordSchema = z
  .object({
    password: z.string().check(z.minLength(1, 'Choose a password.')),
    confirm: z.string(),
  })
  .check(
    z.refine((values) => values.password === values.confirm, {
      message: 'The passwords do not match.',
      path: ['confirm'],
    }),
  );
export type NewPasswordValues = z.infer<typeof newPasswordSchema>;
