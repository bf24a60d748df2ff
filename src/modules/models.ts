/**
 * The TypeScript objects behind the GraphQL types (codegen "mappers", see codegen.ts): what
 * loaders and services return, and so what each resolver receives as `parent`.
 */
import type {
  ActivityEvent as ActivityEventRow,
  Attachment as AttachmentRow,
  Comment as CommentRow,
  Department as DepartmentRow,
  Notification as NotificationRow,
  Project as ProjectRow,
  Task as TaskRow,
  Tenant as TenantRow,
  User as UserRow,
} from '../generated/prisma/client.js';
import type { Connection, Edge } from './common/pagination.js';

export type Tenant = TenantRow;
export type User = UserRow;
export type Department = DepartmentRow;
export type Project = ProjectRow;
export type Task = TaskRow;
export type Comment = CommentRow;
export type Attachment = AttachmentRow;
export type Notification = NotificationRow;
export type ActivityEvent = ActivityEventRow;

export type UserConnection = Connection<User>;
export type DepartmentConnection = Connection<Department>;
export type ProjectConnection = Connection<Project>;
export type TaskConnection = Connection<Task>;
export type CommentConnection = Connection<Comment>;
export type NotificationConnection = Connection<Notification> & { unreadCount: () => Promise<number> };
export type ActivityEventConnection = Connection<ActivityEvent>;
export type UserEdge = Edge<User>;
export type DepartmentEdge = Edge<Department>;
export type ProjectEdge = Edge<Project>;
export type TaskEdge = Edge<Task>;
export type CommentEdge = Edge<Comment>;
export type NotificationEdge = Edge<Notification>;
export type ActivityEventEdge = Edge<ActivityEvent>;

/** The dashboard's fields are resolved lazily, each from its own aggregate query. */
export type Dashboard = { generatedAt: Date };
export type AssigneeLoad = { assigneeId: string; openCount: number };
export type ProjectProgress = { project: Project };
export type AuthPayload = {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
};
export type InviteUserPayload = { user: User; temporaryPassword: string };
export type AttachmentUpload = {
  attachment: Attachment;
  uploadUrl: string;
  method: string;
  headers: Record<string, string>;
  expiresAt: Date;
};
