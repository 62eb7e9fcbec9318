import { describe, expect, it } from 'vitest';
import {
  checkOfficeClaim,
  findEventByName,
  findOffices,
  holdersOn,
  kbDescribeDate,
  kbIntegrityProblems,
  loadKnowledgeBase,
  officesHeldBy,
  parseKnowledgeBase,
  resolveJurisdiction,
  resolvePerson,
  type DateOrRange,
  type KnowledgeBase,
  type OfficeClaimQualifier,
} from '../../lib/kb/index';

const kb = loadKnowledgeBase();

function claim(personId: string, officeIds: string | string[], qualifier: OfficeClaimQualifier, date: DateOrRange) {
  return checkOfficeClaim(kb, { personId, officeIds: Array.isArray(officeIds) ? officeIds : [officeIds], qualifier, date });
}

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function copyKb(): KnowledgeBase {
  return JSON.parse(JSON.stringify(kb)) as KnowledgeBase;
}

describe('shipped knowledge base data', () => {
  it('validates and is cached', () => {
    expect(kb.version).toBe(1);
    expect(isRealDate(kb.currentTo)).toBe(true);
    expect(loadKnowledgeBase()).toBe(kb);
    expect(kbIntegrityProblems(kb)).toEqual([]);
  });

  it('has every holder pointing at a known person, with real dates in order and http(s) sources', () => {
    const people = new Set(kb.people.map((p) => p.id));
    for (const o of kb.offices) {
      for (const h of o.holders) {
        const where = `${o.id} ${h.person} ${h.from}`;
        expect(people.has(h.person), where).toBe(true);
        expect(isRealDate(h.from), where).toBe(true);
        if (h.to !== null) {
          expect(isRealDate(h.to), where).toBe(true);
          expect(h.from <= h.to, where).toBe(true);
        }
        if (h.elected !== undefined) {
          expect(isRealDate(h.elected), where).toBe(true);
          expect(h.elected <= h.from, where).toBe(true);
        }
        expect(h.from <= kb.currentTo, where).toBe(true);
        expect(isHttpUrl(h.source), where).toBe(true);
      }
      for (const g of o.gaps ?? []) {
        expect(isRealDate(g.from)).toBe(true);
        if (g.to !== null) expect(g.from <= g.to).toBe(true);
        if (g.source !== undefined) expect(isHttpUrl(g.source)).toBe(true);
      }
    }
    for (const e of kb.events) {
      expect(isRealDate(e.date), e.id).toBe(true);
      expect(isHttpUrl(e.source), e.id).toBe(true);
    }
  });

  it('has no overlapping terms within an office beyond a shared handover day', () => {
    // Acting holders may overlap a suspended substantive holder (Brazil 2016,
    // South Korea 2016-17 and 2024-25) but never each other.
    for (const o of kb.offices) {
      for (const acting of [false, true]) {
        const terms = o.holders.filter((h) => (h.acting === true) === acting).sort((a, b) => (a.from < b.from ? -1 : 1));
        for (let i = 1; i < terms.length; i++) {
          const prev = terms[i - 1]!;
          const next = terms[i]!;
          expect(prev.to, `${o.id}: ${prev.person} has no end but is followed by ${next.person}`).not.toBeNull();
          expect(next.from >= (prev.to ?? ''), `${o.id}: ${prev.person} overlaps ${next.person}`).toBe(true);
        }
      }
    }
  });

  it('has unique ids and known jurisdictions', () => {
    const codes = new Set(kb.jurisdictions.map((j) => j.code));
    expect(new Set(kb.offices.map((o) => o.id)).size).toBe(kb.offices.length);
    expect(new Set(kb.people.map((p) => p.id)).size).toBe(kb.people.length);
    expect(new Set(kb.events.map((e) => e.id)).size).toBe(kb.events.length);
    for (const o of kb.offices) expect(codes.has(o.jurisdiction), o.id).toBe(true);
  });

  it('covers the heads of state and government of the G20 and the Middle East', () => {
    const codes = [
      'AR', 'AU', 'BR', 'CA', 'CN', 'FR', 'DE', 'IN', 'ID', 'IT', 'JP', 'MX', 'RU', 'SA', 'ZA', 'KR', 'TR', 'GB', 'US',
      'IL', 'PS', 'EG', 'JO', 'LB', 'SY', 'IQ', 'IR', 'AE', 'QA', 'BH', 'KW', 'OM', 'YE',
    ];
    for (const code of codes) {
      expect(findOffices(kb, { jurisdiction: code, role: 'head-of-state' }).length, code).toBeGreaterThan(0);
      expect(findOffices(kb, { jurisdiction: code, role: 'head-of-government' }).length, code).toBeGreaterThan(0);
    }
    for (const id of [
      'UN.secretary-general', 'EU.institution-head.commission', 'EU.institution-head.council', 'AFRICAN-UNION.institution-head',
      'US.foreign-minister', 'US.defence-minister', 'US.intelligence-chief.dni', 'US.intelligence-chief.cia',
      'IL.foreign-minister', 'IL.defence-minister', 'IL.intelligence-chief.mossad', 'IL.intelligence-chief.shin-bet',
      'EG.foreign-minister', 'EG.defence-minister', 'EG.intelligence-chief',
      'QA.foreign-minister', 'QA.defence-minister', 'TR.foreign-minister', 'TR.defence-minister', 'TR.intelligence-chief',
      'NATO.secretary-general', 'EU.institution-head.parliament', 'US.vice-president', 'IN.vice-president',
    ]) {
      expect(kb.offices.some((o) => o.id === id), id).toBe(true);
    }
  });

  it('covers the heads of state and government of every EU member, and the G20 foreign and defence ministers, from 2015', () => {
    const eu = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
    for (const code of eu) {
      for (const role of ['head-of-state', 'head-of-government'] as const) {
        const [office] = findOffices(kb, { jurisdiction: code, role });
        expect(office, `${code} ${role}`).toBeDefined();
        expect(holdersOn(kb, office!.id, '2015-01-01').length + holdersOn(kb, office!.id, kb.currentTo).length, `${code} ${role}`).toBeGreaterThanOrEqual(1);
      }
    }
    const g20 = ['AR', 'AU', 'BR', 'CA', 'CN', 'FR', 'DE', 'IN', 'ID', 'IT', 'JP', 'MX', 'RU', 'SA', 'ZA', 'KR', 'TR', 'GB', 'US'];
    for (const code of g20) {
      for (const role of ['foreign-minister', 'defence-minister'] as const) expect(findOffices(kb, { jurisdiction: code, role }).length, `${code} ${role}`).toBeGreaterThan(0);
    }
  });

  it('says which offices keep their title by custom for former holders, with a source', () => {
    const keeps = kb.offices.filter((o) => o.formerHoldersKeepTitle);
    expect(keeps.map((o) => o.id)).toContain('US.head-of-state');
    expect(keeps.map((o) => o.id)).not.toContain('GB.head-of-government');
    for (const o of keeps) expect(o.customSource, o.id).toMatch(/^https?:/);
  });

  it('knows Kamala Harris by name, as vice president and never as president', () => {
    expect(resolvePerson(kb, 'Kamala Harris')?.id).toBe('kamala-harris');
    expect(kb.offices.find((o) => o.id === 'US.head-of-state')!.holders.some((h) => h.person === 'kamala-harris')).toBe(false);
    expect(holdersOn(kb, 'US.vice-president', '2023-06-01').map((h) => h.person)).toEqual(['kamala-harris']);
  });
});

describe('kbIntegrityProblems', () => {
  it('reports overlapping terms', () => {
    const bad = copyKb();
    const office = bad.offices.find((o) => o.id === 'GB.head-of-government')!;
    office.holders.find((h) => h.person === 'theresa-may')!.to = '2019-12-31';
    expect(kbIntegrityProblems(bad).join('\n')).toMatch(/GB\.head-of-government: theresa-may .* overlaps boris-johnson/);
  });

  it('reports an undocumented gap in an office history', () => {
    const bad = copyKb();
    const office = bad.offices.find((o) => o.id === 'US.head-of-state')!;
    office.holders = office.holders.filter((h) => h.person !== 'joe-biden');
    expect(kbIntegrityProblems(bad).join('\n')).toMatch(/US\.head-of-state: no holder or gap between 2021-01-20 and 2025-01-20/);
  });

  it('reports an alias shared by two people', () => {
    const bad = copyKb();
    bad.people.find((p) => p.id === 'joe-biden')!.aliases.push('Donald Trump');
    expect(kbIntegrityProblems(bad).join('\n')).toMatch(/alias "Donald Trump" belongs to both/);
  });
});

describe('parseKnowledgeBase', () => {
  it('accepts a valid knowledge base', () => {
    expect(parseKnowledgeBase(copyKb()).offices.length).toBe(kb.offices.length);
  });

  it('names the failing path for a malformed date', () => {
    const bad = copyKb() as unknown as { offices: { holders: { from: string }[] }[] };
    bad.offices[0]!.holders[0]!.from = '2025-13-01';
    expect(() => parseKnowledgeBase(bad)).toThrow(/offices\[0\].*\.holders\[0\]\.from/);
  });

  it('names a missing top-level field', () => {
    const bad = copyKb() as unknown as Record<string, unknown>;
    delete bad.currentTo;
    expect(() => parseKnowledgeBase(bad)).toThrow(/currentTo/);
  });

  it('names an unknown person and a non-http source', () => {
    const bad = copyKb();
    bad.offices[2]!.holders[1]!.person = 'nobody-at-all';
    expect(() => parseKnowledgeBase(bad)).toThrow(/offices\[2\].*holders\[1\]\.person: unknown person "nobody-at-all"/);
    const bad2 = copyKb();
    bad2.offices[1]!.holders[0]!.source = 'javascript:alert(1)';
    expect(() => parseKnowledgeBase(bad2)).toThrow(/offices\[1\].*holders\[0\]\.source/);
  });

  it('rejects terms ending before they start, and data that is not an object', () => {
    const bad = copyKb();
    bad.offices[0]!.holders[0]!.to = '1900-01-01';
    expect(() => parseKnowledgeBase(bad)).toThrow(/holders\[0\]\.to/);
    expect(() => parseKnowledgeBase('not a knowledge base')).toThrow(/Invalid knowledge base/);
  });

  it('rejects data that breaks the integrity rules', () => {
    const bad = copyKb();
    bad.offices.find((o) => o.id === 'US.head-of-state')!.holders.find((h) => h.person === 'joe-biden')!.to = '2025-06-01';
    expect(() => parseKnowledgeBase(bad)).toThrow(/overlaps/);
  });
});

describe('checkOfficeClaim: current', () => {
  const POTUS = 'US.head-of-state';

  it('confirms Trump as president on 7 October 2025, in plain words', () => {
    const r = claim('donald-trump', POTUS, 'current', '2025-10-07');
    expect(r.verdict).toBe('confirmed');
    expect(r.reason).toBe('On 7 October 2025 the President of the United States was Donald Trump (since 20 January 2025).');
  });

  it('flags Biden as president on 7 October 2025, naming Trump', () => {
    const r = claim('joe-biden', POTUS, 'current', '2025-10-07');
    expect(r.verdict).toBe('conflict');
    expect(r.actual.map((a) => a.personId)).toEqual(['donald-trump']);
    expect(r.actual[0]).toMatchObject({ officeId: POTUS, name: 'Donald Trump', from: '2025-01-20', to: null });
    expect(r.reason).toContain('not Joe Biden');
  });

  it('flags Kamala Harris as president on any covered date', () => {
    for (const date of ['2015-06-01', '2021-01-21', '2024-08-01', '2024-12-01', '2025-01-20', '2025-10-07']) {
      expect(claim('kamala-harris', POTUS, 'current', date).verdict, date).toBe('conflict');
    }
  });

  it('does not judge a range that straddles a handover', () => {
    const r = claim('joe-biden', POTUS, 'current', { from: '2025-01-10', to: '2025-01-30' });
    expect(r.verdict).toBe('unknown');
    expect(r.actual.map((a) => a.personId).sort()).toEqual(['donald-trump', 'joe-biden']);
  });

  it('confirms or flags a range that lies within one term', () => {
    expect(claim('donald-trump', POTUS, 'current', { from: '2025-10-01', to: '2025-10-09' }).verdict).toBe('confirmed');
    expect(claim('joe-biden', POTUS, 'current', { from: '2025-10-01', to: '2025-10-09' }).verdict).toBe('conflict');
  });

  it('accepts either name on a handover day', () => {
    expect(claim('joe-biden', POTUS, 'current', '2025-01-20').verdict).toBe('confirmed');
    expect(claim('donald-trump', POTUS, 'current', '2025-01-20').verdict).toBe('confirmed');
  });

  it('past currentTo, judges only by a fixed term still running or a departure before the record ends, and says so', () => {
    const after = '2026-03-01';
    expect(after > kb.currentTo).toBe(true);
    // A prime minister in office when the record ends has no fixed term: nothing can be said.
    expect(claim('shigeru-ishiba', 'JP.head-of-government', 'current', after).verdict).toBe('unknown');
    // A president elected for four years is still president, and not a former one.
    const trump = claim('donald-trump', POTUS, 'current', after);
    expect([trump.verdict, trump.presumed]).toEqual(['confirmed', 'term-runs']);
    const former = claim('donald-trump', POTUS, 'former', after);
    expect([former.verdict, former.presumed]).toEqual(['conflict', 'term-runs']);
    expect(former.reason).toMatch(/20 January 2029/);
    expect(former.reason).toMatch(/21 October 2025/);
    // Anyone else, while that fixed term runs, is not the holder.
    const biden = claim('joe-biden', POTUS, 'current', after);
    expect([biden.verdict, biden.presumed]).toEqual(['conflict', 'others-term-runs']);
    expect(biden.reason).toMatch(/runs to 20 January 2029/);
    expect(claim('kamala-harris', POTUS, 'current', after).verdict).toBe('conflict');
    // Someone who had left before the record ends, from an office without a fixed term, is less surely not the holder afterwards.
    const trudeau = claim('justin-trudeau', 'CA.head-of-government', 'current', after);
    expect([trudeau.verdict, trudeau.presumed]).toEqual(['conflict', 'left-before-end']);
    expect(trudeau.reason).toMatch(/cannot be ruled out/);
    expect(claim('joe-biden', POTUS, 'former', after).verdict).toBe('confirmed');
    // After the fixed term, nothing again.
    expect(claim('donald-trump', POTUS, 'current', '2029-06-01').verdict).toBe('unknown');
  });

  it('says nothing before the records of an office begin', () => {
    expect(claim('joe-biden', POTUS, 'current', '1990-01-01').verdict).toBe('unknown');
    expect(claim('joe-biden', 'EG.intelligence-chief', 'current', '2005-01-01').verdict).toBe('unknown');
  });

  it('confirms Netanyahu as prime minister on 7 October 2025 and flags him on 1 July 2021 (Bennett)', () => {
    expect(claim('benjamin-netanyahu', 'IL.head-of-government', 'current', '2025-10-07').verdict).toBe('confirmed');
    const r = claim('benjamin-netanyahu', 'IL.head-of-government', 'current', '2021-07-01');
    expect(r.verdict).toBe('conflict');
    expect(r.actual.map((a) => a.personId)).toEqual(['naftali-bennett']);
  });

  it('follows the UK prime ministers', () => {
    const PM = 'GB.head-of-government';
    expect(claim('david-cameron', PM, 'current', '2016-07-01').verdict).toBe('confirmed');
    expect(claim('theresa-may', PM, 'current', '2016-07-01').verdict).toBe('conflict');
    expect(claim('theresa-may', PM, 'current', '2018-03-01').verdict).toBe('confirmed');
    expect(claim('boris-johnson', PM, 'current', '2022-10-01').actual.map((a) => a.personId)).toEqual(['liz-truss']);
    expect(claim('liz-truss', PM, 'current', '2022-10-01').verdict).toBe('confirmed');
    expect(claim('rishi-sunak', PM, 'current', '2023-06-01').verdict).toBe('confirmed');
    const late = claim('rishi-sunak', PM, 'current', '2025-10-07');
    expect(late.verdict).toBe('conflict');
    expect(late.actual.map((a) => a.personId)).toEqual(['keir-starmer']);
    expect(claim('keir-starmer', PM, 'current', '2024-07-05').verdict).toBe('confirmed');
    expect(claim('rishi-sunak', PM, 'current', '2024-07-05').verdict).toBe('confirmed');
  });

  it("flags Abbas Kamel as Egypt's intelligence chief after October 2024", () => {
    const r = claim('abbas-kamel', 'EG.intelligence-chief', 'current', '2025-10-07');
    expect(r.verdict).toBe('conflict');
    expect(r.actual.map((a) => a.personId)).toEqual(['hassan-rashad']);
    expect(claim('abbas-kamel', 'EG.intelligence-chief', 'current', '2023-05-01').verdict).toBe('confirmed');
  });

  it('judges a claim that could mean several offices by any of them', () => {
    const intel = findOffices(kb, { jurisdiction: 'US', title: 'intelligence chief' }).map((o) => o.id);
    expect(intel.sort()).toEqual(['US.intelligence-chief.cia', 'US.intelligence-chief.dni']);
    const r = claim('john-ratcliffe', intel, 'current', '2025-10-07');
    expect(r.verdict).toBe('confirmed');
    expect(r.reason).toContain('Central Intelligence Agency');
    const h = claim('avril-haines', intel, 'current', '2025-10-07');
    expect(h.verdict).toBe('conflict');
    expect(h.actual.map((a) => a.personId).sort()).toEqual(['john-ratcliffe', 'tulsi-gabbard']);
  });

  it('calls a claim about a vacant office a conflict', () => {
    const r = claim('michel-aoun', 'LB.head-of-state', 'current', '2023-06-01');
    expect(r.verdict).toBe('conflict');
    expect(r.reason).toContain('vacant');
    expect(claim('joseph-aoun', 'LB.head-of-state', 'current', '2025-10-07').verdict).toBe('confirmed');
  });

  it('calls a claim about an abolished office a conflict', () => {
    const r = claim('binali-yildirim', 'TR.head-of-government', 'current', '2020-01-01');
    expect(r.verdict).toBe('conflict');
    expect(r.reason).toContain('abolished');
  });

  it('does not judge periods where the holder is unrecorded, disputed in date, or contested', () => {
    // Shin Bet between Ronen Bar's resignation and David Zini's start.
    expect(claim('ronen-bar', 'IL.intelligence-chief.shin-bet', 'current', '2025-08-01').verdict).toBe('unknown');
    expect(claim('ronen-bar', 'IL.intelligence-chief.shin-bet', 'current', '2025-10-07').verdict).toBe('conflict');
    // Lebanon's prime minister-designate period.
    expect(claim('nawaf-salam', 'LB.head-of-government', 'current', '2025-01-20').verdict).toBe('unknown');
    expect(claim('nawaf-salam', 'LB.head-of-government', 'current', '2025-10-07').verdict).toBe('confirmed');
    // Yemen: the recognised government is confirmed but rival claims are not flagged.
    expect(claim('rashad-al-alimi', 'YE.head-of-state', 'current', '2025-10-07').verdict).toBe('confirmed');
    expect(claim('abdrabbuh-mansur-hadi', 'YE.head-of-state', 'current', '2025-10-07').verdict).toBe('unknown');
  });

  it('treats acting holders during a suspension as holders alongside the suspended one', () => {
    const KR = 'KR.head-of-state';
    expect(claim('choi-sang-mok', KR, 'acting', '2025-02-01').verdict).toBe('confirmed');
    expect(claim('yoon-suk-yeol', KR, 'current', '2025-02-01').verdict).toBe('confirmed');
    const r = claim('lee-jae-myung', KR, 'current', '2025-02-01');
    expect(r.verdict).toBe('conflict');
    expect(r.actual.map((a) => a.personId).sort()).toEqual(['choi-sang-mok', 'yoon-suk-yeol']);
    expect(claim('lee-jae-myung', KR, 'current', '2025-10-07').verdict).toBe('confirmed');
  });

  it('returns unknown for ids it does not know', () => {
    expect(claim('nobody', 'US.head-of-state', 'current', '2025-10-07').verdict).toBe('unknown');
    expect(claim('joe-biden', 'XX.nothing', 'current', '2025-10-07').verdict).toBe('unknown');
  });
});

describe('checkOfficeClaim: former, elect', () => {
  const POTUS = 'US.head-of-state';

  it('flags "former President Trump" while he is president and confirms it between his terms', () => {
    const sitting = claim('donald-trump', POTUS, 'former', '2025-10-07');
    expect(sitting.verdict).toBe('conflict');
    expect(sitting.reason).toContain('sitting');
    const between = claim('donald-trump', POTUS, 'former', '2022-06-01');
    expect(between.verdict).toBe('confirmed');
    expect(between.actual).toEqual([{ officeId: POTUS, personId: 'donald-trump', name: 'Donald Trump', from: '2017-01-20', to: '2021-01-20' }]);
  });

  it('confirms a former president from before the coverage window', () => {
    expect(claim('bill-clinton', POTUS, 'former', '2016-01-01').verdict).toBe('confirmed');
  });

  it('does not call someone absent from the records a false "former" holder', () => {
    expect(claim('kamala-harris', POTUS, 'former', '2025-10-07').verdict).toBe('unknown');
    expect(claim('keir-starmer', 'GB.head-of-government', 'former', '2023-01-01').verdict).toBe('unknown');
  });

  it('does not judge "former" on the day a term ends', () => {
    expect(claim('joe-biden', POTUS, 'former', '2025-01-20').verdict).toBe('unknown');
    expect(claim('joe-biden', POTUS, 'former', '2025-01-21').verdict).toBe('confirmed');
  });

  it('confirms "President-elect Trump" between election and inauguration and flags it afterwards', () => {
    const r = claim('donald-trump', POTUS, 'elect', '2024-12-01');
    expect(r.verdict).toBe('confirmed');
    expect(r.reason).toContain('President-elect');
    expect(claim('donald-trump', POTUS, 'elect', '2025-10-07').verdict).toBe('conflict');
    expect(claim('donald-trump', POTUS, 'elect', '2024-10-01').verdict).toBe('unknown');
  });

  it('flags "President-elect Harris" when someone else had been elected', () => {
    const r = claim('kamala-harris', POTUS, 'elect', '2024-12-01');
    expect(r.verdict).toBe('conflict');
    expect(r.actual.map((a) => a.personId)).toEqual(['donald-trump']);
  });
});

describe('resolvePerson', () => {
  it.each([
    ['Trump', 'donald-trump'],
    ['Mr. Trump', 'donald-trump'],
    ['President Trump', 'donald-trump'],
    ['Donald J. Trump', 'donald-trump'],
    ['former President Donald Trump', 'donald-trump'],
    ['U.S. President Donald Trump', 'donald-trump'],
    ["Trump's", 'donald-trump'],
    ['Joe Biden', 'joe-biden'],
    ['Biden', 'joe-biden'],
    ['Joseph R. Biden Jr.', 'joe-biden'],
    ['President Harris', 'kamala-harris'],
    ['Israeli Prime Minister Benjamin Netanyahu', 'benjamin-netanyahu'],
    ['ERDOGAN', 'recep-tayyip-erdogan'],
    ['Recep Tayyip Erdogan', 'recep-tayyip-erdogan'],
    ['Egyptian intelligence chief Abbas Kamel', 'abbas-kamel'],
    ['Abbas', 'mahmoud-abbas'],
    ['el-Sisi', 'abdel-fattah-el-sisi'],
    ['Abdel Fattah al-Sisi', 'abdel-fattah-el-sisi'],
    ['Sheikh Mohammed bin Abdul Rahman Al Thani', 'mohammed-bin-abdulrahman'],
    ['King Salman', 'salman-bin-abdulaziz'],
    ['Turkish intelligence chief İbrahim Kalın', 'ibrahim-kalin'],
    ['Ibrahim Kalin', 'ibrahim-kalin'],
  ])('%s -> %s', (surface, id) => {
    expect(resolvePerson(kb, surface)?.id).toBe(id);
  });

  it.each(['Aoun', 'President Aoun', 'Li', 'Cohen', 'Lee', 'Salam', 'Fernández'])('ambiguous surname %s resolves to no one', (surface) => {
    expect(resolvePerson(kb, surface)).toBeNull();
  });

  it('still resolves the full names behind an ambiguous surname', () => {
    expect(resolvePerson(kb, 'Michel Aoun')?.id).toBe('michel-aoun');
    expect(resolvePerson(kb, 'Lebanese President Joseph Aoun')?.id).toBe('joseph-aoun');
    expect(resolvePerson(kb, 'Li Qiang')?.id).toBe('li-qiang');
  });

  it('resolves nothing for unknown people or bare titles', () => {
    expect(resolvePerson(kb, 'John Smith')).toBeNull();
    expect(resolvePerson(kb, 'President')).toBeNull();
    expect(resolvePerson(kb, '')).toBeNull();
  });
});

describe('resolveJurisdiction and findOffices', () => {
  it.each([
    ['Egyptian', 'EG'],
    ["Egypt's", 'EG'],
    ['U.S.', 'US'],
    ['American', 'US'],
    ['Qatar', 'QA'],
    ['Qatari', 'QA'],
    ['Türkiye', 'TR'],
    ['Turkish', 'TR'],
    ['the UK', 'GB'],
    ['British', 'GB'],
    ['Britain', 'GB'],
    ['Israeli', 'IL'],
    ['Palestinian', 'PS'],
  ])('%s -> %s', (surface, code) => {
    expect(resolveJurisdiction(kb, surface)?.code).toBe(code);
  });

  it('does not guess unknown places', () => {
    expect(resolveJurisdiction(kb, 'Narnia')).toBeNull();
  });

  it('matches titles case-insensitively and across spellings', () => {
    expect(findOffices(kb, { jurisdiction: 'US', title: 'president' }).map((o) => o.id)).toEqual(['US.head-of-state']);
    expect(findOffices(kb, { jurisdiction: 'US', title: 'Secretary of War' }).map((o) => o.id)).toEqual(['US.defence-minister']);
    expect(findOffices(kb, { jurisdiction: 'IL', title: 'defence minister' }).map((o) => o.id)).toEqual(['IL.defence-minister']);
    expect(findOffices(kb, { jurisdiction: 'Turkish', title: 'intelligence chief' }).map((o) => o.id)).toEqual(['TR.intelligence-chief']);
  });

  it('finds an office carrying a second role', () => {
    expect(findOffices(kb, { jurisdiction: 'US', role: 'head-of-government' }).map((o) => o.id)).toEqual(['US.head-of-state']);
    expect(findOffices(kb, { jurisdiction: 'IL', role: 'intelligence-chief' }).length).toBe(2);
  });
});

describe('holdersOn and officesHeldBy', () => {
  it('lists holders on a day, both on a handover day', () => {
    expect(holdersOn(kb, 'US.head-of-state', '2025-10-07').map((h) => h.person)).toEqual(['donald-trump']);
    expect(holdersOn(kb, 'US.head-of-state', '2025-01-20').map((h) => h.person)).toEqual(['joe-biden', 'donald-trump']);
    expect(holdersOn(kb, 'nope', '2025-01-20')).toEqual([]);
  });

  it('lists every office a person held on a day', () => {
    expect(officesHeldBy(kb, 'benjamin-netanyahu', '2018-01-01').map((o) => o.id).sort()).toEqual([
      'IL.foreign-minister',
      'IL.head-of-government',
    ]);
    expect(officesHeldBy(kb, 'mohammed-bin-abdulrahman', '2025-10-07').map((o) => o.id).sort()).toEqual([
      'QA.foreign-minister',
      'QA.head-of-government',
    ]);
  });
});

describe('findEventByName', () => {
  it.each([
    ['the second anniversary of the October 7 attacks', 'oct-7-attacks'],
    ['the second anniversary of the Oct. 7 attacks', 'oct-7-attacks'],
    ['as Israelis observed the second anniversary of the October 7 Hamas-led attacks', 'oct-7-attacks'],
    ['two years since the Oct 7th attack', 'oct-7-attacks'],
    ['the first anniversary of “October 7”', 'oct-7-attacks'],
    ['since Russia’s full-scale invasion of Ukraine', 'russian-invasion-of-ukraine'],
    ['five years after the COVID-19 pandemic began', 'covid-19-pandemic-declaration'],
    ['the 9/11 attacks', 'september-11-attacks'],
    ['since the Brexit referendum', 'brexit-referendum'],
    ['a story about the weather', null],
  ])('%s', (text, id) => {
    expect(findEventByName(kb, text)?.id ?? null).toBe(id);
  });

  it('dates the events articles use', () => {
    expect(findEventByName(kb, 'Gaza war')?.date).toBe('2023-10-07');
    expect(findEventByName(kb, 'October 7 attacks')?.date).toBe('2023-10-07');
  });
});

describe('kbDescribeDate', () => {
  it('writes dates the way a reader says them', () => {
    expect(kbDescribeDate('2025-10-07')).toBe('7 October 2025');
    expect(kbDescribeDate({ from: '2025-10-07', to: '2025-10-07' })).toBe('7 October 2025');
    expect(kbDescribeDate({ from: '2025-10-01', to: '2025-10-09' })).toBe('between 1 and 9 October 2025');
    expect(kbDescribeDate({ from: '2025-09-28', to: '2025-10-09' })).toBe('between 28 September and 9 October 2025');
    expect(kbDescribeDate({ from: '2024-12-30', to: '2025-01-02' })).toBe('between 30 December 2024 and 2 January 2025');
  });
});
