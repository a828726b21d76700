import { describe, expect, it } from 'vitest';
import { POLL_WHILE_IDLE_MS, POLL_WHILE_RUNNING_MS, START_GRACE_MS, announcedPercent, forecastPollInterval, runJustFinished } from './forecast-polling';

const running = { isProcessing: true, percentageComplete: 40, statusMessage: null };
const idle = { isProcessing: false, percentageComplete: 100, statusMessage: null };

describe('forecast polling', () => {
  it('polls fast while a run is in progress, including one found after a reload', () => {
    expect(forecastPollInterval(running, null, 0)).toBe(POLL_WHILE_RUNNING_MS);
  });

  it('keeps polling fast just after starting, before StockTrim reports the run', () => {
    expect(forecastPollInterval(idle, 1_000, 1_000 + START_GRACE_MS - 1)).toBe(POLL_WHILE_RUNNING_MS);
    expect(forecastPollInterval(idle, 1_000, 1_000 + START_GRACE_MS)).toBe(POLL_WHILE_IDLE_MS);
  });

  it('still polls slowly when idle, so a run started elsewhere shows up', () => {
    expect(forecastPollInterval(undefined, null, 0)).toBe(POLL_WHILE_IDLE_MS);
    expect(forecastPollInterval(idle, null, 0)).toBe(POLL_WHILE_IDLE_MS);
  });

  it('sees the end of a run only when it saw the run', () => {
    expect(runJustFinished(true, idle)).toBe(true);
    expect(runJustFinished(false, idle)).toBe(false);
    expect(runJustFinished(true, running)).toBe(false);
    expect(runJustFinished(true, undefined)).toBe(false);
  });

  it('announces progress in quarters', () => {
    expect([0, 24, 25, 74, 99, 100, 130].map(announcedPercent)).toEqual([0, 0, 25, 50, 75, 100, 100]);
  });
});
