import { ConnectForm } from '@/components/connect-form';
import { readConnectionStatus } from '@/lib/server/connection-status';

export const dynamic = 'force-dynamic';

export default async function ConnectPage() {
  const status = await readConnectionStatus();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Connect to StockTrim</h1>
      {status.connected && (
        <p className="text-sm text-slate-700">
          Already connected as <strong>{status.authId}</strong>. Connecting again replaces those credentials.
        </p>
      )}
      <ConnectForm status={status} />
    </div>
  );
}
