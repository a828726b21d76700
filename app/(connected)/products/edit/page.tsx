import { redirect } from 'next/navigation';
import { ProductEditor } from '@/components/products/product-editor';

/** The code travels in the query string, not the path: product codes may contain "/" or "?". */
export default async function EditProductPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { code, saved } = await searchParams;
  if (typeof code !== 'string' || code === '') redirect('/products');
  const savedOutcome = saved === 'created' || saved === 'updated' ? saved : null;
  return <ProductEditor code={code} savedOutcome={savedOutcome} />;
}
