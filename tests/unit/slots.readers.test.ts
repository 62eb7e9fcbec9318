/**
 * The typed-slot readers (lib/claims/slots), kind by kind, on sentences
 * written for these tests: what each reads (value, interval, unit, anchors,
 * whose it is) and what it must leave alone. Dates are read against a report
 * dated Wednesday 13 June 2018. Slots are picked by kind, so a reader added
 * later (answers, outcomes) does not change what these rows assert.
 */
import { describe, expect, it } from 'vitest';
import { readSlots, type Slot, type SlotKind } from '../../lib/claims/slots/index';
import { outcomeSlots, polaritySlots } from '../../lib/claims/slots/polarity';
import { agree } from '../../lib/compare/slots';

/** Wednesday. */
const REPORT_DATE = '2018-06-13';

const slotsOf = (text: string, kind: SlotKind, date: string | null = REPORT_DATE): Slot[] => readSlots(text, date).filter((s) => s.kind === kind);
const show = (text: string) => JSON.stringify(readSlots(text, REPORT_DATE).map((s) => [s.kind, s.surface, s.value, s.unit]));
function only(text: string, kind: SlotKind, date: string | null = REPORT_DATE): Slot {
  const found = slotsOf(text, kind, date);
  expect(found, show(text)).toHaveLength(1);
  return found[0]!;
}

describe('money: currency, scale and value', () => {
  it.each([
    ['Vantor will buy the firm for $13.7 billion.', '$13.7 billion', 13.7e9, 'USD'],
    ['Vantor will buy the firm for $13.7bn.', '$13.7bn', 13.7e9, 'USD'],
    ['The club sold the striker for £2.5m in cash.', '£2.5m', 2.5e6, 'GBP'],
    ['The city spent €800 million on the new line.', '€800 million', 8e8, 'EUR'],
    ['Holders get US$42 a share under the offer.', 'US$42', 42, 'USD'],
    ['The fund raised A$1.2 billion from investors.', 'A$1.2 billion', 1.2e9, 'AUD'],
    ['The group paid 13 billion dollars for the stake.', '13 billion dollars', 13e9, 'USD'],
    ['The lender wrote off 7 million pounds of debt.', '7 million pounds', 7e6, 'GBP'],
    // a sum in words with decimals, or with a thousands comma, before its scale word
    ['The group paid 13.7 billion dollars for the stake.', '13.7 billion dollars', 13.7e9, 'USD'],
    ['The lender wrote off 1,300 million pounds of debt.', '1,300 million pounds', 1.3e9, 'GBP'],
  ])('%s', (text, surface, value, unit) => {
    const s = only(text, 'money');
    expect(s.surface).toBe(surface);
    expect(s.value).toBeCloseTo(value, -3);
    expect(s.unit).toBe(unit);
  });

  it('a currency word without a scale word is not read as a sum ("2,500 yen")', () => {
    expect(slotsOf('The state set aside 2,500 yen per household.', 'money')).toEqual([]);
  });

  it('keeps the words around a sum as its anchors, and "a share" among them', () => {
    expect(only('Holders get US$42 a share under the offer.', 'money').anchors).toContain('share');
    expect(only('Vantor will buy the firm for $13.7 billion.', 'money').anchors).toEqual(expect.arrayContaining(['buy', 'firm']));
  });
});

describe('hedges and rounding: the interval a figure allows', () => {
  it('"about $13.7bn" is an interval that contains 13.7 billion, a few per cent wide', () => {
    const s = only('The bid was worth about $13.7bn, analysts said.', 'money');
    expect(s.value).toBe(13.7e9);
    expect(s.lo!).toBeLessThan(13.7e9);
    expect(s.hi!).toBeGreaterThan(13.7e9);
    expect(s.hi! - s.lo!).toBeLessThan(0.1 * 13.7e9);
  });

  it('a plain figure allows half its last written digit: "13.7" ± 0.05, "4,000" ± 500, "2,750" ± 5', () => {
    const money = only('Vantor will buy the firm for $13.7 billion.', 'money');
    expect([money.lo!, money.hi!].map((x) => Math.round(x / 1e6))).toEqual([13650, 13750]);
    const round = only('The fire left 4,000 people homeless.', 'count');
    expect([round.lo, round.hi]).toEqual([3500, 4500]);
    const exact = only('The ship carried 2,750 tons of grain.', 'count');
    expect([exact.lo, exact.hi]).toEqual([2745, 2755]);
  });

  it('"more than 4,000" is a floor: it reaches up to twice itself and no further', () => {
    const s = only('More than 4,000 people were wounded in the blasts.', 'count');
    expect([s.lo, s.hi]).toEqual([4000, 8000]);
  });

  // Each pair: two ways of writing a figure, and whether they say the same.
  it.each([
    ['The bid was worth about $13.7bn.', 'The bid was worth $13.7 billion.', 'money', true],
    ['The bid was worth about $13.7 billion.', 'The bid was worth $15.2 billion.', 'money', false],
    ['The bid was worth $13.7 billion.', 'The bid was worth $13.9 billion.', 'money', false],
    ['Turnout reached nearly 52% in the city.', 'Turnout reached 51.9% in the city.', 'percent', true],
    ['Turnout reached 52% in the city.', 'Turnout reached 51.9% in the city.', 'percent', true],
    ['Turnout reached 53.4% in the city.', 'Turnout reached 51.9% in the city.', 'percent', false],
    ['Turnout reached 52 per cent in the city.', 'Turnout reached 51.9% in the city.', 'percent', true],
    ['Some 4,000 people were wounded.', '4,200 people were wounded.', 'count', true],
    ['More than 4,000 people were wounded.', '6,100 people were wounded.', 'count', true],
    ['More than 4,000 people were wounded.', '9,000 people were wounded.', 'count', false],
    ['Turnout reached nearly 52% in the city.', 'Turnout reached 52.6% in the city.', 'percent', false],
    ['More than 300 people were rescued.', '280 people were rescued.', 'count', false],
    ['A magnitude 7.7 earthquake struck.', 'A 7.7-magnitude quake struck.', 'magnitude', true],
    ['A magnitude 7.7 earthquake struck.', 'A 7.6-magnitude quake struck.', 'magnitude', false],
  ] as const)('%s / %s → %s', (a, b, kind, same) => {
    expect(agree(only(a, kind), only(b, kind))).toBe(same);
    expect(agree(only(b, kind), only(a, kind))).toBe(same);
  });
});

describe('percentages', () => {
  it.each([
    ['Turnout reached 51.9% in the city.', 51.9, '%'],
    ['Prices rose 3 per cent in May.', 3, '%'],
    ['Prices rose 3 percent in May.', 3, '%'],
    ['The party gained 5 percentage points.', 5, 'points'],
  ])('%s', (text, value, unit) => {
    const s = only(text, 'percent');
    expect(s.value).toBe(value);
    expect(s.unit).toBe(unit);
  });

  it.each<[string, number[]]>([
    // a split: both sides' shares, the sign written once
    ['Voters backed the charter 52-48 per cent.', [52, 48]],
    ['The charter passed 58.2–41.8%.', [58.2, 41.8]],
    // a range is no split, and "2-1" in a match is a score
    ['Prices rose 10-15% in May.', [15]],
    ['The side won 2-1 in the final.', []],
  ])('the shares of %s', (text, values) => {
    expect(slotsOf(text, 'percent').map((s) => s.value)).toEqual(values);
  });

  it('a percentage is never also read as a count or a score', () => {
    const text = 'The side won with 52% of the vote in the final.';
    expect(slotsOf(text, 'count')).toEqual([]);
    expect(slotsOf(text, 'score')).toEqual([]);
  });
});

describe('counts of a noun', () => {
  it.each<[string, string, number, string | undefined]>([
    ['4,000 people were wounded in the blast.', '4,000', 4000, 'wounded'],
    ['The ship carried 2,750 tons of grain.', '2,750', 2750, 'tons'],
    ['Officials said 8 were killed.', '8', 8, 'killed'],
    ['About 4.5 million people live in the valley.', '4.5 million', 4.5e6, 'people'],
    // a full stop after the scale ends the sentence, not the number
    ['The tally stood at 16.1m.', '16.1m', 16.1e6, undefined],
    // people counted by what befell them
    ['At least 30 people were missing after the flood.', '30', 30, 'missing'],
    ['Officials said at least 8 people were killed.', '8', 8, 'killed'],
    // numbers written as words, with the noun they count
    ['Three people were killed in the crash.', 'Three people', 3, 'people'],
    ['The rebels freed twelve hostages on the border.', 'twelve hostages', 12, 'hostages'],
    ['Quell scored twice before the break.', 'twice', 2, 'times'],
    ['The side have now won five titles.', 'five titles', 5, 'titles'],
    // a figure before a preposition counts no noun
    ['Viewers fell from 17.4m to 16.1m.', '17.4m', 17.4e6, undefined],
  ])('%s', (text, surface, value, unit) => {
    const s = slotsOf(text, 'count')[0];
    expect(s, show(text)).toBeDefined();
    expect(s!.surface).toBe(surface);
    expect(s!.value).toBeCloseTo(value, -2);
    expect(s!.unit).toBe(unit);
  });

  it.each([
    ['a year', 'The bridge opened in 1998.'],
    ['a clock time', 'The blast hit at 10 am.'],
    ['a clock time with a colon', 'The polls closed at 10:30.'],
    ['a day of a month', 'The vote was held on June 12.'],
    ['a number word without its noun', 'There were three minutes left.'],
    ['a one', 'Only 1 was found.'],
  ])('%s is not a count: %s', (_what, text) => {
    expect(slotsOf(text, 'count'), show(text)).toEqual([]);
  });
});

describe('scores: only where the sentence speaks of a match', () => {
  it.each([
    ['Rovers beat the visitors 2-0 in the final.', '2-0'],
    ['The visitors lost 0-2 to Rovers.', '2-0'],
    ['Rovers won the game 3–1 at home.', '3-1'],
    ['The match ended in a 1-1 draw.', '1-1'],
    // a score that ends the sentence
    ['Rovers reached the final after beating Dunmere 3-1.', '3-1'],
  ])('%s → %s', (text, value) => {
    expect(only(text, 'score').value).toBe(value);
  });

  it.each([
    ['Children aged 5-11 were sent home.'],
    ['The council split 4-3 on the plan.'],
    ['Rates will stay at 2-3% this year, the bank said after the meeting.'],
  ])('not a score: %s', (text) => {
    expect(slotsOf(text, 'score'), show(text)).toEqual([]);
  });
});

describe('ordinals: what is ranked', () => {
  it.each([
    ['Rovers won their sixth title on Saturday.', 6, 'title'],
    ['Rovers won their sixth Champions League title.', 6, 'title'],
    ['It was the 3rd time the bridge had closed.', 3, 'time'],
    ['She finished in ninth place.', 9, 'place'],
  ])('%s', (text, value, unit) => {
    const s = only(text, 'ordinal');
    expect(s.value).toBe(value);
    expect(s.unit).toBe(unit);
    expect(s.anchors[0]).toBe(unit);
  });

  it.each([
    ['a first, too loose to compare', 'It was the first title for the club.'],
    ['"a second time" is one more time', 'They won the cup for a second time.'],
    ['a date', 'The vote was held on the 3rd of June.'],
    ['a minute is a minute, not a rank', 'Quell scored in the 87th minute.'],
  ])('not an ordinal: %s', (_what, text) => {
    expect(slotsOf(text, 'ordinal'), show(text)).toEqual([]);
  });
});

describe('minutes of a match', () => {
  it.each([
    ['Quell scored in the 87th minute.', 87, 'quell'],
    ['Brenner converted an 80th-minute penalty.', 80, 'brenner'],
    ['Varga equalised in the 23rd minute of the final.', 23, 'varga'],
    // whom the act was for is not who did it
    ['With Quell sealing the win for Dunmere with a low strike in the 78th minute.', 78, 'quell'],
    ['Brenner struck past the Westport keeper in the 61st minute.', 61, 'brenner'],
    // counted back from the end of normal time, or of extra time where the sentence speaks of it
    ['Quell struck with three minutes left to play.', 87, 'quell'],
    ['Brenner headed in the winner five minutes from time.', 85, 'brenner'],
    ['Varga converted a penalty with 2 minutes remaining in extra time.', 118, 'varga'],
  ])('%s', (text, value, subject) => {
    const s = only(text, 'minute');
    expect(s.value).toBe(value);
    expect(s.subject).toBe(subject);
  });

  it.each([
    'The talks broke up with ten minutes left before the deadline.',
    'Polls close in five minutes from the end of the broadcast.',
  ])('outside a match, minutes left are no minute of one: %s', (text) => {
    expect(slotsOf(text, 'minute'), show(text)).toEqual([]);
  });

  it('"three minutes from time" and "the 87th minute" agree; "the 78th minute" does not', () => {
    const back = only('Quell struck three minutes from time.', 'minute');
    expect(agree(back, only('Quell scored in the 87th minute.', 'minute'))).toBe(true);
    expect(agree(back, only('Quell scored in the 78th minute.', 'minute'))).toBe(false);
  });

  it('keeps the names its sentence gives, for telling one timed moment from another', () => {
    const s = only('After Quell opened the scoring, Brenner equalised in the 80th minute.', 'minute');
    expect(s.subject).toBe('brenner');
    expect(s.names).toEqual(expect.arrayContaining(['quell', 'brenner']));
  });
});

describe('magnitudes', () => {
  it.each([
    ['A magnitude 7.7 earthquake struck the coast.', 7.7],
    ['A 7.7-magnitude quake struck the coast.', 7.7],
    ['The tremor had a magnitude of 6.1, the survey said.', 6.1],
    ['A quake measuring 5.4 on the Richter scale hit the town.', 5.4],
  ])('%s', (text, value) => {
    const s = only(text, 'magnitude');
    expect(s.value).toBe(value);
    expect(s.lo!).toBeCloseTo(value - 0.05, 5);
    expect(s.hi!).toBeCloseTo(value + 0.05, 5);
    expect(slotsOf(text, 'count')).toEqual([]);
  });
});

describe('ages', () => {
  it.each<[string, number, string | undefined]>([
    ['Quell, 64, said she would stay on.', 64, 'quell'],
    ['The board named Ines Varga, 58, as its chair.', 58, 'varga'],
    ['The 64-year-old coach left the club.', 64, undefined],
  ])('%s', (text, value, whose) => {
    const s = only(text, 'age');
    expect(s.value).toBe(value);
    expect(s.unit).toBe(whose);
    expect(slotsOf(text, 'count')).toEqual([]);
  });
});

describe('dates, resolved against the report’s own date (Wednesday 13 June 2018)', () => {
  it.each([
    // a bare weekday in a report is the last such day on or before its date
    ['The deal was signed on Tuesday.', '2018-06-12'],
    ['The deal was signed on Wednesday.', '2018-06-13'],
    ['The quake struck on Monday night.', '2018-06-11'],
    ['The deal was signed on Friday.', '2018-06-08'],
    // unless the sentence looks ahead
    ['The board will vote on Friday.', '2018-06-15'],
    ['The ministers are due to meet on Monday.', '2018-06-18'],
    ['The board will meet next Tuesday.', '2018-06-19'],
    ['The board met last Tuesday.', '2018-06-12'],
    ['The board meets again next Tuesday.', '2018-06-19'],
    ['Next Monday the plant closes.', '2018-06-18'],
    // dates written out
    ['The deal was signed on June 12.', '2018-06-12'],
    ['The deal was signed on 12 June 2018.', '2018-06-12'],
    ['The board first met on 3 January 2017.', '2017-01-03'],
    // a month alone, and a half year
    ['The talks began in March.', '2018-03'],
    ['Growth slowed in the second half of 2017.', '2017-H2'],
  ])('%s → %s', (text, value) => {
    expect(only(text, 'date').value).toBe(value);
  });

  // A weekday opening the sentence, then a count: both are read, and neither swallows the other.
  it.each<[string, string, string, number, string]>([
    ['On Sunday, 12 people died in the fire.', 'On Sunday', '2018-06-10', 12, 'people'],
    ['On Monday 19 people were killed in the fire.', 'On Monday', '2018-06-11', 19, 'killed'],
  ])('%s → a date and a count', (text, surface, day, n, unit) => {
    const date = only(text, 'date');
    expect(date.surface).toBe(surface);
    expect(date.value).toBe(day);
    const count = only(text, 'count');
    expect(count.value).toBe(n);
    expect(count.unit).toBe(unit);
  });

  it('a month alone has month granularity, a day day granularity', () => {
    expect(String(only('The talks began in March.', 'date').value)).toMatch(/^\d{4}-\d{2}$/);
    expect(String(only('The deal was signed on Tuesday.', 'date').value)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('the same weekday means another day in a report of another date', () => {
    expect(only('The deal was signed on Tuesday.', 'date', '2018-06-20').value).toBe('2018-06-19');
  });

  it.each([
    ['"today"', 'The deal was signed today.'],
    ['"last week"', 'The deal was signed last week.'],
    ['"yesterday"', 'The deal was signed yesterday.'],
    ['a dateline', 'Port Ellery, June 12 (Wire) – The deal was signed.'],
  ])('%s is not a date slot', (_what, text) => {
    expect(slotsOf(text, 'date'), show(text)).toEqual([]);
  });

  it('without the report’s date a weekday is not resolved, but a half year still is', () => {
    expect(slotsOf('The deal was signed on Tuesday.', 'date', null)).toEqual([]);
    expect(only('Growth slowed in the second half of 2017.', 'date', null).value).toBe('2017-H2');
  });

  it('a date keeps the verb it ties to among its anchors', () => {
    expect(only('The quake rocked the capital on Tuesday.', 'date').anchors).toEqual(expect.arrayContaining(['quake', 'rocked', 'capital']));
  });
});

describe('places', () => {
  it.each<[string, string, string, string | undefined]>([
    ['The final was played in the Wanda Metropolitano stadium on Saturday.', 'wanda metropolitano', 'in', 'stadium'],
    ['The quake struck near Mandalay early on Friday.', 'mandalay', 'near', undefined],
    ['Delegates met at the Capella resort on Sentosa Island.', 'capella', 'at', 'resort'],
    ['Crowds gathered outside the Orvell Hotel.', 'orvell', 'outside', undefined],
    ['Crowds gathered outside the grand Orvell hotel.', 'orvell', 'outside', 'hotel'],
    ['The summit was held in Port Ellery.', 'port ellery', 'in', undefined],
    ['Fans watched the landing from Johannesburg.', 'johannesburg', 'from', undefined],
    // the reader reads a place after "from" as any other; the comparison keeps only those the gazetteer knows
    ['The winning goal came from Mara Quell.', 'mara quell', 'from', undefined],
  ])('%s', (text, value, preposition, kindWord) => {
    const s = only(text, 'place');
    expect(s.value).toBe(value);
    expect(s.anchors[0]).toBe(preposition);
    if (kindWord) expect(s.anchors).toContain(kindWord);
    expect(String(s.value)).not.toMatch(/\b(?:stadium|resort|hotel)\b/);
  });

  it.each([
    ['a month', 'The merger closed in January.'],
    ['a weekday', 'The vote was held on Tuesday in the end.'],
    ['a competition', 'Rovers will play in the Champions League next season.'],
    ['a body', 'Protesters gathered outside the Ministry of Finance.'],
    ['a cup', 'The striker scored in the League Cup.'],
    ['a person with a title', 'The letter arrived from President Quell.'],
  ])('%s is not a place: %s', (_what, text) => {
    expect(slotsOf(text, 'place'), show(text)).toEqual([]);
  });
});

describe('people in a role', () => {
  it.each<[string, string, string, string[]]>([
    ['Health Minister Mara Quell visited the ward.', 'mara quell', 'minister', ['health', 'minister']],
    ['Coach Tomas Brenner praised the side.', 'tomas brenner', 'coach', ['coach']],
    ['Board chair Ines Varga resigned on Monday.', 'ines varga', 'chair', ['board', 'chair']],
    ['Company spokeswoman Ines Varga declined to comment.', 'ines varga', 'spokeswoman', ['company', 'spokeswoman']],
    // name before its role
    ["Mara Quell, the club's captain, lifted the trophy.", 'mara quell', 'captain', ['club', 'captain']],
    ['Tomas Brenner, the port authority director, said the berth was safe.', 'tomas brenner', 'director', ['port', 'authority', 'director']],
    // role, comma, name
    ["The country's health minister, Mara Quell, visited the ward.", 'mara quell', 'minister', ['health', 'minister']],
  ])('%s', (text, value, unit, anchors) => {
    const s = only(text, 'person');
    expect(s.value).toBe(value);
    expect(s.unit).toBe(unit);
    expect(s.anchors).toEqual(expect.arrayContaining(anchors));
  });

  it.each([
    ['a former holder', 'Former coach Tomas Brenner watched from the stand.'],
    ['a former holder, named first', 'Tomas Brenner, the former coach, watched from the stand.'],
    ['a late holder', 'The late mayor Ines Varga was remembered.'],
    ['an office the office grammar checks', 'Prime Minister Mara Quell spoke to reporters.'],
    ['another such office', 'Foreign Minister Ines Varga flew in on Monday.'],
    ['a weekday is no name', 'The minister Tuesday said nothing.'],
  ])('%s is not read: %s', (_what, text) => {
    expect(slotsOf(text, 'person'), show(text)).toEqual([]);
  });
});

describe('quotes: the words, who said them and how', () => {
  it.each<[string, string, string, string | undefined]>([
    ['Quell described the offer as "a fair price for a great company".', 'a fair price for a great company', 'describe', 'quell'],
    ['Quell called the plan "a reckless gamble with jobs".', 'a reckless gamble with jobs', 'describe', 'quell'],
    ['"We are very pleased with the result," Quell said.', 'we are very pleased with the result', 'say', 'quell'],
    ['"We are very pleased with the result," said Quell.', 'we are very pleased with the result', 'say', 'quell'],
    ['“We will keep every plant open,” Varga told staff.', 'we will keep every plant open', 'say', 'varga'],
    ['Quell said the merger would "change the industry for good".', 'change the industry for good', 'say', 'quell'],
    ['Quell said it was "a good day for everyone".', 'a good day for everyone', 'say', 'quell'],
    // a pronoun nearer the quote than any name: the speaker is not known
    ['Brenner left after the vote, condemning what he called "a reckless gamble with jobs".', 'a reckless gamble with jobs', 'describe', undefined],
    ['"This is a good day," he said.', 'this is a good day', 'say', undefined],
  ])('%s', (text, value, frame, speaker) => {
    const s = only(text, 'quote');
    expect(s.value).toBe(value);
    expect(s.unit).toBe(frame);
    expect(s.subject).toBe(speaker);
  });

  it.each([
    ['a one-word scare quote', 'Quell said the plan was "reckless".'],
    ['a one-word title', 'The band played "Tomorrow" twice.'],
  ])('%s is no quote slot: %s', (_what, text) => {
    expect(slotsOf(text, 'quote'), show(text)).toEqual([]);
  });

  it('figures inside a quote are the speaker’s words, not slots of their own', () => {
    const text = 'Quell said: "We paid $4.2 billion for a great company."';
    expect(slotsOf(text, 'quote')).toHaveLength(1);
    expect(slotsOf(text, 'money')).toEqual([]);
  });
});

describe('one sentence, several slots', () => {
  it('reads each part once, in order, with no two slots on the same words', () => {
    const text = 'Health Minister Mara Quell said on Tuesday that 4,000 people were wounded in the blast at the Varn port.';
    const slots = readSlots(text, REPORT_DATE);
    const kinds = slots.map((s) => s.kind);
    expect(kinds).toEqual(expect.arrayContaining(['person', 'date', 'count', 'place']));
    for (let i = 1; i < slots.length; i++) expect(slots[i]!.start).toBeGreaterThanOrEqual(slots[i - 1]!.end);
    for (const s of slots) expect(text.slice(s.start, s.end)).toBe(s.surface);
  });
});

describe('polarity: who said yes or no, and to what', () => {
  it.each<[string, string, 'yes' | 'no', 'assent' | 'confirmation', string | undefined]>([
    ['The board accepted the offer.', 'accepted', 'yes', 'assent', 'board'],
    ['The offer was accepted by the board.', 'accepted', 'yes', 'assent', 'board'],
    ['The board did not accept the offer.', 'did not accept', 'no', 'assent', 'board'],
    ['The Brisk Dairy board rejected the offer on Tuesday.', 'rejected', 'no', 'assent', 'brisk dairy'],
    ["Brisk Dairy's board accepted the offer.", 'accepted', 'yes', 'assent', 'brisk dairy'],
    ['The ministry denied the report.', 'denied', 'no', 'confirmation', 'ministry'],
    ['Quell confirmed the deal.', 'confirmed', 'yes', 'confirmation', 'quell'],
  ])('%s', (text, surface, value, unit, subject) => {
    const s = only(text, 'polarity');
    expect(s.surface).toBe(surface);
    expect(s.value).toBe(value);
    expect(s.unit).toBe(unit);
    expect(s.subject).toBe(subject);
    expect(text.slice(s.start, s.end)).toBe(s.surface);
    // The reader alone reads the same.
    expect(polaritySlots(text).map((x) => [x.value, x.unit, x.surface])).toEqual([[value, unit, surface]]);
  });

  it('keeps what was answered among its anchors', () => {
    expect(only('The Brisk Dairy board accepted the offer on Tuesday.', 'polarity').anchors).toEqual(expect.arrayContaining(['board', 'offer']));
  });

  it.each([
    ['an answer still to come', 'The deal needs shareholders to approve it.'],
    ['an earlier answer', 'The board had initially rejected the approach.'],
    ['a possible answer', 'The board could approve the deal next week.'],
  ])('%s is not read: %s', (_what, text) => {
    expect(slotsOf(text, 'polarity'), show(text)).toEqual([]);
    expect(polaritySlots(text)).toEqual([]);
  });
});

describe('outcomes: who beat whom, and what a vote chose', () => {
  it.each([
    ['Halvern beat Dunmere 3-1 in the final.', 'halvern>dunmere'],
    ['Dunmere lost to Halvern in the final.', 'halvern>dunmere'],
    // only the loser named
    ['Rovers reached the final after beating Dunmere 3-1.', '>dunmere'],
    ['Rovers sealed a 2-0 win over Dunmere at home.', '>dunmere'],
    ['Rovers said they beat Dunmere in the final.', '>dunmere'],
    // a name ending the sentence keeps no full stop; "They" opening it is no side
    ['Halvern beat Dunmere.', 'halvern>dunmere'],
    ['Dunmere lost to Halvern.', 'halvern>dunmere'],
    ['They beat Dunmere 2-0.', '>dunmere'],
  ])('%s → %s', (text, value) => {
    const s = only(text, 'outcome');
    expect(s.unit).toBe('match');
    expect(s.value).toBe(value);
    expect(outcomeSlots(text).map((x) => x.value)).toEqual([value]);
  });

  it('keeps the names its sentence gives', () => {
    expect(only('Halvern beat Dunmere 3-1 in the final.', 'outcome').names).toEqual(expect.arrayContaining(['halvern', 'dunmere']));
  });

  it.each([
    ['a defeat of another season', "Rovers avenged last season's defeat to Halvern in the final."],
    ['a win still to come', 'Rovers need to beat Dunmere on Saturday.'],
  ])('%s is not read: %s', (_what, text) => {
    expect(slotsOf(text, 'outcome'), show(text)).toEqual([]);
  });

  it('a vote: who voted, and what they chose', () => {
    const s = only('Norland has voted to leave the union.', 'outcome');
    expect(s.unit).toBe('vote');
    expect(s.subject).toBe('norland');
    expect(String(s.value)).toMatch(/^leav/);
  });
});
