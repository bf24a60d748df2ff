/** The custom scalars of schema/common.graphql, from graphql-scalars (well-tested parsers). */
import { DateResolver, DateTimeResolver, JSONResolver, UUIDResolver } from 'graphql-scalars';

export const scalarResolvers = {
  DateTime: DateTimeResolver,
  Date: DateResolver,
  UUID: UUIDResolver,
  JSON: JSONResolver,
};
