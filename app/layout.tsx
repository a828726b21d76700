import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';
import { Providers } from '@/components/providers';
import './globals.css';

// Every page shows the connection state from the session cookie, so none is prerendered.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'StockTrim Import',
  description: 'Get your spreadsheets into StockTrim, checked row by row, and run the forecast.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <AppHeader />
          <main className="mx-auto max-w-7xl px-4 py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
