/**
 * What `npm start` prints once the server is ready: where it is, how long it took, where the
 * explorer and the embedded data are, and every demo login (on every start, not only the first).
 * Logs go to stdout as JSON lines; this is the one human-formatted block.
 */

/** A login as printed; `role` may carry a note ("MEMBER (6 logins)"). */
export interface BannerLogin {
  tenantSlug: string;
  email: string;
  password: string;
  role: string;
}

export interface BannerInfo {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  graphqlUrl: string;
  /** Milliseconds from process start to listening (`performance.now()` at that moment). */
  readyInMs: number;
  /** The explorer is served (not in production). */
  explorer: boolean;
  /** The embedded PostgreSQL folder, when that is the database. */
  dataDir?: string | undefined;
  logins: BannerLogin[];
}

export function formatBanner(info: BannerInfo): string {
  const base = info.graphqlUrl.replace(/\/graphql$/, '');
  const lines = [`\n  Dandori Portal API: ${info.graphqlUrl}  (ready in ${(info.readyInMs / 1000).toFixed(2)} s)`];
  if (info.explorer) {
    lines.push(`  Explorer: open that URL in a browser (Apollo Sandbox; offline: GraphiQL at ${base}/explorer)`);
  }
  if (info.dataDir) lines.push(`  Embedded PostgreSQL data: ${info.dataDir}  (delete the folder to start afresh)`);
  if (info.logins.length > 0) {
    lines.push('  Demo logins (mutation login(tenantSlug, email, password)):');
    for (const row of loginRows(info.logins)) {
      lines.push(`    ${row.tenantSlug.padEnd(18)} ${row.email.padEnd(42)} ${row.password}  ${row.role}`);
    }
    lines.push('  Then send the returned accessToken as the header  Authorization: Bearer <accessToken>');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * One row per login, except that numbered logins of one tenant and role that follow each other
 * (member2 … member7) share a row, so the list stays short without leaving anyone out.
 */
export function loginRows(logins: BannerLogin[]): BannerLogin[] {
  const rows: BannerLogin[] = [];
  for (let i = 0; i < logins.length; ) {
    const run = numberedRun(logins, i);
    if (run.length > 2) {
      const first = run[0]!;
      const last = run[run.length - 1]!;
      rows.push({ ...first, email: `${first.email.split('@')[0]}…${last.email}`, role: `${first.role} (${run.length} logins)` });
      i += run.length;
    } else {
      rows.push(logins[i]!);
      i += 1;
    }
  }
  return rows;
}

const NUMBERED = /^([a-z-]+?)(\d+)@(.+)$/;

/** The longest run from `start` of `<name><n>@domain`, `<name><n+1>@domain`, … with one tenant, role and password. */
function numberedRun(logins: BannerLogin[], start: number): BannerLogin[] {
  const head = NUMBERED.exec(logins[start]!.email);
  if (!head) return [logins[start]!];
  const run = [logins[start]!];
  for (let i = start + 1; i < logins.length; i++) {
    const login = logins[i]!;
    const match = NUMBERED.exec(login.email);
    const previous = logins[i - 1]!;
    const consecutive = match && match[1] === head[1] && match[3] === head[3] && Number(match[2]) === Number(head[2]) + run.length;
    if (!consecutive || login.tenantSlug !== previous.tenantSlug || login.role !== previous.role || login.password !== previous.password) break;
    run.push(login);
  }
  return run;
}
