'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type ConnectRequest, type ConnectionStatus, type CredentialsInput, credentialsSchema } from '@/lib/connection-schema';
import { DashboardApiError, callDashboard } from '@/lib/client/dashboard-api';

export function ConnectForm({ status }: { status: ConnectionStatus }) {
  const router = useRouter();
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<CredentialsInput>({ resolver: zodResolver(credentialsSchema), defaultValues: { authId: '', signature: '' } });
  const { errors, isSubmitting } = form.formState;

  async function send(body: ConnectRequest) {
    setServerError(null);
    try {
      await callDashboard<ConnectionStatus>('/api/session', { method: 'POST', body });
      form.reset({ authId: '', signature: '' });
      router.push('/');
      router.refresh();
    } catch (error) {
      setServerError(error instanceof DashboardApiError ? error.message : 'Could not connect. Try again.');
    }
  }

  const [demoBusy, setDemoBusy] = useState(false);

  return (
    <form onSubmit={form.handleSubmit(send)} className="card max-w-xl space-y-5" noValidate aria-describedby="connect-help">
      <p id="connect-help" className="text-sm text-slate-600">
        Find both values in StockTrim under <strong>Help</strong>. They are checked with StockTrim, kept only on this dashboard&apos;s
        server in an encrypted cookie, and never shown again in the browser.
      </p>
      {status.usingSandbox && status.sandboxDemoAuthId && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" role="note">
          <p>
            This dashboard talks to the local <strong>StockTrim sandbox</strong> ({status.stockTrimHost}), not to StockTrim. Nothing you
            import here reaches a real account.
          </p>
          <button
            type="button"
            className="btn-secondary mt-3"
            disabled={demoBusy || isSubmitting}
            onClick={async () => {
              setDemoBusy(true);
              await send({ sandboxDemo: true });
              setDemoBusy(false);
            }}
          >
            Use the sandbox demo account ({status.sandboxDemoAuthId})
          </button>
        </div>
      )}
      <div>
        <label htmlFor="authId" className="block text-sm font-medium">
          api-auth-id
        </label>
        <input id="authId" autoComplete="username" className="field-input mt-1" aria-invalid={!!errors.authId} aria-describedby={errors.authId ? 'authId-error' : undefined} {...form.register('authId')} />
        {errors.authId && (
          <p id="authId-error" role="alert" className="mt-1 text-sm text-rose-700">
            {errors.authId.message}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="signature" className="block text-sm font-medium">
          api-auth-signature
        </label>
        <input id="signature" type="password" autoComplete="current-password" className="field-input mt-1" aria-invalid={!!errors.signature} aria-describedby={errors.signature ? 'signature-error' : undefined} {...form.register('signature')} />
        {errors.signature && (
          <p id="signature-error" role="alert" className="mt-1 text-sm text-rose-700">
            {errors.signature.message}
          </p>
        )}
      </div>
      {serverError && (
        <p role="alert" data-testid="connect-error" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          {serverError}
        </p>
      )}
      <button type="submit" className="btn-primary" disabled={isSubmitting}>
        {isSubmitting ? 'Checking with StockTrim…' : 'Connect'}
      </button>
    </form>
  );
}
