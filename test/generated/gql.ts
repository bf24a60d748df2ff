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
    "query AuthMe { me { email } }": typeof types.AuthMeDocument,
    "mutation AuthChangeUserRole($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { role } }": typeof types.AuthChangeUserRoleDocument,
    "mutation AuthLogin($s: String!, $e: String!, $p: String!) {\n  login(tenantSlug: $s, email: $e, password: $p) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { email role } }\n}": typeof types.AuthLoginDocument,
    "mutation AuthRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken user { email } } }": typeof types.AuthRefreshDocument,
    "mutation AuthLogout($t: String) { logout(refreshToken: $t) }": typeof types.AuthLogoutDocument,
    "mutation CommentsAdd($t: UUID!, $b: String!) { addComment(taskId: $t, body: $b) { id body author { id } task { id } createdAt updatedAt } }": typeof types.CommentsAddDocument,
    "mutation CommentsEdit($id: UUID!, $b: String!) { editComment(id: $id, body: $b) { id body author { id } } }": typeof types.CommentsEditDocument,
    "mutation CommentsDelete($id: UUID!) { deleteComment(id: $id) { id } }": typeof types.CommentsDeleteDocument,
    "query CommentsOnTask($id: UUID!) { task(id: $id) { comments(first: 100) { nodes { id body author { id } } } } }": typeof types.CommentsOnTaskDocument,
    "query CommentsOnTaskIds($id: UUID!) { task(id: $id) { comments { nodes { id } } } }": typeof types.CommentsOnTaskIdsDocument,
    "mutation DashboardCreateProject { createProject(input: { code: \"DASH-1\", name: \"Dashboard check\", status: ACTIVE, dueOn: \"2000-01-01\" }) { id } }": typeof types.DashboardCreateProjectDocument,
    "query DashboardOverdueCount { dashboard { overdueCount } }": typeof types.DashboardOverdueCountDocument,
    "query DashboardOfTenant($first: Int, $top: Int) {\n  dashboard {\n    generatedAt\n    taskCountsByStatus { status count }\n    overdueCount\n    overdueTasks(first: $first) { id status dueAt }\n    openTasksByAssignee(top: $top) { openCount assignee { id displayName } }\n    projectsByStatus { status count }\n    projectProgress(first: $first) { project { id code status dueOn } progress { done total ratio } }\n    recentActivity(first: $first) { id verb actor { id } }\n  }\n}": typeof types.DashboardOfTenantDocument,
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
    "mutation GraphosSignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }": typeof types.GraphosSignInDocument,
    "query GraphosWork($first: Int!) { tasks(first: $first) { totalCount nodes { id title } } }": typeof types.GraphosWorkDocument,
    "mutation GraphosFailedSignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }": typeof types.GraphosFailedSignInDocument,
    "query HttpMe { me { email } }": typeof types.HttpMeDocument,
    "query NotificationsList($first: Int, $after: String, $unreadOnly: Boolean) {\n  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    totalCount unreadCount pageInfo { hasNextPage endCursor } nodes { id kind payload readAt createdAt }\n  }\n}": typeof types.NotificationsListDocument,
    "mutation NotificationsMark($id: UUID!) { markNotificationRead(id: $id) { id readAt } }": typeof types.NotificationsMarkDocument,
    "mutation NotificationsMarkAll { markAllNotificationsRead }": typeof types.NotificationsMarkAllDocument,
    "query NotificationsCounts { notifications { unreadCount totalCount } }": typeof types.NotificationsCountsDocument,
    "query NotificationsTotal { notifications { totalCount } }": typeof types.NotificationsTotalDocument,
    "query ProductionIntrospection { __schema { queryType { name } } }": typeof types.ProductionIntrospectionDocument,
    "query ProductionTaskType { __type(name: \"Task\") { name } }": typeof types.ProductionTaskTypeDocument,
    "query ProductionSeen { me { id } }": typeof types.ProductionSeenDocument,
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
    "query QueryCountMe { me { id } }": typeof types.QueryCountMeDocument,
    "query QueryCountAProject { projects(first: 1) { nodes { id } } }": typeof types.QueryCountAProjectDocument,
    "query RateLimitMe { me { id } }": typeof types.RateLimitMeDocument,
    "query RateLimitTenant { tenant { id } }": typeof types.RateLimitTenantDocument,
    "mutation RolesCreateProject($i: CreateProjectInput!) { createProject(input: $i) { id } }": typeof types.RolesCreateProjectDocument,
    "mutation RolesCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }": typeof types.RolesCreateTaskDocument,
    "mutation RolesAssignTask($id: UUID!, $a: UUID) { assignTask(id: $id, assigneeId: $a) { id } }": typeof types.RolesAssignTaskDocument,
    "mutation RolesCreateUser($i: CreateUserInput!) { createUser(input: $i) { id } }": typeof types.RolesCreateUserDocument,
    "mutation RolesCreateDepartment($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }": typeof types.RolesCreateDepartmentDocument,
    "mutation RolesUploadedAttachment($i: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $i) { attachment { id } uploadUrl method headers } }": typeof types.RolesUploadedAttachmentDocument,
    "mutation RolesAddCommentMine($t: UUID!) { addComment(taskId: $t, body: \"mine\") { id } }": typeof types.RolesAddCommentMineDocument,
    "mutation RolesUpdateTenant { updateTenant(input: { name: \"Sakura Kensetsu\" }) { id } }": typeof types.RolesUpdateTenantDocument,
    "mutation RolesInviteUser($i: InviteUserInput!) { inviteUser(input: $i) { user { id } temporaryPassword } }": typeof types.RolesInviteUserDocument,
    "mutation RolesUpdateUser($id: UUID!) { updateUser(id: $id, input: { displayName: \"Renamed\" }) { id } }": typeof types.RolesUpdateUserDocument,
    "mutation RolesChangeUserRole($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { id } }": typeof types.RolesChangeUserRoleDocument,
    "mutation RolesDeactivateUser($id: UUID!) { deactivateUser(id: $id) { id } }": typeof types.RolesDeactivateUserDocument,
    "mutation RolesUpdateDepartment($id: UUID!) { updateDepartment(id: $id, input: { name: \"Renamed\" }) { id } }": typeof types.RolesUpdateDepartmentDocument,
    "mutation RolesUpdateProject($id: UUID!) { updateProject(id: $id, input: { name: \"Renamed\" }) { id } }": typeof types.RolesUpdateProjectDocument,
    "mutation RolesArchiveProject($id: UUID!) { archiveProject(id: $id) { id } }": typeof types.RolesArchiveProjectDocument,
    "mutation RolesUpdateTask($id: UUID!) { updateTask(id: $id, input: { title: \"Renamed\" }) { id } }": typeof types.RolesUpdateTaskDocument,
    "mutation RolesChangeTaskStatus($id: UUID!) { changeTaskStatus(id: $id, status: IN_PROGRESS) { id } }": typeof types.RolesChangeTaskStatusDocument,
    "mutation RolesDeleteTask($id: UUID!) { deleteTask(id: $id) { id } }": typeof types.RolesDeleteTaskDocument,
    "mutation RolesAddComment($t: UUID!) { addComment(taskId: $t, body: \"hello\") { id } }": typeof types.RolesAddCommentDocument,
    "mutation RolesCreateAttachmentUpload($i: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $i) { uploadUrl } }": typeof types.RolesCreateAttachmentUploadDocument,
    "mutation RolesCompleteAttachmentUpload($id: UUID!) { completeAttachmentUpload(id: $id) { id status } }": typeof types.RolesCompleteAttachmentUploadDocument,
    "mutation RolesMarkAllNotificationsRead { markAllNotificationsRead }": typeof types.RolesMarkAllNotificationsReadDocument,
    "mutation RolesEditComment($id: UUID!) { editComment(id: $id, body: \"edited\") { id body } }": typeof types.RolesEditCommentDocument,
    "mutation RolesDeleteComment($id: UUID!) { deleteComment(id: $id) { id } }": typeof types.RolesDeleteCommentDocument,
    "mutation RolesAddCommentTheirs($t: UUID!) { addComment(taskId: $t, body: \"theirs\") { id } }": typeof types.RolesAddCommentTheirsDocument,
    "mutation RolesEditCommentChanged($id: UUID!) { editComment(id: $id, body: \"changed\") { id } }": typeof types.RolesEditCommentChangedDocument,
    "query RolesUnreadNotification { notifications(first: 1, unreadOnly: true) { nodes { id } } }": typeof types.RolesUnreadNotificationDocument,
    "mutation RolesMarkNotificationRead($id: UUID!) { markNotificationRead(id: $id) { id readAt } }": typeof types.RolesMarkNotificationReadDocument,
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
    "mutation UsersChangeUserRole($id: UUID!, $r: Role!) { changeUserRole(id: $id, role: $r) { id role } }": typeof types.UsersChangeUserRoleDocument,
    "mutation UsersDeactivateUser($id: UUID!) { deactivateUser(id: $id) { id active } }": typeof types.UsersDeactivateUserDocument,
    "query UsersMe { me { id } }": typeof types.UsersMeDocument,
    "mutation UsersRefreshSession($t: String!) { refreshSession(refreshToken: $t) { accessToken } }": typeof types.UsersRefreshSessionDocument,
    "query UsersDepartments { departments { nodes { id code } } }": typeof types.UsersDepartmentsDocument,
    "query UsersMe2 { me { email displayName role active department { code name } } }": typeof types.UsersMe2Document,
    "query UsersUsers { users(first: 4) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { email createdAt } } }": typeof types.UsersUsersDocument,
    "query UsersUsers2($a: String) { users(first: 4, after: $a) { pageInfo { hasPreviousPage } nodes { email createdAt } } }": typeof types.UsersUsers2Document,
    "query UsersUsers3($f: UserFilter) { users(first: 100, filter: $f) { totalCount nodes { email } } }": typeof types.UsersUsers3Document,
    "query UsersUsers4 { users(first: 1, filter: { role: ADMIN }) { nodes { id } } }": typeof types.UsersUsers4Document,
    "query UsersUser($id: UUID!) { user(id: $id) { id email role department { code } } }": typeof types.UsersUserDocument,
    "query UsersUser2($id: UUID!) { user(id: $id) { id } }": typeof types.UsersUser2Document,
    "query UsersUsers5 { users(first: 10) { nodes { department { code } assignedTasks(first: 2, status: TODO) { totalCount nodes { status assignee { id } } } } } }": typeof types.UsersUsers5Document,
    "query UsersDepartments2 { departments(first: 1) { nodes { id } } }": typeof types.UsersDepartments2Document,
    "mutation UsersInviteUser($i: InviteUserInput!) { inviteUser(input: $i) { temporaryPassword user { email role department { code } } } }": typeof types.UsersInviteUserDocument,
    "mutation UsersUpdateUser($id: UUID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { displayName department { code } } }": typeof types.UsersUpdateUserDocument,
    "query UsersMe3 { me { role } }": typeof types.UsersMe3Document,
    "query UsersUsers6 { users(first: 1, filter: { role: OWNER }) { nodes { id } } }": typeof types.UsersUsers6Document,
    "mutation UsersLogin { login(tenantSlug: \"sakura-kensetsu\", email: \"leaver@sakura-kensetsu.example\", password: \"long-enough-pw\") { accessToken } }": typeof types.UsersLoginDocument,
    "query UsersUser3($id: UUID!) { user(id: $id) { id email } }": typeof types.UsersUser3Document,
    "query UsersUsers7 { users(first: 100) { totalCount nodes { email } } }": typeof types.UsersUsers7Document,
    "query UsersUsers8($d: UUID!) { users(filter: { departmentId: $d }) { totalCount nodes { id } } }": typeof types.UsersUsers8Document,
    "mutation UsersUpdateUser2($id: UUID!) { updateUser(id: $id, input: { displayName: \"pwned\" }) { id } }": typeof types.UsersUpdateUser2Document,
    "query UsersMe4 { me { displayName role active } }": typeof types.UsersMe4Document,
    "mutation UsersCreateUser($i: CreateUserInput!) { createUser(input: $i) { id email displayName role active department { code } lastSeenAt createdAt updatedAt } }": typeof types.UsersCreateUserDocument,
    "mutation LoginThrottleLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }": typeof types.LoginThrottleLoginDocument,
    "mutation SecretsRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }": typeof types.SecretsRefreshDocument,
    "mutation SecretsLogout($t: String) { logout(refreshToken: $t) }": typeof types.SecretsLogoutDocument,
    "query SecretsMe { me { email } }": typeof types.SecretsMeDocument,
    "query PodsMe { me { id } }": typeof types.PodsMeDocument,
    "mutation PodsLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } } }": typeof types.PodsLoginDocument,
    "mutation PodsLogout($t: String) { logout(refreshToken: $t) }": typeof types.PodsLogoutDocument,
    "mutation PodsDemote($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { role } }": typeof types.PodsDemoteDocument,
    "mutation PodsDeactivate($id: UUID!) { deactivateUser(id: $id) { active } }": typeof types.PodsDeactivateDocument,
    "query DashboardCacheMe { me { id } }": typeof types.DashboardCacheMeDocument,
    "query DashboardCacheActiveProject { projects(first: 1, status: ACTIVE) { nodes { id } } }": typeof types.DashboardCacheActiveProjectDocument,
    "query DashboardCacheAProject { projects(first: 1) { nodes { id } } }": typeof types.DashboardCacheAProjectDocument,
    "mutation DashboardCacheCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }": typeof types.DashboardCacheCreateTaskDocument,
    "mutation ReplicaLagLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken user { id } } }": typeof types.ReplicaLagLoginDocument,
    "query ReplicaLagMe { me { id } }": typeof types.ReplicaLagMeDocument,
    "query ReplicaLagTenantId { tenant { id } }": typeof types.ReplicaLagTenantIdDocument,
    "query ReplicaLagCounts { dashboard { taskCountsByStatus { status count } } }": typeof types.ReplicaLagCountsDocument,
    "query ReplicaLagAProject { projects(first: 1) { nodes { id } } }": typeof types.ReplicaLagAProjectDocument,
    "mutation ReplicaLagCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }": typeof types.ReplicaLagCreateTaskDocument,
    "mutation ReplicaLagTaskDone($id: UUID!) { changeTaskStatus(id: $id, status: DONE) { id } }": typeof types.ReplicaLagTaskDoneDocument,
    "mutation ReplicaLagTaskInProgress($id: UUID!) { changeTaskStatus(id: $id, status: IN_PROGRESS) { id } }": typeof types.ReplicaLagTaskInProgressDocument,
    "query ReplicaLagProjectProgress { dashboard { projectProgress(first: 50) { project { id name } progress { done total } } } }": typeof types.ReplicaLagProjectProgressDocument,
    "mutation ReplicaLagUpdateProject($id: UUID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { id } }": typeof types.ReplicaLagUpdateProjectDocument,
    "query ReplicaLagUsers { users(first: 100) { nodes { id displayName } } }": typeof types.ReplicaLagUsersDocument,
    "query ReplicaLagMeName { me { id displayName } }": typeof types.ReplicaLagMeNameDocument,
    "query ReplicaLagAssignees { dashboard { openTasksByAssignee(top: 50) { assignee { id displayName } openCount } } }": typeof types.ReplicaLagAssigneesDocument,
    "mutation ReplicaLagUpdateUser($id: UUID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { id } }": typeof types.ReplicaLagUpdateUserDocument,
    "query ReplicaLagDepartments { departments(first: 50) { nodes { id name } } }": typeof types.ReplicaLagDepartmentsDocument,
    "mutation ReplicaLagUpdateDepartment($id: UUID!, $i: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $i) { id } }": typeof types.ReplicaLagUpdateDepartmentDocument,
    "query ReplicaLagTenant { tenant { name rateLimitPerMinute } }": typeof types.ReplicaLagTenantDocument,
    "mutation ReplicaLagUpdateTenant($i: UpdateTenantInput!) { updateTenant(input: $i) { id } }": typeof types.ReplicaLagUpdateTenantDocument,
    "query ReplicaLagRateLimit { tenant { rateLimitPerMinute } }": typeof types.ReplicaLagRateLimitDocument,
    "query ResponseCacheWithMe { dashboard { overdueCount } me { id displayName } }": typeof types.ResponseCacheWithMeDocument,
    "mutation ResponseCacheCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }": typeof types.ResponseCacheCreateTaskDocument,
    "query ResponseCacheShared { dashboard { overdueCount projectsByStatus { status count } } }": typeof types.ResponseCacheSharedDocument,
    "query Overdue($n: Int) { dashboard { overdueTasks(first: $n) { id } } }": typeof types.OverdueDocument,
    "query ResponseCacheAProject { projects(first: 1) { nodes { id } } }": typeof types.ResponseCacheAProjectDocument,
    "query ResponseCacheUsers { users(first: 50) { nodes { id displayName department { name } } } }": typeof types.ResponseCacheUsersDocument,
    "mutation ResponseCacheRenameUser($id: UUID!) { updateUser(id: $id, input: { displayName: \"Renamed For Cache\" }) { id } }": typeof types.ResponseCacheRenameUserDocument,
    "query ResponseCacheDepartments { departments(first: 50) { nodes { id name } } }": typeof types.ResponseCacheDepartmentsDocument,
    "mutation ResponseCacheRenameDepartment($id: UUID!) { updateDepartment(id: $id, input: { name: \"Renamed Department\" }) { id } }": typeof types.ResponseCacheRenameDepartmentDocument,
    "query ResponseCacheGeneratedAt { dashboard { generatedAt overdueCount } }": typeof types.ResponseCacheGeneratedAtDocument,
    "query ResponseCacheElsewhere { dashboard { projectsByStatus { status count } recentActivity(first: 3) { id summary } } }": typeof types.ResponseCacheElsewhereDocument,
    "query ResponseCacheMe { me { id } }": typeof types.ResponseCacheMeDocument,
    "query ScopeLifecycleADepartment { departments(first: 1) { nodes { id } } }": typeof types.ScopeLifecycleADepartmentDocument,
    "query ScopeLifecycleRefusedMembers($d: UUID!) { tasks(first: 2) { nodes { id } } department(id: $d) { name members(first: 500) { totalCount } } }": typeof types.ScopeLifecycleRefusedMembersDocument,
    "query ScopeLifecycleMe { me { id } }": typeof types.ScopeLifecycleMeDocument,
    "query OneSessionThreeTasks { tasks(first: 3) { nodes { id } } }": typeof types.OneSessionThreeTasksDocument,
    "\n  mutation OneSessionWrites($a: UUID!, $b: UUID!, $c: UUID!) {\n    a: changeTaskStatus(id: $a, status: IN_PROGRESS) { status project { name } assignee { displayName } }\n    b: changeTaskStatus(id: $b, status: BLOCKED) { status project { name } }\n    c: addComment(taskId: $c, body: \"while another tenant reads\") { id author { displayName } }\n  }\n": typeof types.OneSessionWritesDocument,
    "query OneSessionTenantTasks { tenant { slug } tasks(first: 20) { nodes { title assignee { displayName } } } }": typeof types.OneSessionTenantTasksDocument,
    "mutation FailoverBurstTask($i: CreateTaskInput!) { createTask(input: $i) { id title } }": typeof types.FailoverBurstTaskDocument,
    "mutation PostgresFaultsSignIn($e: String!, $p: String!) { login(tenantSlug: \"sakura-kensetsu\", email: $e, password: $p) { accessToken } }": typeof types.PostgresFaultsSignInDocument,
    "query PostgresFaultsTasks { tasks(first: 10) { nodes { id title assignee { displayName } project { name } } } }": typeof types.PostgresFaultsTasksDocument,
    "mutation PostgresFaultsComment($t: UUID!, $b: String!) { addComment(taskId: $t, body: $b) { id } }": typeof types.PostgresFaultsCommentDocument,
    "mutation PostgresFaultsViewerLogin($p: String!) { login(tenantSlug: \"sakura-kensetsu\", email: \"viewer@sakura-kensetsu.example\", password: $p) { accessToken } }": typeof types.PostgresFaultsViewerLoginDocument,
    "mutation RedisDownLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken } }": typeof types.RedisDownLoginDocument,
    "mutation RedisDownRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }": typeof types.RedisDownRefreshDocument,
    "mutation RedisDownCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id title } }": typeof types.RedisDownCreateTaskDocument,
    "query RedisDownMe { me { id } }": typeof types.RedisDownMeDocument,
    "query RedisDownAProject { projects(first: 1) { nodes { id } } }": typeof types.RedisDownAProjectDocument,
    "mutation SigtermSignIn($p: String!) { login(tenantSlug: \"sakura-kensetsu\", email: \"member@sakura-kensetsu.example\", password: $p) { accessToken } }": typeof types.SigtermSignInDocument,
    "query Anonymous { tasks { totalCount } }": typeof types.AnonymousDocument,
    "query OneTask($id: UUID!) { task(id: $id) { id } }": typeof types.OneTaskDocument,
    "mutation SignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }": typeof types.SignInDocument,
    "query Ping { __typename }": typeof types.PingDocument,
    "mutation Login($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } } }": typeof types.LoginDocument,
    "query Me { me { id } }": typeof types.MeDocument,
    "mutation Refresh($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken user { id } } }": typeof types.RefreshDocument,
    "mutation Logout($r: String) { logout(refreshToken: $r) }": typeof types.LogoutDocument,
    "query TracingOffAProject { projects(first: 1) { nodes { id } } }": typeof types.TracingOffAProjectDocument,
    "mutation TracingOffCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }": typeof types.TracingOffCreateTaskDocument,
    "query TracingOffTasks { tasks(first: 2) { nodes { id } } }": typeof types.TracingOffTasksDocument,
    "query TracedTasks { tasks(first: 2) { nodes { id title } } }": typeof types.TracedTasksDocument,
    "query StartTypename { __typename }": typeof types.StartTypenameDocument,
    "mutation StartLogin { login(tenantSlug: \"sakura-kensetsu\", email: \"member@sakura-kensetsu.example\", password: \"dandori-demo-2026\") { accessToken refreshToken } }": typeof types.StartLoginDocument,
    "query StartMe { me { email role } }": typeof types.StartMeDocument,
    "mutation StartRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }": typeof types.StartRefreshDocument,
    "mutation FailoverLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }": typeof types.FailoverLoginDocument,
    "mutation FailoverCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }": typeof types.FailoverCreateTaskDocument,
    "query FailoverRead { me { id } tasks(first: 5) { nodes { id } } }": typeof types.FailoverReadDocument,
    "query FailoverProjects { projects(first: 20) { nodes { id status } } }": typeof types.FailoverProjectsDocument,
    "subscription FailoverActivity { activityRecorded { id verb subjectId } }": typeof types.FailoverActivityDocument,
    "\n  query FullDashboard {\n    dashboard {\n      generatedAt\n      taskCountsByStatus { status count }\n      overdueCount\n      overdueTasks(first: 10) { id title dueAt status }\n      openTasksByAssignee(top: 5) { openCount assignee { id displayName } }\n      projectsByStatus { status count }\n      projectProgress(first: 10) { project { id code dueOn } progress { done total ratio } }\n      recentActivity(first: 10) { id verb createdAt actor { id displayName } }\n    }\n  }\n": typeof types.FullDashboardDocument,
    "\n  mutation TestSupportLogin($s: String!, $e: String!, $p: String!) {\n    login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } }\n  }\n": typeof types.TestSupportLoginDocument,
};
const documents: Documents = {
    "query ActivityList($first: Int, $after: String, $filter: ActivityFilter) {\n  activity(first: $first, after: $after, filter: $filter) {\n    totalCount pageInfo { hasNextPage endCursor } nodes { id verb subjectType subjectId summary createdAt actor { id displayName } }\n  }\n}": types.ActivityListDocument,
    "mutation AttachmentsCreate($i: CreateAttachmentUploadInput!) {\n  createAttachmentUpload(input: $i) {\n    uploadUrl method headers expiresAt\n    attachment { id filename contentType size status downloadUrl task { id } uploadedBy { id } }\n  }\n}": types.AttachmentsCreateDocument,
    "mutation AttachmentsComplete($id: UUID!) { completeAttachmentUpload(id: $id) { id status size downloadUrl } }": types.AttachmentsCompleteDocument,
    "query AttachmentsOfTask($id: UUID!) { task(id: $id) { attachments { id filename status downloadUrl } } }": types.AttachmentsOfTaskDocument,
    "query AttachmentsATask { tasks(first: 1) { nodes { id } } }": types.AttachmentsATaskDocument,
    "query AuthMe { me { email } }": types.AuthMeDocument,
    "mutation AuthChangeUserRole($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { role } }": types.AuthChangeUserRoleDocument,
    "mutation AuthLogin($s: String!, $e: String!, $p: String!) {\n  login(tenantSlug: $s, email: $e, password: $p) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { email role } }\n}": types.AuthLoginDocument,
    "mutation AuthRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken user { email } } }": types.AuthRefreshDocument,
    "mutation AuthLogout($t: String) { logout(refreshToken: $t) }": types.AuthLogoutDocument,
    "mutation CommentsAdd($t: UUID!, $b: String!) { addComment(taskId: $t, body: $b) { id body author { id } task { id } createdAt updatedAt } }": types.CommentsAddDocument,
    "mutation CommentsEdit($id: UUID!, $b: String!) { editComment(id: $id, body: $b) { id body author { id } } }": types.CommentsEditDocument,
    "mutation CommentsDelete($id: UUID!) { deleteComment(id: $id) { id } }": types.CommentsDeleteDocument,
    "query CommentsOnTask($id: UUID!) { task(id: $id) { comments(first: 100) { nodes { id body author { id } } } } }": types.CommentsOnTaskDocument,
    "query CommentsOnTaskIds($id: UUID!) { task(id: $id) { comments { nodes { id } } } }": types.CommentsOnTaskIdsDocument,
    "mutation DashboardCreateProject { createProject(input: { code: \"DASH-1\", name: \"Dashboard check\", status: ACTIVE, dueOn: \"2000-01-01\" }) { id } }": types.DashboardCreateProjectDocument,
    "query DashboardOverdueCount { dashboard { overdueCount } }": types.DashboardOverdueCountDocument,
    "query DashboardOfTenant($first: Int, $top: Int) {\n  dashboard {\n    generatedAt\n    taskCountsByStatus { status count }\n    overdueCount\n    overdueTasks(first: $first) { id status dueAt }\n    openTasksByAssignee(top: $top) { openCount assignee { id displayName } }\n    projectsByStatus { status count }\n    projectProgress(first: $first) { project { id code status dueOn } progress { done total ratio } }\n    recentActivity(first: $first) { id verb actor { id } }\n  }\n}": types.DashboardOfTenantDocument,
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
    "mutation GraphosSignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }": types.GraphosSignInDocument,
    "query GraphosWork($first: Int!) { tasks(first: $first) { totalCount nodes { id title } } }": types.GraphosWorkDocument,
    "mutation GraphosFailedSignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }": types.GraphosFailedSignInDocument,
    "query HttpMe { me { email } }": types.HttpMeDocument,
    "query NotificationsList($first: Int, $after: String, $unreadOnly: Boolean) {\n  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    totalCount unreadCount pageInfo { hasNextPage endCursor } nodes { id kind payload readAt createdAt }\n  }\n}": types.NotificationsListDocument,
    "mutation NotificationsMark($id: UUID!) { markNotificationRead(id: $id) { id readAt } }": types.NotificationsMarkDocument,
    "mutation NotificationsMarkAll { markAllNotificationsRead }": types.NotificationsMarkAllDocument,
    "query NotificationsCounts { notifications { unreadCount totalCount } }": types.NotificationsCountsDocument,
    "query NotificationsTotal { notifications { totalCount } }": types.NotificationsTotalDocument,
    "query ProductionIntrospection { __schema { queryType { name } } }": types.ProductionIntrospectionDocument,
    "query ProductionTaskType { __type(name: \"Task\") { name } }": types.ProductionTaskTypeDocument,
    "query ProductionSeen { me { id } }": types.ProductionSeenDocument,
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
    "query QueryCountMe { me { id } }": types.QueryCountMeDocument,
    "query QueryCountAProject { projects(first: 1) { nodes { id } } }": types.QueryCountAProjectDocument,
    "query RateLimitMe { me { id } }": types.RateLimitMeDocument,
    "query RateLimitTenant { tenant { id } }": types.RateLimitTenantDocument,
    "mutation RolesCreateProject($i: CreateProjectInput!) { createProject(input: $i) { id } }": types.RolesCreateProjectDocument,
    "mutation RolesCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }": types.RolesCreateTaskDocument,
    "mutation RolesAssignTask($id: UUID!, $a: UUID) { assignTask(id: $id, assigneeId: $a) { id } }": types.RolesAssignTaskDocument,
    "mutation RolesCreateUser($i: CreateUserInput!) { createUser(input: $i) { id } }": types.RolesCreateUserDocument,
    "mutation RolesCreateDepartment($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }": types.RolesCreateDepartmentDocument,
    "mutation RolesUploadedAttachment($i: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $i) { attachment { id } uploadUrl method headers } }": types.RolesUploadedAttachmentDocument,
    "mutation RolesAddCommentMine($t: UUID!) { addComment(taskId: $t, body: \"mine\") { id } }": types.RolesAddCommentMineDocument,
    "mutation RolesUpdateTenant { updateTenant(input: { name: \"Sakura Kensetsu\" }) { id } }": types.RolesUpdateTenantDocument,
    "mutation RolesInviteUser($i: InviteUserInput!) { inviteUser(input: $i) { user { id } temporaryPassword } }": types.RolesInviteUserDocument,
    "mutation RolesUpdateUser($id: UUID!) { updateUser(id: $id, input: { displayName: \"Renamed\" }) { id } }": types.RolesUpdateUserDocument,
    "mutation RolesChangeUserRole($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { id } }": types.RolesChangeUserRoleDocument,
    "mutation RolesDeactivateUser($id: UUID!) { deactivateUser(id: $id) { id } }": types.RolesDeactivateUserDocument,
    "mutation RolesUpdateDepartment($id: UUID!) { updateDepartment(id: $id, input: { name: \"Renamed\" }) { id } }": types.RolesUpdateDepartmentDocument,
    "mutation RolesUpdateProject($id: UUID!) { updateProject(id: $id, input: { name: \"Renamed\" }) { id } }": types.RolesUpdateProjectDocument,
    "mutation RolesArchiveProject($id: UUID!) { archiveProject(id: $id) { id } }": types.RolesArchiveProjectDocument,
    "mutation RolesUpdateTask($id: UUID!) { updateTask(id: $id, input: { title: \"Renamed\" }) { id } }": types.RolesUpdateTaskDocument,
    "mutation RolesChangeTaskStatus($id: UUID!) { changeTaskStatus(id: $id, status: IN_PROGRESS) { id } }": types.RolesChangeTaskStatusDocument,
    "mutation RolesDeleteTask($id: UUID!) { deleteTask(id: $id) { id } }": types.RolesDeleteTaskDocument,
    "mutation RolesAddComment($t: UUID!) { addComment(taskId: $t, body: \"hello\") { id } }": types.RolesAddCommentDocument,
    "mutation RolesCreateAttachmentUpload($i: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $i) { uploadUrl } }": types.RolesCreateAttachmentUploadDocument,
    "mutation RolesCompleteAttachmentUpload($id: UUID!) { completeAttachmentUpload(id: $id) { id status } }": types.RolesCompleteAttachmentUploadDocument,
    "mutation RolesMarkAllNotificationsRead { markAllNotificationsRead }": types.RolesMarkAllNotificationsReadDocument,
    "mutation RolesEditComment($id: UUID!) { editComment(id: $id, body: \"edited\") { id body } }": types.RolesEditCommentDocument,
    "mutation RolesDeleteComment($id: UUID!) { deleteComment(id: $id) { id } }": types.RolesDeleteCommentDocument,
    "mutation RolesAddCommentTheirs($t: UUID!) { addComment(taskId: $t, body: \"theirs\") { id } }": types.RolesAddCommentTheirsDocument,
    "mutation RolesEditCommentChanged($id: UUID!) { editComment(id: $id, body: \"changed\") { id } }": types.RolesEditCommentChangedDocument,
    "query RolesUnreadNotification { notifications(first: 1, unreadOnly: true) { nodes { id } } }": types.RolesUnreadNotificationDocument,
    "mutation RolesMarkNotificationRead($id: UUID!) { markNotificationRead(id: $id) { id readAt } }": types.RolesMarkNotificationReadDocument,
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
    "mutation UsersChangeUserRole($id: UUID!, $r: Role!) { changeUserRole(id: $id, role: $r) { id role } }": types.UsersChangeUserRoleDocument,
    "mutation UsersDeactivateUser($id: UUID!) { deactivateUser(id: $id) { id active } }": types.UsersDeactivateUserDocument,
    "query UsersMe { me { id } }": types.UsersMeDocument,
    "mutation UsersRefreshSession($t: String!) { refreshSession(refreshToken: $t) { accessToken } }": types.UsersRefreshSessionDocument,
    "query UsersDepartments { departments { nodes { id code } } }": types.UsersDepartmentsDocument,
    "query UsersMe2 { me { email displayName role active department { code name } } }": types.UsersMe2Document,
    "query UsersUsers { users(first: 4) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { email createdAt } } }": types.UsersUsersDocument,
    "query UsersUsers2($a: String) { users(first: 4, after: $a) { pageInfo { hasPreviousPage } nodes { email createdAt } } }": types.UsersUsers2Document,
    "query UsersUsers3($f: UserFilter) { users(first: 100, filter: $f) { totalCount nodes { email } } }": types.UsersUsers3Document,
    "query UsersUsers4 { users(first: 1, filter: { role: ADMIN }) { nodes { id } } }": types.UsersUsers4Document,
    "query UsersUser($id: UUID!) { user(id: $id) { id email role department { code } } }": types.UsersUserDocument,
    "query UsersUser2($id: UUID!) { user(id: $id) { id } }": types.UsersUser2Document,
    "query UsersUsers5 { users(first: 10) { nodes { department { code } assignedTasks(first: 2, status: TODO) { totalCount nodes { status assignee { id } } } } } }": types.UsersUsers5Document,
    "query UsersDepartments2 { departments(first: 1) { nodes { id } } }": types.UsersDepartments2Document,
    "mutation UsersInviteUser($i: InviteUserInput!) { inviteUser(input: $i) { temporaryPassword user { email role department { code } } } }": types.UsersInviteUserDocument,
    "mutation UsersUpdateUser($id: UUID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { displayName department { code } } }": types.UsersUpdateUserDocument,
    "query UsersMe3 { me { role } }": types.UsersMe3Document,
    "query UsersUsers6 { users(first: 1, filter: { role: OWNER }) { nodes { id } } }": types.UsersUsers6Document,
    "mutation UsersLogin { login(tenantSlug: \"sakura-kensetsu\", email: \"leaver@sakura-kensetsu.example\", password: \"long-enough-pw\") { accessToken } }": types.UsersLoginDocument,
    "query UsersUser3($id: UUID!) { user(id: $id) { id email } }": types.UsersUser3Document,
    "query UsersUsers7 { users(first: 100) { totalCount nodes { email } } }": types.UsersUsers7Document,
    "query UsersUsers8($d: UUID!) { users(filter: { departmentId: $d }) { totalCount nodes { id } } }": types.UsersUsers8Document,
    "mutation UsersUpdateUser2($id: UUID!) { updateUser(id: $id, input: { displayName: \"pwned\" }) { id } }": types.UsersUpdateUser2Document,
    "query UsersMe4 { me { displayName role active } }": types.UsersMe4Document,
    "mutation UsersCreateUser($i: CreateUserInput!) { createUser(input: $i) { id email displayName role active department { code } lastSeenAt createdAt updatedAt } }": types.UsersCreateUserDocument,
    "mutation LoginThrottleLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }": types.LoginThrottleLoginDocument,
    "mutation SecretsRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }": types.SecretsRefreshDocument,
    "mutation SecretsLogout($t: String) { logout(refreshToken: $t) }": types.SecretsLogoutDocument,
    "query SecretsMe { me { email } }": types.SecretsMeDocument,
    "query PodsMe { me { id } }": types.PodsMeDocument,
    "mutation PodsLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } } }": types.PodsLoginDocument,
    "mutation PodsLogout($t: String) { logout(refreshToken: $t) }": types.PodsLogoutDocument,
    "mutation PodsDemote($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { role } }": types.PodsDemoteDocument,
    "mutation PodsDeactivate($id: UUID!) { deactivateUser(id: $id) { active } }": types.PodsDeactivateDocument,
    "query DashboardCacheMe { me { id } }": types.DashboardCacheMeDocument,
    "query DashboardCacheActiveProject { projects(first: 1, status: ACTIVE) { nodes { id } } }": types.DashboardCacheActiveProjectDocument,
    "query DashboardCacheAProject { projects(first: 1) { nodes { id } } }": types.DashboardCacheAProjectDocument,
    "mutation DashboardCacheCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }": types.DashboardCacheCreateTaskDocument,
    "mutation ReplicaLagLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken user { id } } }": types.ReplicaLagLoginDocument,
    "query ReplicaLagMe { me { id } }": types.ReplicaLagMeDocument,
    "query ReplicaLagTenantId { tenant { id } }": types.ReplicaLagTenantIdDocument,
    "query ReplicaLagCounts { dashboard { taskCountsByStatus { status count } } }": types.ReplicaLagCountsDocument,
    "query ReplicaLagAProject { projects(first: 1) { nodes { id } } }": types.ReplicaLagAProjectDocument,
    "mutation ReplicaLagCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }": types.ReplicaLagCreateTaskDocument,
    "mutation ReplicaLagTaskDone($id: UUID!) { changeTaskStatus(id: $id, status: DONE) { id } }": types.ReplicaLagTaskDoneDocument,
    "mutation ReplicaLagTaskInProgress($id: UUID!) { changeTaskStatus(id: $id, status: IN_PROGRESS) { id } }": types.ReplicaLagTaskInProgressDocument,
    "query ReplicaLagProjectProgress { dashboard { projectProgress(first: 50) { project { id name } progress { done total } } } }": types.ReplicaLagProjectProgressDocument,
    "mutation ReplicaLagUpdateProject($id: UUID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { id } }": types.ReplicaLagUpdateProjectDocument,
    "query ReplicaLagUsers { users(first: 100) { nodes { id displayName } } }": types.ReplicaLagUsersDocument,
    "query ReplicaLagMeName { me { id displayName } }": types.ReplicaLagMeNameDocument,
    "query ReplicaLagAssignees { dashboard { openTasksByAssignee(top: 50) { assignee { id displayName } openCount } } }": types.ReplicaLagAssigneesDocument,
    "mutation ReplicaLagUpdateUser($id: UUID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { id } }": types.ReplicaLagUpdateUserDocument,
    "query ReplicaLagDepartments { departments(first: 50) { nodes { id name } } }": types.ReplicaLagDepartmentsDocument,
    "mutation ReplicaLagUpdateDepartment($id: UUID!, $i: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $i) { id } }": types.ReplicaLagUpdateDepartmentDocument,
    "query ReplicaLagTenant { tenant { name rateLimitPerMinute } }": types.ReplicaLagTenantDocument,
    "mutation ReplicaLagUpdateTenant($i: UpdateTenantInput!) { updateTenant(input: $i) { id } }": types.ReplicaLagUpdateTenantDocument,
    "query ReplicaLagRateLimit { tenant { rateLimitPerMinute } }": types.ReplicaLagRateLimitDocument,
    "query ResponseCacheWithMe { dashboard { overdueCount } me { id displayName } }": types.ResponseCacheWithMeDocument,
    "mutation ResponseCacheCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }": types.ResponseCacheCreateTaskDocument,
    "query ResponseCacheShared { dashboard { overdueCount projectsByStatus { status count } } }": types.ResponseCacheSharedDocument,
    "query Overdue($n: Int) { dashboard { overdueTasks(first: $n) { id } } }": types.OverdueDocument,
    "query ResponseCacheAProject { projects(first: 1) { nodes { id } } }": types.ResponseCacheAProjectDocument,
    "query ResponseCacheUsers { users(first: 50) { nodes { id displayName department { name } } } }": types.ResponseCacheUsersDocument,
    "mutation ResponseCacheRenameUser($id: UUID!) { updateUser(id: $id, input: { displayName: \"Renamed For Cache\" }) { id } }": types.ResponseCacheRenameUserDocument,
    "query ResponseCacheDepartments { departments(first: 50) { nodes { id name } } }": types.ResponseCacheDepartmentsDocument,
    "mutation ResponseCacheRenameDepartment($id: UUID!) { updateDepartment(id: $id, input: { name: \"Renamed Department\" }) { id } }": types.ResponseCacheRenameDepartmentDocument,
    "query ResponseCacheGeneratedAt { dashboard { generatedAt overdueCount } }": types.ResponseCacheGeneratedAtDocument,
    "query ResponseCacheElsewhere { dashboard { projectsByStatus { status count } recentActivity(first: 3) { id summary } } }": types.ResponseCacheElsewhereDocument,
    "query ResponseCacheMe { me { id } }": types.ResponseCacheMeDocument,
    "query ScopeLifecycleADepartment { departments(first: 1) { nodes { id } } }": types.ScopeLifecycleADepartmentDocument,
    "query ScopeLifecycleRefusedMembers($d: UUID!) { tasks(first: 2) { nodes { id } } department(id: $d) { name members(first: 500) { totalCount } } }": types.ScopeLifecycleRefusedMembersDocument,
    "query ScopeLifecycleMe { me { id } }": types.ScopeLifecycleMeDocument,
    "query OneSessionThreeTasks { tasks(first: 3) { nodes { id } } }": types.OneSessionThreeTasksDocument,
    "\n  mutation OneSessionWrites($a: UUID!, $b: UUID!, $c: UUID!) {\n    a: changeTaskStatus(id: $a, status: IN_PROGRESS) { status project { name } assignee { displayName } }\n    b: changeTaskStatus(id: $b, status: BLOCKED) { status project { name } }\n    c: addComment(taskId: $c, body: \"while another tenant reads\") { id author { displayName } }\n  }\n": types.OneSessionWritesDocument,
    "query OneSessionTenantTasks { tenant { slug } tasks(first: 20) { nodes { title assignee { displayName } } } }": types.OneSessionTenantTasksDocument,
    "mutation FailoverBurstTask($i: CreateTaskInput!) { createTask(input: $i) { id title } }": types.FailoverBurstTaskDocument,
    "mutation PostgresFaultsSignIn($e: String!, $p: String!) { login(tenantSlug: \"sakura-kensetsu\", email: $e, password: $p) { accessToken } }": types.PostgresFaultsSignInDocument,
    "query PostgresFaultsTasks { tasks(first: 10) { nodes { id title assignee { displayName } project { name } } } }": types.PostgresFaultsTasksDocument,
    "mutation PostgresFaultsComment($t: UUID!, $b: String!) { addComment(taskId: $t, body: $b) { id } }": types.PostgresFaultsCommentDocument,
    "mutation PostgresFaultsViewerLogin($p: String!) { login(tenantSlug: \"sakura-kensetsu\", email: \"viewer@sakura-kensetsu.example\", password: $p) { accessToken } }": types.PostgresFaultsViewerLoginDocument,
    "mutation RedisDownLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken } }": types.RedisDownLoginDocument,
    "mutation RedisDownRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }": types.RedisDownRefreshDocument,
    "mutation RedisDownCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id title } }": types.RedisDownCreateTaskDocument,
    "query RedisDownMe { me { id } }": types.RedisDownMeDocument,
    "query RedisDownAProject { projects(first: 1) { nodes { id } } }": types.RedisDownAProjectDocument,
    "mutation SigtermSignIn($p: String!) { login(tenantSlug: \"sakura-kensetsu\", email: \"member@sakura-kensetsu.example\", password: $p) { accessToken } }": types.SigtermSignInDocument,
    "query Anonymous { tasks { totalCount } }": types.AnonymousDocument,
    "query OneTask($id: UUID!) { task(id: $id) { id } }": types.OneTaskDocument,
    "mutation SignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }": types.SignInDocument,
    "query Ping { __typename }": types.PingDocument,
    "mutation Login($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } } }": types.LoginDocument,
    "query Me { me { id } }": types.MeDocument,
    "mutation Refresh($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken user { id } } }": types.RefreshDocument,
    "mutation Logout($r: String) { logout(refreshToken: $r) }": types.LogoutDocument,
    "query TracingOffAProject { projects(first: 1) { nodes { id } } }": types.TracingOffAProjectDocument,
    "mutation TracingOffCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }": types.TracingOffCreateTaskDocument,
    "query TracingOffTasks { tasks(first: 2) { nodes { id } } }": types.TracingOffTasksDocument,
    "query TracedTasks { tasks(first: 2) { nodes { id title } } }": types.TracedTasksDocument,
    "query StartTypename { __typename }": types.StartTypenameDocument,
    "mutation StartLogin { login(tenantSlug: \"sakura-kensetsu\", email: \"member@sakura-kensetsu.example\", password: \"dandori-demo-2026\") { accessToken refreshToken } }": types.StartLoginDocument,
    "query StartMe { me { email role } }": types.StartMeDocument,
    "mutation StartRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }": types.StartRefreshDocument,
    "mutation FailoverLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }": types.FailoverLoginDocument,
    "mutation FailoverCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }": types.FailoverCreateTaskDocument,
    "query FailoverRead { me { id } tasks(first: 5) { nodes { id } } }": types.FailoverReadDocument,
    "query FailoverProjects { projects(first: 20) { nodes { id status } } }": types.FailoverProjectsDocument,
    "subscription FailoverActivity { activityRecorded { id verb subjectId } }": types.FailoverActivityDocument,
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
export function graphql(source: "query AuthMe { me { email } }"): (typeof documents)["query AuthMe { me { email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuthChangeUserRole($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { role } }"): (typeof documents)["mutation AuthChangeUserRole($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuthLogin($s: String!, $e: String!, $p: String!) {\n  login(tenantSlug: $s, email: $e, password: $p) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { email role } }\n}"): (typeof documents)["mutation AuthLogin($s: String!, $e: String!, $p: String!) {\n  login(tenantSlug: $s, email: $e, password: $p) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { email role } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuthRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken user { email } } }"): (typeof documents)["mutation AuthRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken user { email } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuthLogout($t: String) { logout(refreshToken: $t) }"): (typeof documents)["mutation AuthLogout($t: String) { logout(refreshToken: $t) }"];
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
export function graphql(source: "mutation DashboardCreateProject { createProject(input: { code: \"DASH-1\", name: \"Dashboard check\", status: ACTIVE, dueOn: \"2000-01-01\" }) { id } }"): (typeof documents)["mutation DashboardCreateProject { createProject(input: { code: \"DASH-1\", name: \"Dashboard check\", status: ACTIVE, dueOn: \"2000-01-01\" }) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardOverdueCount { dashboard { overdueCount } }"): (typeof documents)["query DashboardOverdueCount { dashboard { overdueCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardOfTenant($first: Int, $top: Int) {\n  dashboard {\n    generatedAt\n    taskCountsByStatus { status count }\n    overdueCount\n    overdueTasks(first: $first) { id status dueAt }\n    openTasksByAssignee(top: $top) { openCount assignee { id displayName } }\n    projectsByStatus { status count }\n    projectProgress(first: $first) { project { id code status dueOn } progress { done total ratio } }\n    recentActivity(first: $first) { id verb actor { id } }\n  }\n}"): (typeof documents)["query DashboardOfTenant($first: Int, $top: Int) {\n  dashboard {\n    generatedAt\n    taskCountsByStatus { status count }\n    overdueCount\n    overdueTasks(first: $first) { id status dueAt }\n    openTasksByAssignee(top: $top) { openCount assignee { id displayName } }\n    projectsByStatus { status count }\n    projectProgress(first: $first) { project { id code status dueOn } progress { done total ratio } }\n    recentActivity(first: $first) { id verb actor { id } }\n  }\n}"];
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
export function graphql(source: "mutation GraphosSignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }"): (typeof documents)["mutation GraphosSignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query GraphosWork($first: Int!) { tasks(first: $first) { totalCount nodes { id title } } }"): (typeof documents)["query GraphosWork($first: Int!) { tasks(first: $first) { totalCount nodes { id title } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation GraphosFailedSignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }"): (typeof documents)["mutation GraphosFailedSignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HttpMe { me { email } }"): (typeof documents)["query HttpMe { me { email } }"];
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
export function graphql(source: "query ProductionIntrospection { __schema { queryType { name } } }"): (typeof documents)["query ProductionIntrospection { __schema { queryType { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProductionTaskType { __type(name: \"Task\") { name } }"): (typeof documents)["query ProductionTaskType { __type(name: \"Task\") { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProductionSeen { me { id } }"): (typeof documents)["query ProductionSeen { me { id } }"];
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
export function graphql(source: "query QueryCountMe { me { id } }"): (typeof documents)["query QueryCountMe { me { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query QueryCountAProject { projects(first: 1) { nodes { id } } }"): (typeof documents)["query QueryCountAProject { projects(first: 1) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RateLimitMe { me { id } }"): (typeof documents)["query RateLimitMe { me { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RateLimitTenant { tenant { id } }"): (typeof documents)["query RateLimitTenant { tenant { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesCreateProject($i: CreateProjectInput!) { createProject(input: $i) { id } }"): (typeof documents)["mutation RolesCreateProject($i: CreateProjectInput!) { createProject(input: $i) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }"): (typeof documents)["mutation RolesCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesAssignTask($id: UUID!, $a: UUID) { assignTask(id: $id, assigneeId: $a) { id } }"): (typeof documents)["mutation RolesAssignTask($id: UUID!, $a: UUID) { assignTask(id: $id, assigneeId: $a) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesCreateUser($i: CreateUserInput!) { createUser(input: $i) { id } }"): (typeof documents)["mutation RolesCreateUser($i: CreateUserInput!) { createUser(input: $i) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesCreateDepartment($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }"): (typeof documents)["mutation RolesCreateDepartment($i: CreateDepartmentInput!) { createDepartment(input: $i) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesUploadedAttachment($i: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $i) { attachment { id } uploadUrl method headers } }"): (typeof documents)["mutation RolesUploadedAttachment($i: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $i) { attachment { id } uploadUrl method headers } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesAddCommentMine($t: UUID!) { addComment(taskId: $t, body: \"mine\") { id } }"): (typeof documents)["mutation RolesAddCommentMine($t: UUID!) { addComment(taskId: $t, body: \"mine\") { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesUpdateTenant { updateTenant(input: { name: \"Sakura Kensetsu\" }) { id } }"): (typeof documents)["mutation RolesUpdateTenant { updateTenant(input: { name: \"Sakura Kensetsu\" }) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesInviteUser($i: InviteUserInput!) { inviteUser(input: $i) { user { id } temporaryPassword } }"): (typeof documents)["mutation RolesInviteUser($i: InviteUserInput!) { inviteUser(input: $i) { user { id } temporaryPassword } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesUpdateUser($id: UUID!) { updateUser(id: $id, input: { displayName: \"Renamed\" }) { id } }"): (typeof documents)["mutation RolesUpdateUser($id: UUID!) { updateUser(id: $id, input: { displayName: \"Renamed\" }) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesChangeUserRole($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { id } }"): (typeof documents)["mutation RolesChangeUserRole($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesDeactivateUser($id: UUID!) { deactivateUser(id: $id) { id } }"): (typeof documents)["mutation RolesDeactivateUser($id: UUID!) { deactivateUser(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesUpdateDepartment($id: UUID!) { updateDepartment(id: $id, input: { name: \"Renamed\" }) { id } }"): (typeof documents)["mutation RolesUpdateDepartment($id: UUID!) { updateDepartment(id: $id, input: { name: \"Renamed\" }) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesUpdateProject($id: UUID!) { updateProject(id: $id, input: { name: \"Renamed\" }) { id } }"): (typeof documents)["mutation RolesUpdateProject($id: UUID!) { updateProject(id: $id, input: { name: \"Renamed\" }) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesArchiveProject($id: UUID!) { archiveProject(id: $id) { id } }"): (typeof documents)["mutation RolesArchiveProject($id: UUID!) { archiveProject(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesUpdateTask($id: UUID!) { updateTask(id: $id, input: { title: \"Renamed\" }) { id } }"): (typeof documents)["mutation RolesUpdateTask($id: UUID!) { updateTask(id: $id, input: { title: \"Renamed\" }) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesChangeTaskStatus($id: UUID!) { changeTaskStatus(id: $id, status: IN_PROGRESS) { id } }"): (typeof documents)["mutation RolesChangeTaskStatus($id: UUID!) { changeTaskStatus(id: $id, status: IN_PROGRESS) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesDeleteTask($id: UUID!) { deleteTask(id: $id) { id } }"): (typeof documents)["mutation RolesDeleteTask($id: UUID!) { deleteTask(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesAddComment($t: UUID!) { addComment(taskId: $t, body: \"hello\") { id } }"): (typeof documents)["mutation RolesAddComment($t: UUID!) { addComment(taskId: $t, body: \"hello\") { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesCreateAttachmentUpload($i: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $i) { uploadUrl } }"): (typeof documents)["mutation RolesCreateAttachmentUpload($i: CreateAttachmentUploadInput!) { createAttachmentUpload(input: $i) { uploadUrl } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesCompleteAttachmentUpload($id: UUID!) { completeAttachmentUpload(id: $id) { id status } }"): (typeof documents)["mutation RolesCompleteAttachmentUpload($id: UUID!) { completeAttachmentUpload(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesMarkAllNotificationsRead { markAllNotificationsRead }"): (typeof documents)["mutation RolesMarkAllNotificationsRead { markAllNotificationsRead }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesEditComment($id: UUID!) { editComment(id: $id, body: \"edited\") { id body } }"): (typeof documents)["mutation RolesEditComment($id: UUID!) { editComment(id: $id, body: \"edited\") { id body } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesDeleteComment($id: UUID!) { deleteComment(id: $id) { id } }"): (typeof documents)["mutation RolesDeleteComment($id: UUID!) { deleteComment(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesAddCommentTheirs($t: UUID!) { addComment(taskId: $t, body: \"theirs\") { id } }"): (typeof documents)["mutation RolesAddCommentTheirs($t: UUID!) { addComment(taskId: $t, body: \"theirs\") { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesEditCommentChanged($id: UUID!) { editComment(id: $id, body: \"changed\") { id } }"): (typeof documents)["mutation RolesEditCommentChanged($id: UUID!) { editComment(id: $id, body: \"changed\") { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RolesUnreadNotification { notifications(first: 1, unreadOnly: true) { nodes { id } } }"): (typeof documents)["query RolesUnreadNotification { notifications(first: 1, unreadOnly: true) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RolesMarkNotificationRead($id: UUID!) { markNotificationRead(id: $id) { id readAt } }"): (typeof documents)["mutation RolesMarkNotificationRead($id: UUID!) { markNotificationRead(id: $id) { id readAt } }"];
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
export function graphql(source: "mutation UsersChangeUserRole($id: UUID!, $r: Role!) { changeUserRole(id: $id, role: $r) { id role } }"): (typeof documents)["mutation UsersChangeUserRole($id: UUID!, $r: Role!) { changeUserRole(id: $id, role: $r) { id role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UsersDeactivateUser($id: UUID!) { deactivateUser(id: $id) { id active } }"): (typeof documents)["mutation UsersDeactivateUser($id: UUID!) { deactivateUser(id: $id) { id active } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersMe { me { id } }"): (typeof documents)["query UsersMe { me { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UsersRefreshSession($t: String!) { refreshSession(refreshToken: $t) { accessToken } }"): (typeof documents)["mutation UsersRefreshSession($t: String!) { refreshSession(refreshToken: $t) { accessToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersDepartments { departments { nodes { id code } } }"): (typeof documents)["query UsersDepartments { departments { nodes { id code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersMe2 { me { email displayName role active department { code name } } }"): (typeof documents)["query UsersMe2 { me { email displayName role active department { code name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersUsers { users(first: 4) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { email createdAt } } }"): (typeof documents)["query UsersUsers { users(first: 4) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { email createdAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersUsers2($a: String) { users(first: 4, after: $a) { pageInfo { hasPreviousPage } nodes { email createdAt } } }"): (typeof documents)["query UsersUsers2($a: String) { users(first: 4, after: $a) { pageInfo { hasPreviousPage } nodes { email createdAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersUsers3($f: UserFilter) { users(first: 100, filter: $f) { totalCount nodes { email } } }"): (typeof documents)["query UsersUsers3($f: UserFilter) { users(first: 100, filter: $f) { totalCount nodes { email } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersUsers4 { users(first: 1, filter: { role: ADMIN }) { nodes { id } } }"): (typeof documents)["query UsersUsers4 { users(first: 1, filter: { role: ADMIN }) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersUser($id: UUID!) { user(id: $id) { id email role department { code } } }"): (typeof documents)["query UsersUser($id: UUID!) { user(id: $id) { id email role department { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersUser2($id: UUID!) { user(id: $id) { id } }"): (typeof documents)["query UsersUser2($id: UUID!) { user(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersUsers5 { users(first: 10) { nodes { department { code } assignedTasks(first: 2, status: TODO) { totalCount nodes { status assignee { id } } } } } }"): (typeof documents)["query UsersUsers5 { users(first: 10) { nodes { department { code } assignedTasks(first: 2, status: TODO) { totalCount nodes { status assignee { id } } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersDepartments2 { departments(first: 1) { nodes { id } } }"): (typeof documents)["query UsersDepartments2 { departments(first: 1) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UsersInviteUser($i: InviteUserInput!) { inviteUser(input: $i) { temporaryPassword user { email role department { code } } } }"): (typeof documents)["mutation UsersInviteUser($i: InviteUserInput!) { inviteUser(input: $i) { temporaryPassword user { email role department { code } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UsersUpdateUser($id: UUID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { displayName department { code } } }"): (typeof documents)["mutation UsersUpdateUser($id: UUID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { displayName department { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersMe3 { me { role } }"): (typeof documents)["query UsersMe3 { me { role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersUsers6 { users(first: 1, filter: { role: OWNER }) { nodes { id } } }"): (typeof documents)["query UsersUsers6 { users(first: 1, filter: { role: OWNER }) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UsersLogin { login(tenantSlug: \"sakura-kensetsu\", email: \"leaver@sakura-kensetsu.example\", password: \"long-enough-pw\") { accessToken } }"): (typeof documents)["mutation UsersLogin { login(tenantSlug: \"sakura-kensetsu\", email: \"leaver@sakura-kensetsu.example\", password: \"long-enough-pw\") { accessToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersUser3($id: UUID!) { user(id: $id) { id email } }"): (typeof documents)["query UsersUser3($id: UUID!) { user(id: $id) { id email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersUsers7 { users(first: 100) { totalCount nodes { email } } }"): (typeof documents)["query UsersUsers7 { users(first: 100) { totalCount nodes { email } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersUsers8($d: UUID!) { users(filter: { departmentId: $d }) { totalCount nodes { id } } }"): (typeof documents)["query UsersUsers8($d: UUID!) { users(filter: { departmentId: $d }) { totalCount nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UsersUpdateUser2($id: UUID!) { updateUser(id: $id, input: { displayName: \"pwned\" }) { id } }"): (typeof documents)["mutation UsersUpdateUser2($id: UUID!) { updateUser(id: $id, input: { displayName: \"pwned\" }) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersMe4 { me { displayName role active } }"): (typeof documents)["query UsersMe4 { me { displayName role active } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UsersCreateUser($i: CreateUserInput!) { createUser(input: $i) { id email displayName role active department { code } lastSeenAt createdAt updatedAt } }"): (typeof documents)["mutation UsersCreateUser($i: CreateUserInput!) { createUser(input: $i) { id email displayName role active department { code } lastSeenAt createdAt updatedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LoginThrottleLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }"): (typeof documents)["mutation LoginThrottleLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SecretsRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }"): (typeof documents)["mutation SecretsRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SecretsLogout($t: String) { logout(refreshToken: $t) }"): (typeof documents)["mutation SecretsLogout($t: String) { logout(refreshToken: $t) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SecretsMe { me { email } }"): (typeof documents)["query SecretsMe { me { email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PodsMe { me { id } }"): (typeof documents)["query PodsMe { me { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PodsLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } } }"): (typeof documents)["mutation PodsLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PodsLogout($t: String) { logout(refreshToken: $t) }"): (typeof documents)["mutation PodsLogout($t: String) { logout(refreshToken: $t) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PodsDemote($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { role } }"): (typeof documents)["mutation PodsDemote($id: UUID!) { changeUserRole(id: $id, role: VIEWER) { role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PodsDeactivate($id: UUID!) { deactivateUser(id: $id) { active } }"): (typeof documents)["mutation PodsDeactivate($id: UUID!) { deactivateUser(id: $id) { active } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardCacheMe { me { id } }"): (typeof documents)["query DashboardCacheMe { me { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardCacheActiveProject { projects(first: 1, status: ACTIVE) { nodes { id } } }"): (typeof documents)["query DashboardCacheActiveProject { projects(first: 1, status: ACTIVE) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardCacheAProject { projects(first: 1) { nodes { id } } }"): (typeof documents)["query DashboardCacheAProject { projects(first: 1) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DashboardCacheCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }"): (typeof documents)["mutation DashboardCacheCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplicaLagLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken user { id } } }"): (typeof documents)["mutation ReplicaLagLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken user { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReplicaLagMe { me { id } }"): (typeof documents)["query ReplicaLagMe { me { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReplicaLagTenantId { tenant { id } }"): (typeof documents)["query ReplicaLagTenantId { tenant { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReplicaLagCounts { dashboard { taskCountsByStatus { status count } } }"): (typeof documents)["query ReplicaLagCounts { dashboard { taskCountsByStatus { status count } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReplicaLagAProject { projects(first: 1) { nodes { id } } }"): (typeof documents)["query ReplicaLagAProject { projects(first: 1) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplicaLagCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }"): (typeof documents)["mutation ReplicaLagCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplicaLagTaskDone($id: UUID!) { changeTaskStatus(id: $id, status: DONE) { id } }"): (typeof documents)["mutation ReplicaLagTaskDone($id: UUID!) { changeTaskStatus(id: $id, status: DONE) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplicaLagTaskInProgress($id: UUID!) { changeTaskStatus(id: $id, status: IN_PROGRESS) { id } }"): (typeof documents)["mutation ReplicaLagTaskInProgress($id: UUID!) { changeTaskStatus(id: $id, status: IN_PROGRESS) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReplicaLagProjectProgress { dashboard { projectProgress(first: 50) { project { id name } progress { done total } } } }"): (typeof documents)["query ReplicaLagProjectProgress { dashboard { projectProgress(first: 50) { project { id name } progress { done total } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplicaLagUpdateProject($id: UUID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { id } }"): (typeof documents)["mutation ReplicaLagUpdateProject($id: UUID!, $i: UpdateProjectInput!) { updateProject(id: $id, input: $i) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReplicaLagUsers { users(first: 100) { nodes { id displayName } } }"): (typeof documents)["query ReplicaLagUsers { users(first: 100) { nodes { id displayName } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReplicaLagMeName { me { id displayName } }"): (typeof documents)["query ReplicaLagMeName { me { id displayName } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReplicaLagAssignees { dashboard { openTasksByAssignee(top: 50) { assignee { id displayName } openCount } } }"): (typeof documents)["query ReplicaLagAssignees { dashboard { openTasksByAssignee(top: 50) { assignee { id displayName } openCount } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplicaLagUpdateUser($id: UUID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { id } }"): (typeof documents)["mutation ReplicaLagUpdateUser($id: UUID!, $i: UpdateUserInput!) { updateUser(id: $id, input: $i) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReplicaLagDepartments { departments(first: 50) { nodes { id name } } }"): (typeof documents)["query ReplicaLagDepartments { departments(first: 50) { nodes { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplicaLagUpdateDepartment($id: UUID!, $i: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $i) { id } }"): (typeof documents)["mutation ReplicaLagUpdateDepartment($id: UUID!, $i: UpdateDepartmentInput!) { updateDepartment(id: $id, input: $i) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReplicaLagTenant { tenant { name rateLimitPerMinute } }"): (typeof documents)["query ReplicaLagTenant { tenant { name rateLimitPerMinute } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplicaLagUpdateTenant($i: UpdateTenantInput!) { updateTenant(input: $i) { id } }"): (typeof documents)["mutation ReplicaLagUpdateTenant($i: UpdateTenantInput!) { updateTenant(input: $i) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReplicaLagRateLimit { tenant { rateLimitPerMinute } }"): (typeof documents)["query ReplicaLagRateLimit { tenant { rateLimitPerMinute } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheWithMe { dashboard { overdueCount } me { id displayName } }"): (typeof documents)["query ResponseCacheWithMe { dashboard { overdueCount } me { id displayName } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResponseCacheCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }"): (typeof documents)["mutation ResponseCacheCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheShared { dashboard { overdueCount projectsByStatus { status count } } }"): (typeof documents)["query ResponseCacheShared { dashboard { overdueCount projectsByStatus { status count } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Overdue($n: Int) { dashboard { overdueTasks(first: $n) { id } } }"): (typeof documents)["query Overdue($n: Int) { dashboard { overdueTasks(first: $n) { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheAProject { projects(first: 1) { nodes { id } } }"): (typeof documents)["query ResponseCacheAProject { projects(first: 1) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheUsers { users(first: 50) { nodes { id displayName department { name } } } }"): (typeof documents)["query ResponseCacheUsers { users(first: 50) { nodes { id displayName department { name } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResponseCacheRenameUser($id: UUID!) { updateUser(id: $id, input: { displayName: \"Renamed For Cache\" }) { id } }"): (typeof documents)["mutation ResponseCacheRenameUser($id: UUID!) { updateUser(id: $id, input: { displayName: \"Renamed For Cache\" }) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheDepartments { departments(first: 50) { nodes { id name } } }"): (typeof documents)["query ResponseCacheDepartments { departments(first: 50) { nodes { id name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResponseCacheRenameDepartment($id: UUID!) { updateDepartment(id: $id, input: { name: \"Renamed Department\" }) { id } }"): (typeof documents)["mutation ResponseCacheRenameDepartment($id: UUID!) { updateDepartment(id: $id, input: { name: \"Renamed Department\" }) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheGeneratedAt { dashboard { generatedAt overdueCount } }"): (typeof documents)["query ResponseCacheGeneratedAt { dashboard { generatedAt overdueCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheElsewhere { dashboard { projectsByStatus { status count } recentActivity(first: 3) { id summary } } }"): (typeof documents)["query ResponseCacheElsewhere { dashboard { projectsByStatus { status count } recentActivity(first: 3) { id summary } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheMe { me { id } }"): (typeof documents)["query ResponseCacheMe { me { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeLifecycleADepartment { departments(first: 1) { nodes { id } } }"): (typeof documents)["query ScopeLifecycleADepartment { departments(first: 1) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeLifecycleRefusedMembers($d: UUID!) { tasks(first: 2) { nodes { id } } department(id: $d) { name members(first: 500) { totalCount } } }"): (typeof documents)["query ScopeLifecycleRefusedMembers($d: UUID!) { tasks(first: 2) { nodes { id } } department(id: $d) { name members(first: 500) { totalCount } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScopeLifecycleMe { me { id } }"): (typeof documents)["query ScopeLifecycleMe { me { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OneSessionThreeTasks { tasks(first: 3) { nodes { id } } }"): (typeof documents)["query OneSessionThreeTasks { tasks(first: 3) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OneSessionWrites($a: UUID!, $b: UUID!, $c: UUID!) {\n    a: changeTaskStatus(id: $a, status: IN_PROGRESS) { status project { name } assignee { displayName } }\n    b: changeTaskStatus(id: $b, status: BLOCKED) { status project { name } }\n    c: addComment(taskId: $c, body: \"while another tenant reads\") { id author { displayName } }\n  }\n"): (typeof documents)["\n  mutation OneSessionWrites($a: UUID!, $b: UUID!, $c: UUID!) {\n    a: changeTaskStatus(id: $a, status: IN_PROGRESS) { status project { name } assignee { displayName } }\n    b: changeTaskStatus(id: $b, status: BLOCKED) { status project { name } }\n    c: addComment(taskId: $c, body: \"while another tenant reads\") { id author { displayName } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OneSessionTenantTasks { tenant { slug } tasks(first: 20) { nodes { title assignee { displayName } } } }"): (typeof documents)["query OneSessionTenantTasks { tenant { slug } tasks(first: 20) { nodes { title assignee { displayName } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation FailoverBurstTask($i: CreateTaskInput!) { createTask(input: $i) { id title } }"): (typeof documents)["mutation FailoverBurstTask($i: CreateTaskInput!) { createTask(input: $i) { id title } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PostgresFaultsSignIn($e: String!, $p: String!) { login(tenantSlug: \"sakura-kensetsu\", email: $e, password: $p) { accessToken } }"): (typeof documents)["mutation PostgresFaultsSignIn($e: String!, $p: String!) { login(tenantSlug: \"sakura-kensetsu\", email: $e, password: $p) { accessToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PostgresFaultsTasks { tasks(first: 10) { nodes { id title assignee { displayName } project { name } } } }"): (typeof documents)["query PostgresFaultsTasks { tasks(first: 10) { nodes { id title assignee { displayName } project { name } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PostgresFaultsComment($t: UUID!, $b: String!) { addComment(taskId: $t, body: $b) { id } }"): (typeof documents)["mutation PostgresFaultsComment($t: UUID!, $b: String!) { addComment(taskId: $t, body: $b) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PostgresFaultsViewerLogin($p: String!) { login(tenantSlug: \"sakura-kensetsu\", email: \"viewer@sakura-kensetsu.example\", password: $p) { accessToken } }"): (typeof documents)["mutation PostgresFaultsViewerLogin($p: String!) { login(tenantSlug: \"sakura-kensetsu\", email: \"viewer@sakura-kensetsu.example\", password: $p) { accessToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RedisDownLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken } }"): (typeof documents)["mutation RedisDownLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RedisDownRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }"): (typeof documents)["mutation RedisDownRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RedisDownCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id title } }"): (typeof documents)["mutation RedisDownCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id title } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RedisDownMe { me { id } }"): (typeof documents)["query RedisDownMe { me { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RedisDownAProject { projects(first: 1) { nodes { id } } }"): (typeof documents)["query RedisDownAProject { projects(first: 1) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SigtermSignIn($p: String!) { login(tenantSlug: \"sakura-kensetsu\", email: \"member@sakura-kensetsu.example\", password: $p) { accessToken } }"): (typeof documents)["mutation SigtermSignIn($p: String!) { login(tenantSlug: \"sakura-kensetsu\", email: \"member@sakura-kensetsu.example\", password: $p) { accessToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Anonymous { tasks { totalCount } }"): (typeof documents)["query Anonymous { tasks { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OneTask($id: UUID!) { task(id: $id) { id } }"): (typeof documents)["query OneTask($id: UUID!) { task(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }"): (typeof documents)["mutation SignIn($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Ping { __typename }"): (typeof documents)["query Ping { __typename }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } } }"): (typeof documents)["mutation Login($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken refreshToken user { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me { me { id } }"): (typeof documents)["query Me { me { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Refresh($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken user { id } } }"): (typeof documents)["mutation Refresh($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken user { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Logout($r: String) { logout(refreshToken: $r) }"): (typeof documents)["mutation Logout($r: String) { logout(refreshToken: $r) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TracingOffAProject { projects(first: 1) { nodes { id } } }"): (typeof documents)["query TracingOffAProject { projects(first: 1) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TracingOffCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }"): (typeof documents)["mutation TracingOffCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TracingOffTasks { tasks(first: 2) { nodes { id } } }"): (typeof documents)["query TracingOffTasks { tasks(first: 2) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TracedTasks { tasks(first: 2) { nodes { id title } } }"): (typeof documents)["query TracedTasks { tasks(first: 2) { nodes { id title } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StartTypename { __typename }"): (typeof documents)["query StartTypename { __typename }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StartLogin { login(tenantSlug: \"sakura-kensetsu\", email: \"member@sakura-kensetsu.example\", password: \"dandori-demo-2026\") { accessToken refreshToken } }"): (typeof documents)["mutation StartLogin { login(tenantSlug: \"sakura-kensetsu\", email: \"member@sakura-kensetsu.example\", password: \"dandori-demo-2026\") { accessToken refreshToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StartMe { me { email role } }"): (typeof documents)["query StartMe { me { email role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StartRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }"): (typeof documents)["mutation StartRefresh($t: String!) { refreshSession(refreshToken: $t) { accessToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation FailoverLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }"): (typeof documents)["mutation FailoverLogin($s: String!, $e: String!, $p: String!) { login(tenantSlug: $s, email: $e, password: $p) { accessToken } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation FailoverCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }"): (typeof documents)["mutation FailoverCreateTask($i: CreateTaskInput!) { createTask(input: $i) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FailoverRead { me { id } tasks(first: 5) { nodes { id } } }"): (typeof documents)["query FailoverRead { me { id } tasks(first: 5) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FailoverProjects { projects(first: 20) { nodes { id status } } }"): (typeof documents)["query FailoverProjects { projects(first: 20) { nodes { id status } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription FailoverActivity { activityRecorded { id verb subjectId } }"): (typeof documents)["subscription FailoverActivity { activityRecorded { id verb subjectId } }"];
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