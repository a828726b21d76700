/**
 * Bill-of-materials demand: every unit of an assembly sold needs `quantity` units of each of its
 * components, so a component's daily demand is its own sales plus, for each assembly that uses
 * it, quantity × that assembly's daily demand (which already includes the assemblies above it).
 * Working day by day rather than with rates keeps the component's standard deviation honest:
 * demand that arrives together through one assembly is not smoothed away.
 *
 * Pure, and safe with cycles: the sandbox refuses circular BOM lines, but a link that would
 * revisit a product on the current path is skipped and reported instead of looping.
 */

export interface ForecastBomLine {
  /** The assembled product. */
  readonly productId: string;
  readonly componentId: string;
  /** Units of the component per assembly; null means 1. */
  readonly quantity: number | null;
}

export interface BomDemandInput {
  /** Each product's own daily demand over the window; every array has the same length. */
  readonly own: ReadonlyMap<string, readonly number[]>;
  readonly lines: readonly ForecastBomLine[];
  /**
   * Assemblies whose plan uses an overridden rate pass that rate on, as a flat daily demand,
   * so a component always gets exactly "assembly rate × quantity".
   */
  readonly overriddenRates?: ReadonlyMap<string, number>;
}

export interface BomDemand {
  /** Own plus derived daily demand, for every product in `own`. */
  readonly daily: ReadonlyMap<string, number[]>;
  /** Component → the assembly whose link was skipped because it closed a cycle. */
  readonly cycles: ReadonlyMap<string, string>;
}

interface Use {
  readonly assembly: string;
  readonly quantity: number;
}

export function withComponentDemand(input: BomDemandInput): BomDemand {
  const { own, lines } = input;
  const overridden = input.overriddenRates ?? new Map<string, number>();
  const days = own.values().next().value?.length ?? 0;

  // Lines naming a product the input does not have (say, deleted since) are left out, and so
  // are quantities that are not positive: neither can create demand.
  const usedIn = new Map<string, Use[]>();
  for (const line of lines) {
    const quantity = line.quantity ?? 1;
    if (!own.has(line.productId) || !own.has(line.componentId) || !(quantity > 0)) continue;
    usedIn.set(line.componentId, [...(usedIn.get(line.componentId) ?? []), { assembly: line.productId, quantity }]);
  }

  const totals = new Map<string, number[]>();
  const onPath = new Set<string>();
  const cycles = new Map<string, string>();

  const total = (productId: string): number[] => {
    const known = totals.get(productId);
    if (known) return known;
    onPath.add(productId);
    const sum = [...(own.get(productId) ?? [])];
    for (const { assembly, quantity } of usedIn.get(productId) ?? []) {
      const rate = overridden.get(assembly);
      if (rate === undefined && onPath.has(assembly)) {
        cycles.set(productId, assembly);
        continue;
      }
      const series = rate === undefined ? total(assembly) : new Array<number>(days).fill(rate);
      for (let d = 0; d < sum.length; d++) sum[d] = (sum[d] ?? 0) + quantity * (series[d] ?? 0);
    }
    onPath.delete(productId);
    totals.set(productId, sum);
    return sum;
  };

  for (const productId of own.keys()) total(productId);
  return { daily: totals, cycles };
}
