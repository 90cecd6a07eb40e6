import * as z from 'zod/mini';

export const signInSchema = z.object({
  email: z.pipe(
    z.string().check(z.trim(), z.minLength(1, 'Enter your e-mail address.')),
    z.email('Enter a valid e-mail address.'),
  ),
  // No length rule here: the server's password policy decides, and its message is shown as is.
  password: z.string().check(z.minLength(1, 'Enter your password.')),
});

export type SignInValues = z.infer<typeof signInSchema>;
export type SignInFieldErrors = Partial<Record<keyof SignInValues, string>>;

export type SignInValidation = { ok: true; values: SignInValues } | { ok: false; errors: SignInFieldErrors };

/** Validates raw form input and keeps the first message per field, which is what the form shows. */
export function validateSignIn(input: { email: unknown; password: unknown }): SignInValidation {
  const result = signInSchema.safeParse(input);
  if (result.success) return { ok: true, values: result.data };
  const { fieldErrors } = z.flattenError(result.error);
  return { ok: false, errors: { email: fieldErrors.email?.[0], password: fieldErrors.password?.[0] } };
}
