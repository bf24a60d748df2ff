/**
 * Input validation with per-field messages: a zod schema per mutation input; a failure becomes
 * one BAD_USER_INPUT error whose `extensions.fields` maps each bad field (e.g. "input.code") to
 * what is wrong with it.
 */
import { z } from 'zod';
import { BadUserInputError } from '../../errors.js';

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = [path, ...issue.path.map(String)].filter(Boolean).join('.');
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields).map(([key, message]) => `${key}: ${message}`).join('; ');
  throw new BadUserInputError(`Invalid ${path}: ${summary}`, fields);
}

/** Codes of projects and departments: short, URL-safe, unique per tenant. */
export const code = z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, "use 1-32 letters, digits, '-' or '_'");
export const name = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
export const longText = z.string().max(20_000, 'at most 20,000 characters');
export const uuid = z.string().uuid('expected a UUID');
