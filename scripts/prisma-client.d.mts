// Types for scripts/prisma-client.mjs (plain JavaScript: it runs before anything is compiled).
export declare const projectRoot: string;
export interface PrismaPaths {
  root: string;
  schema: string;
  clientDir: string;
  stamp: string;
}
export interface PrismaClientStamp {
  schemaSha256: string;
  prisma: string;
  prismaClient: string;
}
export declare function prismaPaths(root?: string): PrismaPaths;
export declare function currentStamp(root?: string): PrismaClientStamp;
export declare function isPrismaClientCurrent(root?: string): boolean;
export declare function ensurePrismaClient(options?: { force?: boolean; quiet?: boolean; root?: string }): boolean;
