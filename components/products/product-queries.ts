'use client';

import { callDashboard } from '@/lib/client/dashboard-api';
import type { ProductLookup, ProductPage } from '@/lib/products/product-api-types';

export const productsKey = ['products'] as const;
export const productPagesKey = [...productsKey, 'pages'] as const;
export const productByCodeKey = (code: string) => [...productsKey, 'code', code] as const;

export function fetchProductPage(pageNo: number, signal?: AbortSignal): Promise<ProductPage> {
  return callDashboard<ProductPage>(`/api/products?pageNo=${pageNo}`, { signal });
}

export function fetchProductByCode(code: string, signal?: AbortSignal): Promise<ProductLookup> {
  return callDashboard<ProductLookup>(`/api/products?code=${encodeURIComponent(code)}`, { signal });
}

export function productEditHref(code: string, saved?: 'created' | 'updated'): string {
  const query = new URLSearchParams({ code });
  if (saved) query.set('saved', saved);
  return `/products/edit?${query.toString()}`;
}
