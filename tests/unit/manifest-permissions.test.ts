/**
 * @vitest-environment node
 */
// Every permission, host pattern and other capability the built manifests ask
// for must be listed, with its reason, in README.md's permissions table; and
// what the README promises about them (top frame only, a CSP that reaches no
// server) must hold in the build. This reads the builds and builds nothing:
// `npm test` runs it again right after its builds (tests/run-all.mjs); on its
// own it checks whatever `npx wxt build` and `npx wxt build -b firefox` last
// wrote (to CROSSCHECK_OUT_DIR when set, else .output) and skips without them.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const OUT = process.env.CROSSCHECK_OUT_DIR ? path.resolve(process.env.CROSSCHECK_OUT_DIR) : path.join(ROOT, '.output');
const BUILDS = ['chrome-mv3', 'firefox-mv3'] as const;

type Manifest = Record<string, unknown> & {
  content_scripts?: Record<string, unknown>[];
  content_security_policy?: Record<string, string>;
  browser_specific_settings?: { gecko?: { data_collection_permissions?: Record<string, string[]> } };
  web_accessible_resources?: { resources?: string[]; matches?: string[] }[];
};

function readManifest(build: string): Manifest | null {
  const file = path.join(OUT, build, 'manifest.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest) : null;
}

/** Keys that grant nothing: identity, UI entry points and the extension's own scripts. */
const INERT_KEYS = new Set([
  'manifest_version', 'name', 'short_name', 'description', 'version', 'version_name', 'author', 'homepage_url',
  'default_locale', 'icons', 'action', 'background', 'options_ui', 'options_page',
]);
/** Content-script keys that only say which files run, and when. */
const INERT_CONTENT_SCRIPT_KEYS = new Set(['js', 'css', 'run_at', 'exclude_matches', 'exclude_globs']);
/** Firefox keys that identify the add-on rather than grant anything. */
const INERT_GECKO_KEYS = new Set(['id', 'strict_min_version', 'strict_max_version', 'update_url']);

/**
 * What a manifest asks for, as README table entries: entry name → values.
 * Anything not known to be inert becomes an entry, so a new kind of request
 * fails the test until the README explains it.
 */
function requests(m: Manifest): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (entry: string, values: string[]) => {
    if (!values.length) return;
    out.set(entry, [...new Set([...(out.get(entry) ?? []), ...values])]);
  };
  for (const [key, value] of Object.entries(m)) {
    if (INERT_KEYS.has(key)) continue;
    switch (key) {
      case 'permissions':
      case 'optional_permissions':
      case 'host_permissions':
      case 'optional_host_permissions':
        add(key, value as string[]);
        break;
      case 'content_scripts':
        for (const cs of m.content_scripts ?? []) {
          add('content_scripts.all_frames', [String(cs.all_frames ?? false)]);
          for (const [k, v] of Object.entries(cs)) {
            if (INERT_CONTENT_SCRIPT_KEYS.has(k) || k === 'all_frames') continue;
            add(`content_scripts.${k}`, Array.isArray(v) ? v.map(String) : [String(v)]);
          }
        }
        break;
      case 'content_security_policy':
        for (const [k, v] of Object.entries(m.content_security_policy ?? {})) add(`content_security_policy.${k}`, [v]);
        break;
      case 'web_accessible_resources':
        for (const w of m.web_accessible_resources ?? []) add(key, [...(w.resources ?? []), ...(w.matches ?? [])]);
        break;
      case 'browser_specific_settings':
        for (const [app, settings] of Object.entries(value as Record<string, Record<string, unknown>>)) {
          for (const [k, v] of Object.entries(settings)) {
            if (INERT_GECKO_KEYS.has(k)) continue;
            if (k === 'data_collection_permissions') {
              for (const [kind, list] of Object.entries(v as Record<string, string[]>)) add(`browser_specific_settings.${app}.${k}.${kind}`, list);
            } else add(`browser_specific_settings.${app}.${k}`, [JSON.stringify(v)]);
          }
        }
        break;
      default:
        add(key, [JSON.stringify(value)]);
    }
  }
  return out;
}

/** README.md's permissions table: entry → the values it lists (in backticks; "none" lists nothing). */
function readmeTable(readme: string): Map<string, string[]> {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Security and privacy'));
  if (!section) throw new Error('README.md has no "## Security and privacy" section');
  const permissions = section.split(/^### /m).find((s) => s.startsWith('Permissions'));
  if (!permissions) throw new Error('README.md\'s "Security and privacy" section has no "### Permissions" table');
  const rows = permissions.split('\n').filter((l) => l.startsWith('|')).slice(2);
  const table = new Map<string, string[]>();
  for (const row of rows) {
    const [entryCell = '', valueCell = ''] = row.split(/\s\|\s/).map((c) => c.replace(/^\|\s*/, ''));
    const entry = /`([^`]+)`/.exec(entryCell)?.[1];
    if (!entry) throw new Error(`README permissions row without an entry name in backticks: ${row}`);
    table.set(entry, [...valueCell.matchAll(/`([^`]+)`/g)].map((x) => x[1]!));
  }
  return table;
}

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const built = BUILDS.map((b) => [b, readManifest(b)] as const);
const present = built.filter((b): b is readonly [(typeof BUILDS)[number], Manifest] => b[1] !== null);

describe('the README permissions table', () => {
  it('is there, and reads as entries with values', () => {
    const table = readmeTable(README);
    expect(table.get('permissions')).toBeDefined();
    expect(table.get('content_scripts.matches')?.length).toBeGreaterThan(0);
  });

  it('misses a request the manifest makes, and says which', () => {
    // The check itself, on a manifest made up for it: a permission the table does not list is found.
    const asked = requests({ permissions: ['storage'], content_scripts: [{ matches: ['https://*/*'], all_frames: true }] });
    const table = readmeTable(README);
    expect(missing(asked, table)).toEqual(
      expect.arrayContaining(['permissions: `storage`', 'content_scripts.all_frames: `true`']),
    );
  });
});

/** "entry: `value`" for each request the README table does not list. */
function missing(asked: Map<string, string[]>, table: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [entry, values] of asked) {
    const listed = table.get(entry);
    for (const v of values) if (!listed?.includes(v)) out.push(`${entry}: \`${v}\``);
  }
  return out;
}

const describeBuilds = present.length ? describe : describe.skip;

describeBuilds(
  present.length
    ? `the built manifests in ${OUT} (${present.map(([b]) => b).join(', ')})`
    : `no built manifests in ${OUT}: skipping (build with npx wxt build && npx wxt build -b firefox; npm test runs this after its builds)`,
  () => {
    it.each(present.map(([b, m]) => [b, m] as const))('%s asks for nothing the README does not list and justify', (build, manifest) => {
      expect(missing(requests(manifest), readmeTable(README)), `${build}/manifest.json asks for these, README.md's permissions table does not list them`).toEqual([]);
    });
    for (const [build] of built.filter(([, m]) => m === null)) it.skip(`${build}: no ${path.join(OUT, build, 'manifest.json')}, not checked`, () => {});

    // A row may be for the build that is missing, so this needs both.
    it.skipIf(present.length < BUILDS.length)('the README lists nothing the builds do not ask for', () => {
      const asked = new Map<string, Set<string>>();
      for (const [, m] of present) for (const [entry, values] of requests(m)) values.forEach((v) => asked.set(entry, (asked.get(entry) ?? new Set()).add(v)));
      const stale: string[] = [];
      for (const [entry, values] of readmeTable(README)) for (const v of values) if (!asked.get(entry)?.has(v)) stale.push(`${entry}: \`${v}\``);
      expect(stale, 'README.md lists these, no build asks for them').toEqual([]);
    });

    it.each(present.map(([b, m]) => [b, m] as const))('%s: content scripts run in the top frame only', (_b, m) => {
      expect(m.content_scripts?.length).toBeGreaterThan(0);
      for (const cs of m.content_scripts ?? []) {
        expect(cs.all_frames ?? false).toBe(false);
        expect(cs.match_about_blank ?? false).toBe(false);
        expect(cs.match_origin_as_fallback ?? false).toBe(false);
      }
    });

    it.each(present.map(([b, m]) => [b, m] as const))('%s: extension pages run only their own scripts and reach no server', (_b, m) => {
      const csp = m.content_security_policy?.extension_pages;
      expect(csp, 'content_security_policy.extension_pages').toBeTypeOf('string');
      const directives = new Map(
        csp!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
          const [name = '', ...sources] = d.split(/\s+/);
          return [name, sources.join(' ')] as const;
        }),
      );
      expect(csp).not.toMatch(/unsafe|\*|https?:|wss?:/);
      expect(directives.get('script-src')).toBe("'self'");
      expect(directives.get('object-src')).toBe("'none'");
      expect(directives.get('connect-src')).toBe("'none'");
      expect(directives.get('base-uri')).toBe("'none'");
    });

    const firefox = built.find(([b]) => b === 'firefox-mv3')![1];
    it.skipIf(!firefox)('Firefox is told no data is collected', () => {
      expect(firefox!.browser_specific_settings?.gecko?.data_collection_permissions?.required).toEqual(['none']);
    });
  },
);
