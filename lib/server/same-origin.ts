import 'server-only';
import { errorResponse } from './route-response';

/**
 * State-changing routes only accept requests made by the dashboard's own pages. Browsers send
 * Sec-Fetch-Site and Origin on cross-site requests, so either one proves where a request came from.
 */
export function rejectCrossOrigin(request: Request) {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return errorResponse(403, 'Cross-site requests are refused. Use the dashboard itself.');
  }
  const origin = request.headers.get('origin');
  if (origin) {
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (!host || originHost !== host) return errorResponse(403, 'Cross-site requests are refused. Use the dashboard itself.');
  }
  return null;
}
