// Adds a catalogue product as an invoice line: search by name, SKU or barcode, pick one, and the
// line arrives priced for the customer (product_price: their price list, else the default list,
// else the sale price) with the product's tax rate.
import { useState } from 'react';
import { Plus } from 'lucide-react';
import { Button } from '@/components/button.tsx';
import { SearchInput } from '@/components/search-input.tsx';
import { toast } from '@/components/toaster.tsx';
import { errorMessage } from '@/lib/errors.ts';
import { useSupabase } from '@/lib/supabase.ts';
import { fetchProductPrice, useProductOptions, type ProductOption, type ProductPrice } from '../api/choices.ts';

interface ProductLineSearchProps {
  orgId: string;
  accountId: string | null;
  currency: string;
  onAdd(product: ProductOption, price: ProductPrice | null): void;
}

export function ProductLineSearch({ orgId, accountId, currency, onAdd }: ProductLineSearchProps) {
  const supabase = useSupabase();
  const [text, setText] = useState('');
  const [adding, setAdding] = useState<string | null>(null);
  const options = useProductOptions(orgId, text);

  async function add(product: ProductOption) {
    setAdding(product.id);
    try {
      const price = await fetchProductPrice(supabase, orgId, product.id, accountId, '1');
      if (price && price.currency !== currency)
        toast.info(`${product.name}: the price is in ${price.currency} and the invoice in ${currency}; check it.`);
      onAdd(product, price);
      setText('');
    } catch (error) {
      toast.error(`Could not price ${product.name}: ${errorMessage(error)}`);
    } finally {
      setAdding(null);
    }
  }

  return (
    <div className="grid gap-2">
      <SearchInput label="Add a product" value={text} onChange={setText} placeholder="Name, SKU or barcode…" />
      {text.trim() && options.data && (
        <ul className="grid gap-1 text-sm" aria-label="Matching products">
          {options.data.length === 0 && <li className="text-muted">No product matches.</li>}
          {options.data.map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-2">
              <span>
                {p.name} <span className="text-muted">{p.sku}</span>
              </span>
              <Button size="sm" variant="secondary" busy={adding === p.id} onClick={() => void add(p)}>
                <Plus className="size-4" aria-hidden="true" /> Add <span className="sr-only">{p.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
