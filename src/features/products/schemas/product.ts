import { z } from 'zod';
import type { ImportField } from '@/components/csv-import-dialog.tsx';
import { optionalText } from '@/lib/form-schemas.ts';

export const PRODUCT_KIND_LABELS = {
  stocked: 'Stocked',
  service: 'Service',
  consumable: 'Consumable',
} as const;

/** At most 14 digits before the point and 4 after: numeric(18,4), and exact as a JSON number. */
const AMOUNT = /^\d{1,14}(\.\d{1,4})?$/;
const amount = (message: string) =>
  z
    .string()
    .trim()
    .regex(AMOUNT, message)
    .transform((v) => Number(v));

/** The fields a person sets on a product; cost and stock belong to the stock ledger. */
export const productSchema = z.object({
  sku: z
    .string()
    .trim()
    .min(1, 'Enter a SKU')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, 'Letters, digits and . _ / - (at most 64), e.g. CHAIR-01'),
  name: z.string().trim().min(1, 'Enter a name').max(200, 'At most 200 characters'),
  description: optionalText(z.string().max(5000, 'At most 5,000 characters')),
  kind: z.enum(['stocked', 'service', 'consumable']),
  uom: z.string().trim().min(1, 'Enter a unit, e.g. unit, kg, box').max(20, 'At most 20 characters'),
  barcode: optionalText(z.string().regex(/^[0-9A-Za-z-]{4,64}$/, '4 to 64 letters, digits or dashes')),
  sale_price: amount('An amount, e.g. 19.99 (at most 4 decimals)'),
  tax_rate_id: optionalText(z.uuid()),
  preferred_supplier_id: optionalText(z.uuid()),
  active: z.boolean(),
});
export type ProductFormInput = z.input<typeof productSchema>;
export type ProductFormValues = z.output<typeof productSchema>;

export const reorderRuleSchema = z
  .object({
    reorder_point: amount('A quantity, e.g. 10'),
    reorder_quantity: amount('A quantity, e.g. 50'),
  })
  .refine((v) => v.reorder_quantity > 0, { message: 'More than zero', path: ['reorder_quantity'] });
export type ReorderRuleInput = z.input<typeof reorderRuleSchema>;
export type ReorderRuleValues = z.output<typeof reorderRuleSchema>;

export const productPriceSchema = z
  .object({
    price_list_id: z.uuid('Choose a price list'),
    min_quantity: amount('A quantity, e.g. 1'),
    unit_price: amount('An amount, e.g. 17.50'),
  })
  .refine((v) => v.min_quantity > 0, { message: 'More than zero', path: ['min_quantity'] });
export type ProductPriceInput = z.input<typeof productPriceSchema>;
export type ProductPriceValues = z.output<typeof productPriceSchema>;

const YES_NO = ['', 'true', 'false', 'yes', 'no', '1', '0'];
const KINDS = ['', 'stocked', 'service', 'consumable', 'storable', 'storable product', 'goods', 'product'];

/**
 * One CSV row of a product import (all values are strings from the file). A SKU the org has
 * already updates that product (the server says so in import_products); tax rate and supplier
 * are names the server matches.
 */
export const productImportRow = z.object({
  sku: z
    .string()
    .trim()
    .min(1, 'SKU is required')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, 'Letters, digits and . _ / - (at most 64)'),
  name: z.string().max(200, 'At most 200 characters').optional(),
  kind: z
    .string()
    .refine((v) => KINDS.includes(v.trim().toLowerCase()), 'stocked, service or consumable')
    .optional(),
  uom: z.string().max(20, 'At most 20 characters').optional(),
  barcode: z
    .union([z.literal(''), z.string().regex(/^[0-9A-Za-z-]{4,64}$/, '4 to 64 letters, digits or dashes')])
    .optional(),
  sale_price: z.union([z.literal(''), z.string().regex(AMOUNT, 'An amount like 19.99')]).optional(),
  tax_rate: z.string().max(100, 'At most 100 characters').optional(),
  supplier: z.string().max(200, 'At most 200 characters').optional(),
  active: z
    .string()
    .refine((v) => YES_NO.includes(v.trim().toLowerCase()), 'yes or no')
    .optional(),
});

export const PRODUCT_IMPORT_FIELDS: ImportField[] = [
  {
    key: 'sku',
    label: 'SKU',
    required: true,
    aliases: ['internal reference', 'default code', 'reference', 'code', 'item code'],
  },
  { key: 'name', label: 'Name', aliases: ['product', 'product name', 'description'] },
  { key: 'kind', label: 'Kind', aliases: ['type', 'product type'] },
  { key: 'uom', label: 'Unit of measure', aliases: ['unit', 'uom', 'units'] },
  { key: 'barcode', label: 'Barcode', aliases: ['ean', 'ean13', 'upc', 'gtin'] },
  { key: 'sale_price', label: 'Sale price', aliases: ['sales price', 'price', 'list price', 'unit price'] },
  { key: 'tax_rate', label: 'Tax rate', aliases: ['tax', 'customer taxes', 'vat'] },
  { key: 'supplier', label: 'Preferred supplier', aliases: ['vendor', 'supplier name'] },
  { key: 'active', label: 'Active', aliases: ['enabled'] },
];
