/**
 * The one description of a dataset's columns. The mapper, validator, preview grid, server
 * routes, sandbox and CSV templates all read these definitions; nothing else lists fields.
 */
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
}

export type DatasetId = 'products' | 'sales-orders';

export interface DatasetDef {
  readonly id: DatasetId;
  readonly label: string;
  readonly description: string;
  readonly fields: readonly FieldDef[];
  /** Field whose value must be unique within one file (e.g. productId for products). */
  readonly uniqueKey?: string;
}
