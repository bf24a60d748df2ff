/** Operations several test files send, written once. */

/** Every field of the dashboard, as a live dashboard asks for it. */
export const FULL_DASHBOARD = `{
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
}`;
