/**
 * What a sales line's reference (externalReferenceId) is made from, read from a checked row. The
 * reference must stay the same for the same line of the same file whatever the user does in the
 * grid, so pushing the file again updates the lines StockTrim has instead of adding them twice.
 */
import type { FieldDef } from '@/lib/datasets/field-def';
import type { CellValue } from './import-types';
import type { SalesLineIdentity } from './sales-line-reference';
import type { RowCheck } from './validate-row';

/** What the identities need of the table. */
export interface LineIdentitySource {
  readonly fields: readonly FieldDef[];
  /** The file's quantity of row r when the returns choice changed it, else undefined. */
  originalQuantity(r: number): CellValue | undefined;
  isEdited(r: number): boolean;
  /** Row r checked as the file has it, without the user's edits. */
  uneditedCheck(r: number): RowCheck;
}

type Position = 'orderNumber' | 'productId' | 'orderDate' | 'quantity' | 'unitPrice' | 'customerCode' | 'locationCode';
const POSITIONS: readonly Position[] = ['orderNumber', 'productId', 'orderDate', 'quantity', 'unitPrice', 'customerCode', 'locationCode'];

/** A field's value, or its trimmed raw text when the value is invalid; null when empty or unmapped. */
function identityPart(out: RowCheck, i: number): CellValue {
  if (i < 0) return null;
  const v = out.values[i]!;
  if (v !== null) return v;
  const raw = out.raws[i]!.trim();
  return raw === '' ? null : raw;
}

function textPart(v: CellValue): string | null {
  return v === null ? null : String(v);
}

function numberPart(v: CellValue): number | string | null {
  return v === null ? null : typeof v === 'number' ? v : String(v);
}

export class SalesLineIdentities {
  private readonly at: Record<Position, number>;

  constructor(private readonly source: LineIdentitySource) {
    const at = (key: string) => source.fields.findIndex((f) => f.key === key);
    this.at = Object.fromEntries(POSITIONS.map((p) => [p, at(p)])) as Record<Position, number>;
  }

  /** Identity of a checked sales line; invalid values fall back to their trimmed raw text. */
  of(out: RowCheck, r: number): SalesLineIdentity | null {
    const p = this.at;
    const productId = identityPart(out, p.productId);
    if (productId === null) return null;
    return {
      orderNumber: textPart(identityPart(out, p.orderNumber)),
      productId: String(productId),
      orderDate: textPart(identityPart(out, p.orderDate)),
      // The file's quantity, not the netted one: switching the returns choice never changes a line's reference.
      quantity: numberPart(this.source.originalQuantity(r) ?? identityPart(out, p.quantity)),
      unitPrice: numberPart(identityPart(out, p.unitPrice)),
      customerCode: textPart(identityPart(out, p.customerCode)),
      locationCode: textPart(identityPart(out, p.locationCode)),
    };
  }

  /**
   * What the reference is made from: the file's own text, before the user's edits, so a line
   * fixed in the grid (a customer filled in, a date corrected) and pushed again updates the line
   * StockTrim already has instead of adding a second one. A line the file gave no product code
   * takes the edited one.
   */
  reference(out: RowCheck, r: number): SalesLineIdentity | null {
    const edited = this.of(out, r);
    if (!this.source.isEdited(r)) return edited;
    return this.of(this.source.uneditedCheck(r), r) ?? edited;
  }
}
