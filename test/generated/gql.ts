/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ActivityList($first: Int, $after: String, $filter: ActivityFilter) {\n  activity(first: $first, after: $after, filter: $filter) {\n    totalCount pageInfo { hasNextPage endCursor } nodes { id verb subjectType subjectId summary createdAt actor { id displayName } }\n  }\n}": typeof types.ActivityListDocument,
    "mutation AttachmentsCreate($i: CreateAttachmentUploadInput!) {\n  createAttachmentUpload(input: $i) {\n    uploadUrl method headers expiresAt\n    attachment { id filename contentType size status downloadUrl task { id } uploadedBy { id } }\n  }\n}": typeof types.AttachmentsCreateDocument,
    "mutation AttachmentsComplete($id: UUID!) { completeAttachmentUpload(id: $id) { id status size downloadUrl } }": typeof types.AttachmentsCompleteDocument,
    "query AttachmentsOfTask($id: UUID!) { task(id: $id) { attachments { id filename status downloadUrl } } }": typeof types.AttachmentsOfTaskDocument,
    "query AttachmentsATask { tasks(first: 1) { nodes { id } } }": typeof types.AttachmentsATaskDocument,
    "mutation CommentsAdd($t: UUID!, $b: String!) { addComment(taskId: $t, body: $b) { id body author { id } task { id } createdAt updatedAt } }": typeof types.CommentsAddDocument,
    "mutation CommentsEdit($id: UUID!, $b: String!) { editComment(id: $id, body: $b) { id body author { id } } }": typeof types.CommentsEditDocument,
    "mutation CommentsDelete($id: UUID!) { deleteComment(id: $id) { id } }": typeof types.CommentsDeleteDocument,
    "query CommentsOnTask($id: UUID!) { task(id: $id) { comments(first: 100) { nodes { id body author { id } } } } }": typeof types.CommentsOnTaskDocument,
    "query CommentsOnTaskIds($id: UUID!) { task(id: $id) { comments { nodes { id } } } }": typeof types.CommentsOnTaskIdsDocument,
    "mutation DepartmentsCreate($i: CreateDepartmentInput!) { createDepartment(input: $i) { id code name createdAt updatedAt } }": typeof types.DepartmentsCreateDocument,
    "mutation DepartmentsUpdate($id: UUID!, $i: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $i) { id code name } }": typeof types.DepartmentsUpdateDocument,
    "query DepartmentsAll { departments { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { code name } } }": typeof types.DepartmentsAllDocument,
    "query DepartmentsFirstPage { departments(first: 3) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }": typeof types.DepartmentsFirstPageDocument,
    "query DepartmentsNextPage($a: String) { departments(first: 3, after: $a) { pageInfo { hasNextPage hasPreviousPage } nodes { id } } }": typeof types.DepartmentsNextPageDocument,
    "query DepartmentsTooMany { departments(first: 101) { totalCount } }": typeof types.DepartmentsTooManyDocument,
    "query DepartmentsWithMembers { departments { nodes { id code members(first: 2) { totalCount nodes { email department { code } } } } } }": typeof types.DepartmentsWithMembersDocument,
    "query DepartmentsOne($id: UUID!) { department(id: $id) { id code name } }": typeof types.DepartmentsOneDocument,
    "query DepartmentsOneId($id: UUID!) { department(id: $id) { id } }": typeof types.DepartmentsOneIdDocument,
    "query DepartmentsNewest { departments(first: 1) { totalCount nodes { id } } }": typeof types.DepartmentsNewestDocument,
    "query DepartmentsAny { departments(first: 1) { nodes { id } } }": typeof types.DepartmentsAnyDocument,
    "query DepartmentsCodes { departments { nodes { id code } } }": typeof types.DepartmentsCodesDocument,
    "query DepartmentsOneCode($id: UUID!) { department(id: $id) { id code } }": typeof types.DepartmentsOneCodeDocument,
    "query DepartmentsTheirs { departments { totalCount nodes { code } } }": typeof types.DepartmentsTheirsDocument,
    "query DepartmentsOneName($id: UUID!) { department(id: $id) { name } }": typeof types.DepartmentsOneNameDocument,
    "query EmbeddedTasks { tasks(first: 5) { totalCount nodes { title project { name } assignee { displayName } } } }": typeof types.EmbeddedTasksDocument,
    "query EmbeddedByStatus($s: [TaskStatus!]) { tasks(first: 50, filter: { status: $s }) { nodes { status } } }": typeof types.EmbeddedByStatusDocument,
    "query EmbeddedTwoIds { tasks(first: 2) { nodes { id } } }": typeof types.EmbeddedTwoIdsDocument,
    "\n  mutation EmbeddedTwoWrites($a: UUID!, $b: UUID!) {\n    a: changeTaskStatus(id: $a, status: IN_PROGRESS) { status project { name } assignee { displayName } }\n    b: changeTaskStatus(id: $b, status: BLOCKED) { status project { name } }\n  }\n": typeof types.EmbeddedTwoWritesDocument,
    "query EmbeddedTenantTasks { tenant { slug } tasks(first: 50) { nodes { id } } }": typeof types.EmbeddedTenantTasksDocument,
    "query NotificationsList($first: Int, $after: String, $unreadOnly: Boolean) {\n  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    totalCount unreadCount pageInfo { hasNextPage endCursor } nodes { id kind payload readAt createdAt }\n  }\n}": typeof types.NotificationsListDocument,
    "mutation NotificationsMark($id: UUID!) { markNotificationRead(id: $id) { id readAt } }": typeof types.NotificationsMarkDocument,
    "mutation NotificationsMarkAll { markAllNotificationsRead }": typeof types.NotificationsMarkAllDocument,
    "query NotificationsCounts { notifications { unreadCount totalCount } }": typeof types.NotificationsCountsDocument,
    "query NotificationsTotal { notifications { totalCount } }": typeof types.NotificationsTotalDocument,
    "fragment ProjectsFields on Project { id code name description status startsOn dueOn owner { id } progress { done total ratio } }": typeof types.ProjectsFieldsFragmentDoc,
    "mutation ProjectsCreate($i: CreateProjectInput!) { createProject(input: $i) { ...ProjectsFields } }": typeof types.ProjectsCreateDocument,
    "mutation ProjectsUpdate($id: UUID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { ...ProjectsFields } }": typeof types.ProjectsUpdateDocument,
    "mutation ProjectsArchive($id: UUID!) { archiveProject(id: $id) { id status } }": typeof types.ProjectsArchiveDocument,
    "query ProjectsAll { projects(first: 100) { totalCount nodes { id status } } }": typeof types.ProjectsAllDocument,
    "query ProjectsActive { projects(status: ACTIVE) { totalCount nodes { id status } } }": typeof types.ProjectsActiveDocument,
    "query ProjectsFirstPage { projects(first: 2) { pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }": typeof types.ProjectsFirstPageDocument,
    "query ProjectsNextPage($a: String) { projects(first: 2, after: $a) { pageInfo { hasPreviousPage } nodes { id } } }": typeof types.ProjectsNextPageDocument,
    "\n  query ProjectsWithTasks($id: UUID!) { project(id: $id) { code owner { id } progress { done total ratio }\n    tasks(first: 3) { totalCount nodes { id } } doneTasks: tasks(status: DONE) { totalCount nodes { id status } } } }\n": typeof types.ProjectsWithTasksDocument,
    "query ProjectsOne($id: UUID!) { project(id: $id) { id } }": typeof types.ProjectsOneDocument,
    "query ProjectsIds { projects(first: 100) { totalCount nodes { id } } }": typeof types.ProjectsIdsDocument,
    "query ProjectsTooMany { projects(first: 101) { nodes { id } } }": typeof types.ProjectsTooManyDocument,
    "query TasksFirstPage { tasks(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { id createdAt } } }": typeof types.TasksFirstPageDocument,
    "query TasksNextPage($a: String) { tasks(first: 3, after: $a) { nodes { id createdAt } } }": typeof types.TasksNextPageDocument,
    "query TasksAProject { tasks(first: 1) { nodes { project { id } } } }": typeof types.TasksAProjectDocument,
    "mutation TasksCreate($i: CreateTaskInput!) { createTask(input: $i) { id title status priority project { id } } }": typeof types.TasksCreateDocument,
    "mutation TasksDone($id: UUID!) { changeTaskStatus(id: $id, status: DONE) { id status completedAt } }": typeof types.TasksDoneDocument,
    "mutation TasksDelete($id: UUID!) { deleteTask(id: $id) { id } }": typeof types.TasksDeleteDocument,
    "query TasksOne($id: UUID!) { task(id: $id) { id title } }": typeof types.TasksOneDocument,
    "query TasksATask { tasks(first: 1) { nodes { id } } }": typeof types.TasksATaskDocument,
    "fragment TenantFields on Tenant { id slug name plan rateLimitPerMinute settings createdAt updatedAt }": typeof types.TenantFieldsFragmentDoc,
    "mutation TenantUpdate($i: UpdateTenantInput!) { updateTenant(input: $i) { ...TenantFields } }": typeof types.TenantUpdateDocument,
    "query TenantRead { tenant { ...TenantFields } }": typeof types.TenantReadDocument,
    "query TenantReadId { tenant { id } }": typeof types.TenantReadIdDocument,
    "query TenantReadSettings { tenant { name settings } }": typeof types.TenantReadSettingsDocument,
    "query TenantReadSlug { tenant { id slug } }": typeof types.TenantReadSlugDocument,
    "query TenantReadOurs { tenant { slug name settings } }": typeof types.TenantReadOursDocument,
    "\n  query FullDashboard {\n    dashboard {\n      generatedAt\n      taskCountsByStatus { status count }\n      overdueCount\n      overdueTasks(first: 10) { id title dueAt status }\n      openTasksByAssignee(top: 5) { openCount assignee { id displayName } }\n      projectsByStatus { status count }\n      projectProgress(first: 10) { project { id code dueOn } progress { done total ratio } }\n      recentActivity(first: 10) { id verb createdAt actor { id displayName } }\n    }\n  }\n": typeof types.FullDashboardDocument,
    "\n  mutation TestSupportLogin($s: String!, $e: String!, $p: String!) {\n    login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } }\n  }\n": typeof types.TestSupportLoginDocument,
};
const documents: Documents = {
    "query ActivityList($first: Int, $after: String, $filter: ActivityFilter) {\n  activity(first: $first, after: $after, filter: $filter) {\n    totalCount pageInfo { hasNextPage endCursor } nodes { id verb subjectType subjectId summary createdAt actor { id displayName } }\n  }\n}": types.ActivityListDocument,
    "mutation AttachmentsCreate($i: CreateAttachmentUploadInput!) {\n  createAttachmentUpload(input: $i) {\n    uploadUrl method headers expiresAt\n    attachment { id filename contentType size status downloadUrl task { id } uploadedBy { id } }\n  }\n}": types.AttachmentsCreateDocument,
    "mutation AttachmentsComplete($id: UUID!) { completeAttachmentUpload(id: $id) { id status size downloadUrl } }": types.AttachmentsCompleteDocument,
    "query AttachmentsOfTask($id: UUID!) { task(id: $id) { attachments { id filename status downloadUrl } } }": types.AttachmentsOfTaskDocument,
    "query AttachmentsATask { tasks(first: 1) { nodes { id } } }": types.AttachmentsATaskDocument,
    "mutation CommentsAdd($t: UUID!, $b: String!) { addComment(taskId: $t, body: $b) { id body author { id } task { id } createdAt updatedAt } }": types.CommentsAddDocument,
    "mutation CommentsEdit($id: UUID!, $b: String!) { editComment(id: $id, body: $b) { id body author { id } } }": types.CommentsEditDocument,
    "mutation CommentsDelete($id: UUID!) { deleteComment(id: $id) { id } }": types.CommentsDeleteDocument,
    "query CommentsOnTask($id: UUID!) { task(id: $id) { comments(first: 100) { nodes { id body author { id } } } } }": types.CommentsOnTaskDocument,
    "query CommentsOnTaskIds($id: UUID!) { task(id: $id) { comments { nodes { id } } } }": types.CommentsOnTaskIdsDocument,
    "mutation DepartmentsCreate($i: CreateDepartmentInput!) { createDepartment(input: $i) { id code name createdAt updatedAt } }": types.DepartmentsCreateDocument,
    "mutation DepartmentsUpdate($id: UUID!, $i: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $i) { id code name } }": types.DepartmentsUpdateDocument,
    "query DepartmentsAll { departments { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { code name } } }": types.DepartmentsAllDocument,
    "query DepartmentsFirstPage { departments(first: 3) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }": types.DepartmentsFirstPageDocument,
    "query DepartmentsNextPage($a: String) { departments(first: 3, after: $a) { pageInfo { hasNextPage hasPreviousPage } nodes { id } } }": types.DepartmentsNextPageDocument,
    "query DepartmentsTooMany { departments(first: 101) { totalCount } }": types.DepartmentsTooManyDocument,
    "query DepartmentsWithMembers { departments { nodes { id code members(first: 2) { totalCount nodes { email department { code } } } } } }": types.DepartmentsWithMembersDocument,
    "query DepartmentsOne($id: UUID!) { department(id: $id) { id code name } }": types.DepartmentsOneDocument,
    "query DepartmentsOneId($id: UUID!) { department(id: $id) { id } }": types.DepartmentsOneIdDocument,
    "query DepartmentsNewest { departments(first: 1) { totalCount nodes { id } } }": types.DepartmentsNewestDocument,
    "query DepartmentsAny { departments(first: 1) { nodes { id } } }": types.DepartmentsAnyDocument,
    "query DepartmentsCodes { departments { nodes { id code } } }": types.DepartmentsCodesDocument,
    "query DepartmentsOneCode($id: UUID!) { department(id: $id) { id code } }": types.DepartmentsOneCodeDocument,
    "query DepartmentsTheirs { departments { totalCount nodes { code } } }": types.DepartmentsTheirsDocument,
    "query DepartmentsOneName($id: UUID!) { department(id: $id) { name } }": types.DepartmentsOneNameDocument,
    "query EmbeddedTasks { tasks(first: 5) { totalCount nodes { title project { name } assignee { displayName } } } }": types.EmbeddedTasksDocument,
    "query EmbeddedByStatus($s: [TaskStatus!]) { tasks(first: 50, filter: { status: $s }) { nodes { status } } }": types.EmbeddedByStatusDocument,
    "query EmbeddedTwoIds { tasks(first: 2) { nodes { id } } }": types.EmbeddedTwoIdsDocument,
    "\n  mutation EmbeddedTwoWrites($a: UUID!, $b: UUID!) {\n    a: changeTaskStatus(id: $a, status: IN_PROGRESS) { status project { name } assignee { displayName } }\n    b: changeTaskStatus(id: $b, status: BLOCKED) { status project { name } }\n  }\n": types.EmbeddedTwoWritesDocument,
    "query EmbeddedTenantTasks { tenant { slug } tasks(first: 50) { nodes { id } } }": types.EmbeddedTenantTasksDocument,
    "query NotificationsList($first: Int, $after: String, $unreadOnly: Boolean) {\n  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    totalCount unreadCount pageInfo { hasNextPage endCursor } nodes { id kind payload readAt createdAt }\n  }\n}": types.NotificationsListDocument,
    "mutation NotificationsMark($id: UUID!) { markNotificationRead(id: $id) { id readAt } }": types.NotificationsMarkDocument,
    "mutation NotificationsMarkAll { markAllNotificationsRead }": types.NotificationsMarkAllDocument,
    "query NotificationsCounts { notifications { unreadCount totalCount } }": types.NotificationsCountsDocument,
    "query NotificationsTotal { notifications { totalCount } }": types.NotificationsTotalDocument,
    "fragment ProjectsFields on Project { id code name description status startsOn dueOn owner { id } progress { done total ratio } }": types.ProjectsFieldsFragmentDoc,
    "mutation ProjectsCreate($i: CreateProjectInput!) { createProject(input: $i) { ...ProjectsFields } }": types.ProjectsCreateDocument,
    "mutation ProjectsUpdate($id: UUID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { ...ProjectsFields } }": types.ProjectsUpdateDocument,
    "mutation ProjectsArchive($id: UUID!) { archiveProject(id: $id) { id status } }": types.ProjectsArchiveDocument,
    "query ProjectsAll { projects(first: 100) { totalCount nodes { id status } } }": types.ProjectsAllDocument,
    "query ProjectsActive { projects(status: ACTIVE) { totalCount nodes { id status } } }": types.ProjectsActiveDocument,
    "query ProjectsFirstPage { projects(first: 2) { pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }": types.ProjectsFirstPageDocument,
    "query ProjectsNextPage($a: String) { projects(first: 2, after: $a) { pageInfo { hasPreviousPage } nodes { id } } }": types.ProjectsNextPageDocument,
    "\n  query ProjectsWithTasks($id: UUID!) { project(id: $id) { code owner { id } progress { done total ratio }\n    tasks(first: 3) { totalCount nodes { id } } doneTasks: tasks(status: DONE) { totalCount nodes { id status } } } }\n": types.ProjectsWithTasksDocument,
    "query ProjectsOne($id: UUID!) { project(id: $id) { id } }": types.ProjectsOneDocument,
    "query ProjectsIds { projects(first: 100) { totalCount nodes { id } } }": types.ProjectsIdsDocument,
    "query ProjectsTooMany { projects(first: 101) { nodes { id } } }": types.ProjectsTooManyDocument,
    "query TasksFirstPage { tasks(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { id createdAt } } }": types.TasksFirstPageDocument,
    "query TasksNextPage($a: String) { tasks(first: 3, after: $a) { nodes { id createdAt } } }": types.TasksNextPageDocument,
    "query TasksAProject { tasks(first: 1) { nodes { project { id } } } }": types.TasksAProjectDocument,
    "mutation TasksCreate($i: CreateTaskInput!) { createTask(input: $i) { id title status priority project { id } } }": types.TasksCreateDocument,
    "mutation TasksDone($id: UUID!) { changeTaskStatus(id: $id, status: DONE) { id status completedAt } }": types.TasksDoneDocument,
    "mutation TasksDelete($id: UUID!) { deleteTask(id: $id) { id } }": types.TasksDeleteDocument,
    "query TasksOne($id: UUID!) { task(id: $id) { id title } }": types.TasksOneDocument,
    "query TasksATask { tasks(first: 1) { nodes { id } } }": types.TasksATaskDocument,
    "fragment TenantFields on Tenant { id slug name plan rateLimitPerMinute settings createdAt updatedAt }": types.TenantFieldsFragmentDoc,
    "mutation TenantUpdate($i: UpdateTenantInput!) { updateTenant(input: $i) { ...TenantFields } }": types.TenantUpdateDocument,
    "query TenantRead { tenant { ...TenantFields } }": types.TenantReadDocument,
    "query TenantReadId { tenant { id } }": types.TenantReadIdDocument,
    "query TenantReadSettings { tenant { name settings } }": types.TenantReadSettingsDocument,
    "query TenantReadSlug { tenant { id slug } }": types.TenantReadSlugDocument,
    "query TenantReadOurs { tenant { slug name settings } }": types.TenantReadOursDocument,
    "\n  query FullDashboard {\n    dashboard {\n      generatedAt\n      taskCountsByStatus { status count }\n      overdueCount\n      overdueTasks(first: 10) { id title dueAt status }\n      openTasksByAssignee(top: 5) { openCount assignee { id displayName } }\n      projectsByStatus { status count }\n      projectProgress(first: 10) { project { id code dueOn } progress { done total ratio } }\n      recentActivity(first: 10) { id verb createdAt actor { id displayName } }\n    }\n  }\n": types.FullDashboardDocument,
    "\n  mutation TestSupportLogin($s: String!, $e: String!, $p: String!) {\n    login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } }\n  }\n": types.TestSupportLoginDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ActivityList($first: Int, $after: String, $filter: ActivityFilter) {\n  activity(first: $first, after: $after, filter: $filter) {\n    totalCount pageInfo { hasNextPage endCursor } nodes { id verb subjectType subjectId summary createdAt actor { id displayName } }\n  }\n}"): (typeof documents)["query ActivityList($first: Int, $after: String, $filter: ActivityFilter) {\n  activity(first: $first, after: $after, filter: $filter) {\n    totalCount pageInfo { hasNextPage endCursor } nodes { id verb subjectType subjectId summary createdAt actor { id displayName } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AttachmentsCreate($i: CreateAttachmentUploadInput!) {\n  createAttachmentUpload(input: $i) {\n    uploadUrl method headers expiresAt\n    attachment { id filename contentType size status downloadUrl task { id } uploadedBy { id } }\n  }\n}"): (typeof documents)["mutation AttachmentsCreate($i: CreateAttachmentUploadInput!) {\n  createAttachmentUpload(input: $i) {\n    uploadUrl method headers expiresAt\n    attachment { id filename contentType size status downloadUrl task { id } uploadedBy { id } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AttachmentsComplete($id: UUID!) { completeAttachmentUpload(id: $id) { id status size downloadUrl } }"): (typeof documents)["mutation AttachmentsComplete($id: UUID!) { completeAttachmentUpload(id: $id) { id status size downloadUrl } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AttachmentsOfTask($id: UUID!) { task(id: $id) { attachments { id filename status downloadUrl } } }"): (typeof documents)["query AttachmentsOfTask($id: UUID!) { task(id: $id) { attachments { id filename status downloadUrl } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AttachmentsATask { tasks(first: 1) { nodes { id } } }"): (typeof documents)["query AttachmentsATask { tasks(first: 1) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CommentsAdd($t: UUID!, $b: String!) { addComment(taskId: $t, body: $b) { id body author { id } task { id } createdAt updatedAt } }"): (typeof documents)["mutation CommentsAdd($t: UUID!, $b: String!) { addComment(taskId: $t, body: $b) { id body author { id } task { id } createdAt updatedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CommentsEdit($id: UUID!, $b: String!) { editComment(id: $id, body: $b) { id body author { id } } }"): (typeof documents)["mutation CommentsEdit($id: UUID!, $b: String!) { editComment(id: $id, body: $b) { id body author { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CommentsDelete($id: UUID!) { deleteComment(id: $id) { id } }"): (typeof documents)["mutation CommentsDelete($id: UUID!) { deleteComment(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CommentsOnTask($id: UUID!) { task(id: $id) { comments(first: 100) { nodes { id body author { id } } } } }"): (typeof documents)["query CommentsOnTask($id: UUID!) { task(id: $id) { comments(first: 100) { nodes { id body author { id } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CommentsOnTaskIds($id: UUID!) { task(id: $id) { comments { nodes { id } } } }"): (typeof documents)["query CommentsOnTaskIds($id: UUID!) { task(id: $id) { comments { nodes { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DepartmentsCreate($i: CreateDepartmentInput!) { createDepartment(input: $i) { id code name createdAt updatedAt } }"): (typeof documents)["mutation DepartmentsCreate($i: CreateDepartmentInput!) { createDepartment(input: $i) { id code name createdAt updatedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DepartmentsUpdate($id: UUID!, $i: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $i) { id code name } }"): (typeof documents)["mutation DepartmentsUpdate($id: UUID!, $i: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $i) { id code name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartmentsAll { departments { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { code name } } }"): (typeof documents)["query DepartmentsAll { departments { totalCount pageInfo { hasNextPage hasPreviousPage } nodes { code name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartmentsFirstPage { departments(first: 3) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }"): (typeof documents)["query DepartmentsFirstPage { departments(first: 3) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartmentsNextPage($a: String) { departments(first: 3, after: $a) { pageInfo { hasNextPage hasPreviousPage } nodes { id } } }"): (typeof documents)["query DepartmentsNextPage($a: String) { departments(first: 3, after: $a) { pageInfo { hasNextPage hasPreviousPage } nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartmentsTooMany { departments(first: 101) { totalCount } }"): (typeof documents)["query DepartmentsTooMany { departments(first: 101) { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartmentsWithMembers { departments { nodes { id code members(first: 2) { totalCount nodes { email department { code } } } } } }"): (typeof documents)["query DepartmentsWithMembers { departments { nodes { id code members(first: 2) { totalCount nodes { email department { code } } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartmentsOne($id: UUID!) { department(id: $id) { id code name } }"): (typeof documents)["query DepartmentsOne($id: UUID!) { department(id: $id) { id code name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartmentsOneId($id: UUID!) { department(id: $id) { id } }"): (typeof documents)["query DepartmentsOneId($id: UUID!) { department(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartmentsNewest { departments(first: 1) { totalCount nodes { id } } }"): (typeof documents)["query DepartmentsNewest { departments(first: 1) { totalCount nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartmentsAny { departments(first: 1) { nodes { id } } }"): (typeof documents)["query DepartmentsAny { departments(first: 1) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartmentsCodes { departments { nodes { id code } } }"): (typeof documents)["query DepartmentsCodes { departments { nodes { id code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartmentsOneCode($id: UUID!) { department(id: $id) { id code } }"): (typeof documents)["query DepartmentsOneCode($id: UUID!) { department(id: $id) { id code } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartmentsTheirs { departments { totalCount nodes { code } } }"): (typeof documents)["query DepartmentsTheirs { departments { totalCount nodes { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DepartmentsOneName($id: UUID!) { department(id: $id) { name } }"): (typeof documents)["query DepartmentsOneName($id: UUID!) { department(id: $id) { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbeddedTasks { tasks(first: 5) { totalCount nodes { title project { name } assignee { displayName } } } }"): (typeof documents)["query EmbeddedTasks { tasks(first: 5) { totalCount nodes { title project { name } assignee { displayName } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbeddedByStatus($s: [TaskStatus!]) { tasks(first: 50, filter: { status: $s }) { nodes { status } } }"): (typeof documents)["query EmbeddedByStatus($s: [TaskStatus!]) { tasks(first: 50, filter: { status: $s }) { nodes { status } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbeddedTwoIds { tasks(first: 2) { nodes { id } } }"): (typeof documents)["query EmbeddedTwoIds { tasks(first: 2) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EmbeddedTwoWrites($a: UUID!, $b: UUID!) {\n    a: changeTaskStatus(id: $a, status: IN_PROGRESS) { status project { name } assignee { displayName } }\n    b: changeTaskStatus(id: $b, status: BLOCKED) { status project { name } }\n  }\n"): (typeof documents)["\n  mutation EmbeddedTwoWrites($a: UUID!, $b: UUID!) {\n    a: changeTaskStatus(id: $a, status: IN_PROGRESS) { status project { name } assignee { displayName } }\n    b: changeTaskStatus(id: $b, status: BLOCKED) { status project { name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EmbeddedTenantTasks { tenant { slug } tasks(first: 50) { nodes { id } } }"): (typeof documents)["query EmbeddedTenantTasks { tenant { slug } tasks(first: 50) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NotificationsList($first: Int, $after: String, $unreadOnly: Boolean) {\n  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    totalCount unreadCount pageInfo { hasNextPage endCursor } nodes { id kind payload readAt createdAt }\n  }\n}"): (typeof documents)["query NotificationsList($first: Int, $after: String, $unreadOnly: Boolean) {\n  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    totalCount unreadCount pageInfo { hasNextPage endCursor } nodes { id kind payload readAt createdAt }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation NotificationsMark($id: UUID!) { markNotificationRead(id: $id) { id readAt } }"): (typeof documents)["mutation NotificationsMark($id: UUID!) { markNotificationRead(id: $id) { id readAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation NotificationsMarkAll { markAllNotificationsRead }"): (typeof documents)["mutation NotificationsMarkAll { markAllNotificationsRead }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NotificationsCounts { notifications { unreadCount totalCount } }"): (typeof documents)["query NotificationsCounts { notifications { unreadCount totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NotificationsTotal { notifications { totalCount } }"): (typeof documents)["query NotificationsTotal { notifications { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ProjectsFields on Project { id code name description status startsOn dueOn owner { id } progress { done total ratio } }"): (typeof documents)["fragment ProjectsFields on Project { id code name description status startsOn dueOn owner { id } progress { done total ratio } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ProjectsCreate($i: CreateProjectInput!) { createProject(input: $i) { ...ProjectsFields } }"): (typeof documents)["mutation ProjectsCreate($i: CreateProjectInput!) { createProject(input: $i) { ...ProjectsFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ProjectsUpdate($id: UUID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { ...ProjectsFields } }"): (typeof documents)["mutation ProjectsUpdate($id: UUID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { ...ProjectsFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ProjectsArchive($id: UUID!) { archiveProject(id: $id) { id status } }"): (typeof documents)["mutation ProjectsArchive($id: UUID!) { archiveProject(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectsAll { projects(first: 100) { totalCount nodes { id status } } }"): (typeof documents)["query ProjectsAll { projects(first: 100) { totalCount nodes { id status } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectsActive { projects(status: ACTIVE) { totalCount nodes { id status } } }"): (typeof documents)["query ProjectsActive { projects(status: ACTIVE) { totalCount nodes { id status } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectsFirstPage { projects(first: 2) { pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }"): (typeof documents)["query ProjectsFirstPage { projects(first: 2) { pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectsNextPage($a: String) { projects(first: 2, after: $a) { pageInfo { hasPreviousPage } nodes { id } } }"): (typeof documents)["query ProjectsNextPage($a: String) { projects(first: 2, after: $a) { pageInfo { hasPreviousPage } nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectsWithTasks($id: UUID!) { project(id: $id) { code owner { id } progress { done total ratio }\n    tasks(first: 3) { totalCount nodes { id } } doneTasks: tasks(status: DONE) { totalCount nodes { id status } } } }\n"): (typeof documents)["\n  query ProjectsWithTasks($id: UUID!) { project(id: $id) { code owner { id } progress { done total ratio }\n    tasks(first: 3) { totalCount nodes { id } } doneTasks: tasks(status: DONE) { totalCount nodes { id status } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectsOne($id: UUID!) { project(id: $id) { id } }"): (typeof documents)["query ProjectsOne($id: UUID!) { project(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectsIds { projects(first: 100) { totalCount nodes { id } } }"): (typeof documents)["query ProjectsIds { projects(first: 100) { totalCount nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectsTooMany { projects(first: 101) { nodes { id } } }"): (typeof documents)["query ProjectsTooMany { projects(first: 101) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TasksFirstPage { tasks(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { id createdAt } } }"): (typeof documents)["query TasksFirstPage { tasks(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { id createdAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TasksNextPage($a: String) { tasks(first: 3, after: $a) { nodes { id createdAt } } }"): (typeof documents)["query TasksNextPage($a: String) { tasks(first: 3, after: $a) { nodes { id createdAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TasksAProject { tasks(first: 1) { nodes { project { id } } } }"): (typeof documents)["query TasksAProject { tasks(first: 1) { nodes { project { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TasksCreate($i: CreateTaskInput!) { createTask(input: $i) { id title status priority project { id } } }"): (typeof documents)["mutation TasksCreate($i: CreateTaskInput!) { createTask(input: $i) { id title status priority project { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TasksDone($id: UUID!) { changeTaskStatus(id: $id, status: DONE) { id status completedAt } }"): (typeof documents)["mutation TasksDone($id: UUID!) { changeTaskStatus(id: $id, status: DONE) { id status completedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TasksDelete($id: UUID!) { deleteTask(id: $id) { id } }"): (typeof documents)["mutation TasksDelete($id: UUID!) { deleteTask(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TasksOne($id: UUID!) { task(id: $id) { id title } }"): (typeof documents)["query TasksOne($id: UUID!) { task(id: $id) { id title } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TasksATask { tasks(first: 1) { nodes { id } } }"): (typeof documents)["query TasksATask { tasks(first: 1) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment TenantFields on Tenant { id slug name plan rateLimitPerMinute settings createdAt updatedAt }"): (typeof documents)["fragment TenantFields on Tenant { id slug name plan rateLimitPerMinute settings createdAt updatedAt }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TenantUpdate($i: UpdateTenantInput!) { updateTenant(input: $i) { ...TenantFields } }"): (typeof documents)["mutation TenantUpdate($i: UpdateTenantInput!) { updateTenant(input: $i) { ...TenantFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TenantRead { tenant { ...TenantFields } }"): (typeof documents)["query TenantRead { tenant { ...TenantFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TenantReadId { tenant { id } }"): (typeof documents)["query TenantReadId { tenant { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TenantReadSettings { tenant { name settings } }"): (typeof documents)["query TenantReadSettings { tenant { name settings } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TenantReadSlug { tenant { id slug } }"): (typeof documents)["query TenantReadSlug { tenant { id slug } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TenantReadOurs { tenant { slug name settings } }"): (typeof documents)["query TenantReadOurs { tenant { slug name settings } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FullDashboard {\n    dashboard {\n      generatedAt\n      taskCountsByStatus { status count }\n      overdueCount\n      overdueTasks(first: 10) { id title dueAt status }\n      openTasksByAssignee(top: 5) { openCount assignee { id displayName } }\n      projectsByStatus { status count }\n      projectProgress(first: 10) { project { id code dueOn } progress { done total ratio } }\n      recentActivity(first: 10) { id verb createdAt actor { id displayName } }\n    }\n  }\n"): (typeof documents)["\n  query FullDashboard {\n    dashboard {\n      generatedAt\n      taskCountsByStatus { status count }\n      overdueCount\n      overdueTasks(first: 10) { id title dueAt status }\n      openTasksByAssignee(top: 5) { openCount assignee { id displayName } }\n      projectsByStatus { status count }\n      projectProgress(first: 10) { project { id code dueOn } progress { done total ratio } }\n      recentActivity(first: 10) { id verb createdAt actor { id displayName } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestSupportLogin($s: String!, $e: String!, $p: String!) {\n    login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } }\n  }\n"): (typeof documents)["\n  mutation TestSupportLogin($s: String!, $e: String!, $p: String!) {\n    login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;