import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { readCredentials } from '@/lib/server/session';

export const dynamic = 'force-dynamic';

/** Every page in this group needs StockTrim credentials; without them the user goes to Connect. */
export default async function ConnectedLayout({ children }: { children: ReactNode }) {
  if (!(await readCredentials())) redirect('/connect');
  return <>{children}</>;
}
