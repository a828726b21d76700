import Link from 'next/link';
import { datasetIds, datasets } from '@/lib/datasets/registry';
import { readConnectionStatus } from '@/lib/server/connection-status';
import { ActiveRunsBanner } from './runs/active-runs-banner';
import { DisconnectButton } from './disconnect-button';

export async function AppHeader() {
  const status = await readConnectionStatus();
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-7xl flex-wrap items-center gap-6 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-indigo-700">
          StockTrim Import
        </Link>
        <details className="relative text-sm">
          <summary className="cursor-pointer hover:underline">Import</summary>
          <ul className="absolute z-20 mt-2 w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
            {datasetIds.map((id) => (
              <li key={id}>
                <Link href={`/import/${id}`} className="block px-3 py-1.5 hover:bg-slate-100">
                  {datasets[id].label}
                </Link>
              </li>
            ))}
          </ul>
        </details>
        <Link href="/products" className="text-sm hover:underline">
          Products
        </Link>
        <Link href="/order-plan" className="text-sm hover:underline">
          Order plan
        </Link>
        <Link href="/history" className="text-sm hover:underline">
          History
        </Link>
        <div className="ml-auto flex items-center gap-3 text-sm">
          {status.usingSandbox && (
            <span className="rounded bg-amber-100 px-2 py-1 text-amber-900" title={`StockTrim address: ${status.stockTrimHost}`}>
              Sandbox
            </span>
          )}
          {status.connected ? (
            <>
              <span data-testid="connected-as">
                Connected as <strong>{status.authId}</strong>
              </span>
              <DisconnectButton />
            </>
          ) : (
            <Link href="/connect" className="btn-secondary">
              Connect
            </Link>
          )}
        </div>
      </nav>
      {status.connected && status.authId && <ActiveRunsBanner accountId={status.authId} />}
    </header>
  );
}
