/**
 * Slot comparison (lib/compare/slots.ts) on sentences and reports written for
 * these tests: which two slots speak of the same thing (comparable), which
 * say the same (agree), how a report's sentences are lined up with
 * another's (alignment, slotSentences), and, end to end through the Engine,
 * when a figure that differs between reports of one invented event becomes a
 * finding and when it does not.
 */
import { describe, expect, it } from 'vitest';
import { readSlots, type Slot, type SlotKind } from '../../lib/claims/slots/index';
import { agree, alignment, comparable, compareSlots, slotSentences } from '../../lib/compare/slots';
import { prepareSource, type Source, type Weighing } from '../../lib/compare/source';
import { Engine } from '../../lib/engine';
import { loadKnowledgeBase } from '../../lib/kb/index';
import type { Analysis, Article, ArticleText, Finding } from '../../lib/schema';

const kb = loadKnowledgeBase();
const REPORT_DATE = '2018-06-13';

function slot(text: string, kind: SlotKind): Slot {
  const found = readSlots(text, REPORT_DATE).filter((s) => s.kind === kind);
  expect(found, `${kind} in: ${text}`).toHaveLength(1);
  return found[0]!;
}

function articleText(paragraphs: string[], date: string | null = null, url = 'https://page.example/story'): ArticleText {
  return {
    url,
    title: null,
    byline: 'By A Reporter',
    siteName: null,
    language: 'en',
    blocks: paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
    furniture: [],
    publishedAt: date ? { from: date, to: date, source: 'meta', evidence: date } : null,
  };
}

const source = (id: string, paragraphs: string[], date: string | null = null): Source =>
  prepareSource(kb, id, `${id}.example`, articleText(paragraphs, date, `https://${id}.example/story`));

describe('comparable: two slots that speak of the same thing', () => {
  // [a, b, kind, alignment of their sentences, comparable]
  it.each<[string, string, SlotKind, number, boolean]>([
    // money and shares: same currency and words in common
    ['Vantor will buy the firm for $13.7 billion.', 'Vantor will buy the firm for about $13.7bn.', 'money', 0, true],
    ['Vantor will buy the firm for $13.7 billion.', 'Vantor will buy the firm for $15.2 billion.', 'money', 0, true],
    ['Vantor will buy the firm for $13.7 billion.', 'Vantor will buy the firm for £13.7 billion.', 'money', 0.5, false],
    ['Vantor will buy the firm for $13.7 billion.', 'Vantor will buy the firm for $1.2 billion.', 'money', 0.5, false],
    ['Vantor will buy the firm for $42 a share.', 'Vantor will buy the firm for $13.7 billion.', 'money', 0.5, false],
    ['The bank posted a profit of $3 billion.', 'The bank paid a fine of $2.5 billion.', 'money', 0.2, false],
    ['Vantor shares rose 4% in early trading.', 'Vantor shares rose 6% in early trading.', 'percent', 0.5, false],
    ['Turnout reached 52% in the city vote.', 'Turnout reached 48% in the city vote.', 'percent', 0, true],
    // counts: the noun counted, and who a toll counts
    ['Some 4,000 people were wounded in the blast.', 'About 4,000 people were injured in the blast.', 'count', 0, true],
    ['30 were missing after the flood.', '8 were killed after the flood.', 'count', 0.9, false],
    ['At least 30 people were missing after the flood.', 'At least 8 people were killed after the flood.', 'count', 0, false],
    // however closely their sentences align: "30 people … missing" and "8 people … killed" count different people
    ['At least 30 people were missing after the flood.', 'At least 8 people were killed after the flood.', 'count', 0.5, false],
    ['At least 30 people were missing after the flood.', 'At least 8 people were killed after the flood.', 'count', 0.9, false],
    ['The ship carried 2,750 tons of grain to the port.', 'The ship carried 2,750 sacks of grain to the port.', 'count', 0.9, false],
    ['The ship carried 2,750 tons of grain to the port.', 'The ship carried 27 tons of grain to the port.', 'count', 0.9, false],
    // ranks: what is ranked
    ['Rovers won their sixth title on Saturday.', 'Rovers were champions for the sixth time on Saturday.', 'ordinal', 0.1, true],
    ['Rovers won their sixth title on Saturday.', 'Rovers finished in sixth place on Saturday.', 'ordinal', 0.5, false],
    // magnitudes: a quake's and its aftershock's are two figures
    ['A magnitude 7.7 earthquake struck the coast.', 'A 7.6-magnitude quake struck the coast.', 'magnitude', 0, true],
    ['A magnitude 7.7 earthquake struck the coast.', 'A magnitude 5.1 aftershock struck the coast.', 'magnitude', 0.5, false],
    // scores: one result told from either side
    ['Rovers beat the visitors 2-0 in the final.', 'The visitors lost 0-2 to Rovers in the final.', 'score', 0, true],
    // minutes: the same player's moment, not another's in a sentence that names them both
    ['Quell scored the opener in the 23rd minute of the final.', 'Quell scored the opener in the 25th minute of the final.', 'minute', 0, true],
    ['Quell scored the opener in the 23rd minute of the final.', 'After Quell opened the scoring, Brenner equalised in the 80th minute of the final.', 'minute', 0.5, false],
    // ages: whose age
    ['Quell, 64, said she would stay on as chair.', 'Quell, 66, said she would stay on as chair.', 'age', 0, true],
    ['Quell, 64, said she would stay on as chair.', 'Varga, 66, said she would stay on as chair.', 'age', 0.9, false],
    // dates: of the same granularity
    ['The deal was signed on Tuesday in the capital.', 'The deal was signed on Monday in the capital.', 'date', 0, true],
    ['The deal was signed on Tuesday in the capital.', 'The deal was signed in June in the capital.', 'date', 0.9, false],
    // places: a venue with a venue
    ['The final was played in the Wanda Metropolitano stadium.', 'The final was played at the Metropolitano stadium.', 'place', 0, true],
    ['The final was played in the Wanda Metropolitano stadium.', 'The final was played in the Estadio Verde stadium.', 'place', 0, true],
    // people: the same role
    ['Health Minister Mara Quell visited the ward.', 'Health Minister Ines Varga visited the ward.', 'person', 0, true],
    ['Health Minister Mara Quell visited the ward.', 'Coach Ines Varga visited the ward.', 'person', 0.9, false],
    // quotes: the same speaker, in the same frame
    ['Quell described the offer as "a fair price for a great company".', 'Quell described the offer as "an insult to our shareholders".', 'quote', 0, true],
    ['Quell described the offer as "a fair price for a great company".', 'Brenner described the offer as "a fair price for a great company".', 'quote', 0.9, false],
    ['Quell described the offer as "a fair price for a great company".', '"A fair price for a great company," Quell said of the offer.', 'quote', 0.9, false],
    ['"We will keep every plant open," Quell said of the merger.', '"We will close two plants next year," Quell said of the merger.', 'quote', 0.3, true],
    ['"We will keep every plant open," Quell said of the merger.', '"We will close two plants next year," Quell said of the merger.', 'quote', 0, false],
    ['"We will keep every plant open," Quell said of the merger.', '"Our staff deserve better," Quell said of the merger.', 'quote', 0.3, false],
    ['Brenner condemned what he called "a reckless gamble with jobs".', 'Brenner condemned what he called "a reckless bet on jobs".', 'quote', 0.9, false],
  ])('%s | %s', (a, b, kind, align, expected) => {
    const x = slot(a, kind);
    const y = slot(b, kind);
    expect(comparable(x, y, align)).toBe(expected);
    expect(comparable(y, x, align)).toBe(expected);
  });

  it('slots of different kinds are never comparable', () => {
    const money = slot('Vantor will buy the firm for $13.7 billion.', 'money');
    const count = slot('Vantor will buy the firm for 13,700 shares.', 'count');
    expect(comparable(money, count, 1)).toBe(false);
  });

  it('values ten times apart are never one figure, however alike their sentences', () => {
    const a = slot('Officials said 12 people were killed in the fire.', 'count');
    const b = slot('Officials said 130 people were killed in the fire.', 'count');
    const c = slot('Officials said 110 people were killed in the fire.', 'count');
    expect(comparable(a, b, 1)).toBe(false);
    expect(comparable(a, c, 1)).toBe(true);
  });
});

describe('agree: two comparable slots that say the same', () => {
  it.each<[string, string, SlotKind, boolean]>([
    ['Health Minister Mara Quell visited the ward.', 'Health Minister Quell visited the ward.', 'person', true],
    ['Health Minister Mara Quell visited the ward.', 'Health Minister Ines Varga visited the ward.', 'person', false],
    ['The final was played in the Wanda Metropolitano stadium.', 'The final was played at the Metropolitano stadium.', 'place', true],
    ['The final was played in the Wanda Metropolitano stadium.', 'The final was played in the Estadio Verde stadium.', 'place', false],
    ['Rovers beat the visitors 2-0 in the final.', 'The visitors lost 0-2 to Rovers in the final.', 'score', true],
    ['Rovers beat the visitors 2-0 in the final.', 'Rovers beat the visitors 3-1 in the final.', 'score', false],
    ['The deal was signed on Tuesday.', 'The deal was signed on June 12.', 'date', true],
    ['The deal was signed on Tuesday.', 'The deal was signed on Monday.', 'date', false],
    ['Rovers won their sixth title on Saturday.', 'Rovers were champions for the sixth time on Saturday.', 'ordinal', true],
    ['Rovers won their sixth title on Saturday.', 'Rovers won their seventh title on Saturday.', 'ordinal', false],
    // quotes: the same words, or one cut from the other
    ['Quell described the offer as "a fair price for a great company".', 'Quell described the offer as "a fair price for a fine company".', 'quote', true],
    ['Quell described the offer as "a fair price for a great company".', 'Quell described the offer as "a fair price".', 'quote', true],
    ['Quell described the offer as "a fair price for a great company".', 'Quell described the offer as "an insult to our shareholders".', 'quote', false],
  ])('%s | %s → %s', (a, b, kind, expected) => {
    expect(agree(slot(a, kind), slot(b, kind))).toBe(expected);
    expect(agree(slot(b, kind), slot(a, kind))).toBe(expected);
  });

  it('known places agree when they lie in one country, whatever their names', () => {
    const cairo = { ...slot('The talks were held in Cairo.', 'place'), unit: 'city', country: 'EG' };
    const egypt = { ...slot('The talks were held in Egypt.', 'place'), unit: 'city', country: 'EG' };
    const doha = { ...slot('The talks were held in Doha.', 'place'), unit: 'city', country: 'QA' };
    expect(agree(cairo, egypt)).toBe(true);
    expect(agree(egypt, cairo)).toBe(true);
    expect(agree(cairo, doha)).toBe(false);
  });
});

describe('answers and outcomes: comparable, and agreeing', () => {
  // [a, b, kind, alignment of their sentences, comparable, agree (where comparable)]
  it.each<[string, string, SlotKind, number, boolean, boolean | null]>([
    // a match: the same winner or loser, or one's winner the other's loser
    ['Halvern beat Dunmere 3-1 in the final on Saturday.', 'Rovers won the cup after beating Dunmere 3-1 in the final on Saturday.', 'outcome', 0.4, true, true],
    ['Halvern beat Dunmere 3-1 in the final on Saturday.', 'Dunmere lost to Halvern in the final on Saturday.', 'outcome', 0.4, true, true],
    ['Dunmere beat Halvern 3-1 in the final on Saturday.', 'Rovers won the cup after beating Dunmere 3-1 in the final on Saturday.', 'outcome', 0.4, true, false],
    // another match, in sentences that do not both name both sides
    ['Halvern beat Dunmere 3-1 in the final on Saturday.', 'The side reached the final after beating Westport in the semi-final.', 'outcome', 0.2, false, null],
    // outcomes are compared only in sentences that align
    ['Halvern beat Dunmere 3-1 in the final on Saturday.', 'Dunmere beat Halvern 3-1 in the final on Saturday.', 'outcome', 0, false, null],
    // a vote: by the same voters
    ['Norland has voted to leave the union.', 'Norland voted to remain in the union.', 'outcome', 0.4, true, false],
    ['Norland has voted to leave the union.', 'Ostia voted to remain in the union.', 'outcome', 0.4, false, null],
    // answers: the same answerer, in the same frame, to the same thing
    ['The Brisk Dairy board accepted the offer on Tuesday.', 'The Brisk Dairy board rejected the offer on Tuesday.', 'polarity', 0, true, false],
    ['The Brisk Dairy board accepted the offer on Tuesday.', 'The Brisk Dairy board approved the offer on Tuesday.', 'polarity', 0, true, true],
    ['Quell accepted the offer on Tuesday.', 'Varga rejected the offer on Tuesday.', 'polarity', 0.9, false, null],
    ['Quell confirmed the offer on Tuesday.', 'Quell rejected the offer on Tuesday.', 'polarity', 0.9, false, null],
    ['Quell accepted the offer on Tuesday.', 'Quell rejected the plan on Tuesday.', 'polarity', 0, false, null],
    ['Quell accepted the offer on Tuesday.', 'Quell rejected the plan on Tuesday.', 'polarity', 0.5, true, false],
  ])('%s | %s', (a, b, kind, align, expected, same) => {
    const x = slot(a, kind);
    const y = slot(b, kind);
    expect(comparable(x, y, align)).toBe(expected);
    expect(comparable(y, x, align)).toBe(expected);
    if (same !== null) {
      expect(agree(x, y)).toBe(same);
      expect(agree(y, x)).toBe(same);
    }
  });
});

describe('alignment: sentences that say the same thing', () => {
  const words = (s: string) => new Set(s.toLowerCase().split(' '));
  it.each([
    ['one word in common is not enough', 'ferry capsized river', 'ferry sank lake', false],
    ['two words in common, a fair share of each', 'ferry capsized varn river', 'ferry capsized varn lake', true],
    ['two words in common among many is too little', 'ferry capsized a b c d e f g h i j k l m n o p', 'ferry capsized q r s t u v w x y z aa bb cc dd ee', false],
  ])('%s', (_what, a, b, aligned) => {
    expect(alignment(words(a), words(b)) > 0).toBe(aligned);
  });

  it('the same sentence aligns fully', () => {
    expect(alignment(words('ferry capsized varn river'), words('ferry capsized varn river'))).toBe(1);
  });
});

describe('slotSentences: a report’s sentences with their slots', () => {
  const slotsOf = (paragraphs: string[]) => slotSentences(source(`s${Math.random().toString(36).slice(2)}`, paragraphs), REPORT_DATE, kb).flatMap((s) => s.slots);

  it('after "from", a place the gazetteer knows is kept, with its country', () => {
    const place = slotsOf(['Fans watched the landing from Johannesburg.']).find((s) => s.kind === 'place');
    expect(place?.value).toBe('johannesburg');
    expect(place?.unit).toBe('city');
    expect(place?.country).toBe('ZA');
  });

  it('after "from", a name the gazetteer does not know is no place ("goals from Mara Quell")', () => {
    expect(slotsOf(['The winning goal came from Mara Quell.']).filter((s) => s.kind === 'place')).toEqual([]);
  });

  it('a place the gazetteer does not know is a venue, one it knows a city with its country', () => {
    expect(slotsOf(['The summit was held in Port Ellery.']).find((s) => s.kind === 'place')).toMatchObject({ value: 'port ellery', unit: 'venue' });
    expect(slotsOf(['The summit was held in Cairo.']).find((s) => s.kind === 'place')).toMatchObject({ unit: 'city', country: 'EG' });
  });

  it('"The 64-year-old" opening a sentence is the person the sentence before names', () => {
    const age = slotsOf(['Quell will stay on as chair of the board.', 'The 64-year-old has led it since 2009.']).find((s) => s.kind === 'age');
    expect(age).toMatchObject({ value: 64, unit: 'quell' });
  });

  it.each<[string, string[], number, boolean]>([
    // a first name and surname before, the surname after: one person
    ['"Mara Quell" before, "Quell, 64," elsewhere', ['Mara Quell left the capital on Monday.', 'The 66-year-old is accompanied by her sister.'], 66, true],
    ['another person named before', ['Ines Varga left the capital on Monday.', 'The 66-year-old is accompanied by her sister.'], 66, false],
  ])('"The 66-year-old" after a sentence that names someone: %s', (_what, paragraphs, value, comparableWithQuell) => {
    const age = slotsOf(paragraphs).find((s) => s.kind === 'age');
    expect(age?.value).toBe(value);
    const quell = slot('Quell, 64, said she would stay on as chair.', 'age');
    expect(quell.unit).toBe('quell');
    expect(comparable(age!, quell, 0)).toBe(comparableWithQuell);
    expect(comparable(quell, age!, 0)).toBe(comparableWithQuell);
    if (comparableWithQuell) {
      expect(age?.unit).toBe('quell');
      expect(agree(age!, quell)).toBe(false);
    }
  });

  it('dates are read against the date it is given', () => {
    const src = source('dated', ['The deal was signed on Tuesday.']);
    expect(slotSentences(src, '2018-06-13', kb)[0]!.slots.find((s) => s.kind === 'date')?.value).toBe('2018-06-12');
    expect(slotSentences(src, '2018-06-20', kb)[0]!.slots.find((s) => s.kind === 'date')?.value).toBe('2018-06-19');
  });
});

// ---------------------------------------------------------------------------
// End to end: reports of one invented event, through the Engine.

function article(id: string, date: string, title: string, paragraphs: string[]): Article {
  return {
    ...articleText(paragraphs, date, `https://${id}.example/news/story`),
    title,
    siteName: `${id}.example`,
    id,
    outlet: `${id}.example`,
    citedSources: [],
    origin: 'imported',
    addedAt: 0,
  };
}

/** Four tellings of one takeover, each in its own words, the price left open. */
const TAKEOVER: Array<(price: string) => [string, string[]]> = [
  (price) => [
    'Halvern Foods to buy Brisk Dairy',
    [
      `Halvern Foods has agreed to buy the Danish cheese maker Brisk Dairy for ${price} in cash, the companies said on Tuesday.`,
      'The takeover would create the largest dairy group in northern Europe, with plants in Aarhus and Odense.',
      'Halvern chief executive Mara Quell said the purchase would be completed by the end of the year.',
      'Shareholders of Brisk Dairy will vote on the offer in May.',
    ],
  ],
  (price) => [
    'Brisk Dairy sold to Halvern Foods',
    [
      `Cheese maker Brisk Dairy will be bought by Halvern Foods for ${price} in cash, both firms announced on Tuesday.`,
      'Chief executive Mara Quell told analysts that the takeover should close before the end of the year.',
      'The combined dairy group would run plants in Aarhus and Odense and be the biggest in northern Europe.',
      'Brisk investors are to vote on the deal in May.',
    ],
  ],
  (price) => [
    'Halvern Foods strikes deal for Brisk Dairy',
    [
      `In a deal announced on Tuesday, Halvern Foods will buy Brisk Dairy for ${price} in cash.`,
      'Brisk Dairy runs plants in Aarhus and Odense, and the merged company would lead the dairy market of northern Europe.',
      'Mara Quell, Halvern chief executive, said the takeover would be done within the year.',
      'Brisk shareholders are due to vote on the offer in May.',
    ],
  ],
  (price) => [
    'Halvern Foods buys Brisk Dairy',
    [
      `Halvern Foods agreed on Tuesday to buy Brisk Dairy, the Danish cheese maker, for ${price} in cash.`,
      'With plants in Aarhus and Odense, the enlarged dairy group would be the largest in northern Europe.',
      'Chief executive Mara Quell said she expected the deal to be completed by the end of the year.',
      'A vote by Brisk shareholders is planned for May.',
    ],
  ],
];
const IDS = ['alpha', 'bravo', 'charlie', 'delta'];
const TAKEOVER_DAY = '2023-03-14';

function takeover(prices: string[], extra: Array<string | null> = []): Article[] {
  return prices.map((price, i) => {
    const [title, paragraphs] = TAKEOVER[i]!(price);
    return article(IDS[i]!, TAKEOVER_DAY, title, extra[i] ? [...paragraphs, extra[i]!] : paragraphs);
  });
}

/** Each report analysed against the others, as a seed is. */
function analyseAll(articles: Article[]): Map<string, Analysis> {
  const engine = new Engine(kb, articles);
  return new Map(articles.map((a) => [a.id, engine.analyse(a, { excludeId: a.id })]));
}

/** That every report was matched to all the others: else a "no finding" would prove nothing. */
function expectOneStory(results: Map<string, Analysis>): void {
  for (const [id, a] of results) expect(a.matched.map((m) => m.articleId).sort(), id).toEqual([...results.keys()].filter((x) => x !== id).sort());
}

/** Findings from the slot comparison (contradiction or disputed) whose claim words include `mark`. */
const onFigure = (a: Analysis, mark: string): Finding[] => a.findings.filter((f) => (f.kind === 'contradiction' || f.kind === 'disputed') && (f.claim?.surface ?? '').includes(mark));

describe('one figure changed in one of four reports of a takeover', () => {
  const results = analyseAll(takeover(['$4.2 billion', '$4.2 billion', '$4.2 billion', '$5.1 billion']));

  it('matches each report to the other three as one event', () => {
    expectOneStory(results);
  });

  it('flags the dissenting report’s sentence as a contradiction, citing the others in conflict', () => {
    const fs = onFigure(results.get('delta')!, '$5.1 billion');
    expect(fs.map((f) => f.kind)).toEqual(['contradiction']);
    const f = fs[0]!;
    expect(f.severity).toBe('medium');
    expect(f.sentence.text).toMatch(/^Halvern Foods agreed on Tuesday to buy Brisk Dairy/);
    const conflicts = f.evidence.filter((e) => e.stance === 'conflict');
    expect(conflicts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(conflicts.map((e) => e.article)).size).toBe(conflicts.length);
    for (const e of conflicts) {
      expect(['alpha', 'bravo', 'charlie']).toContain(e.article);
      expect(e.value).toBe('$4.2 billion');
    }
    expect(f.explanation).toContain('$4.2 billion');
  });

  it.each(['alpha', 'bravo', 'charlie'])('%s, which agrees with the majority, gets no finding on its figure', (id) => {
    expect(onFigure(results.get(id)!, '$4.2 billion')).toEqual([]);
    expect(results.get(id)!.findings.filter((f) => f.kind === 'contradiction')).toEqual([]);
  });

  it('the comparison table has a "Sum" row with a cell for the page and for each other report', () => {
    const a = results.get('delta')!;
    const row = a.table.rows.find((r) => r.label.startsWith('Sum') && r.cells.page?.value === '$5.1 billion');
    expect(row, JSON.stringify(a.table.rows.map((r) => r.label))).toBeDefined();
    for (const id of ['alpha', 'bravo', 'charlie']) expect(row!.cells[id], id).toMatchObject({ value: '$4.2 billion', stance: 'conflict' });
    const agreeing = results.get('alpha')!.table.rows.find((r) => r.label.startsWith('Sum') && r.cells.page?.value === '$4.2 billion')!;
    expect(agreeing.cells.bravo).toMatchObject({ stance: 'agree' });
    expect(agreeing.cells.charlie).toMatchObject({ stance: 'agree' });
    expect(agreeing.cells.delta).toMatchObject({ value: '$5.1 billion', stance: 'conflict' });
  });

  it('what all four agree on (the day, the chief executive) is no finding for anyone', () => {
    for (const [id, a] of results) expect(a.findings.filter((f) => /Tuesday|Quell/.test(f.claim?.surface ?? '')), id).toEqual([]);
  });
});

describe('a figure of another year beside the takeover price', () => {
  it('"sales of $1.9 billion last year" on the page is no contradiction of four reports that give $4.2 billion', () => {
    const results = analyseAll(takeover(['$4.2 billion', '$4.2 billion', '$4.2 billion', '$4.2 billion'], [null, null, null, 'Brisk Dairy had sales of $1.9 billion last year.']));
    expectOneStory(results);
    const delta = results.get('delta')!;
    expect(delta.findings.filter((f) => /\$1\.9 billion/.test(f.sentence.text))).toEqual([]);
    expect(onFigure(delta, '$1.9 billion')).toEqual([]);
    for (const [id, a] of results) expect(a.findings.filter((f) => f.kind === 'contradiction'), id).toEqual([]);
  });
});

describe('when the other reports do not make a consensus', () => {
  it('with only one other report of the event there is no finding', () => {
    const [alpha, , , delta] = takeover(['$4.2 billion', '$4.2 billion', '$4.2 billion', '$5.1 billion']);
    const a = new Engine(kb, [alpha!]).analyse(delta!, { excludeId: delta!.id });
    expect(a.matched.map((m) => m.articleId)).toEqual(['alpha']);
    expect(onFigure(a, '$5.1 billion')).toEqual([]);
  });

  it('a detail only one other report gives is no finding, even where it differs', () => {
    const results = analyseAll(
      takeover(['$4.2 billion', '$4.2 billion', '$4.2 billion', '$4.2 billion'], [null, null, 'Halvern would owe a break fee of $180 million if the takeover failed.', 'Halvern would owe a break fee of $150 million if the takeover failed.']),
    );
    expectOneStory(results);
    expect(onFigure(results.get('delta')!, '$150 million')).toEqual([]);
    expect(onFigure(results.get('charlie')!, '$180 million')).toEqual([]);
    // It is compared all the same: the table shows the one other report's figure against it.
    const row = results.get('delta')!.table.rows.find((r) => r.label.startsWith('Sum') && r.cells.page?.value === '$150 million');
    expect(row?.cells.charlie).toMatchObject({ value: '$180 million', stance: 'conflict' });
  });

  it('split two against two, nobody is flagged', () => {
    const results = analyseAll(takeover(['$4.2 billion', '$4.2 billion', '$5.1 billion', '$5.1 billion']));
    expectOneStory(results);
    for (const [id, a] of results) expect(onFigure(a, 'billion'), id).toEqual([]);
  });

  it('when the others give two figures between them, the odd one out is at most disputed, at low severity', () => {
    const results = analyseAll(takeover(['$4.2 billion', '$4.2 billion', '$3.9 billion', '$5.1 billion']));
    expectOneStory(results);
    for (const id of ['charlie', 'delta']) {
      const fs = onFigure(results.get(id)!, 'billion');
      expect(fs.every((f) => f.kind === 'disputed' && f.severity === 'low'), id).toBe(true);
    }
    // The two that agree with each other are flagged by nobody.
    for (const id of ['alpha', 'bravo']) expect(onFigure(results.get(id)!, 'billion'), id).toEqual([]);
  });

  it('dissenting reports that count for little make no contradiction', () => {
    const [title, paragraphs] = TAKEOVER[3]!('$5.1 billion');
    const page = prepareSource(kb, 'page', 'page.example', { ...articleText(paragraphs, TAKEOVER_DAY), title });
    const others = takeover(['$4.2 billion', '$4.2 billion', '$4.2 billion']).map((a) => prepareSource(kb, a.id, a.outlet, a));
    const dateOf = (s: Source) => s.ownDate;
    const weighed = (w: number) => new Map<string, Weighing>([['page', { weight: 1, reasons: [] }], ...others.map((o): [string, Weighing] => [o.id, { weight: w, reasons: ['test'] }])]);
    const full = compareSlots(kb, page, others, dateOf, weighed(1));
    expect(full.findings.filter((f) => f.claim?.surface === '$5.1 billion').map((f) => f.kind)).toEqual(['contradiction']);
    const light = compareSlots(kb, page, others, dateOf, weighed(0.3));
    expect(light.findings.filter((f) => f.claim?.surface === '$5.1 billion')).toEqual([]);
    // The table still shows what each said.
    const row = light.rows.find((r) => r.label.startsWith('Sum') && r.cells.page?.value === '$5.1 billion');
    expect(Object.keys(row?.cells ?? {})).toEqual(expect.arrayContaining(['page', 'alpha', 'bravo', 'charlie']));
  });

  it('with no other reports there is nothing to compare', () => {
    const page = source('lonely', TAKEOVER[0]!('$4.2 billion')[1], TAKEOVER_DAY);
    expect(compareSlots(kb, page, [], (s) => s.ownDate, new Map())).toEqual({ findings: [], rows: [] });
  });
});

/** Four tellings of one ferry accident, the toll left open. */
const FERRY: Array<(toll: number) => [string, string[]]> = [
  (n) => [
    'Ferry capsizes on the Varn river near Port Ellery',
    [
      `${n} people were killed when a crowded ferry capsized on the Varn river near Port Ellery on Monday, officials said.`,
      'The Aster Line ferry was carrying about 200 passengers to the market town of Dunmere when it tipped over in strong currents.',
      'Rescue teams from Port Ellery pulled survivors from the water, and river police chief Ines Varga said divers would keep searching.',
      'The Aster Line said it was cooperating with the inquiry into the sinking on the Varn.',
    ],
  ],
  (n) => [
    'Deadly ferry accident on the Varn',
    [
      `A crowded ferry overturned on the Varn river near Port Ellery on Monday, and ${n} people were killed, officials said.`,
      'Bound for the market town of Dunmere, the Aster Line boat had about 200 passengers on board when strong currents tipped it over.',
      'Divers will keep searching the river, said river police chief Ines Varga, as rescuers from Port Ellery brought survivors ashore.',
      'An inquiry has been opened, and the Aster Line said it would help investigators.',
    ],
  ],
  (n) => [
    'Varn river ferry disaster near Port Ellery',
    [
      `Officials said ${n} people were killed after a crowded ferry capsized on the Varn river near Port Ellery on Monday.`,
      'Strong currents overturned the Aster Line vessel, which carried about 200 passengers towards Dunmere, a market town downstream.',
      'River police chief Ines Varga said the search by divers would go on through the night; survivors were taken to Port Ellery.',
      'The ferry operator, the Aster Line, promised to cooperate with investigators.',
    ],
  ],
  (n) => [
    'Ferry sinks near Port Ellery',
    [
      `${n} people were killed on Monday when an overloaded ferry capsized on the Varn river close to Port Ellery, officials said.`,
      'About 200 passengers were aboard the Aster Line ferry heading to Dunmere when the currents turned it over.',
      'Survivors were pulled out by rescue crews from Port Ellery, and divers are still searching, river police chief Ines Varga said.',
      'Investigators have begun an inquiry; the Aster Line said it would cooperate.',
    ],
  ],
];
const MONDAY = '2024-05-13';
const TUESDAY = '2024-05-14';
const ferry = (i: number, id: string, date: string, toll: number): Article => {
  const [title, paragraphs] = FERRY[i]!(toll);
  return article(id, date, title, paragraphs);
};
const tollFindings = (a: Analysis) => a.findings.filter((f) => f.kind !== 'provenance' && /killed/.test(f.sentence.text) && f.claim?.type === 'quantity');

describe('a death toll that grows between reports', () => {
  it('an earlier, smaller toll is no contradiction of the later reports', () => {
    const early = ferry(0, 'early', MONDAY, 12);
    const later = [1, 2, 3].map((i) => ferry(i, `later${i}`, TUESDAY, 19));
    const a = new Engine(kb, [early, ...later]).analyse(early, { excludeId: early.id });
    expect(a.matched).toHaveLength(3);
    expect(tollFindings(a)).toEqual([]);
    // The table still sets the figures side by side.
    const row = a.table.rows.find((r) => r.label.startsWith('Number') && r.cells.page?.value === '12');
    expect(row).toBeDefined();
    expect(Object.values(row!.cells).filter((c) => c.value === '19').length).toBeGreaterThanOrEqual(2);
  });

  it('a later, larger toll is no contradiction of the earlier reports', () => {
    const late = ferry(0, 'late', TUESDAY, 19);
    const earlier = [1, 2, 3].map((i) => ferry(i, `earlier${i}`, MONDAY, 12));
    const a = new Engine(kb, [late, ...earlier]).analyse(late, { excludeId: late.id });
    expect(a.matched).toHaveLength(3);
    expect(tollFindings(a)).toEqual([]);
  });

  it('a smaller toll on the same day as the others is only disputed, at low severity, never a contradiction', () => {
    const odd = ferry(0, 'odd', TUESDAY, 12);
    const others = [1, 2, 3].map((i) => ferry(i, `same${i}`, TUESDAY, 19));
    const a = new Engine(kb, [odd, ...others]).analyse(odd, { excludeId: odd.id });
    expect(a.matched).toHaveLength(3);
    const fs = tollFindings(a);
    expect(fs.length).toBe(1);
    expect(fs[0]).toMatchObject({ kind: 'disputed', severity: 'low' });
    expect(fs[0]!.evidence.filter((e) => e.stance === 'conflict' && e.value === '19').length).toBeGreaterThanOrEqual(2);
    expect(fs[0]!.explanation).toMatch(/change as a story unfolds/);
  });

  it('"on Monday" in reports dated Monday and Tuesday is the same day', () => {
    const early = ferry(0, 'early', MONDAY, 12);
    const later = [1, 2, 3].map((i) => ferry(i, `later${i}`, TUESDAY, 19));
    const a = new Engine(kb, [early, ...later]).analyse(early, { excludeId: early.id });
    const row = a.table.rows.find((r) => r.label.startsWith('Date') && /Monday/.test(r.cells.page?.value ?? ''));
    expect(row).toBeDefined();
    const theirs = Object.entries(row!.cells).filter(([k]) => k !== 'page' && k !== 'kb');
    expect(theirs.length).toBeGreaterThanOrEqual(2);
    for (const [, c] of theirs) expect(c.stance).toBe('agree');
  });
});

describe('an answer reversed in one of four reports of a takeover', () => {
  const ANSWERS = [
    'On Wednesday the Brisk Dairy board accepted the offer, the company said.',
    'The Brisk Dairy board accepted the offer at a meeting on Wednesday.',
    'The offer was a fair one, and the Brisk Dairy board accepted the offer on Wednesday.',
    'On Wednesday the Brisk Dairy board rejected the offer, the company said.',
  ];
  const results = analyseAll(takeover(['$4.2 billion', '$4.2 billion', '$4.2 billion', '$4.2 billion'], ANSWERS));
  const onAnswer = (a: Analysis) => a.findings.filter((f) => (f.kind === 'contradiction' || f.kind === 'disputed') && /board (?:accepted|rejected)/.test(f.sentence.text));

  it('matches each report to the other three as one event', () => {
    expectOneStory(results);
  });

  it('flags "rejected" as a contradiction, citing the reports that say "accepted"', () => {
    const fs = onAnswer(results.get('delta')!);
    expect(fs.map((f) => f.kind)).toEqual(['contradiction']);
    const f = fs[0]!;
    expect(f.sentence.text).toBe(ANSWERS[3]);
    expect(f.claim?.surface).toBe('rejected');
    const conflicts = f.evidence.filter((e) => e.stance === 'conflict');
    expect(conflicts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(conflicts.map((e) => e.article)).size).toBe(conflicts.length);
    for (const e of conflicts) {
      expect(['alpha', 'bravo', 'charlie']).toContain(e.article);
      expect(e.value).toBe('accepted');
    }
  });

  it.each(['alpha', 'bravo', 'charlie'])('%s, which says "accepted" with the majority, gets no finding on it', (id) => {
    expect(onAnswer(results.get(id)!)).toEqual([]);
  });
});

describe('a referendum result told as a split, one share changed', () => {
  // Each report gives both sides' shares, in its own shape: "by 58% to 42%", "58-42 per cent", "Yes …, while No …".
  const REFERENDUM_DAY = '2024-05-13';
  const reports = (yes: string) => [
    article('alpha', REFERENDUM_DAY, 'Norland backs new charter', [
      'Voters in Norland backed the new charter in Sunday’s referendum by 58% to 42%, the electoral commission said on Monday.',
      'Turnout in the Norland charter referendum was the highest in two decades, and prime minister Ada Varga called the result a mandate.',
    ]),
    article('bravo', REFERENDUM_DAY, 'Charter approved in Norland', [
      'The charter was approved by Norland voters in Sunday’s referendum with 58.2 per cent, while the No campaign finished on 41.8 per cent.',
      'Prime minister Ada Varga said the referendum turnout, the highest in two decades, gave the charter a clear mandate.',
    ]),
    article('charlie', REFERENDUM_DAY, 'Norland says yes', [
      'Final results of Sunday’s Norland charter referendum gave the new charter a 58-42 per cent win, the electoral commission said.',
      'Ada Varga, the prime minister, hailed the highest referendum turnout in two decades as a mandate for the charter.',
    ]),
    article('delta', REFERENDUM_DAY, 'Norland charter referendum', [
      `The new charter won Sunday’s Norland referendum with ${yes}, while the No campaign finished on 41.8 per cent.`,
      'Prime minister Ada Varga said the turnout, the highest in two decades, was a mandate for the charter.',
    ]),
  ];

  it('the winning share changed is flagged, the others’ winning shares cited and not the losing side’s', () => {
    const results = analyseAll(reports('61.5 per cent'));
    expectOneStory(results);
    const fs = onFigure(results.get('delta')!, '61.5 per cent');
    expect(fs.map((f) => f.kind)).toEqual(['contradiction']);
    const cited = fs[0]!.evidence.filter((e) => e.stance === 'conflict').map((e) => e.value);
    expect(cited.length).toBeGreaterThanOrEqual(2);
    for (const v of cited) expect(v).toMatch(/^58/);
  });

  it('told right, no report gets a finding on any share: the losing side’s 42% is never held against a winning 58.2%', () => {
    const results = analyseAll(reports('58.2 per cent'));
    expectOneStory(results);
    for (const [id, a] of results) expect(a.findings.filter((f) => f.kind === 'contradiction' || f.kind === 'disputed'), id).toEqual([]);
  });
});
