import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BadUserInputError, NotFoundError } from '../../src/errors.js';
import { formatError } from '../../src/error-format.js';

describe('formatError', () => {
  it('masks unexpected errors: no message, no stack, code INTERNAL', () => {
    const leaked = new Error('connection to 10.0.0.5 failed: password authentication failed for user "admin"');
    const formatted = formatError(
      { message: leaked.message, path: ['dashboard'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: ...', '    at secret.ts:1'] } },
      new GraphQLError(leaked.message, { originalError: leaked }),
    );
    expect(formatted).toEqual({ message: 'Internal server error', path: ['dashboard'], extensions: { code: 'INTERNAL' } });
  });

  it('keeps coded application errors, without the internal http hint or a stack', () => {
    const error = new BadUserInputError('Invalid input: input.title: must not be empty', { 'input.title': 'must not be empty' });
    const formatted = formatError({ message: error.message, extensions: { ...error.extensions, stacktrace: ['x'] } }, error);
    expect(formatted).toEqual({
      message: 'Invalid input: input.title: must not be empty',
      extensions: { code: 'BAD_USER_INPUT', fields: { 'input.title': 'must not be empty' } },
    });
  });

  it("keeps Apollo's own request errors", () => {
    const formatted = formatError({ message: 'Syntax Error: Expected Name', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, new GraphQLError('x'));
    expect(formatted.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(new NotFoundError('Task', 'abc').extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});
