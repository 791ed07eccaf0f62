import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The access structure, enforced: layers import only downwards, the raw database handle is used only in
 * the listed places, and each feature that holds records keeps who may see them in one policy.ts.
 */
const root = join(import.meta.dirname, '..');

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const source = (path: string) => readFileSync(join(root, path), 'utf8');
const importsOf = (path: string) => [...source(path).matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
const resolved = (file: string, spec: string) =>
  spec.startsWith('.') ? relative(root, join(root, file, '..', spec)) : spec;

function violations(dir: string, forbidden: RegExp): string[] {
  return filesUnder(dir).flatMap((file) =>
    importsOf(file)
      .map((spec) => resolved(file, spec))
      .filter((target) => forbidden.test(target))
      .map((target) => `${file} imports ${target}`),
  );
}

describe('the architecture', () => {
  it('keeps the layers: platform below modules below server; shared and web apart', () => {
    expect(violations('src/modules', /^src\/server\//)).toEqual([]);
    expect(violations('src/platform', /^src\/(server|modules)\//)).toEqual([]);
    expect(violations('src/shared', /^src\/(server|modules|platform|db|web|cli)\//)).toEqual([]);
    expect(violations('src/web', /^src\/(server|modules|platform|db|cli)\//)).toEqual([]);
  });

  it('uses the raw database handle only where no actor is bound, in the listed places', () => {
    // Everything else goes through the request context: one transaction per request, bound to its actor.
    const allowed = [
      /^src\/platform\/context\.ts$/, // opens the request's transaction
      /^src\/server\//, // the composition root: the denied-request audit, start-up
      /^src\/modules\/auth\/authenticate\.ts$/, // finds the session before there is an actor
      /^src\/cli\//, // system jobs from the command line
      /^src\/demo\//, // the reference dataset builder
      /^src\/db\//, // connection and migrations
      /\.test\.ts$/,
    ];
    const users = filesUnder('src')
      .filter((file) => /\bunsafeDb\b/.test(source(file)))
      .filter((file) => !allowed.some((pattern) => pattern.test(file)));
    expect(users).toEqual([]);
  });

  it('gives each feature with records one policy.ts', () => {
    const features = [
      'activities',
      'cases',
      'contracts',
      'families',
      'notices',
      'plans',
      'projects',
      'reports',
      'users',
    ];
    const missing = features.filter((f) => !readdirSync(join(root, 'src/modules', f)).includes('policy.ts'));
    expect(missing).toEqual([]);
  });

  /*
   * Issue 17: the web writes through one layer (`web/data-entry`: useSave on TanStack Query's useMutation,
   * EntryForm on @mantine/form checked with the server's contracts). A file that sends a write imports the
   * layer's save (or the reason form built on it); none keeps its own request state.
   */

  /** Not data entry: signing out, and giving up emergency access on leaving a case (both ignore failure). */
  const sessionActions = ['src/web/components/layout.tsx'];

  it('writes from the web only through the data-entry layer', () => {
    const writes = /\bapi(<[^>]*>)?\(\s*'(POST|PUT|PATCH|DELETE)'/;
    const web = filesUnder('src/web').filter((file) => !file.startsWith('src/web/data-entry/'));
    const outside = web
      .filter((file) => writes.test(source(file)))
      .filter((file) => !/from '[^']*(data-entry\/save|reason-form)'/.test(source(file)))
      .filter((file) => !sessionActions.includes(file));
    expect(outside).toEqual([]);
    // No screen runs its own requests with their own pending and error state.
    expect(
      web.filter((file) => /\buseState\b[^\n]*\b(pending|busy)\b|failure\.run\(/.test(source(file))),
    ).toEqual([]);
  });

  it('composes pages of features: no page imports another page', () => {
    const pages = filesUnder('src/web/routes').filter((file) => file.endsWith('.tsx'));
    const crossings = pages.flatMap((file) =>
      importsOf(file)
        .map((spec) => resolved(file, spec))
        .filter((target) => pages.some((page) => page === `${target}.tsx`))
        .map((target) => `${file} imports ${target}`),
    );
    expect(crossings).toEqual([]);
  });

  it('keeps each web feature to itself: a feature imports no other feature and no page', () => {
    const crossings = filesUnder('src/web/features').flatMap((file) => {
      const feature = file.split('/')[3];
      return importsOf(file)
        .map((spec) => resolved(file, spec))
        .filter((target) => /^src\/web\/(routes|features)\//.test(target))
        .filter((target) => !target.startsWith(`src/web/features/${feature}/`))
        .map((target) => `${file} imports ${target}`);
    });
    expect(crossings).toEqual([]);
  });
});
