/**
 * The README stays a guide and the documentation stays connected: README.md is at most 450 lines
 * (the detail lives in docs/), every relative link in README.md and docs/*.md reaches a file that
 * exists and, with a #fragment, a heading of that file (GitHub's slugs, via github-slugger), and
 * docs/configuration.md documents exactly the environment variables src/config.ts reads.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { settingNames } from '../../src/config.js';
import { projectRoot } from '../../src/paths.js';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const markdown = new MarkdownIt();
const README_MAX_LINES = 450;

const documents = [join(projectRoot, 'README.md'), ...readdirSync(join(projectRoot, 'docs')).filter((name) => name.endsWith('.md')).map((name) => join(projectRoot, 'docs', name))];

const parsed = new Map<string, Token[]>();
function tokensOf(path: string): Token[] {
  let tokens = parsed.get(path);
  if (!tokens) {
    tokens = markdown.parse(readFileSync(path, 'utf8'), {});
    parsed.set(path, tokens);
  }
  return tokens;
}

/** The plain text of an inline token, as GitHub slugs it: code spans keep their content, markup goes. */
function plainText(inline: Token): string {
  return (inline.children ?? []).map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : '')).join('');
}

/** The anchors GitHub gives a file's headings (duplicates numbered, as github-slugger does). */
function anchorsOf(path: string): Set<string> {
  const slugger = new GithubSlugger();
  const tokens = tokensOf(path);
  const anchors = new Set<string>();
  tokens.forEach((token, index) => {
    if (token.type === 'heading_open') anchors.add(slugger.slug(plainText(tokens[index + 1]!)));
  });
  return anchors;
}

/** Every link and image target in a file. */
function targetsOf(path: string): string[] {
  const targets: string[] = [];
  for (const token of tokensOf(path)) {
    for (const child of token.children ?? []) {
      const target = child.type === 'link_open' ? child.attrGet('href') : child.type === 'image' ? child.attrGet('src') : null;
      if (target) targets.push(String(target));
    }
  }
  return targets;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** What is wrong with one relative link, or undefined when it resolves. */
function brokenLink(from: string, target: string): string | undefined {
  const [pathPart, fragment] = target.split('#', 2) as [string, string | undefined];
  const file = pathPart === '' ? from : resolve(dirname(from), decodeURIComponent(pathPart));
  if (!existsSync(file)) return `${target}: no such file ${relative(projectRoot, file)}`;
  if (fragment === undefined || fragment === '') return undefined;
  if (!file.endsWith('.md')) return `${target}: an anchor into a file that is not Markdown`;
  if (!anchorsOf(file).has(decodeURIComponent(fragment))) return `${target}: ${relative(projectRoot, file)} has no heading #${fragment}`;
  return undefined;
}

/** The variables named in the first column of docs/configuration.md's table (`A`, `B` / `C`). */
function documentedVariables(): string[] {
  const tokens = tokensOf(join(projectRoot, 'docs', 'configuration.md'));
  const names: string[] = [];
  let inBody = false;
  let cell = 0;
  tokens.forEach((token, index) => {
    if (token.type === 'tbody_open') inBody = true;
    if (token.type === 'tbody_close') inBody = false;
    if (!inBody) return;
    if (token.type === 'tr_open') cell = 0;
    if (token.type === 'td_open' && cell++ === 0) {
      for (const child of tokens[index + 1]!.children ?? []) if (child.type === 'code_inline') names.push(child.content);
    }
  });
  return names;
}

describe('the documentation', () => {
  it(`keeps README.md a guide: at most ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(join(projectRoot, 'README.md'), 'utf8').trimEnd().split('\n').length;
    expect(lines).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('has relative links to check in the README and docs/ (the parser sees them)', () => {
    const relativeTargets = documents.flatMap((path) => targetsOf(path).filter((target) => !isExternal(target)));
    expect(relativeTargets.length).toBeGreaterThan(20);
    expect(anchorsOf(join(projectRoot, 'docs', 'benchmarks.md'))).toContain('faults-npm-run-benchfaults');
  });

  it.each(documents.map((path) => [relative(projectRoot, path), path]))('%s: every relative link reaches its file and heading', (_name, path) => {
    const broken = targetsOf(path)
      .filter((target) => !isExternal(target))
      .map((target) => brokenLink(path, target))
      .filter((problem): problem is string => problem !== undefined);
    expect(broken).toEqual([]);
  });

  it('finds a link broken when its heading or file is missing (the check can fail)', () => {
    const readme = join(projectRoot, 'README.md');
    expect(brokenLink(readme, 'docs/benchmarks.md#no-such-heading')).toMatch(/has no heading/);
    expect(brokenLink(readme, 'docs/no-such-page.md')).toMatch(/no such file/);
    expect(brokenLink(readme, 'docs/benchmarks.md#history')).toBeUndefined();
  });

  it('docs/configuration.md documents every variable src/config.ts reads, and nothing else', () => {
    const documented = documentedVariables();
    expect(documented.length).toBeGreaterThan(40);
    expect([...new Set(documented)].sort()).toEqual([...settingNames].sort());
  });
});
