/**
 * A generated sales-order export, written once per size and reused: the same bytes on every
 * run, so figures from different runs describe the same input. It looks like a European ERP
 * export (day-first dates, some quoted descriptions with commas, ~20 lines per order) and
 * carries known faults, so the benches can check the pipeline's counts exactly instead of
 * trusting whatever it reports.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { scratchDir } from './paths';

/** Bump when the generated content changes, so cached files are rewritten. */
const GENERATOR_VERSION = 1;

export const GENERATED_PRODUCT_COUNT = 500;
export const GENERATED_HEADER = ['Order No', 'SKU', 'Description', 'Qty', 'Order Date', 'Unit Price', 'Customer ID', 'Warehouse'] as const;

/** Column each sales field must be mapped to automatically from GENERATED_HEADER. */
export const GENERATED_MAPPING: Readonly<Record<string, number | null>> = {
  orderNumber: 0,
  productId: 1,
  quantity: 3,
  orderDate: 4,
  unitPrice: 5,
  customerCode: 6,
  locationCode: 7,
  locationName: null,
  customerName: null,
};

export function generatedProductId(n: number): string {
  return `SKU-${String(n).padStart(5, '0')}`;
}

export function generatedProductIds(): string[] {
  return Array.from({ length: GENERATED_PRODUCT_COUNT }, (_, i) => generatedProductId(i + 1));
}

/** What a correct pipeline must report for one sampled row (values as the validator coerces them). */
export interface ExpectedSalesRow {
  readonly rowIndex: number;
  readonly rowNumber: number;
  readonly valid: boolean;
  readonly values: {
    readonly orderNumber: string;
    readonly productId: string;
    readonly quantity: number;
    readonly orderDate: string;
    readonly unitPrice: number;
    readonly customerCode: string;
    readonly locationCode: string;
  };
}

export interface GeneratedSalesFile {
  readonly path: string;
  readonly lines: number;
  readonly bytes: number;
  /** Rows with a fault the validator must reject (negative quantity, impossible date). */
  readonly errorRows: number;
  readonly orders: number;
  /** Orders that have at least one sendable line. */
  readonly ordersWithValidLines: number;
  readonly samples: readonly ExpectedSalesRow[];
}

/** mulberry32: tiny, fast and seedable, so the file is identical on every machine. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Writes the file (unless a file for this size and generator version exists) and returns what it holds. */
export function ensureSalesFile(lines: number): GeneratedSalesFile {
  const dir = scratchDir('generated');
  const file = path.join(dir, `sales-${lines}-v${GENERATOR_VERSION}.csv`);
  const meta = `${file}.expect.json`;
  if (existsSync(file) && existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')) as GeneratedSalesFile;

  const random = seededRandom(20240601);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  let chunk = `${GENERATED_HEADER.join(',')}\n`;
  let bytes = 0;
  let errorRows = 0;
  let orders = 0;
  let ordersWithValidLines = 0;
  const samples: ExpectedSalesRow[] = [];
  // Orders move forward through time a few minutes apart, from 2 January 2023.
  let minutes = 0;
  const start = Date.UTC(2023, 0, 2, 8, 0);
  let i = 0;
  while (i < lines) {
    orders++;
    const size = 1 + Math.floor(random() * 40);
    const orderNumber = `SO${String(orders).padStart(7, '0')}`;
    minutes += 1 + Math.floor(random() * 90);
    const at = new Date(start + minutes * 60_000);
    const y = at.getUTCFullYear();
    const mo = at.getUTCMonth() + 1;
    const d = at.getUTCDate();
    const time = `${pad2(at.getUTCHours())}:${pad2(at.getUTCMinutes())}`;
    const customer = `C${String(1 + Math.floor(random() * 20000)).padStart(5, '0')}`;
    const warehouse = `WH${1 + Math.floor(random() * 3)}`;
    let anyValid = false;
    for (let k = 0; k < size && i < lines; k++, i++) {
      const sku = 1 + Math.floor(random() * GENERATED_PRODUCT_COUNT);
      let quantity = 1 + Math.floor(random() * 24);
      const price = ((sku % 97) * 0.25 + 0.5).toFixed(2);
      const description = random() < 0.1 ? `"Widget ${sku}, boxed"` : `Widget ${sku}`;
      let date = `${pad2(d)}/${pad2(mo)}/${y} ${time}`;
      // Known faults: a return (negative quantity) every 1000 lines, an impossible date every 1543.
      const negative = i % 1000 === 999;
      const impossible = i % 1543 === 777;
      if (negative) quantity = -quantity;
      if (impossible) date = `31/02/${y} ${time}`;
      const valid = !negative && !impossible;
      if (!valid) errorRows++;
      else anyValid = true;
      const productId = generatedProductId(sku);
      chunk += `${orderNumber},${productId},${description},${quantity},${date},${price},${customer},${warehouse}\n`;
      if (i % 9973 === 0 || i === lines - 1) {
        samples.push({
          rowIndex: i,
          rowNumber: i + 2,
          valid,
          values: {
            orderNumber,
            productId,
            quantity,
            orderDate: `${y}-${pad2(mo)}-${pad2(d)}T${time}:00`,
            unitPrice: Number(price),
            customerCode: customer,
            locationCode: warehouse,
          },
        });
      }
      if (chunk.length > 1 << 20) {
        bytes += writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (anyValid) ordersWithValidLines++;
  }
  bytes += writeSync(fd, chunk);
  closeSync(fd);
  renameSync(tmp, file);
  const result: GeneratedSalesFile = { path: file, lines, bytes, errorRows, orders, ordersWithValidLines, samples };
  writeFileSync(meta, JSON.stringify(result));
  return result;
}
