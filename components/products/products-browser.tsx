'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { STOCKTRIM_PRODUCTS_PAGE_SIZE } from '@/lib/products/product-api-types';
import { filterLoadedProducts } from '@/lib/products/product-list-filter';
import { ProductLookup } from './product-lookup';
import { fetchProductPage, productEditHref, productPagesKey } from './product-queries';

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const show = (v: unknown) => (typeof v === 'number' ? number.format(v) : '—');
const textOf = (v: unknown) => (typeof v === 'string' ? v : '');

function supplierOf(product: Readonly<Record<string, unknown>>): string {
  if (typeof product.supplierCode === 'string' && product.supplierCode) return product.supplierCode;
  const first = Array.isArray(product.suppliers) ? (product.suppliers[0] as { supplierId?: unknown } | undefined) : undefined;
  return typeof first?.supplierId === 'string' ? first.supplierId : '';
}

/** The account's products, page by page as StockTrim pages them, with a local filter over what is loaded. */
export function ProductsBrowser({ deletedCode }: { readonly deletedCode: string | null }) {
  const [filter, setFilter] = useState('');
  const pages = useInfiniteQuery({
    queryKey: productPagesKey,
    queryFn: ({ pageParam, signal }) => fetchProductPage(pageParam, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.hasMore ? last.pageNo + 1 : undefined),
  });
  const loaded = useMemo(() => pages.data?.pages.flatMap((p) => p.products) ?? [], [pages.data]);
  const shown = useMemo(() => filterLoadedProducts(loaded as { productId: string }[], filter), [loaded, filter]) as typeof loaded;
  const pageCount = pages.data?.pages.length ?? 0;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">Products</h1>
          <p className="max-w-3xl text-sm text-slate-600">The products in StockTrim. Open one to change it, or create a new one.</p>
        </div>
        <Link href="/products/new" className="btn-primary">
          New product
        </Link>
      </div>

      {deletedCode && (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="deleted-notice">
          Deleted <span className="font-mono">{deletedCode}</span> from StockTrim.
        </p>
      )}

      <ProductLookup />

      <section aria-labelledby="loaded-heading" className="space-y-3">
        <div className="flex flex-wrap items-end gap-4">
          <h2 id="loaded-heading" className="text-lg font-semibold">
            Loaded products
          </h2>
          <div>
            <label htmlFor="local-filter" className="block text-sm font-medium">
              Filter loaded products
            </label>
            <input
              id="local-filter"
              type="search"
              className="field-input mt-1 w-72"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              aria-describedby="local-filter-help"
              placeholder="part of a code or name"
            />
          </div>
          <p id="local-filter-help" className="max-w-md text-xs text-slate-500">
            Matches part of a code, name or barcode, but only among the products loaded below ({STOCKTRIM_PRODUCTS_PAGE_SIZE} per page, as
            StockTrim sends them). Load more pages to search further.
          </p>
        </div>
        <p className="text-sm text-slate-600" role="status" data-testid="products-summary">
          {pages.isLoading
            ? 'Loading the first page…'
            : `Showing ${shown.length} of ${loaded.length} loaded products (${pageCount} ${pageCount === 1 ? 'page' : 'pages'})${pages.hasNextPage ? '' : ', all there are'}.`}
        </p>
        {pages.error && (
          <p role="alert" className="text-sm text-rose-700">
            {pages.error.message}
          </p>
        )}
        {!pages.isLoading && loaded.length === 0 && !pages.error && (
          <p className="text-sm text-slate-600">
            No products yet. <Link href="/import/products" className="text-indigo-700 underline">Import a file</Link> or create one.
          </p>
        )}
        {shown.length > 0 && (
          <div className="overflow-auto rounded border border-slate-200 bg-white">
            <table className="min-w-full text-sm" data-testid="products-table">
              <caption className="sr-only">Loaded products</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  {['Code', 'Name', 'Category', 'Supplier'].map((h) => (
                    <th key={h} scope="col" className="px-3 py-2 font-medium">
                      {h}
                    </th>
                  ))}
                  {['On hand', 'Lead time (days)', 'Min. order qty'].map((h) => (
                    <th key={h} scope="col" className="px-3 py-2 text-right font-medium">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => {
                  const code = String(p.productId);
                  return (
                    <tr key={code} className="border-t border-slate-100">
                      <th scope="row" className="px-3 py-1 text-left font-mono font-normal">
                        <Link href={productEditHref(code)} className="text-indigo-700 hover:underline">
                          {code}
                        </Link>
                      </th>
                      <td className="px-3 py-1">{textOf(p.name)}</td>
                      <td className="px-3 py-1">{textOf(p.category)}</td>
                      <td className="px-3 py-1 font-mono">{supplierOf(p)}</td>
                      <td className="px-3 py-1 text-right">{show(p.stockOnHand)}</td>
                      <td className="px-3 py-1 text-right">{show(p.leadTime)}</td>
                      <td className="px-3 py-1 text-right">{show(p.minimumOrderQuantity)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {pages.hasNextPage && (
          <button type="button" className="btn-secondary" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
            {pages.isFetchingNextPage ? 'Loading…' : `Load the next ${STOCKTRIM_PRODUCTS_PAGE_SIZE} products`}
          </button>
        )}
      </section>
    </div>
  );
}
