import { notFound } from 'next/navigation';
import { ImportWizard } from '@/components/import/import-wizard';
import { isDatasetId } from '@/lib/datasets/registry';

export default async function ImportPage({ params }: { params: Promise<{ dataset: string }> }) {
  const { dataset } = await params;
  if (!isDatasetId(dataset)) notFound();
  return <ImportWizard datasetId={dataset} />;
}
