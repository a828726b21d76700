'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { callDashboard } from '@/lib/client/dashboard-api';

export function DisconnectButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="btn-secondary"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await callDashboard('/api/session', { method: 'DELETE' });
        } finally {
          router.push('/connect');
          router.refresh();
          setBusy(false);
        }
      }}
    >
      Disconnect
    </button>
  );
}
