/** The case review panel: free slots, answers to offered slots, the chair. Pure, like the rest of shared/. */
export * from './london-time';
export * from './slots';
export * from './slot-answers';
export * from './chair';
