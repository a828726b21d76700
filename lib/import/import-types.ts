/**
 * What the import worker tells the page. The worker owns every parsed row; the page only ever
 * holds counts, problems and the rows its grid is showing.
 */
import type { DatasetId } from '@/lib/datasets/field-def';
import type { DateOrder, DateOrderStatus } from './coerce-date';
import type { DecimalMark } from './coerce-number';

export type { DateOrder, DateOrderStatus } from './coerce-date';
export type { DecimalMark } from './coerce-number';

export type CellValue = string | number | boolean | null;

/** How a products file holds a product's locations and suppliers. */
export type RowLayout =
  /** One row per product. */
  | 'single'
  /** Several rows per product, one per location or supplier, grouped by the product code. */
  | 'long'
  /** One row per product, one column per location ("Stock AKL"). */
  | 'wide';

/**
 * What happens to rows that repeat an earlier row's unique key (a product code twice): "fix"
 * makes the later ones errors for the user to fix; "first" / "last" keeps one occurrence and
 * skips the others.
 */
export type DuplicateChoice = 'fix' | 'first' | 'last';

/**
 * Negative sales quantities (returns, cancellations), never sent as they are: 'exclude' skips
 * their rows with a visible count; 'net' subtracts them from the same product's lines in the
 * same order, and skips what cannot be netted.
 */
export type ReturnsChoice = 'exclude' | 'net';

/** What happens to negative values of a field that asks (oversold stock). */
export type NegativeChoice = 'send' | 'zero' | 'skip';

/** The user's "skip rows where this column is empty / not empty". */
export interface SkipRule {
  readonly column: number;
  readonly when: 'blank' | 'filled';
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t' | '|';

export interface SourceColumn {
  /** Position in the file, 0-based. Duplicate headers stay apart by this. */
  readonly index: number;
  /** The header exactly as in the file (BOM removed). */
  readonly header: string;
  /** What the UI shows: the header, or "(no header) B" for a blank one. */
  readonly label: string;
  /** True when another column has the same normalised header. */
  readonly duplicate: boolean;
  /** A few non-empty values, for the mapping step. */
  readonly samples: readonly string[];
}

export interface ParsedFileSummary {
  readonly fileName: string;
  readonly format: 'delimited' | 'xlsx';
  readonly encoding: TextEncodingName | null;
  readonly delimiter: Delimiter | null;
  /** True when the delimiter was not clear from the file and the user should confirm it. */
  readonly delimiterUncertain: boolean;
  readonly sheetNames: readonly string[];
  readonly sheet: string | null;
  /** Spreadsheet row number (1-based) of the header row. */
  readonly headerRowNumber: number;
  readonly columns: readonly SourceColumn[];
  /** Data rows, blank rows excluded. */
  readonly rowCount: number;
  readonly blankRowsSkipped: number;
  readonly notes: readonly string[];
  /** Why the encoding was chosen ("bom", "detected", "fallback" to Windows-1252, or "forced" by the user). */
  readonly encodingSource?: 'bom' | 'detected' | 'fallback' | 'forced' | null;
  /** Why the delimiter was chosen, in words. */
  readonly delimiterReason?: string;
  /** Title rows above the header that were skipped. */
  readonly rowsAboveHeader?: number;
  /** How numbers, dates, codes and NULLs are read (the same object as LoadResult.decisions). */
  readonly decisions?: ImportDecisions;
}

/** Dataset field key → source column index, or null when the field is not mapped. */
export type ColumnMapping = Record<string, number | null>;

export interface CellProblem {
  readonly field: string;
  readonly severity: 'error' | 'warning';
  /** Names the column and the value, so a person can find and fix it. */
  readonly message: string;
}

export interface PreviewCell {
  /** The text in the file (or as edited by the user). */
  readonly raw: string;
  /** What will be sent to StockTrim, or null. */
  readonly value: CellValue;
  readonly edited: boolean;
  /** The fallback column the value was read from because the field's own cell is empty. */
  readonly fromFallback?: string;
}

export interface PreviewRow {
  /** 0-based index among data rows; the handle the page uses for edits. */
  readonly rowIndex: number;
  /** Spreadsheet row number in the file (header row counted, quoted line breaks not). */
  readonly rowNumber: number;
  readonly cells: Readonly<Record<string, PreviewCell>>;
  readonly problems: readonly CellProblem[];
  readonly status: 'valid' | 'warning' | 'error';
  /** Not sent by a choice (the user's, or a rule they can turn off); never counted as an error. */
  readonly skipped?: boolean;
  /** True when the user skipped this row by hand (the grid offers to include it again). */
  readonly skippedByYou?: boolean;
  /** Why a row skipped by a rule is not sent ("image-only rows of the product above — not products"). */
  readonly skipReason?: string;
  /** Every field of the row as in the file, so a shifted (ragged) row can be seen as it is. */
  readonly source?: readonly string[];
  /**
   * StockTrim's answer when the last push rejected this row (see markPushOutcome); cleared once
   * the row is edited, so it is a candidate for a retry. The row's status is still the file check's.
   */
  readonly rejectedByStockTrim?: string;
  /** The last push stopped (was cancelled) before sending this row. */
  readonly notSent?: boolean;
}

export interface ValidationSummary {
  readonly total: number;
  /** Rows that will be sent: no errors (warnings allowed), not skipped. */
  readonly valid: number;
  /** Of the valid rows, those with at least one warning. */
  readonly withWarnings: number;
  readonly withErrors: number;
  /** Rows not sent by a choice: skipped by hand or by a rule. valid + withErrors + skipped === total. */
  readonly skipped?: number;
  /** Of the skipped rows, those the user skipped by hand. */
  readonly skippedByYou?: number;
  /** Rows with at least one cell the user edited. */
  readonly edited?: number;
  /** Field key → cells of that field the user edited (a mapping change of the field drops them). */
  readonly editedByField?: Readonly<Record<string, number>>;
  /** The rest of the skipped rows, by the rule that skipped them. */
  readonly skipReasons?: readonly SkipReason[];
  /** Rows (not skipped by another rule) with a negative value in a field that asks what to do with one. */
  readonly negativeRows?: number;
  /** Problems that concern the whole file (a required field with no column, an undecided date order). */
  readonly fileProblems?: readonly string[];
  /** Rows StockTrim rejected in the last push (cleared row by row when edited). */
  readonly rejectedByStockTrim?: number;
  /** The product reference check, for datasets whose rows name products. */
  readonly references?: ReferenceCheckSummary;
  /** Field key → number of rows with an error in that field (key "" for row-level errors). */
  readonly errorsByField?: Readonly<Record<string, number>>;
  readonly warningsByField?: Readonly<Record<string, number>>;
}

/** Rows skipped by one rule; `skipRule` is its index in ImportOptions.skipRules for the user's column rules. */
export interface SkipReason {
  readonly reason: string;
  readonly count: number;
  /** 'returns': negative sales quantities left out, netted, or fully returned (ImportDecisions.returns). */
  readonly kind: 'continuation' | 'column' | 'negative' | 'duplicate' | 'returns';
  readonly skipRule?: number;
}

/** 'rejected': rows StockTrim refused in the last push (see markPushOutcome). */
export type RowFilter = 'all' | 'errors' | 'warnings' | 'skipped' | 'rejected';

/** What Undo and Redo would do next, for their buttons ("Undo fill of 37 empty Location code cells"). */
export interface EditHistoryState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
}

/** The answer to every edit that can touch many rows (fill, replace, delete, undo, redo). */
export interface BulkEditResult {
  /** Rows whose edits or skip flag changed. */
  readonly changedRows: number;
  /** Cells whose text changed (0 for deletes). */
  readonly changedCells: number;
  /** What happened, for a status line ("Filled 37 empty Location code cells with WH-1."). */
  readonly message: string;
  readonly summary: ValidationSummary;
  readonly history: EditHistoryState;
}

export interface FillEmptyRequest {
  readonly fieldKey: string;
  readonly value: string;
  /** Only these rows; every row when absent. Rows skipped by the user are never filled. */
  readonly rowIndices?: readonly number[];
}

export interface ReplaceRequest {
  readonly fieldKey: string;
  readonly find: string;
  readonly replace: string;
  readonly matchCase?: boolean;
  /** Only cells whose whole text (trimmed) equals `find`; otherwise every occurrence within a cell. */
  readonly wholeCell?: boolean;
  /** Count the cells that would change, change nothing, record no history. */
  readonly dryRun?: boolean;
}

/** StockTrim's answer to the last push, row by row, so the grid can show it. */
export interface PushOutcomeMarks {
  readonly rejected: readonly { readonly rowNumber: number; readonly message: string }[];
  /** Rows a cancelled run never sent. */
  readonly notSent?: readonly number[];
}

/** Product codes this file refers to (sales, BOM, inventory, purchase-order lines) and which are checked. */
export interface ProductReferences {
  /** Fields that name a product, by key and label (mapped ones only). */
  readonly fields: readonly { readonly key: string; readonly label: string }[];
  /** Distinct codes in those fields over rows that would be sent or have errors (not skipped), after edits. */
  readonly codes: readonly string[];
  /** Of `codes`, those no check has answered yet. */
  readonly unchecked: readonly string[];
}

export interface KnownProducts {
  /** The codes that were looked up. */
  readonly checked: readonly string[];
  /** Of `checked`, those StockTrim has. */
  readonly known: readonly string[];
  /** ISO time of the check, shown to the user. */
  readonly checkedAt: string;
}

/** The state of the product reference check, in the validation summary. */
export interface ReferenceCheckSummary {
  /** Distinct codes the rows name (after edits, skipped rows left out). */
  readonly codes: number;
  /** Of those, the ones no check has answered yet. */
  readonly uncheckedCodes: number;
  readonly checkedCodes: number;
  readonly missingCodes: number;
  /** Rows with an error because a product code is unknown. */
  readonly rowsAffected: number;
  /** Up to 20 unknown codes, for the panel. */
  readonly missingSample: readonly string[];
  readonly checkedAt: string | null;
}

/** What the page shows before the push: the counts, and for sales orders the history's shape. */
export interface PushPreflight {
  readonly read: number;
  readonly valid: number;
  readonly withWarnings: number;
  readonly withErrors: number;
  readonly skippedByYou: number;
  readonly skippedByRule: number;
  /** Rows that will be sent, with their date field: every month from the first to the last, empty ones included. */
  readonly history?: {
    readonly fieldLabel: string;
    /** ISO dates (YYYY-MM-DD) of the first and last line to be sent. */
    readonly from: string;
    readonly to: string;
    readonly months: readonly { readonly month: string; readonly lines: number }[];
    /** Lines to be sent whose date is missing or invalid (they have errors, so this is 0 unless allowed). */
    readonly undated: number;
  };
}

/** How the file's numbers are read; decided once per file, shown, and changeable. */
export interface NumberFormatDecision {
  readonly decimal: DecimalMark;
  /** How "2.500" (one decimal mark, then exactly three digits) is read: rejected as ambiguous, or as a decimal. */
  readonly threeDigitDecimals: 'ask' | 'decimal';
  readonly source: 'detected' | 'default' | 'user';
  /** True when the file gave no or conflicting evidence; the UI should let the user confirm. */
  readonly uncertain: boolean;
  readonly dotVotes: number;
  readonly commaVotes: number;
  /**
   * Values flagged as ambiguous under this format (while threeDigitDecimals is "ask"): with an
   * unproven decimal mark every single-separator-then-three-digits value ("1.234", "2,500"),
   * otherwise those whose separator is the decimal mark.
   */
  readonly ambiguousExamples: readonly string[];
  /** False while neither the file (only one mark votes) nor the user has settled the decimal mark. */
  readonly decimalProven?: boolean;
}

export interface DateReadingExample {
  readonly raw: string;
  readonly asDayFirst: string | null;
  readonly asMonthFirst: string | null;
}

/** The day/month order of one mapped date column. */
export interface DateColumnDecision {
  readonly field: string;
  readonly columnIndex: number;
  readonly columnLabel: string;
  /** null while undecided (status "ambiguous") or not needed. */
  readonly order: DateOrder | null;
  readonly status: DateOrderStatus | 'user';
  /** Values that could be read both ways, with both readings, for the question to the user. */
  readonly examples: readonly DateReadingExample[];
  readonly notes: readonly string[];
  /**
   * Bare numbers in the column (18269, 45292): errors unless the user chooses to read them as
   * Excel date serials. Present when the column has any.
   */
  readonly serials?: {
    readonly count: number;
    readonly read: boolean;
    readonly source: 'default' | 'user';
    /** What a few of them would become as serials. */
    readonly examples: readonly { readonly raw: string; readonly asDate: string | null }[];
  };
}

/** A code column whose values all look like "17850.0" (a number column saved from a float). */
export interface CodeColumnDecision {
  readonly field: string;
  readonly columnIndex: number;
  readonly columnLabel: string;
  readonly stripTrailingZeroDecimal: boolean;
  readonly source: 'detected' | 'user';
}

/** A column that holds one location's figure ("Stock AKL"). */
export interface LocationColumn {
  readonly columnIndex: number;
  readonly columnLabel: string;
  /** The list field it fills, e.g. stockLocations.stockOnHand. */
  readonly field: string;
  readonly locationCode: string;
}

export interface LayoutDecision {
  readonly layout: RowLayout;
  readonly detected: RowLayout;
  readonly source: 'detected' | 'user';
  /** Why the detected layout was chosen, in words. */
  readonly reason: string;
  readonly locationColumns: readonly LocationColumn[];
}

export interface ImportDecisions {
  readonly numberFormat: NumberFormatDecision;
  readonly dateColumns: readonly DateColumnDecision[];
  readonly codeColumns: readonly CodeColumnDecision[];
  /** Read a literal NULL (SQL exports) as an empty cell. */
  readonly nullAsBlank: boolean;
  readonly nullCellsSeen: number;
  /** Text and code cells whose leading formula-neutralising apostrophe ("'=A1") is removed. */
  readonly formulaApostrophes?: number;
  /** Datasets whose rows may carry lists (products): how this file lays them out. */
  readonly layout?: LayoutDecision;
  /** Mapped fields whose negative values need a decision, and the decision in force. */
  readonly negatives?: { readonly fieldLabels: readonly string[]; readonly choice: NegativeChoice; readonly source: 'default' | 'user' };
  /**
   * Datasets with a returns field (sales quantity), when it is mapped: what negative lines become.
   * `lines` negative lines in all; with 'net', `netted` of them were subtracted from a sale and
   * `unmatched` had no sale of that product in that order to net against (skipped).
   */
  readonly returns?: {
    readonly fieldLabel: string;
    readonly choice: ReturnsChoice;
    readonly source: 'default' | 'user';
    readonly lines: number;
    readonly netted?: number;
    readonly unmatched?: number;
  };
  /** Datasets with a unique key: how rows repeating a key are treated, and how many rows repeat one. */
  readonly duplicates?: { readonly keyLabels: readonly string[]; readonly choice: DuplicateChoice; readonly source: 'default' | 'user'; readonly rows: number };
  /** Datasets with continuation rows, when the fallback column is mapped: whether they are skipped. */
  readonly continuation?: { readonly skip: boolean; readonly reason: string; readonly fallbackLabel: string };
}

/** Overrides the user can set; anything absent is detected. */
export interface ImportOptions {
  readonly encoding?: TextEncodingName;
  readonly delimiter?: Delimiter;
  readonly sheet?: string;
  /** Spreadsheet row number of the header row. */
  readonly headerRowNumber?: number;
  readonly numberFormat?: { readonly decimal: DecimalMark; readonly threeDigitDecimals?: 'ask' | 'decimal' };
  /** Column index → day/month order. */
  readonly dateOrders?: Readonly<Record<number, DateOrder>>;
  /** Column index → read bare numbers in that date column as Excel date serials. */
  readonly dateSerials?: Readonly<Record<number, boolean>>;
  readonly nullAsBlank?: boolean;
  /** Column index → strip ".0" from codes. */
  readonly stripTrailingZeroDecimal?: Readonly<Record<number, boolean>>;
  readonly layout?: RowLayout;
  readonly negatives?: NegativeChoice;
  /** Negative sales quantities: excluded (default) or netted against the same product and order. */
  readonly returns?: ReturnsChoice;
  /** Rows repeating the dataset's unique key: errors to fix (default), or keep the first / last. */
  readonly duplicates?: DuplicateChoice;
  /** False to treat continuation rows (Shopify image rows) as rows of their own. */
  readonly skipContinuationRows?: boolean;
  readonly skipRules?: readonly SkipRule[];
}

export interface MappingInfo {
  /** Source columns no field uses. Listed so nothing is dropped unseen. */
  readonly unmapped: readonly number[];
  readonly notes: readonly string[];
}

/** One row as it goes to the dashboard's push route: the coerced values of mapped fields. */
export interface PushRow {
  readonly rowNumber: number;
  readonly values: Readonly<Record<string, CellValue>>;
}

export interface PushPlan {
  readonly dataset: DatasetId;
  readonly batchCount: number;
  readonly rowsToSend: number;
  readonly rowsWithErrors: number;
  readonly rowsSkipped?: number;
  /** Datasets with an order key: how many records (orders, products) the rows form. */
  readonly orderCount?: number;
  /** What those records are called ("purchase orders"). */
  readonly orderNoun?: string;
  readonly batchSize?: number;
}
