// @ts-check
/**
 * The plan's peak test for teams that run k6 (k6 cannot be installed on our build machines; there
 * `npm run loadtest -- --profile seed-peak` replays the same stages):
 *
 *   k6 run -e API_URL=https://api.example.com/graphql -e DURATION_SCALE=1 loadtest/k6/seed-peak.js
 *
 * Each virtual user signs in once with GraphQL `login`, then loops: dashboard query, sleep 1 s.
 * Thresholds fail the run when p95 >= 200 ms or more than 0.1 % of requests fail.
 */
import http from 'k6/http';
import { check, fail, sleep } from 'k6';
import exec from 'k6/execution';
import { DASHBOARD_QUERY, LOGIN_MUTATION, PASSWORD, THINK_TIME_SECONDS, THRESHOLDS, loginOf, seedPeakStages } from './seed-peak-plan.js';

const API_URL = __ENV.API_URL || 'http://localhost:4000/graphql';
const JSON_HEADERS = { 'content-type': 'application/json' };

export const options = {
  stages: seedPeakStages(Number(__ENV.DURATION_SCALE || 1)),
  thresholds: THRESHOLDS,
};

/** This virtual user's access token (module state is per VU in k6). @type {string | null} */
let accessToken = null;

function signIn() {
  const variables = { ...loginOf(exec.vu.idInTest), password: PASSWORD };
  const res = http.post(API_URL, JSON.stringify({ query: LOGIN_MUTATION, variables }), { headers: JSON_HEADERS, tags: { name: 'login' } });
  const token = res.status === 200 ? res.json('data.login.accessToken') : null;
  if (typeof token !== 'string') fail(`login failed for ${variables.email}: HTTP ${res.status} ${res.body}`);
  return token;
}

export default function () {
  if (accessToken === null) accessToken = signIn();
  const res = http.post(API_URL, JSON.stringify({ query: DASHBOARD_QUERY }), {
    headers: { ...JSON_HEADERS, authorization: `Bearer ${accessToken}` },
    tags: { name: 'dashboard' },
  });
  check(res, {
    'status is 200': (r) => r.status === 200,
    'no GraphQL errors': (r) => r.status === 200 && r.json('errors') === undefined,
  });
  sleep(THINK_TIME_SECONDS);
}
