/**
 * A budget per client address for anonymous GraphQL requests (no valid token: login, refresh,
 * and whatever an attacker sends), spent before the body is read, so a refused request costs
 * this pod almost nothing. Over it: 429 RATE_LIMITED with Retry-After. Authenticated requests
 * are limited per tenant instead (admission/tenant-rate-limit.ts); failed sign-ins have their own, much
 * smaller, throttle (auth/login-throttle.ts).
 *
 * Sizing the default, ANONYMOUS_REQUESTS_PER_MINUTE = 3,000 per address and pod: the largest
 * customer we plan for has 3,000 people (docs/cloud.md), and a whole office can reach us from one
 * NAT address. If all of them sign in within the same minute at 9:00 (one `login` each) while
 * the tabs left open overnight renew their sessions (one `refreshSession` each, also anonymous:
 * the access token has expired), that is at most 6,000 anonymous requests in the minute, spread
 * by the load balancer over at least two pods: ~3,000 per pod in the worst minute of the day,
 * and far less in any other. Past that, one address sending 50 requests a second to one pod is a
 * client in a loop or an attack; each of its requests costs at most a few ms even when hostile
 * (document-screen.ts), so the budget caps what one address can take from a pod at a small share
 * of a core. Floods from many addresses are the WAF's job (its rate rule per address, pulumi/).
 *
 * Counted in this pod's memory, not Redis: the budget protects this pod's CPU, needs no round
 * trip on the path of a refused request and keeps working when Redis does not. IPv6 clients are
 * counted per /64, the block one site gets, as an IPv4 office shares its NAT address.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors.js';

export interface AnonymousRateLimiter {
  /** Counts one anonymous request from `address`; throws RateLimitedError (429 + Retry-After) over the budget. */
  consume(address: string): Promise<void>;
}

export function createAnonymousRateLimiter(options: { perMinute: number; onReject: () => void }): AnonymousRateLimiter {
  const limiter = new RateLimiterMemory({ keyPrefix: 'anonymous', points: options.perMinute, duration: 60 });
  return {
    async consume(address) {
      try {
        await limiter.consume(budgetKey(address));
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        options.onReject();
        const wait = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new RateLimitedError(wait, `Too many requests without a token from this address; try again in ${wait} s`);
      }
    },
  };
}

/** The address an IPv4 client is counted under, or the /64 of an IPv6 one. */
export function budgetKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = address.includes('::') ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
