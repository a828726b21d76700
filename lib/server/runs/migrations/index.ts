import { createRuns } from './0001-create-runs';
import { streamedUpload } from './0002-streamed-upload';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * Every schema change, oldest first. Add a new file with the next version; never edit one that
 * has shipped, since databases that already ran it will not run it again.
 */
export const migrations: readonly Migration[] = [createRuns, streamedUpload];
