'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { DashboardApiError } from '@/lib/client/dashboard-api';
import { fetchProductByCode, productByCodeKey, productEditHref } from './product-queries';

/** Opens a product by its exact code: the only lookup StockTrim's API has. */
export function ProductLookup() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function open() {
    const wanted = code.trim();
    setProblem(null);
    if (!wanted) {
      setProblem('Enter the whole product code, e.g. WIDGET-001.');
      return;
    }
    setBusy(true);
    try {
      const found = await queryClient.fetchQuery({ queryKey: productByCodeKey(wanted), queryFn: ({ signal }) => fetchProductByCode(wanted, signal), staleTime: 0 });
      router.push(productEditHref(String(found.product.productId)));
    } catch (error) {
      setBusy(false);
      if (error instanceof DashboardApiError && error.status === 404) {
        setProblem(`${error.message} For part of a code or a name, use “Filter loaded products” below.`);
      } else {
        setProblem(error instanceof Error ? error.message : 'The lookup failed; try again.');
      }
    }
  }

  return (
    <form
      role="search"
      aria-label="Find a product by its exact code"
      className="card space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        void open();
      }}
    >
      <label htmlFor="lookup-code" className="block text-sm font-medium">
        Find by exact product code
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id="lookup-code"
          className="field-input max-w-xs font-mono"
          value={code}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`lookup-help${problem ? ' lookup-error' : ''}`}
          aria-invalid={problem !== null}
          onChange={(e) => setCode(e.target.value)}
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? 'Looking up…' : 'Open'}
        </button>
      </div>
      <p id="lookup-help" className="text-xs text-slate-500">
        StockTrim can only look up a whole code, exactly as written (upper and lower case count); it has no search by part of a code.
      </p>
      {problem && (
        <p id="lookup-error" role="alert" className="text-sm text-rose-700" data-testid="lookup-error">
          {problem}
        </p>
      )}
    </form>
  );
}
