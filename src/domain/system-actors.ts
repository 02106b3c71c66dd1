/**
 * Names the centre records as the actor of what no person did. They start with `~`, which a
 * central user name may not contain, so none can be mistaken for a user.
 */

/** Closes a refusal's `order_refused` exception when the desk applied that order version later (src/server/erp/feed.ts). */
export const DESK_RETRY_RESOLVER = '~desk-retry';
