// @vitest-environment node
/**
 * npm run kb:update on recorded query-service answers (tests/fixtures/wikidata/):
 * the record it reproduces, the diff it prints, and what it refuses. Every run
 * that could write works on a temporary copy of lib/kb/data (--data).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase, parseKnowledgeBase, type Holder, type KnowledgeBase } from '../../lib/kb/index';
import { convertHolders } from '../../lib/kb/wikidata/convert';
import { formatKbFile } from '../../lib/kb/wikidata/files';
import { parseOfficeMapping } from '../../lib/kb/wikidata/mapping';
import { locateInBindings, parseSparqlResults, SparqlResultError } from '../../lib/kb/wikidata/sparql';
import { queryFor, runUpdate } from '../../scripts/kb/update';

const root = resolve(__dirname, '../..');
const DATA = join(root, 'lib/kb/data');
const FIX = join(root, 'tests/fixtures/wikidata');
const fixture = (name: string) => join(FIX, name);
const kb = loadKnowledgeBase();
const mapping = parseOfficeMapping(JSON.parse(readFileSync(join(root, 'scripts/kb/offices.json'), 'utf8')));

type Files = Record<string, { offices?: Array<{ id: string; holders: Holder[] }>; people?: Array<{ id: string }> }>;

/** A temporary copy of the data directory, optionally edited (the files keep their layout). */
function dataDir(edit?: (files: Files) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-kb-'));
  cpSync(DATA, dir, { recursive: true });
  if (edit) {
    const files: Files = {};
    for (const n of readdirSync(dir)) files[n] = JSON.parse(readFileSync(join(dir, n), 'utf8')) as Files[string];
    const before = JSON.stringify(files);
    edit(files);
    if (JSON.stringify(files) !== before) for (const [n, j] of Object.entries(files)) writeFileSync(join(dir, n), formatKbFile(j));
  }
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
}

async function run(args: string[], fetchImpl?: typeof fetch) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runUpdate(args, { out: (l) => out.push(l), err: (l) => err.push(l), ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function rowsOf(...names: string[]) {
  return names.flatMap((n) => parseSparqlResults(readFileSync(fixture(n), 'utf8'), n));
}

function office(k: KnowledgeBase, id: string) {
  return k.offices.find((o) => o.id === id)!;
}

/** A copy of the shipped knowledge base with one office's or person's record edited. */
function kbWith(edit: (k: KnowledgeBase) => void): KnowledgeBase {
  const k = structuredClone(kb);
  edit(k);
  return k;
}

describe('kb:update reproduces the record for the offices the fixtures cover', () => {
  const cases: Array<[string, string[]]> = [
    ['heads-of-state.json', ['US.head-of-state', 'RU.head-of-state']],
    ['vice-presidents.json', ['US.vice-president']],
    ['international.json', ['UN.secretary-general']],
    ['awkward/acting-and-overlap.json', ['RU.head-of-state']],
    ['awkward/missing-end.json', ['US.vice-president']],
    ['awkward/two-statements.json', ['US.head-of-state']],
    ['awkward/precision.json', ['UN.secretary-general']],
  ];
  it.each(cases)('%s gives the holders lib/kb/data has for %j', (name, ids) => {
    const r = convertHolders(kb, rowsOf(name), mapping);
    expect(r.covered).toEqual(ids.slice().sort());
    for (const id of ids) expect(r.offices.find((o) => o.office.id === id)!.office.holders).toEqual(office(kb, id).holders);
    expect(r.people).toEqual([]);
  });

  it('run with --write on all three answers, it changes no file', async () => {
    const dir = dataDir();
    const before = snapshot(dir);
    const r = await run(['--from', FIX + '/heads-of-state.json', '--from', fixture('vice-presidents.json'), '--from', fixture('international.json'), '--data', dir, '--write']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('unchanged: RU.head-of-state, UN.secretary-general, US.head-of-state, US.vice-president');
    expect(r.out).toContain('dropped 0 of 17 current terms');
    expect(r.out).toContain('no changes to write.');
    expect(snapshot(dir)).toEqual(before);
  });

  it('as the npm script, from the command line', () => {
    const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
    const r = spawnSync(process.execPath, [tsx, 'scripts/kb/update.ts', '--from', 'tests/fixtures/wikidata/international.json', '--data', dataDir()], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('unchanged: UN.secretary-general');
  }, 60_000);
});

describe('the diff on a record that missed a change of holder', () => {
  // The record as it stood before 20 January 2025: Harris in office, no Vance term.
  const stale = () =>
    dataDir((f) => {
      const vp = f['vice-presidents.json']!.offices!.find((o) => o.id === 'US.vice-president')!;
      vp.holders = vp.holders.filter((h) => h.person !== 'jd-vance');
      vp.holders.find((h) => h.person === 'kamala-harris')!.to = null;
    });

  it('shows exactly that change, and --write writes exactly those lines', async () => {
    const dir = stale();
    const before = snapshot(dir);
    const dry = await run(['--from', fixture('vice-presidents.json'), '--data', dir]);
    expect(dry.code).toBe(0);
    const diff = dry.out.split('\n').filter((l) => !l.startsWith('kb:update:') && !l.startsWith('note') && !l.startsWith('dry run'));
    expect(diff).toEqual([
      'US.vice-president  Vice President of the United States',
      '  ~ kamala-harris (Kamala Harris) from 2021-01-20 to open, elected 2020-11-03: to open -> 2025-01-20',
      '  + jd-vance (JD Vance) from 2025-01-20 to open, elected 2024-11-05  [https://www.wikidata.org/wiki/Q28935729]',
      'dropped 0 of 3 current terms of the covered offices (0.0%; refused above 10%)',
    ]);
    expect(snapshot(dir)).toEqual(before);

    const wrote = await run(['--from', fixture('vice-presidents.json'), '--data', dir, '--write']);
    expect(wrote.code).toBe(0);
    const after = snapshot(dir);
    expect(Object.keys(after).filter((n) => after[n] !== before[n])).toEqual(['vice-presidents.json']);
    const old = before['vice-presidents.json']!.split('\n');
    const now = after['vice-presidents.json']!.split('\n');
    expect(now.filter((l) => !old.includes(l))).toEqual([
      '        {"person": "kamala-harris", "from": "2021-01-20", "to": "2025-01-20", "elected": "2020-11-03", "source": "https://www.wikidata.org/wiki/Q10853588"},',
      '        {"person": "jd-vance", "from": "2025-01-20", "to": null, "elected": "2024-11-05", "source": "https://www.wikidata.org/wiki/Q28935729"}',
    ]);
    expect(old.filter((l) => !now.includes(l))).toHaveLength(1);
  });

  it('--bundle writes the whole updated record as the one file the corpus manager imports, and leaves the data as it was', async () => {
    const dir = stale();
    const before = snapshot(dir);
    const bundle = join(mkdtempSync(join(tmpdir(), 'cc-kb-bundle-')), 'kb.json');
    const r = await run(['--from', fixture('vice-presidents.json'), '--data', dir, '--bundle', bundle]);
    expect(r.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    const imported = parseKnowledgeBase(JSON.parse(readFileSync(bundle, 'utf8')));
    const vp = office(imported, 'US.vice-president');
    expect(vp.holders.map((h) => [h.person, h.to])).toEqual(expect.arrayContaining([['kamala-harris', '2025-01-20'], ['jd-vance', null]]));
  });
});

describe('awkward cases', () => {
  const holders = (k: KnowledgeBase, name: string, id: string) => {
    const r = convertHolders(k, rowsOf(name), mapping);
    return { holders: r.offices.find((o) => o.office.id === id)!.office.holders, people: r.people, notes: r.notes.map((n) => n.message) };
  };
  const brief = (hs: Holder[]) => hs.map((h) => [h.person, h.from, h.to, h.acting === true]);

  it('an acting term stays apart from the same person\'s term that follows it', () => {
    const r = holders(kb, 'heads-of-state.json', 'RU.head-of-state');
    expect(brief(r.holders).slice(0, 2)).toEqual([
      ['vladimir-putin', '1999-12-31', '2000-05-07', true],
      ['vladimir-putin', '2000-05-07', '2008-05-07', false],
    ]);
  });

  it('overlapping statements of one tenure (one on the office, one a term each on the person) give one term', () => {
    const r = holders(kb, 'awkward/acting-and-overlap.json', 'RU.head-of-state');
    expect(brief(r.holders)).toEqual(brief(office(kb, 'RU.head-of-state').holders));
  });

  it('terms of different people that overlap are refused by the validation, and nothing is written', async () => {
    // A deliberately wrong end: Putin's second term running four months into Medvedev's.
    const text = readFileSync(fixture('heads-of-state.json'), 'utf8').replace('"2008-05-07T00:00:00Z"', '"2008-09-07T00:00:00Z"');
    const dir = mkdtempSync(join(tmpdir(), 'cc-kb-in-'));
    writeFileSync(join(dir, 'wrong-start.json'), text);
    const data = dataDir();
    const before = snapshot(data);
    const r = await run(['--from', join(dir, 'wrong-start.json'), '--data', data, '--write']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/fails validation: .*RU\.head-of-state: vladimir-putin \(to 2008-09-07\) overlaps dmitry-medvedev \(from 2008-05-07\)/);
    expect(r.err).toContain('nothing written');
    expect(snapshot(data)).toEqual(before);
  });

  it('a missing end is the record\'s end, or failing that the next term\'s start', () => {
    const withRecord = holders(kb, 'awkward/missing-end.json', 'US.vice-president');
    expect(withRecord.holders).toEqual(office(kb, 'US.vice-president').holders);
    expect(withRecord.notes).toContain("mike-pence from 2017-01-20: no end date on Wikidata; the record's end, 2021-01-20, is used");
    const open = kbWith((k) => {
      office(k, 'US.vice-president').holders.find((h) => h.person === 'mike-pence')!.to = null;
    });
    const inferred = holders(open, 'awkward/missing-end.json', 'US.vice-president');
    expect(brief(inferred.holders)[1]).toEqual(['mike-pence', '2017-01-20', '2021-01-20', false]);
    expect(inferred.notes).toContain("mike-pence from 2017-01-20: no end date on Wikidata; the next term's start, 2021-01-20, is used");
  });

  it('two statements for one term (on the person and on the office, ranks and precisions differing) give one term', () => {
    const r = holders(kb, 'awkward/two-statements.json', 'US.head-of-state');
    expect(r.holders).toEqual(office(kb, 'US.head-of-state').holders);
    expect(r.notes).toContain('barack-obama: two statements from 2009-01-20 end on 2013-01-20 and 2017-01-20; the preferred statement, 2017-01-20, is used');
  });

  it.each([
    ['a year or month the record\'s day falls in is that day', (k: KnowledgeBase) => k, [['kofi-annan', '1997-01-01', '2006-12-31'], ['ban-ki-moon', '2007-01-01', '2016-12-31'], ['antonio-guterres', '2017-01-01', null]], undefined],
    [
      'a month the record lacks is its first day with a margin to its last',
      (k: KnowledgeBase) => {
        office(k, 'UN.secretary-general').holders.pop();
        return k;
      },
      [['kofi-annan', '1997-01-01', '2006-12-31'], ['ban-ki-moon', '2007-01-01', '2016-12-31'], ['antonio-guterres', '2017-01-01', null, 30]],
      undefined,
    ],
    [
      'a bare year the record lacks is held back, and said',
      (k: KnowledgeBase) => {
        office(k, 'UN.secretary-general').holders.splice(1, 1);
        return k;
      },
      [['kofi-annan', '1997-01-01', '2006-12-31'], ['antonio-guterres', '2017-01-01', null]],
      'ban-ki-moon: start is known only to the year (2007); not added (give it a day by hand)',
    ],
  ] as const)('date precision: %s', (_, edit, expected, note) => {
    const r = holders(edit(structuredClone(kb)), 'awkward/precision.json', 'UN.secretary-general');
    expect(r.holders.map((h) => [h.person, h.from, h.to, ...(h.fromFuzzDays ? [h.fromFuzzDays] : [])])).toEqual(expected);
    if (note) expect(r.notes).toContain(note);
  });

  it('names with diacritics and several labels match the record\'s name forms', () => {
    const renamed = kbWith((k) => {
      const p = k.people.find((x) => x.id === 'mike-pence')!;
      p.name = 'Michael Richard Pence';
      p.aliases = [];
    });
    // "Mike Pence" is no longer a name form, but the alias "Michael Richard Pence" is.
    expect(holders(renamed, 'vice-presidents.json', 'US.vice-president').holders).toEqual(office(kb, 'US.vice-president').holders);
    // "António Guterres" against "Antonio Guterres": the matching folds accents.
    const ascii = kbWith((k) => {
      k.people.find((x) => x.id === 'antonio-guterres')!.name = 'Antonio Guterres';
    });
    expect(holders(ascii, 'international.json', 'UN.secretary-general').people).toEqual([]);
  });

  it('someone the record does not know becomes a person with the English label and the other labels as aliases', () => {
    const without = kbWith((k) => {
      k.people = k.people.filter((p) => p.id !== 'antonio-guterres');
      office(k, 'UN.secretary-general').holders.pop();
    });
    const r = holders(without, 'international.json', 'UN.secretary-general');
    // The accentless label adds nothing the matching does not already fold.
    expect(r.people).toEqual([{ id: 'antonio-guterres', name: 'António Guterres', aliases: ['António Manuel de Oliveira Guterres'] }]);
    expect(r.holders.at(-1)).toEqual({ person: 'antonio-guterres', from: '2017-01-01', to: null, source: 'https://www.wikidata.org/wiki/Q311440' });
  });

  it('holders before the record\'s window (George H. W. Bush, 1989-1993) are not brought in', () => {
    const r = convertHolders(kb, rowsOf('heads-of-state.json'), mapping);
    expect(r.offices.flatMap((o) => o.office.holders).some((h) => h.from < '1993-01-20')).toBe(false);
  });
});

describe('malformed and truncated results are refused, naming the row and the field, and no file changes', () => {
  it.each([
    ['malformed/bad-date.json', 'row 3: "start" is not a date: "20x1-01-01T00:00:00Z"'],
    ['malformed/missing-person.json', 'row 2: "person" is missing'],
    ['malformed/truncated.json', 'row 7: "personLabel" is cut off: the response ends there'],
    ['malformed/no-precision.json', 'head.vars: the query did not select "startPrecision"'],
  ])('%s', async (name, message) => {
    const dir = dataDir();
    const before = snapshot(dir);
    // The good answer alongside does not let the bad one through: one bad file refuses the run.
    const r = await run(['--from', fixture('vice-presidents.json'), '--from', fixture(name), '--data', dir, '--write']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(message);
    expect(r.err).toContain('nothing written');
    expect(r.out).toBe('');
    expect(snapshot(dir)).toEqual(before);
  });

  it.each([
    [{ type: 'literal', value: '2021' }, 'row 1: "person" is a literal, not a Wikidata item'],
    [{ type: 'uri', value: 'http://example.org/Q1' }, 'row 1: "person" is not a Wikidata item: "http://example.org/Q1"'],
    ['Q1', 'row 1: "person" is not a SPARQL term'],
  ])('a bad "person" term %j', (person, message) => {
    const doc = JSON.parse(readFileSync(fixture('international.json'), 'utf8')) as { results: { bindings: Array<Record<string, unknown>> } };
    doc.results.bindings[0]!.person = person;
    expect(() => parseSparqlResults(JSON.stringify(doc), 'x')).toThrow(SparqlResultError);
    expect(() => parseSparqlResults(JSON.stringify(doc), 'x')).toThrow(message);
  });

  it('finds the row and variable a break falls in', () => {
    const t = '{"head": {"vars": []}, "results": {"bindings": [{"a": {"type": "uri", "value": "x"}}, {"b": {"type": "lit';
    expect(locateInBindings(t, t.length)).toEqual({ row: 2, field: 'b' });
    expect(locateInBindings('{"head": {}}', 5)).toBeNull();
  });
});

describe('the drop guard and the record\'s end', () => {
  it('refuses results that would drop more than --max-drop of the current terms', async () => {
    const dir = dataDir();
    const before = snapshot(dir);
    const r = await run(['--from', fixture('partial/president-since-2017.json'), '--data', dir, '--write']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('  - bill-clinton (Bill Clinton) from 1993-01-20 to 2001-01-20, elected 1992-11-03');
    expect(r.err).toContain('would drop 3 of 6 current terms (50.0%), more than --max-drop 0.1');
    expect(snapshot(dir)).toEqual(before);
    const allowed = await run(['--from', fixture('partial/president-since-2017.json'), '--data', dir, '--max-drop', '0.5']);
    expect(allowed.code).toBe(0);
  });

  it('says when an office\'s record would end before currentTo, and the validation refuses it', async () => {
    const dir = dataDir();
    const before = snapshot(dir);
    const r = await run(['--from', fixture('partial/un-without-guterres.json'), '--data', dir, '--max-drop', '0.5', '--write']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('  ! the record now ends on 2016-12-31, before currentTo 2025-10-21');
    expect(r.err).toContain('fails validation: Invalid knowledge base: UN.secretary-general: no holder or gap after 2016-12-31');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('fetching from the query service', () => {
  const endpoint = 'https://query.wikidata.org/sparql';

  it('offline, fails with a message that says so, and writes nothing', async () => {
    const offline = (() => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } }))) as unknown as typeof fetch;
    const dir = dataDir();
    const before = snapshot(dir);
    const r = await run(['--from', endpoint, '--data', dir, '--contact', 'kb@example.org', '--write'], offline);
    expect(r.code).toBe(1);
    expect(r.err).toContain('could not reach https://query.wikidata.org for the heads-of-state query (ENOTFOUND)');
    expect(r.err).toContain('needs network access');
    expect(snapshot(dir)).toEqual(before);
  });

  it('needs a contact for the User-Agent', async () => {
    const r = await run(['--from', endpoint, '--data', dataDir()], (() => Promise.reject(new Error('not called'))) as unknown as typeof fetch);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--contact');
  });

  it('runs each kind\'s query with the mapped items, and covers every mapped office of that kind', async () => {
    const asked: Array<{ url: string; headers: Record<string, string> }> = [];
    const answers: Record<string, string> = { 'heads-of-state': 'heads-of-state.json', 'vice-presidents': 'vice-presidents.json', international: 'international.json' };
    const fake = (async (url: string, init: { headers: Record<string, string> }) => {
      asked.push({ url, headers: init.headers });
      const query = decodeURIComponent(new URL(url).searchParams.get('query')!);
      const kind = Object.keys(answers).find((k) => query.includes(`"${k}"`));
      const body = kind ? readFileSync(fixture(answers[kind]!), 'utf8') : JSON.stringify({ head: { vars: ['office', 'statement', 'person', 'personLabel', 'start', 'startPrecision', 'end', 'endPrecision'] }, results: { bindings: [] } });
      return new Response(body, { status: 200 });
    }) as unknown as typeof fetch;
    const r = await run(['--from', endpoint, '--data', dataDir(), '--contact', 'kb@example.org', '--kind', 'heads-of-state', '--kind', 'vice-presidents', '--kind', 'international'], fake);
    expect(r.code).toBe(0);
    expect(asked).toHaveLength(3);
    expect(asked[0]!.headers['User-Agent']).toMatch(/^crosscheck-kb-update\/\d+\.\d+\.\d+ \(kb@example\.org\)$/);
    expect(decodeURIComponent(new URL(asked[0]!.url).searchParams.get('query')!)).toContain('VALUES ?office { wd:Q11696 wd:Q218295 }');
    expect(r.out).toContain('unchanged: RU.head-of-state, UN.secretary-general, US.head-of-state, US.vice-president');
  });

  it('has a query with the placeholder for every kind', () => {
    for (const kind of ['heads-of-state', 'heads-of-government', 'vice-presidents', 'foreign-ministers', 'international'] as const) {
      expect(queryFor(kind, mapping)).toMatch(/VALUES \?office \{ (wd:Q\d+ ?)+ \}/);
    }
    expect(queryFor('defence-ministers', mapping)).toBeNull();
  });
});

describe('the data files', () => {
  it('are written back in their own layout', () => {
    // eu-members-a.json gives DK.head-of-state "customSource" twice, which no writer can reproduce.
    for (const n of readdirSync(DATA).filter((x) => x !== 'eu-members-a.json')) {
      const text = readFileSync(join(DATA, n), 'utf8');
      expect(formatKbFile(JSON.parse(text)), n).toBe(text);
    }
  });

  it('usage errors exit 2', async () => {
    for (const [args, message] of [
      [[], 'no --from given'],
      [['--from', 'x', '--max-drop', '2'], '--max-drop must be a share between 0 and 1'],
      [['--from', 'x', '--kind', 'kings'], 'unknown --kind "kings"'],
      [['--from', 'x', '--current-to', '2025-13-01'], '--current-to must be a date'],
    ] as const) {
      const r = await run([...args]);
      expect(r.code, message).toBe(2);
      expect(r.err).toContain(message);
    }
  });
});
