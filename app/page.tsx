import Link from 'next/link';
import { readConnectionStatus } from '@/lib/server/connection-status';

export const dynamic = 'force-dynamic';

const steps = [
  { href: '/import/products', title: 'Import products', text: 'Your SKUs with cost, price, lead times and stock. StockTrim needs these first.' },
  { href: '/import/sales-orders', title: 'Import sales history', text: 'Every sales-order line. Pushing the same file again updates, never doubles.' },
  { href: '/order-plan', title: 'Run the forecast', text: 'Start StockTrim’s calculation, watch its progress, read the order plan.' },
];

export default async function HomePage() {
  const status = await readConnectionStatus();
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">Get your data into StockTrim</h1>
        <p className="max-w-3xl text-slate-700">
          Drop in the spreadsheets you already have (CSV, TSV or Excel). Every row is checked against what StockTrim accepts before anything
          is sent, you fix problems in place, and every row ends up sent, skipped by you, or rejected with a reason.
        </p>
      </div>
      {!status.connected && (
        <div className="card flex items-center justify-between gap-4">
          <p>First connect this dashboard to your StockTrim account{status.usingSandbox ? ' (here: the local sandbox)' : ''}.</p>
          <Link href="/connect" className="btn-primary">
            Connect
          </Link>
        </div>
      )}
      <ol className="grid gap-4 md:grid-cols-3">
        {steps.map((step, i) => (
          <li key={step.href} className="card">
            <p className="text-sm text-slate-500">Step {i + 1}</p>
            <h2 className="mt-1 text-lg font-semibold">
              <Link href={step.href} className="hover:underline">
                {step.title}
              </Link>
            </h2>
            <p className="mt-2 text-sm text-slate-600">{step.text}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
