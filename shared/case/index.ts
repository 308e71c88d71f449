export * from './case-events';
export * from './case-state';
export * from './reduce-case';
export * from './deadlines';
export * from './quorum';
export * from './repeat-application';
