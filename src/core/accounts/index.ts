export * from './account';
export * from './ids';
export * from './warnings';
export * from './active';
export * from './guard';
export * from './historyFiles';
