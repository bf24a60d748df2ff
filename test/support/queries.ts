/** Operations several test files send, written once. */
import { Kind, print, type OperationDefinitionNode } from 'graphql';
import { graphql } from '../generated/index.js';

/** Every field of the dashboard, as a live dashboard asks for it (typed). */
export const FullDashboard = graphql(`
  query FullDashboard {
    dashboard {
      generatedAt
      taskCountsByStatus { status count }
      overdueCount
      overdueTasks(first: 10) { id title dueAt status }
      openTasksByAssignee(top: 5) { openCount assignee { id displayName } }
      projectsByStatus { status count }
      projectProgress(first: 10) { project { id code dueOn } progress { done total ratio } }
      recentActivity(first: 10) { id verb createdAt actor { id displayName } }
    }
  }
`);

/**
 * The same operation as anonymous text (`{ dashboard { … } }`), for what sends or plans the text
 * itself (the response cache, load tests), where an operation name would change what is measured.
 */
export const FULL_DASHBOARD = print({
  ...FullDashboard,
  definitions: FullDashboard.definitions.map((d) => (d.kind === Kind.OPERATION_DEFINITION ? ({ ...d, name: undefined } as OperationDefinitionNode) : d)),
});
