export * from './account';
export * from './ids';
export * from './token';
export * from './warnings';
export * from './active';
export * from './guard';
