/** The first schema: runs, and one row per spreadsheet row of each run. */
export const createRuns = {
  version: 1,
  name: 'create runs and run rows',
  sql: `
CREATE TABLE runs (
  id            TEXT PRIMARY KEY,
  account_id    TEXT NOT NULL,
  dataset       TEXT NOT NULL,
  file_name     TEXT NOT NULL,
  options       TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('uploading', 'running', 'paused', 'waiting-credentials', 'finished', 'cancelled')),
  message       TEXT,
  -- How many rows the page said it uploaded; set when the run starts.
  expected_rows INTEGER,
  -- A retry starts a new round; only pending rows of the current round are sent.
  round         INTEGER NOT NULL DEFAULT 1,
  requests      INTEGER NOT NULL DEFAULT 0,
  retries       INTEGER NOT NULL DEFAULT 0,
  resent        INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  started_at    INTEGER,
  finished_at   INTEGER,
  updated_at    INTEGER NOT NULL,
  -- Rows done at mark_at, for the rate since the run last (re)started.
  mark_at       INTEGER,
  mark_done     INTEGER,
  last_claim_at INTEGER NOT NULL DEFAULT 0,
  -- AES-256-GCM sealed StockTrim credentials; only while the run may still send.
  credentials   BLOB
);
CREATE INDEX runs_by_account ON runs (account_id, created_at DESC);
CREATE INDEX runs_by_state ON runs (state);

CREATE TABLE run_rows (
  run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  row_number  INTEGER NOT NULL,
  batch_no    INTEGER NOT NULL,
  -- The StockTrim record (order, product) the row belongs to, for datasets that group rows.
  record_key  TEXT,
  round       INTEGER NOT NULL,
  payload     TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'rejected', 'skipped')),
  rejected_by TEXT CHECK (rejected_by IN ('file', 'dashboard', 'stocktrim')),
  -- 1 while a request carrying the row may be on its way to StockTrim.
  claimed     INTEGER NOT NULL DEFAULT 0,
  attempts    INTEGER NOT NULL DEFAULT 0,
  answer      TEXT,
  retryable   INTEGER NOT NULL DEFAULT 0,
  not_before  INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (run_id, row_number)
);
CREATE INDEX run_rows_by_status ON run_rows (run_id, status, round, batch_no);
CREATE INDEX run_rows_by_record ON run_rows (run_id, record_key) WHERE record_key IS NOT NULL;
`,
} as const;
