'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { callDashboard } from '@/lib/client/dashboard-api';
import type { ProductDeleteResult } from '@/lib/products/product-api-types';
import { ConfirmDialog } from './confirm-dialog';
import { productByCodeKey, productPagesKey } from './product-queries';

/** Seconds since `since` while it is set, ticking once a second. */
function useElapsedSeconds(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
}

/**
 * Delete, after a confirmation. StockTrim's delete takes seconds in production, so the dialog
 * stays open with the time so far until it answers, then the page returns to the list.
 */
export function DeleteProductButton({ code, onDeleted }: { readonly code: string; readonly onDeleted: () => void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const elapsed = useElapsedSeconds(startedAt);
  const remove = useMutation({
    mutationFn: () => callDashboard<ProductDeleteResult>(`/api/products?productId=${encodeURIComponent(code)}`, { method: 'DELETE' }),
    onMutate: () => setStartedAt(Date.now()),
    onSettled: () => setStartedAt(null),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: productByCodeKey(code) });
      void queryClient.invalidateQueries({ queryKey: productPagesKey });
      onDeleted();
      router.push(`/products?deleted=${encodeURIComponent(code)}`);
    },
  });
  const busy = remove.isPending || remove.isSuccess;

  return (
    <>
      <button
        type="button"
        className="btn-danger"
        onClick={() => {
          remove.reset();
          setOpen(true);
        }}
      >
        Delete product
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete ${code}?`}
        confirmLabel={busy ? 'Deleting…' : 'Delete from StockTrim'}
        tone="danger"
        busy={busy}
        onConfirm={() => remove.mutate()}
        onCancel={() => setOpen(false)}
        testId="delete-dialog"
      >
        <p>
          This removes <strong className="font-mono">{code}</strong> from StockTrim. It cannot be undone here; to bring it back, create it again.
        </p>
        {busy && (
          <div role="status" className="space-y-2" data-testid="delete-progress">
            <div className="h-2 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-label="Deleting the product" aria-valuetext={`${elapsed} seconds so far`}>
              <div className="h-full w-1/3 animate-pulse rounded bg-rose-500" />
            </div>
            <p>
              Deleting… {elapsed} s so far. StockTrim can take several seconds to delete a product; keep this page open.
            </p>
          </div>
        )}
        {remove.error && (
          <p role="alert" className="text-rose-700">
            {remove.error.message}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
