// Money on invoice PDFs (supabase/functions/create-invoice/format.ts): the database's
// decimal text regrouped and padded digit by digit, never through a float.
import { describe, expect, it } from 'vitest';
import {
  formatDecimal,
  formatMoney,
  formatQuantity,
  formatUnitPrice,
} from '../../supabase/functions/create-invoice/format.ts';

describe('invoice number formatting', () => {
  it('groups thousands and keeps every digit of amounts beyond float precision', () => {
    expect(formatMoney('98.00', 'USD')).toBe('98.00 USD');
    expect(formatMoney('1822.5', 'EUR')).toBe('1,822.50 EUR');
    expect(formatMoney('9999999999999999.99', 'USD')).toBe('9,999,999,999,999,999.99 USD');
    // Number('9999999999999999.99') is 10000000000000000: a float would have lost the cents.
    expect(formatDecimal('1234567890123456.78')).toBe('1,234,567,890,123,456.78');
    expect(formatMoney('0', 'JPY')).toBe('0.00 JPY');
    expect(formatMoney('-0.00', 'USD')).toBe('0.00 USD');
    expect(formatMoney('-1234.56', 'USD')).toBe('-1,234.56 USD');
    expect(formatMoney('000123.40', 'USD')).toBe('123.40 USD');
  });

  it('shows unit prices with two to four decimals and quantities and rates with the decimals they have', () => {
    expect(formatUnitPrice('12.5000')).toBe('12.50');
    expect(formatUnitPrice('0.1234')).toBe('0.1234');
    expect(formatUnitPrice('19.9900')).toBe('19.99');
    expect(formatQuantity('3.0000')).toBe('3');
    expect(formatQuantity('2.5000')).toBe('2.5');
    expect(formatQuantity('7.500')).toBe('7.5');
    expect(formatQuantity('1000.0000')).toBe('1,000');
  });

  it('refuses what is not a decimal or would need rounding', () => {
    expect(() => formatMoney('12.345', 'USD')).toThrow(/more than 2 decimals/);
    expect(() => formatMoney('1e3', 'USD')).toThrow(/Not a decimal/);
    expect(() => formatMoney('NaN', 'USD')).toThrow(/Not a decimal/);
  });
});
