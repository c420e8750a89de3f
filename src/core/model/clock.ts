// The cluster clock: simulated time starts at CLUSTER_EPOCH (t = 0 ms). Everything the cluster creates
// is stamped from it, never from the wall clock, so output is reproducible.
export const CLUSTER_EPOCH = '2026-01-01T00:00:00Z';
export const CLUSTER_EPOCH_MS = Date.UTC(2026, 0, 1);
