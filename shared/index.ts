/**
 * The rules module: the law and a council's local policy, as pure functions. No I/O; time is always an
 * argument; it runs in Node (the server) and the browser (the tab's live threshold and deadline views).
 */
export * from './dates';
export * from './calendar';
export * from './policy/policy-schema';
export * from './policy/policy';
export * from './policy/windows';
export * from './threshold';
export * from './case';
export * from './statistics/published-statistics';
export * from './statistics/publication';
export * from './commencement';
export * from './contact/uk-contact';
export * from './words';
export * from './panel';
