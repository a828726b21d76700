import { OrderPlanTable } from '@/components/forecast/order-plan-table';
import { RunForecastButton } from '@/components/forecast/run-forecast-button';

export default function ForecastPage() {
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Forecast and order plan</h1>
        <p className="text-sm text-slate-600">
          StockTrim shows nothing in the order plan until a forecast calculation has finished. Run it after every import.
        </p>
      </div>
      <RunForecastButton />
      <OrderPlanTable />
    </div>
  );
}
