/**
 * The one description of a dataset's columns. The mapper, validator, preview grid, server
 * routes, sandbox and CSV templates all read these definitions; nothing else lists fields.
 */
import type { CellValue } from '@/lib/import/import-types';

export type FieldType =
  /** Identifier kept exactly as text: leading zeros, long digit strings, case. */
  | 'code'
  | 'text'
  | 'number'
  | 'integer'
  /** A 0–1 fraction that people often type as a percentage ("95%"). */
  | 'fraction'
  /** Output as an ISO 8601 date-time without offset (StockTrim documents no timezone). */
  | 'date'
  | 'boolean';

/** A second column read for a field when its own cell is blank (Shopify's Handle for a missing SKU). */
export interface FallbackDef {
  readonly label: string;
  readonly synonyms: readonly string[];
  readonly help: string;
}

/** The field is one property of an entry in a list of the request (a product's stockLocations). */
export interface ListEntryDef {
  /** The request property holding the list, e.g. `stockLocations`. */
  readonly list: string;
  /** The entry's property, e.g. `stockOnHand`. */
  readonly property: string;
  /** The entry's identity when it is fixed by the column rather than a cell (a "Stock AKL" column). */
  readonly identity?: string;
}

export interface FieldDef {
  /** The StockTrim request field name, or a dashboard-only field when `stockTrim` is false. */
  readonly key: string;
  readonly label: string;
  readonly type: FieldType;
  readonly required: boolean;
  /** Header names people use for this column; matched after normalising case, spaces, `_ - .`. */
  readonly synonyms: readonly string[];
  readonly help: string;
  /** Smallest allowed value for numeric fields. */
  readonly min?: number;
  /** False for fields the dashboard uses itself (e.g. an order number used to group lines). */
  readonly stockTrim?: boolean;
  /** Text fields: the only values StockTrim takes (matched ignoring case, sent as written here). */
  readonly choices?: readonly string[];
  readonly fallback?: FallbackDef;
  /**
   * Negative values are legitimate but worth a decision (oversold stock): the user states once
   * per file whether they are sent as they are, sent as 0, or their rows skipped.
   */
  readonly negativeChoice?: boolean;
  /**
   * Negative values are returns, never sent as they are (sales quantity): the user states once
   * per file whether they are excluded or netted against the same product and order.
   */
  readonly returnsChoice?: boolean;
  /**
   * A 0 is accepted but rarely meant (a sales line of nothing): the row is still sent, with this
   * text as a warning on the cell. It follows the quoted value: `"0" ${zeroWarning}`.
   */
  readonly zeroWarning?: string;
  /**
   * What to do when a required field has no column, when more can be said than "map a column"
   * (a figure StockTrim would set to 0 if left out).
   */
  readonly whenUnmapped?: string;
  /** The field names a product by its code; rows are checked against StockTrim's products before pushing. */
  readonly productReference?: boolean;
  readonly listEntry?: ListEntryDef;
}

/** A list of the request that rows fill (a product's suppliers, a purchase order's lines). */
export interface ListDef {
  readonly property: string;
  /** The entry property that names an entry (locationCode); rows naming the same entry merge. */
  readonly identity: string;
  /** False when every row is an entry of its own (order lines), even with the same identity. */
  readonly merge: boolean;
}

/**
 * Rows with equal values in these fields form one record (an order; a product with its
 * locations): they are sent together and never split across push batches.
 */
export interface OrderKeyDef {
  readonly fields: readonly string[];
  /** What one record is called in counts: "order", "product". */
  readonly noun: string;
  readonly nounPlural: string;
  /** A rule that is more than "these fields are equal" (sales orders without an order number). */
  readonly keyOf?: (values: Readonly<Record<string, CellValue | undefined>>) => string;
}

/** A switch of the push request, offered in the wizard before sending. */
export interface PushOptionDef {
  readonly key: string;
  readonly label: string;
  readonly help: string;
  readonly default: boolean;
}

/** One column per location: a header made of one of `words` and a location code ("Stock AKL"). */
export interface LocationColumnDef {
  readonly field: string;
  readonly words: readonly string[];
}

/** How a dataset's rows may be laid out besides one row per record (products). */
export interface LayoutsDef {
  /** Several rows per record, one per list entry: the unique key then spans these fields. */
  readonly long: { readonly uniqueKey: readonly string[] };
  readonly wide: { readonly columns: readonly LocationColumnDef[] };
}

export type DatasetId = 'products' | 'sales-orders' | 'bill-of-materials' | 'suppliers' | 'locations' | 'inventory' | 'purchase-orders' | 'customers';

export interface DatasetDef {
  readonly id: DatasetId;
  readonly label: string;
  readonly description: string;
  readonly fields: readonly FieldDef[];
  /** Fields whose values together must be unique within one file (e.g. productId for products). */
  readonly uniqueKey?: readonly string[];
  readonly orderKey?: OrderKeyDef;
  readonly lists?: readonly ListDef[];
  readonly pushOptions?: readonly PushOptionDef[];
  /**
   * Rows that only continue the record above (Shopify's image-only rows): a row whose code
   * comes from the fallback column, repeats the row above's, and carries no other value.
   * `reason` is how they are counted and shown; they are skipped, never counted as errors.
   */
  readonly continuationRows?: { readonly reason: string };
  readonly layouts?: LayoutsDef;
}

/** The mapping key of a field's fallback column. */
export function fallbackKey(fieldKey: string): string {
  return `${fieldKey}:fallback`;
}
