import { ProductsBrowser } from '@/components/products/products-browser';

export default async function ProductsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { deleted } = await searchParams;
  return <ProductsBrowser deletedCode={typeof deleted === 'string' && deleted ? deleted : null} />;
}
