import { ProductForm } from '@/components/products/product-form';

export default function NewProductPage() {
  return <ProductForm mode="create" initial={null} />;
}
