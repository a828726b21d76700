import { OrderPlanView } from '@/components/order-plan/order-plan-view';

export default function OrderPlanPage() {
  return <OrderPlanView />;
}
