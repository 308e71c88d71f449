/** A JSON value as stored in an event payload or a conversation reference. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
