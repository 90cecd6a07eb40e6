import { z } from 'zod';
import { optionalText } from '@/lib/form-schemas.ts';

export const warehouseSchema = z.object({
  code: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,15}$/, 'Up to 16 letters, digits, - or _, e.g. EAST')),
  name: z.string().trim().min(1, 'Enter a name').max(100, 'At most 100 characters'),
  address: optionalText(z.string().max(500, 'At most 500 characters')),
});
export type WarehouseInput = z.input<typeof warehouseSchema>;
export type WarehouseValues = z.output<typeof warehouseSchema>;
