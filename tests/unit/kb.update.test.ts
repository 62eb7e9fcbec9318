// @vitest-environment node
/**
 * The Wikidata converter on recorded query-service answers (tests/fixtures/wikidata/):
 * the record it reproduces and the malformed answers it refuses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase, type Holder, type KnowledgeBase } from '../../lib/kb/index';
import { convertHolders } from '../../lib/kb/wikidata/convert';
import { formatKbFile } from '../../lib/kb/wikidata/files';
import { parseOfficeMapping } from '../../lib/kb/wikidata/mapping';
import { locateInBindings, parseSparqlResults, SparqlResultError } from '../../lib/kb/wikidata/sparql';

const root = resolve(__dirname, '../..');
const DATA = join(root, 'lib/kb/data');
const FIX = join(root, 'tests/fixtures/wikidata');
const fixture = (name: string) => join(FIX, name);
const kb = loadKnowledgeBase();
const mapping = parseOfficeMapping(JSON.parse(readFileSync(join(root, 'scripts/kb/offices.json'), 'utf8')));

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

describe('the converter reproduces the record for the offices the fixtures cover', () => {
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

describe('malformed and truncated results are refused, naming the row and the field', () => {
  it.each([
    ['malformed/bad-date.json', 'row 3: "start" is not a date: "20x1-01-01T00:00:00Z"'],
    ['malformed/missing-person.json', 'row 2: "person" is missing'],
    ['malformed/truncated.json', 'row 7: "personLabel" is cut off: the response ends there'],
    ['malformed/no-precision.json', 'head.vars: the query did not select "startPrecision"'],
  ])('%s', (name, message) => {
    expect(() => rowsOf(name)).toThrow(message);
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

describe('the data files', () => {
  it('are written back in their own layout', () => {
    // eu-members-a.json gives DK.head-of-state "customSource" twice, which no writer can reproduce.
    for (const n of readdirSync(DATA).filter((x) => x !== 'eu-members-a.json')) {
      const text = readFileSync(join(DATA, n), 'utf8');
      expect(formatKbFile(JSON.parse(text)), n).toBe(text);
    }
  });
});
