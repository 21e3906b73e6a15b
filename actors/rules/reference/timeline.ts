/** The timeline grids the commerce and page histories share: where arrivals and timestamps fall. */

/** 2026-01-01T00:00:00Z: far from DST changes, so only the datetime tests deal with those. */
export const START = Date.UTC(2026, 0, 1);

/** Arrival gaps: ties, a millisecond, and whole seconds and minutes that meet windows exactly. */
export const GAPS = [0, 0, 1, 1_000, 2_000, 5_000, 30_000, 60_000, 180_000] as const;

/** ts − arrival: on time, a little early or late, a window late, and a little ahead of arrival. */
export const JITTERS = [0, 0, 0, -1, 1, -1_000, 1_000, 2_000, -5_000, -60_000, -600_000] as const;
