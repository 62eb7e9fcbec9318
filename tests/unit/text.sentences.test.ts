import { describe, it, expect } from 'vitest';
import { normalizeForMatch, splitSentences, tokenizeWords } from '../../lib/text/index';
import type { SentenceSpan } from '../../lib/text/index';

/** Whitespace as the segmenter trims it: JavaScript's \s plus the zero-width space. */
function isBlank(s: string): boolean {
  return /^[\s\u200b]*$/.test(s);
}

/** Every documented invariant of a segmentation result that does not hold, as messages. */
function invariantProblems(input: string, spans: SentenceSpan[]): string[] {
  const problems: string[] = [];
  let previousEnd = 0;
  for (const span of spans) {
    const where = `span ${span.start}-${span.end}`;
    if (span.start < previousEnd) problems.push(`${where} overlaps or is out of order`);
    if (span.end <= span.start) problems.push(`${where} is empty`);
    if (input.slice(span.start, span.end) !== span.text) problems.push(`${where} text differs from the slice`);
    if (span.text.trim() !== span.text) problems.push(`${where} is not trimmed`);
    if (/[\n\r\u2028\u2029]/.test(span.text)) problems.push(`${where} crosses a line break`);
    // Nothing but whitespace may fall between two spans.
    if (!isBlank(input.slice(previousEnd, span.start))) problems.push(`text before ${where} was dropped`);
    previousEnd = span.end;
  }
  if (!isBlank(input.slice(previousEnd))) problems.push('text after the last span was dropped');
  return problems;
}

function checkInvariants(input: string, spans: SentenceSpan[]): void {
  expect(invariantProblems(input, spans), JSON.stringify(input)).toEqual([]);
}

type Row = [input: string, expected: string[]];

const basics: Row[] = [
  ['The ferry left at dawn. Nobody waved.', ['The ferry left at dawn.', 'Nobody waved.']],
  ['Did the council vote? It did not!', ['Did the council vote?', 'It did not!']],
  ['Stop right there!! Nobody move.', ['Stop right there!!', 'Nobody move.']],
  ['Are you serious?! That cannot be right.', ['Are you serious?!', 'That cannot be right.']],
  ['Why did it fail?? Nobody knows.', ['Why did it fail??', 'Nobody knows.']],
  ['It rained.Then it stopped.', ['It rained.Then it stopped.']],
  ['Yahoo! said it would appeal the ruling.', ['Yahoo! said it would appeal the ruling.']],
  ['Apple showed a new phone. iPhone sales rose anyway.', ['Apple showed a new phone.', 'iPhone sales rose anyway.']],
];

const titles: Row[] = [
  ['Mr. Okafor chaired the session. Mrs. Lindqvist took notes.', ['Mr. Okafor chaired the session.', 'Mrs. Lindqvist took notes.']],
  ['Dr. Amani and Prof. Weller disagreed about the data.', ['Dr. Amani and Prof. Weller disagreed about the data.']],
  ['Gen. Haddad met Lt. Col. Brandt and Sgt. Ruiz at the base.', ['Gen. Haddad met Lt. Col. Brandt and Sgt. Ruiz at the base.']],
  ['Capt. Moreau briefed Gov. Ellison and Sen. Park before noon.', ['Capt. Moreau briefed Gov. Ellison and Sen. Park before noon.']],
  ['Rep. Ortiz thanked Rev. Dunmore and Pres. Alvarez.', ['Rep. Ortiz thanked Rev. Dunmore and Pres. Alvarez.']],
  ['A letter from Sheikh. Nasser arrived on time.', ['A letter from Sheikh. Nasser arrived on time.']],
  ['Ms. Fontaine climbed Mt. Kenya last spring.', ['Ms. Fontaine climbed Mt. Kenya last spring.']],
  ['The award went to Martin Ruiz Jr. and his sister.', ['The award went to Martin Ruiz Jr. and his sister.']],
  ['That is Ruiz Jr.\u2019s car. It is red.', ['That is Ruiz Jr.\u2019s car.', 'It is red.']],
  ['Fighting near St. Petersburg continued overnight.', ['Fighting near St. Petersburg continued overnight.']],
  ['She lives on Elm St. The house is blue.', ['She lives on Elm St.', 'The house is blue.']],
];

const monthsAndTimes: Row[] = [
  ['The vote is set for Oct. 14 in the capital.', ['The vote is set for Oct. 14 in the capital.']],
  ['Talks collapsed in Sept. The two sides blamed each other.', ['Talks collapsed in Sept.', 'The two sides blamed each other.']],
  ['Between Jan. and March the price doubled.', ['Between Jan. and March the price doubled.']],
  ['He signed on Feb. 3, 2021, and resigned on Dec. 9.', ['He signed on Feb. 3, 2021, and resigned on Dec. 9.']],
  ['The polls open at 7 a.m. and close at 8 p.m. on Sunday.', ['The polls open at 7 a.m. and close at 8 p.m. on Sunday.']],
  ['The blast came just after 9 p.m. The fire burned for hours.', ['The blast came just after 9 p.m.', 'The fire burned for hours.']],
  ['Flights resume at 6 a.m. Monday, officials said.', ['Flights resume at 6 a.m. Monday, officials said.']],
  ['Is it 5.30 p.m. already? Yes.', ['Is it 5.30 p.m. already?', 'Yes.']],
];

const miscAbbreviations: Row[] = [
  ['Some crops, e.g. maize and sorghum, failed. Others survived.', ['Some crops, e.g. maize and sorghum, failed.', 'Others survived.']],
  ['The second option, i.e. the cheaper one, won.', ['The second option, i.e. the cheaper one, won.']],
  ['They sold pens, paper, ink, etc. and nothing else.', ['They sold pens, paper, ink, etc. and nothing else.']],
  ['They sold pens, paper, ink, etc. The shop closed in May.', ['They sold pens, paper, ink, etc.', 'The shop closed in May.']],
  ['The final was Brazil vs. Germany before approx. 70,000 fans.', ['The final was Brazil vs. Germany before approx. 70,000 fans.']],
  ['The order was issued as Decree No. 417 last week.', ['The order was issued as Decree No. 417 last week.']],
  ['See Art. 5 and p. 12 of the treaty.', ['See Art. 5 and p. 12 of the treaty.']],
  ['Smith et al. reported similar results.', ['Smith et al. reported similar results.']],
  ['Roe v. Wade was decided in 1973.', ['Roe v. Wade was decided in 1973.']],
  ['The deal went to Harlow & Co. It was signed on Tuesday.', ['The deal went to Harlow & Co.', 'It was signed on Tuesday.']],
  ['Acme Inc. reported a loss. It blamed the weather.', ['Acme Inc. reported a loss.', 'It blamed the weather.']],
  ['He grew up in Springfield, Ill. The family moved in 1990.', ['He grew up in Springfield, Ill.', 'The family moved in 1990.']],
];

const initialisms: Row[] = [
  ['He moved to the U.S. He found work within a month.', ['He moved to the U.S.', 'He found work within a month.']],
  ['The U.S. Army denied the report.', ['The U.S. Army denied the report.']],
  ['Officials in the U.K. and the E.U. have not commented.', ['Officials in the U.K. and the E.U. have not commented.']],
  ['The summit took place at U.N. headquarters.', ['The summit took place at U.N. headquarters.']],
  ['She works in Washington, D.C. They met there in 2019.', ['She works in Washington, D.C.', 'They met there in 2019.']],
  ['He earned a Ph.D. in chemistry before joining the firm.', ['He earned a Ph.D. in chemistry before joining the firm.']],
  ['The motion passed at the U.N. But two members abstained.', ['The motion passed at the U.N.', 'But two members abstained.']],
  ['John F. Kennedy took office in 1961.', ['John F. Kennedy took office in 1961.']],
  ['The novel by J. R. R. Tolkien sold millions.', ['The novel by J. R. R. Tolkien sold millions.']],
  ['The prize went to Maria K. Osei. She thanked her team.', ['The prize went to Maria K. Osei.', 'She thanked her team.']],
  ['They need vitamin D. It is cheap.', ['They need vitamin D.', 'It is cheap.']],
  ['He met P. A. Smith at the port.', ['He met P. A. Smith at the port.']],
  ['The U.S. No. 2 diplomat flew in.', ['The U.S. No. 2 diplomat flew in.']],
  ['They arrived at 3 P.M. The meeting began late.', ['They arrived at 3 P.M.', 'The meeting began late.']],
];

const numbers: Row[] = [
  ['Attendance reached 67,160 on Saturday. The record still stands.', ['Attendance reached 67,160 on Saturday.', 'The record still stands.']],
  ['Inflation rose 3.5% in March. Wages rose 1.5% over the period.', ['Inflation rose 3.5% in March.', 'Wages rose 1.5% over the period.']],
  ['The deal is worth $2.3 billion. Shares jumped.', ['The deal is worth $2.3 billion.', 'Shares jumped.']],
  ['Pi is roughly 3.14. Engineers often round it.', ['Pi is roughly 3.14.', 'Engineers often round it.']],
  ['Version 2.4.1 fixed the bug. Update now.', ['Version 2.4.1 fixed the bug.', 'Update now.']],
  ['She paid $100.00 for the ticket.', ['She paid $100.00 for the ticket.']],
  ['The count ended at 412. 300 ballots were disputed.', ['The count ended at 412.', '300 ballots were disputed.']],
  ['The temperature hit 40°C. Schools closed early.', ['The temperature hit 40°C.', 'Schools closed early.']],
];

const urls: Row[] = [
  ['Details are at example.org/report.html. Read them carefully.', ['Details are at example.org/report.html.', 'Read them carefully.']],
  ['Write to press.office@agency.example.com for a copy.', ['Write to press.office@agency.example.com for a copy.']],
  ['The site example.com went offline. Engineers restored it.', ['The site example.com went offline.', 'Engineers restored it.']],
  ['See https://news.example.net/a/b?id=4. It explains more.', ['See https://news.example.net/a/b?id=4.', 'It explains more.']],
];

const quotations: Row[] = [
  ['He said, \u201cGo home.\u201d Then he left.', ['He said, \u201cGo home.\u201d', 'Then he left.']],
  ['\u201cGo home,\u201d he said.', ['\u201cGo home,\u201d he said.']],
  ['\u201cIs it over?\u201d she asked.', ['\u201cIs it over?\u201d she asked.']],
  ['\u201cRun!\u201d someone shouted. The crowd scattered.', ['\u201cRun!\u201d someone shouted.', 'The crowd scattered.']],
  ["She told us, 'It is finished.' We believed her.", ["She told us, 'It is finished.'", 'We believed her.']],
  ['"This is fine." She smiled anyway.', ['"This is fine."', 'She smiled anyway.']],
  ['"This is fine." she said.', ['"This is fine." she said.']],
  ['\u201cWho wrote \u2018never again\u2019?\u201d the host asked.', ['\u201cWho wrote \u2018never again\u2019?\u201d the host asked.']],
  [
    'She quoted him: \u201cThey told me \u2018Wait.\u2019 So I waited.\u201d',
    ['She quoted him: \u201cThey told me \u2018Wait.\u2019', 'So I waited.\u201d'],
  ],
  ['Il a dit : \u00ab Je pars. \u00bb Puis il est sorti.', ['Il a dit : \u00ab Je pars. \u00bb', 'Puis il est sorti.']],
  ['Er rief: \u201eKomm her!\u201c Dann ging er.', ['Er rief: \u201eKomm her!\u201c', 'Dann ging er.']],
];

const ellipses: Row[] = [
  ['And then... it just stopped.', ['And then... it just stopped.']],
  ['We waited\u2026 Nothing happened.', ['We waited\u2026', 'Nothing happened.']],
  ['He paused... The room went quiet.', ['He paused...', 'The room went quiet.']],
  ['The answer is . . . I honestly forget.', ['The answer is . . . I honestly forget.']],
  ['It ended there. . . . Nobody asked again.', ['It ended there. . . .', 'Nobody asked again.']],
  ['The note read "the army [...] withdrew at night" (Lee 12).', ['The note read "the army [...] withdrew at night" (Lee 12).']],
];

const parentheses: Row[] = [
  ['(See below.) Next comes the summary.', ['(See below.)', 'Next comes the summary.']],
  ['The mayor (she had arrived late.) spoke first.', ['The mayor (she had arrived late.) spoke first.']],
  ['He left early (the meeting ran long). Nobody minded.', ['He left early (the meeting ran long).', 'Nobody minded.']],
  ['Prices rose. (Analysts expected it.) Markets fell.', ['Prices rose.', '(Analysts expected it.)', 'Markets fell.']],
  ['It opened in 1932.[4] Crowds came at once.', ['It opened in 1932.[4]', 'Crowds came at once.']],
];

const layout: Row[] = [
  ['Election results\nThe count finished overnight. Turnout was high.', ['Election results', 'The count finished overnight.', 'Turnout was high.']],
  ['Chapter One\r\nIt began quietly.', ['Chapter One', 'It began quietly.']],
  ['First line.\n\n\nSecond line.', ['First line.', 'Second line.']],
  ['a sentence cut\nin two by a stray break', ['a sentence cut', 'in two by a stray break']],
  ['Too   many    spaces.    Another one.', ['Too   many    spaces.', 'Another one.']],
  ['  leading and trailing  ', ['leading and trailing']],
  ['', []],
  ['   \n  \t \r\n ', []],
  ['Tabs\tbetween.\tWords here.', ['Tabs\tbetween.', 'Words here.']],
];

const lists: Row[] = [
  ['1. Gather the documents', ['1. Gather the documents']],
  ['2. Review them. 3. Sign them.', ['2. Review them.', '3. Sign them.']],
  ['1) Pack 2) Travel 3) Rest', ['1) Pack', '2) Travel', '3) Rest']],
  ['1.) Book a room 2.) Pay the deposit', ['1.) Book a room', '2.) Pay the deposit']],
  ['a. Apples b. Pears', ['a. Apples', 'b. Pears']],
  ['\u2022 Lower taxes \u2022 Better roads', ['\u2022 Lower taxes', '\u2022 Better roads']],
  ['IV. Results', ['IV. Results']],
  ['- \ud83d\uddd3\ufe0f Immediate departure: The delegation leaves on Friday.', ['- \ud83d\uddd3\ufe0f Immediate departure: The delegation leaves on Friday.']],
  ['- \u2705 Approved by parliament. The bill now goes to the senate.', ['- \u2705 Approved by parliament.', 'The bill now goes to the senate.']],
  ['We won the final! \ud83c\udf89 Celebrations lasted all night.', ['We won the final! \ud83c\udf89', 'Celebrations lasted all night.']],
  ['All rights reserved. \u00a9 2024 Acme.', ['All rights reserved.', '\u00a9 2024 Acme.']],
  ['Q. Why did it close? A. Nobody came.', ['Q. Why did it close?', 'A. Nobody came.']],
];

const otherLanguages: Row[] = [
  ['M. Dupont est arriv\u00e9 hier. Il repart demain.', ['M. Dupont est arriv\u00e9 hier.', 'Il repart demain.']],
  ['Quoi ? Personne ne sait !', ['Quoi ?', 'Personne ne sait !']],
  ['Der Vertrag wurde am 3. Oktober unterzeichnet. Er gilt sofort.', ['Der Vertrag wurde am 3. Oktober unterzeichnet.', 'Er gilt sofort.']],
  ['Im 19. Jahrhundert wuchs die Stadt schnell.', ['Im 19. Jahrhundert wuchs die Stadt schnell.']],
  ['Viele St\u00e4dte, z.B. Berlin und Hamburg, sind betroffen.', ['Viele St\u00e4dte, z.B. Berlin und Hamburg, sind betroffen.']],
  ['Vive en EE.UU. La econom\u00eda crece.', ['Vive en EE.UU.', 'La econom\u00eda crece.']],
  ['Il est parti. \u00ab Bonjour \u00bb, dit-elle.', ['Il est parti.', '\u00ab Bonjour \u00bb, dit-elle.']],
  ['M. Le Pen a r\u00e9agi.', ['M. Le Pen a r\u00e9agi.']],
  ['\u00bfD\u00f3nde est\u00e1 el Sr. G\u00f3mez? Nadie lo sabe.', ['\u00bfD\u00f3nde est\u00e1 el Sr. G\u00f3mez?', 'Nadie lo sabe.']],
  ['\u00a1Qu\u00e9 sorpresa! \u00bfVienes ma\u00f1ana?', ['\u00a1Qu\u00e9 sorpresa!', '\u00bfVienes ma\u00f1ana?']],
  ['A Sra. Costa chegou cedo. Ela trouxe os documentos.', ['A Sra. Costa chegou cedo.', 'Ela trouxe os documentos.']],
  ['P\u0159i\u0161el nap\u0159. Nov\u00e1k. Pak ode\u0161el.', ['P\u0159i\u0161el nap\u0159. Nov\u00e1k.', 'Pak ode\u0161el.']],
  ['\u4eca\u5929\u4e0b\u96e8\u4e86\u3002\u6211\u4eec\u7559\u5728\u5bb6\u91cc\uff01\u4f60\u5462\uff1f', ['\u4eca\u5929\u4e0b\u96e8\u4e86\u3002', '\u6211\u4eec\u7559\u5728\u5bb6\u91cc\uff01', '\u4f60\u5462\uff1f']],
  ['\u4ed6\u8bfb\u5b8c\u4e86\u300a\u4f60\u597d\uff01\u4e16\u754c\u300b\u8fd9\u672c\u4e66\u3002\u7136\u540e\u7761\u4e86\u3002', ['\u4ed6\u8bfb\u5b8c\u4e86\u300a\u4f60\u597d\uff01\u4e16\u754c\u300b\u8fd9\u672c\u4e66\u3002', '\u7136\u540e\u7761\u4e86\u3002']],
  ['\u592a\u597d\u4e86!\u6211\u4eec\u8d62\u4e86\u3002', ['\u592a\u597d\u4e86!', '\u6211\u4eec\u8d62\u4e86\u3002']],
  ['\u041e\u043d \u043f\u0440\u0438\u0448\u0451\u043b \u0434\u043e\u043c\u043e\u0439. \u0411\u044b\u043b\u043e \u043f\u043e\u0437\u0434\u043d\u043e.', ['\u041e\u043d \u043f\u0440\u0438\u0448\u0451\u043b \u0434\u043e\u043c\u043e\u0439.', '\u0411\u044b\u043b\u043e \u043f\u043e\u0437\u0434\u043d\u043e.']],
  ['\u0935\u0939 \u0918\u0930 \u0917\u092f\u093e\u0964 \u092b\u093f\u0930 \u0938\u094b \u0917\u092f\u093e\u0964', ['\u0935\u0939 \u0918\u0930 \u0917\u092f\u093e\u0964', '\u092b\u093f\u0930 \u0938\u094b \u0917\u092f\u093e\u0964']],
  ['The talks ended. \u0644\u0645 \u064a\u062a\u0641\u0642\u0648\u0627.', ['The talks ended.', '\u0644\u0645 \u064a\u062a\u0641\u0642\u0648\u0627.']],
];

const groups: Record<string, Row[]> = {
  basics,
  titles,
  'months and times': monthsAndTimes,
  'misc abbreviations': miscAbbreviations,
  'initialisms and initials': initialisms,
  numbers,
  'urls and emails': urls,
  quotations,
  ellipses,
  parentheses,
  'layout and whitespace': layout,
  'lists and emoji': lists,
  'other languages': otherLanguages,
};

const allRows = Object.values(groups).flat();

describe('splitSentences boundaries', () => {
  it('has a substantial table', () => {
    expect(allRows.length).toBeGreaterThanOrEqual(60);
  });

  for (const [name, rows] of Object.entries(groups)) {
    describe(name, () => {
      it.each(rows)('%j', (input, expected) => {
        const spans = splitSentences(input);
        expect(spans.map((s) => s.text)).toEqual(expected);
        checkInvariants(input, spans);
      });
    });
  }

  it('reports offsets into the original string', () => {
    const input = '  Hello there.   General news.\r\nNext line';
    expect(splitSentences(input)).toEqual([
      { text: 'Hello there.', start: 2, end: 14 },
      { text: 'General news.', start: 17, end: 30 },
      { text: 'Next line', start: 32, end: 41 },
    ]);
  });
});

/** xorshift32: small, deterministic and good enough to shake out edge cases. */
function makeRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('empty choice');
  return item;
}

const CHARS = [
  ...'abcXYZ019 .!?,;:\'"()[]-\u2026\u201c\u201d\u2018\u2019\u00ab\u00bb\u3002\uff01\uff1f\u300a\u300b\u2022\u00a0\u200b\t\n\r',
  '\u4e2d',
  '\u00e9',
  '\ud83c\udf89',
  '\ud800',
  '\udfff',
  '\u2028',
  '\u0964',
];

const TOKENS = [
  'Mr.', 'Dr.', 'U.S.', 'e.g.', 'etc.', 'Oct.', 'No.', 'a.m.', 'p.m.', 'F.', 'I', 'The', 'He', 'said',
  'house', '3.5%', '67,160', '$2.3', '1.', '2)', '(a)', '\u2022', '...', '\u2026', '. . .', '?!', '!',
  '\u201cGo.\u201d', "'Yes.'", '(See.)', '[...]', 'example.com', 'a@b.org', '\u00bb', '\u00ab', '\ud83c\udf89',
  '\u5c71\u3002', 'am', '3.', 'Oktober', '\n', '\r\n', '  ', '.', ',', 'iPhone', '[1]',
];

describe('splitSentences properties', () => {
  it('keeps its invariants on random character soup', () => {
    const random = makeRandom(20240611);
    for (let round = 0; round < 1500; round++) {
      const length = Math.floor(random() * 120);
      let input = '';
      for (let i = 0; i < length; i++) input += pick(random, CHARS);
      const spans = splitSentences(input);
      const problems = invariantProblems(input, spans);
      if (problems.length > 0) checkInvariants(input, spans);
      if (JSON.stringify(splitSentences(input)) !== JSON.stringify(spans)) throw new Error(`not deterministic: ${JSON.stringify(input)}`);
    }
  });

  it('keeps its invariants on random token streams', () => {
    const random = makeRandom(7);
    for (let round = 0; round < 1500; round++) {
      const count = Math.floor(random() * 40);
      const parts: string[] = [];
      for (let i = 0; i < count; i++) parts.push(pick(random, TOKENS));
      const input = parts.join(random() < 0.5 ? ' ' : pick(random, [' ', '', '  ', '\u00a0']));
      const spans = splitSentences(input);
      if (invariantProblems(input, spans).length > 0) checkInvariants(input, spans);
    }
  });

  it('never throws on odd inputs', () => {
    const odd = ['\ud800', '\udc00.', '.\ud800 A', '\u0000. \u0000', '...', '. . .', '!?', '\u300a\u300a\u3002', '[...]', '\u2022', '1.', '(', ')', '\ufeff'];
    for (const input of odd) checkInvariants(input, splitSentences(input));
  });

  it('returns one span for a very long sentence', () => {
    const long = 'word '.repeat(2000) + 'end.';
    const spans = splitSentences(long);
    expect(spans).toHaveLength(1);
    checkInvariants(long, spans);
  });

  // Speed is measured by the benchmarks; this checks 5 MB is split at all and correctly.
  it('handles 5 MB of text', () => {
    const paragraph =
      'Dr. Ames said the U.S. plan would cost $2.3 billion by Oct. 3. \u201cIt works,\u201d she said. Then... nothing! ' +
      '\u4ed6\u8d70\u4e86\u3002 See example.com/a.b for details (p. 4).\n';
    const input = paragraph.repeat(Math.ceil(5_000_000 / paragraph.length));
    const spans = splitSentences(input);
    expect(spans.length).toBeGreaterThan(100_000);
  });

  it('keeps its invariants on pathological runs', () => {
    const inputs = ['.'.repeat(1_000_000), 'a.'.repeat(500_000), '. '.repeat(500_000), '\n'.repeat(1_000_000), 'x'.repeat(1_000_000) + '.'];
    for (const input of inputs) checkInvariants(input, splitSentences(input));
  });
});

describe('normalizeForMatch', () => {
  it.each([
    ['  \u201cHello\u201d   World \u2014 it\u2019s  ', '"hello" world - it\'s'],
    ['A\u00a0B\tC\nD', 'a b c d'],
    ['\u00abBonjour\u00bb', '"bonjour"'],
    ['Cafe\u0301', 'caf\u00e9'],
    ['co\u00adoperate', 'cooperate'],
    ['\ufb01nal \uff21\uff22', 'final ab'],
    ['1990\u20132000', '1990-2000'],
    ['\u2018single\u2019 and \u201edouble\u201c', "'single' and \"double\""],
    ['', ''],
    ['   ', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeForMatch(input)).toBe(expected);
  });

  it('makes differently typeset quotes equal', () => {
    expect(normalizeForMatch('He said \u201cno\u201d \u2013 twice.')).toBe(normalizeForMatch('he said "no"  -  twice.'));
  });
});

describe('tokenizeWords', () => {
  it.each([
    ['Don\u2019t stop\u2014the U.S. well-known rock\'n\'roll', ["don't", 'stop', 'the', 'u', 's', 'well-known', "rock'n'roll"]],
    ['67,160 people; 3.5% of $2.3 billion', ['67,160', 'people', '3.5', 'of', '2.3', 'billion']],
    ['Z\u00fcrich, Krak\u00f3w and \u5317\u4eac S\u00e3o Paulo', ['z\u00fcrich', 'krak\u00f3w', 'and', '\u5317\u4eac', 's\u00e3o', 'paulo']],
    ["'quoted' -- dashes -", ['quoted', 'dashes']],
    ["students' books", ['students', 'books']],
    ['1990\u20132000', ['1990', '2000']],
    ['Cafe\u0301 CAF\u00c9', ['caf\u00e9', 'caf\u00e9']],
    ['end. Next', ['end', 'next']],
    ['', []],
    ['\ud800 lone', ['lone']],
  ])('%j', (input, expected) => {
    expect(tokenizeWords(input)).toEqual(expected);
  });
});
