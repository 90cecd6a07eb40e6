import * as z from 'zod/mini';

export const signUpSchema = z.object({
  fullName: z
    .string()
    .check(z.trim(), z.minLength(1, 'Enter your name.'), z.maxLength(200, 'Use at most 200 characters.')),
  email: z.pipe(
    z.string().check(z.trim(), z.minLength(1, 'Enter your e-mail address.')),
    z.email('Enter a valid e-mail address.'),
  ),
  // The server's password policy decides the rest; its message is shown as is.
  password: z.string().check(z.minLength(1, 'Choose a password.')),
});

export type SignUpValues = z.infer<typeof signUpSchema>;
