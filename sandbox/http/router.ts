/**
 * Matches a path to a route the way ASP.NET routing does for this API: case-insensitive
 * literal segments, `{name}` parameters, an optional trailing slash, literals preferred over
 * parameters, and 405 (with Allow) when the path exists but the method does not.
 */
import type { Endpoint, HttpMethod, RouteDef } from '../routes/route';

type Segment = { readonly literal: string } | { readonly param: string };

interface CompiledRoute {
  readonly segments: readonly Segment[];
  readonly literalCount: number;
  readonly methods: Partial<Record<HttpMethod, Endpoint>>;
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly endpoint: Endpoint; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'not-found' };

function splitPath(path: string): string[] {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.split('/').slice(1);
}

function compile(route: RouteDef): CompiledRoute {
  const segments = splitPath(route.path).map((part): Segment => {
    const param = /^\{(\w+)\}$/.exec(part)?.[1];
    return param ? { param } : { literal: part.toLowerCase() };
  });
  return { segments, literalCount: segments.filter((s) => 'literal' in s).length, methods: route.methods };
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function createRouter(routes: readonly RouteDef[]): (method: string, pathname: string) => RouteMatch {
  const compiled = routes.map(compile);
  const seen = new Set<string>();
  for (const route of compiled) {
    const key = route.segments.map((s) => ('literal' in s ? s.literal : '{}')).join('/');
    if (seen.has(key)) throw new Error(`Two sandbox routes share the path /${key}`);
    seen.add(key);
  }

  return (method, pathname) => {
    const parts = splitPath(pathname);
    let best: { route: CompiledRoute; params: Record<string, string> } | undefined;
    for (const route of compiled) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const matches = route.segments.every((segment, i) => {
        const part = parts[i] ?? '';
        if ('literal' in segment) return part.toLowerCase() === segment.literal;
        const value = decode(part);
        if (value === null || value === '') return false;
        params[segment.param] = value;
        return true;
      });
      if (matches && (!best || route.literalCount > best.route.literalCount)) best = { route, params };
    }
    if (!best) return { kind: 'not-found' };
    const endpoint = best.route.methods[method.toUpperCase() as HttpMethod];
    if (!endpoint) return { kind: 'method-not-allowed', allow: Object.keys(best.route.methods) };
    return { kind: 'found', endpoint, params: best.params };
  };
}
