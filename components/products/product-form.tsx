'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { productFieldGroups, groupFields, productLists } from '@/lib/datasets/product-field-groups';
import { DashboardApiError, callDashboard } from '@/lib/client/dashboard-api';
import type { ProductSaveResult } from '@/lib/products/product-api-types';
import { productFormSchema } from '@/lib/products/product-form-schema';
import { type ProductDocument, type ProductFormValues, type ProductUpsertPayload, clearedFieldKeys, productToFormValues } from '@/lib/products/product-form-values';
import type { ProductUpsertMode } from '@/lib/products/product-upsert';
import { ConfirmDialog } from './confirm-dialog';
import { DeleteProductButton } from './delete-product-button';
import { type ErrorSummaryItem, FormErrorSummary } from './form-error-summary';
import { ProductFieldInput } from './product-field-input';
import { ProductListEditor } from './product-list-editor';
import { productByCodeKey, productEditHref, productPagesKey } from './product-queries';
import { placeServerErrors } from '@/lib/products/place-server-errors';
import { useUnsavedChangesGuard } from './use-unsaved-changes-guard';

export type SavedOutcome = ProductSaveResult['outcome'];

interface ProductFormProps {
  readonly mode: ProductUpsertMode;
  readonly initial: ProductDocument | null;
  /** Set when the page opens right after saving (a new product lands here after it was created). */
  readonly savedOutcome?: SavedOutcome | null;
}

interface SaveNotice {
  readonly outcome: SavedOutcome;
  readonly code: string;
}

function saveNoticeText({ outcome, code }: SaveNotice): string {
  return outcome === 'created'
    ? `Created ${code} in StockTrim (StockTrim answered 201 Created).`
    : `Updated ${code} in StockTrim (StockTrim answered 200 OK).`;
}

export function ProductForm({ mode, initial, savedOutcome = null }: ProductFormProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [baseline, setBaseline] = useState(() => productToFormValues(initial));
  const form = useForm<ProductFormValues, unknown, ProductUpsertPayload>({
    resolver: zodResolver(productFormSchema),
    defaultValues: baseline,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { isDirty, isSubmitting, errors } = form.formState;
  const [notice, setNotice] = useState<SaveNotice | null>(savedOutcome && initial ? { outcome: savedOutcome, code: String(initial.productId) } : null);
  const [serverProblem, setServerProblem] = useState<{ message: string; unplaced: string[]; lists: Partial<Record<string, string>> } | null>(null);
  const guard = useUnsavedChangesGuard(isDirty && !isSubmitting);
  const code = String(initial?.productId ?? '');

  const current = useWatch({ control: form.control }) as ProductFormValues;
  const cleared = useMemo(() => new Set(mode === 'update' ? clearedFieldKeys(baseline, current) : []), [mode, baseline, current]);

  async function save(payload: ProductUpsertPayload) {
    setNotice(null);
    setServerProblem(null);
    try {
      const result = await callDashboard<ProductSaveResult>('/api/products', { method: 'POST', body: { mode, product: payload } });
      const savedCode = String(result.product.productId);
      queryClient.setQueryData(productByCodeKey(savedCode), { product: result.product });
      void queryClient.invalidateQueries({ queryKey: productPagesKey });
      if (mode === 'create') {
        guard.allowNavigation();
        router.replace(productEditHref(savedCode, result.outcome));
        return;
      }
      // The form shows what StockTrim now holds: values left blank come back as they are stored.
      const next = productToFormValues(result.product);
      setBaseline(next);
      form.reset(next);
      setNotice({ outcome: result.outcome, code: savedCode });
    } catch (error) {
      if (!(error instanceof DashboardApiError)) {
        setServerProblem({ message: 'Could not save the product. Check the connection and try again.', unplaced: [], lists: {} });
        return;
      }
      const placed = placeServerErrors(error.fieldErrors, (path, message) => form.setError(path, { type: 'server', message }));
      setServerProblem({
        message: placed.placedCount > 0 ? 'StockTrim did not accept the product. Fix the fields marked below and save again.' : error.message,
        unplaced: placed.unplaced,
        lists: placed.lists,
      });
      if (placed.firstPath) form.setFocus(placed.firstPath);
    }
  }

  const summary: ErrorSummaryItem[] = useMemo(() => {
    const items: ErrorSummaryItem[] = [];
    for (const group of productFieldGroups) {
      for (const field of groupFields(group)) {
        const message = errors.fields?.[field.key]?.message;
        if (message) items.push({ path: `fields.${field.key}`, label: field.label, message });
      }
      for (const listKey of group.lists) {
        const list = productLists[listKey];
        const listErrors = errors[listKey];
        if (!Array.isArray(listErrors)) continue;
        listErrors.forEach((itemErrors: Partial<Record<string, { message?: string }>> | undefined, index: number) => {
          for (const field of list.fields) {
            const message = itemErrors?.[field.key]?.message;
            if (message) items.push({ path: `${listKey}.${index}.${field.key}`, label: `${list.itemLabel} ${index + 1}, ${field.label}`, message });
          }
        });
      }
    }
    return items;
  }, [errors]);

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={form.handleSubmit(save)} className="space-y-6" aria-labelledby="product-form-heading" data-testid="product-form">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="space-y-1">
            <Link href="/products" className="text-sm text-indigo-700 hover:underline">
              ← All products
            </Link>
            <h1 id="product-form-heading" className="text-2xl font-semibold">
              {mode === 'create' ? 'New product' : (
                <>
                  Edit product <span className="font-mono">{code}</span>
                </>
              )}
            </h1>
            <p className="max-w-3xl text-sm text-slate-600">
              Save sends the product to StockTrim, which creates it or updates the product with the same code. Numbers can be typed as you
              would write them (1,200.50; 95% for a fraction). A field left blank keeps the value StockTrim already has.
            </p>
          </div>
        </div>

        {serverProblem && (
          <div role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-4 text-sm text-rose-900" data-testid="save-error">
            <p>{serverProblem.message}</p>
            {serverProblem.unplaced.length > 0 && (
              <ul className="mt-2 list-disc pl-5">
                {serverProblem.unplaced.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <FormErrorSummary items={summary} onSelect={(path) => form.setFocus(path)} />

        {productFieldGroups.map((group) => (
          <fieldset key={group.id} className="card" aria-describedby={`group-${group.id}-description`} data-testid={`group-${group.id}`}>
            <legend className="px-1 text-lg font-semibold">{group.label}</legend>
            <p id={`group-${group.id}-description`} className="-mt-1 mb-4 text-sm text-slate-600">
              {group.description}
            </p>
            <div className="grid gap-x-6 gap-y-4 md:grid-cols-2 lg:grid-cols-3">
              {groupFields(group).map((field) => (
                <ProductFieldInput
                  key={field.key}
                  field={field}
                  readOnly={mode === 'update' && field.key === 'productId'}
                  readOnlyHelp="StockTrim matches products on their code, so it cannot be changed here: create a new product and delete this one instead."
                  clearedFrom={cleared.has(field.key) ? String(baseline.fields[field.key]) : undefined}
                />
              ))}
              {group.lists.map((listKey) => (
                <ProductListEditor key={listKey} list={productLists[listKey]} problem={serverProblem?.lists[listKey]} />
              ))}
            </div>
          </fieldset>
        ))}

        <div className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-4 border-t border-slate-200 bg-white/95 px-4 py-3 shadow-[0_-2px_6px_rgba(0,0,0,0.04)]">
          <button type="submit" className="btn-primary" disabled={isSubmitting}>
            {isSubmitting ? 'Saving to StockTrim…' : mode === 'create' ? 'Create product' : 'Save'}
          </button>
          {mode === 'update' && <DeleteProductButton code={code} onDeleted={guard.allowNavigation} />}
          <p role="status" className="text-sm" data-testid="save-result">
            {notice ? <span className="text-emerald-700">{saveNoticeText(notice)}</span> : isDirty ? <span className="text-amber-800">Unsaved changes</span> : null}
          </p>
        </div>
      </form>
      <ConfirmDialog
        open={guard.pendingHref !== null}
        title="Leave without saving?"
        confirmLabel="Leave without saving"
        cancelLabel="Stay on this page"
        tone="danger"
        onConfirm={guard.leave}
        onCancel={guard.stay}
        testId="leave-dialog"
      >
        <p>You have changes that are not in StockTrim yet. If you leave now, they are lost.</p>
      </ConfirmDialog>
    </FormProvider>
  );
}
