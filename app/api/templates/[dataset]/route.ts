import { toCsv } from '@/lib/csv/write-csv';
import { getDataset, isDatasetId } from '@/lib/datasets/registry';
import { errorResponse } from '@/lib/server/route-response';

/** A CSV whose headers are the dataset's field names, so it maps itself when dropped back in. */
export async function GET(_request: Request, { params }: { params: Promise<{ dataset: string }> }) {
  const { dataset } = await params;
  if (!isDatasetId(dataset)) return errorResponse(404, `There is no dataset called "${dataset}".`);
  const def = getDataset(dataset);
  const csv = toCsv([def.fields.map((f) => f.key)]);
  return new Response(csv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="stocktrim-${def.id}-template.csv"` },
  });
}
