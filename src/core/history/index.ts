// The history store's public surface.
export { HistoryStore, DEFAULT_MAX_MESSAGES } from './store';
export type { HistoryStoreOptions, HistoryChangeEvent, NewHistoryRecord } from './store';
export { HistoryCorruptError, HistoryDamage } from './errors';
export { newRecordId } from './ids';
