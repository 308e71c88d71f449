// `require('adaptivecards')` fails on Node 20 (its main build expects a DOM); the UMD bundle works.
declare module 'adaptivecards/dist/adaptivecards.js' {
  export * from 'adaptivecards';
}
