'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect } from 'react';
import { DashboardApiError } from '@/lib/client/dashboard-api';
import { type SavedOutcome, ProductForm } from './product-form';
import { fetchProductByCode, productByCodeKey, productEditHref } from './product-queries';

/** Loads one product by its exact code and opens the form on it. */
export function ProductEditor({ code, savedOutcome }: { readonly code: string; readonly savedOutcome: SavedOutcome | null }) {
  const product = useQuery({
    queryKey: productByCodeKey(code),
    queryFn: ({ signal }) => fetchProductByCode(code, signal),
    retry: (count, error) => !(error instanceof DashboardApiError && error.status === 404) && count < 1,
    // Always read what StockTrim holds now: a copy cached by the lookup or an earlier visit may be old.
    refetchOnMount: 'always',
  });

  // "Created" belongs to the visit that created it, not to a later reload.
  useEffect(() => {
    if (savedOutcome) window.history.replaceState(null, '', productEditHref(code));
  }, [savedOutcome, code]);

  // The form copies the product once when it opens, so it waits for this visit's answer.
  if (!product.isFetchedAfterMount) return <p role="status">Loading {code} from StockTrim…</p>;
  if (product.error || !product.data) {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">Product not found</h1>
        <p role="alert" className="text-rose-700">
          {product.error?.message ?? 'StockTrim did not send the product.'}
        </p>
        <Link href="/products" className="btn-secondary">
          Back to the products
        </Link>
      </div>
    );
  }
  return <ProductForm key={code} mode="update" initial={product.data.product} savedOutcome={savedOutcome} />;
}
