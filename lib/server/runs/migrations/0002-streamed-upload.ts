/**
 * A run may send while its upload goes on: the page says which batches are complete
 * (ready_batches) and the runner sends those; upload_at is the page's last upload, so a run
 * whose upload stops half-way is ended after a time-out instead of waiting forever.
 * The counts index lets the progress poll count a run's rows from the index alone.
 */
export const streamedUpload = {
  version: 2,
  name: 'send while uploading, upload time-out, counts index',
  sql: `
ALTER TABLE runs ADD COLUMN ready_batches INTEGER;
ALTER TABLE runs ADD COLUMN upload_at INTEGER;
CREATE INDEX run_rows_counts ON run_rows (run_id, status, rejected_by, round);
`,
} as const;
