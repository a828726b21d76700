import { RunHistoryList } from '@/components/runs/run-history-list';

export default function HistoryPage() {
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Import history</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Every push of this StockTrim account. The dashboard&apos;s server sends them, so a push carries on when the page is closed; open one for its
          rejected rows and their reasons.
        </p>
      </div>
      <RunHistoryList />
    </div>
  );
}
