/**
 * Typed pub/sub topics. A topic name always starts with the tenant (`<tenantId>:ACTIVITY_RECORDED`),
 * so a subscriber can only ever be attached to one tenant's events, and the tenant is the one
 * thing a subscription never takes from its arguments (it comes from the connection's viewer).
 * Payloads carry ids only: subscribers load the objects through their own tenant scope, so RLS
 * applies to delivery as it does to queries, and a message never outlives what it describes.
 */
import { assertUuid } from '../uuid.js';

export interface TopicPayloads {
  /** An ActivityEvent committed (see modules/activity/record.ts). */
  ACTIVITY_RECORDED: {
    activityEventId: string;
    verb: string;
    subjectType: string;
    subjectId: string;
    /** The event's position (its `ActivityEvent.cursor`): frames of a resumable subscription carry it in `extensions.cursor`. */
    cursor?: string;
  };
  /** A notification committed for `userId` (see modules/notifications/notify.ts). */
  NOTIFICATION_CREATED: { notificationId: string; userId: string };
  /** Sessions revoked (logout, role change, deactivation, token reuse): every pod stops trusting them. */
  SESSIONS_REVOKED: { sessionIds: string[] };
}

export type TopicName = keyof TopicPayloads;

/** A channel name of one tenant, branded with its payload type so publish/subscribe agree. */
export type Topic<N extends TopicName = TopicName> = string & { readonly __payload: TopicPayloads[N] };

export function topic<N extends TopicName>(tenantId: string, name: N): Topic<N> {
  assertUuid(tenantId, 'topic tenantId');
  return `${tenantId}:${name}` as Topic<N>;
}

/** An event queued by a write; the tenant is added by whoever publishes it (the write's tenant). */
export type QueuedEvent = { [N in TopicName]: { name: N; payload: TopicPayloads[N] } }[TopicName];
