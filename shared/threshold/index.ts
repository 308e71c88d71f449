export * from './application-schema';
export * from './assess-threshold';
export * from './second-report';
