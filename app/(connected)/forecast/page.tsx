import { redirect } from 'next/navigation';

/** The forecast button lives on the order plan page; old links to /forecast still arrive there. */
export default function ForecastPage() {
  redirect('/order-plan');
}
