/**
 * The office-mention grammar, shape by shape, on sentences written for these
 * tests: what each shape reads (person, office, qualifier), and the engine's
 * verdict on a date when the mention is right and on one when it is wrong.
 */
import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../lib/claims/index';
import { Engine } from '../../lib/engine';
import { parsePlainText } from '../../lib/extract/plain-text';
import { loadKnowledgeBase } from '../../lib/kb/index';
import type { Analysis, ArticleText, Claim } from '../../lib/schema';

const kb = loadKnowledgeBase();
const engine = new Engine(kb, []);

const offices = (text: string): Claim[] =>
  extractClaims({ blocks: [{ kind: 'paragraph', text }], byline: 'By A Reporter', furniture: [] }, kb).claims.filter((c) => c.type === 'office');

function page(text: string, date: string): ArticleText {
  return {
    url: `https://news.example/${date}/story`,
    title: 'A report',
    byline: 'By A Reporter',
    siteName: 'news.example',
    language: 'en',
    blocks: text.split('\n').map((t) => ({ kind: 'paragraph' as const, text: t })),
    furniture: [],
    publishedAt: { from: date, to: date, source: 'meta', evidence: date },
  };
}

/** Findings (provenance aside) whose claim words include `mark`. */
const flagged = (a: Analysis, mark: string) => a.findings.filter((f) => f.kind !== 'provenance' && (f.claim?.surface ?? '').includes(mark));

describe('what each shape reads', () => {
  it.each([
    // [qualifier] [jurisdiction] title name
    ['Former Brazilian President Jair Bolsonaro spoke.', 'jair-bolsonaro', 'office:BR.head-of-state', 'former'],
    ['U.S. former President Barack Obama spoke.', 'barack-obama', 'office:US.head-of-state', 'former'],
    ['former United States President Joe Biden spoke.', 'joe-biden', 'office:US.head-of-state', 'former'],
    ['Israel’s former prime minister Naftali Bennett spoke.', 'naftali-bennett', 'office:IL.head-of-government', 'former'],
    ["Israel's former prime minister Naftali Bennett spoke.", 'naftali-bennett', 'office:IL.head-of-government', 'former'],
    ['ex-Prime Minister Boris Johnson wrote a column.', 'boris-johnson', 'office:GB.head-of-government', 'former'],
    ['One-time Italian Prime Minister Mario Draghi spoke.', 'mario-draghi', 'office:IT.head-of-government', 'former'],
    ['Outgoing Japanese Prime Minister Fumio Kishida spoke.', 'fumio-kishida', 'office:JP.head-of-government', 'current'],
    ['President-elect Donald Trump named his cabinet.', 'donald-trump', 'office:US.head-of-state', 'elect'],
    ['Incoming President Donald Trump named his cabinet.', 'donald-trump', 'office:US.head-of-state', 'elect'],
    ['Caretaker Prime Minister Najib Mikati met envoys.', 'najib-mikati', 'office:LB.head-of-government', 'acting'],
    ['Interim President Ilie Bolojan of Romania spoke.', 'ilie-bolojan', 'office:RO.head-of-state', 'acting'],
    // the jurisdiction after the name or after the title
    ['President Emmanuel Macron of France arrived.', 'emmanuel-macron', 'office:FR.head-of-state', 'current'],
    ['The Prime Minister of Canada, Justin Trudeau, spoke.', 'justin-trudeau', 'office:CA.head-of-government', 'current'],
    ['Prime Minister of India Narendra Modi spoke.', 'narendra-modi', 'office:IN.head-of-government', 'current'],
    // abbreviations, initials, diacritics
    ['Pres. Joe Biden spoke.', 'joe-biden', 'office:US.head-of-state', 'current'],
    ['PM Narendra Modi spoke.', 'narendra-modi', 'office:IN.head-of-government', 'current'],
    ['Secretary of State Antony J. Blinken spoke.', 'antony-blinken', 'office:US.foreign-minister', 'current'],
    ['President Andrés Manuel López Obrador spoke.', 'andres-manuel-lopez-obrador', 'office:MX.head-of-state', 'current'],
    // appositions both ways
    ['Olaf Scholz, the German chancellor, spoke.', 'olaf-scholz', 'office:DE.head-of-government', 'current'],
    ['Kamala Harris, the vice president, spoke.', 'kamala-harris', 'office:US.vice-president', 'current'],
    ['Tony Blair, the former prime minister, spoke.', 'tony-blair', 'office:GB.head-of-government', 'former'],
    ['The Vice President, Kamala Harris, spoke.', 'kamala-harris', 'office:US.vice-president', 'current'],
    ['Iran’s president, Masoud Pezeshkian, spoke.', 'masoud-pezeshkian', 'office:IR.head-of-government', 'current'],
    // a title resolves to the office of that jurisdiction that bears it
    ['Iranian President Ebrahim Raisi spoke.', 'ebrahim-raisi', 'office:IR.head-of-government', 'current'],
    ['Iran’s supreme leader, Ayatollah Ali Khamenei, spoke.', 'ali-khamenei', 'office:IR.head-of-state', 'current'],
    ['German President Frank-Walter Steinmeier spoke.', 'frank-walter-steinmeier', 'office:DE.head-of-state', 'current'],
    // possessive after the name
    ['Chancellor Olaf Scholz’s spokesman spoke.', 'olaf-scholz', 'office:DE.head-of-government', 'current'],
    // a copula either way ("who is the current prime minister" pages)
    ['The current Prime Minister of Canada is Justin Trudeau.', 'justin-trudeau', 'office:CA.head-of-government', 'current'],
    ['Justin Trudeau is the current Prime Minister of Canada.', 'justin-trudeau', 'office:CA.head-of-government', 'current'],
    ['Justin Trudeau, who is currently Canada’s prime minister, spoke.', 'justin-trudeau', 'office:CA.head-of-government', 'current'],
    ['Mark Carney currently serves as the Prime Minister of Canada.', 'mark-carney', 'office:CA.head-of-government', 'current'],
    ['Keir Starmer has been the Prime Minister of the United Kingdom since July 2024.', 'keir-starmer', 'office:GB.head-of-government', 'current'],
    ['Narendra Modi is currently the 14th Prime Minister of India.', 'narendra-modi', 'office:IN.head-of-government', 'current'],
  ])('%s', (sentence, person, fact, qualifier) => {
    const c = offices(sentence).find((x) => x.person === person);
    expect(c, JSON.stringify(offices(sentence).map((x) => [x.person, x.fact]))).toBeDefined();
    expect([c!.fact, c!.qualifier]).toEqual([fact, qualifier]);
  });

  it('reads every title of a list for the one person it names', () => {
    const cs = offices('Dutch Prime Minister and NATO Secretary General Mark Rutte spoke.');
    expect(cs.map((c) => [c.person, c.fact]).sort()).toEqual([
      ['mark-rutte', 'office:NATO.secretary-general'],
      ['mark-rutte', 'office:NL.head-of-government'],
    ]);
    const qatar = offices('Qatari Prime Minister and Foreign Minister Mohammed bin Abdulrahman Al Thani spoke.');
    expect(qatar.map((c) => c.fact).sort()).toEqual(['office:QA.foreign-minister', 'office:QA.head-of-government']);
    // A title for another office in the list is skipped, not read as the one after it.
    expect(offices('Deputy Prime Minister and Foreign Minister Mohammed bin Abdulrahman Al Thani spoke.').map((c) => c.fact)).toEqual(['office:QA.foreign-minister']);
  });

  it('marks the bare title apart from qualified ones', () => {
    expect(offices('President Joe Biden spoke.')[0]?.bareTitle).toBe(true);
    expect(offices('U.S. President Joe Biden spoke.')[0]?.bareTitle).toBe(false);
    expect(offices('President Joe Biden of the United States spoke.')[0]?.bareTitle).toBe(false);
    expect(offices('Former President Joe Biden spoke.')[0]?.bareTitle).toBe(false);
  });

  it.each([
    ['President Joe Biden signed the bill.', true],
    ['President Joe Biden vetoed the measure on Friday.', true],
    ['President Joe Biden hosted the Japanese prime minister.', true],
    ['Ukrainian President Volodymyr Zelensky is to meet with President Joe Biden on Friday.', true],
    ['Aides chose to join President Joe Biden in the press briefing room.', true],
    ['President Joe Biden told supporters he was tired.', false],
    ['President Donald Trump hosted a rally in Ohio.', false],
    ['President Donald Trump issued a statement on Monday.', false],
    ['Ron DeSantis met with President Donald Trump at his Florida home.', false],
  ])('%s → acting in office: %s', (sentence, acting) => {
    const c = offices(sentence).find((x) => x.person === 'joe-biden' || x.person === 'donald-trump');
    expect(c?.inOffice).toBe(acting);
  });

  it.each([
    ['then US President Barack Obama met him.'],
    ['then-Chancellor Angela Merkel met him.'],
    ['the late Queen Elizabeth II was mourned.'],
    ['The new Prime Minister Keir Starmer spoke.'],
    ['Deputy Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani spoke.'],
    ['UN General Assembly President Annalena Baerbock spoke.'],
    ['FIFA President Gianni Infantino spoke.'],
    ['The Premier League resumed.'],
    ['The Prime Minister’s Office said nothing.'],
    ['President and chief executive John Smith spoke.'],
    ['The Obama administration’s 2015 deal was abandoned.'],
    ['Irish Prime Minister Harris spoke.'],
    ['Justin Trudeau was the Prime Minister of Canada.'],
    ['Narendra Modi is the 14th Prime Minister of India.'],
    ['Barack Obama, the 44th president of the United States, spoke.'],
    ['Rishi Sunak, the Chancellor of the Exchequer, spoke.'],
    ['British Chancellor Rachel Reeves spoke.'],
    ['The President of the Senate Kamala Harris spoke.'],
    ['Prime Minister Jane Unknown-Person spoke.'],
    ['The meeting began at 8 PM Trump said.'],
  ])('reads no office claim from %j', (sentence) => {
    expect(offices(sentence).map((c) => [c.person, c.fact])).toEqual([]);
  });
});

describe('right on one date, wrong on another', () => {
  it.each([
    // shape, sentence, words of the claim, date it is right, date it is wrong
    ['qualifier + adjective', 'Former Brazilian President Jair Bolsonaro spoke to reporters.', 'Jair Bolsonaro', '2024-03-01', '2020-03-01'],
    ['jurisdiction + qualifier', 'U.S. former President Barack Obama praised the plan.', 'Barack Obama', '2018-05-01', '2012-05-01'],
    ['qualifier + abbreviation', 'former US President Donald Trump praised the plan.', 'Donald Trump', '2022-05-01', '2025-05-01'],
    ['qualifier + full name', 'Former United States President Joe Biden praised the plan.', 'Joe Biden', '2025-06-01', '2023-06-01'],
    ['possessive + qualifier', 'Israel’s former prime minister Naftali Bennett criticised the plan.', 'Naftali Bennett', '2023-03-01', '2022-03-01'],
    ['ex-', 'ex-Prime Minister Boris Johnson wrote a column.', 'Boris Johnson', '2023-03-01', '2020-03-01'],
    ['outgoing', 'Outgoing Japanese Prime Minister Fumio Kishida spoke in Tokyo.', 'Fumio Kishida', '2024-09-15', '2025-03-01'],
    ['-elect', 'President-elect Donald Trump named his cabinet.', 'Donald Trump', '2024-12-01', '2025-03-01'],
    ['acting', 'Acting President Han Duck-soo addressed the nation.', 'Han Duck-soo', '2025-04-10', '2025-07-01'],
    ['caretaker', 'Caretaker Prime Minister Najib Mikati met envoys in Beirut.', 'Najib Mikati', '2023-06-01', '2025-06-01'],
    ['jurisdiction + title', 'Canadian Prime Minister Justin Trudeau spoke in Ottawa.', 'Justin Trudeau', '2020-06-01', '2025-07-01'],
    ['of X after the name', 'Among the guests was President Joe Biden of the United States.', 'Joe Biden', '2022-06-01', '2025-06-01'],
    ['of X after the title', 'The Prime Minister of Canada, Justin Trudeau, spoke.', 'Justin Trudeau', '2020-06-01', '2025-07-01'],
    ['list of titles', 'Qatari Prime Minister and Foreign Minister Mohammed bin Abdulrahman Al Thani spoke.', 'Mohammed bin Abdulrahman', '2024-01-15', '2022-01-15'],
    ['abbreviated title', 'PM Narendra Modi spoke in Delhi.', 'Narendra Modi', '2020-06-01', '2013-06-01'],
    ['middle initial', 'Secretary of State Antony J. Blinken spoke.', 'Antony J. Blinken', '2022-06-01', '2025-06-01'],
    ['diacritics', 'Mexican President Andrés Manuel López Obrador spoke.', 'López Obrador', '2020-06-01', '2025-01-15'],
    ['apposition, name first', 'Olaf Scholz, the German chancellor, spoke in Berlin.', 'Olaf Scholz', '2022-06-01', '2025-07-01'],
    ['apposition, title first', 'The Vice President, Kamala Harris, spoke in Ohio.', 'Kamala Harris', '2022-06-01', '2025-06-01'],
    ['title of that jurisdiction', 'Iranian President Ebrahim Raisi spoke in Tehran.', 'Ebrahim Raisi', '2022-06-01', '2025-01-15'],
    ['possessive after the name', 'Chancellor Olaf Scholz’s spokesman declined to comment.', 'Olaf Scholz', '2022-06-01', '2025-07-01'],
    ['administration, now', 'The Biden administration is weighing new sanctions.', 'Biden administration', '2022-06-01', '2025-06-01'],
    ['administration’s, now', 'The Biden administration’s commitment to Ukraine remains firm.', 'Biden administration', '2022-06-01', '2025-06-01'],
    ['bare title acting in office', 'President Joe Biden signed the bill into law.', 'Joe Biden', '2022-06-01', '2025-06-01'],
    ['prime ministers keep no title', 'Prime Minister Boris Johnson visited the factory.', 'Boris Johnson', '2021-07-01', '2023-07-01'],
    ['copula, title first', 'The current Prime Minister of Canada is Justin Trudeau.', 'Justin Trudeau', '2020-06-01', '2025-07-01'],
    ['copula, name first', 'Fumio Kishida is the Prime Minister of Japan.', 'Fumio Kishida', '2023-06-01', '2025-06-01'],
  ])('%s: %s', (_shape, sentence, words, right, wrong) => {
    expect(flagged(engine.analyse(page(sentence, right)), words).map((f) => f.explanation)).toEqual([]);
    const found = flagged(engine.analyse(page(sentence, wrong)), words);
    expect(found.length, `no finding on ${wrong}`).toBeGreaterThan(0);
    expect(found[0]!.kind).toBe('knowledge-conflict');
  });

  it('names the holder of the office the title bears in the evidence (Iran’s president, not its Supreme Leader)', () => {
    const f = flagged(engine.analyse(page('Iranian President Ebrahim Raisi spoke in Tehran.', '2025-01-15')), 'Ebrahim Raisi')[0]!;
    expect(f.evidence.find((e) => e.article === 'kb')?.value).toMatch(/Pezeshkian/);
  });

  it.each([
    ['then, without a hyphen', 'Then US President Barack Obama met him in the Oval Office.', '2020-06-01'],
    ['the late', 'Mourners remembered the late Queen Elizabeth II.', '2024-06-01'],
    ['a year the sentence names', 'In 2019, Prime Minister Theresa May resigned.', '2023-06-01'],
    ['an archive picture', 'FILE PHOTO: German Chancellor Olaf Scholz speaks in Berlin.', '2025-07-01'],
    ['a caption dated years earlier', 'German Chancellor Olaf Scholz speaks in Berlin, Germany, March 3, 2022.', '2025-07-01'],
    ['the subject’s first term', 'Vice President Mike Pence joined meetings during President Donald Trump’s first term.', '2025-02-01'],
    ['claims that only hold together years earlier', 'Vice President Joe Biden stayed in the room for decisions made by President Barack Obama.', '2025-02-01'],
    ['kept title, not acting in office', 'President Donald Trump told the crowd he would run again.', '2022-06-01'],
    ['kept title of a monarch', 'Queen Elizabeth II was the longest-reigning monarch.', '2024-06-01'],
  ])('says nothing where the sentence is right: %s', (_shape, sentence, date) => {
    expect(engine.analyse(page(sentence, date)).findings.filter((f) => f.kind !== 'provenance').map((f) => f.explanation)).toEqual([]);
  });

  it('a wrong title beside a right one in the same sentence is still wrong', () => {
    const a = engine.analyse(page('On April 8, Indonesian President Joko Widodo answered the tariffs imposed by US President Donald Trump.', '2025-04-08'));
    expect(flagged(a, 'Joko Widodo').length).toBe(1);
    expect(flagged(a, 'Donald Trump')).toEqual([]);
  });

  it('"Former President X" is never inconsistent with the kept title "President X" on the same page', () => {
    const a = engine.analyse(page('Former President Donald Trump arrived in Atlanta.\nPresident Trump told the crowd he was innocent.', '2023-08-24'));
    expect(a.findings.filter((f) => f.kind !== 'provenance')).toEqual([]);
  });

  it('reads a mention broken over a line of plain text', () => {
    const text = 'A report\nOn Monday, U.S. President\nJoe Biden thanked his supporters.';
    const body = parsePlainText(text);
    const a = engine.analyse({ ...body, publishedAt: { from: '2025-05-19', to: '2025-05-19', source: 'meta', evidence: '' } });
    expect(flagged(a, 'Joe Biden').length).toBe(1);
  });
});

describe('past the knowledge base’s end', () => {
  it('a fixed term still decides: "former President" for a sitting one is a finding that says the record ends', () => {
    const [f] = flagged(engine.analyse(page('Former US President Donald Trump spoke in Florida.', '2026-02-01')), 'Donald Trump');
    expect(f?.kind).toBe('knowledge-conflict');
    expect(f!.confidence).toBeLessThanOrEqual(0.8);
    expect(f!.explanation).toMatch(/record ends on 21 October 2025/);
  });

  it('someone who had left office before the record ends, called the holder after it, is a finding at lower confidence', () => {
    const [f] = flagged(engine.analyse(page('Canadian Prime Minister Justin Trudeau spoke in Ottawa.', '2026-02-01')), 'Justin Trudeau');
    expect(f?.severity).toBe('medium');
    expect(f!.confidence).toBeLessThan(0.7);
  });

  it('a generated "who is the current prime minister" page of 2026 naming someone who had left is a finding', () => {
    const [f] = flagged(engine.analyse(page('Who is the current Prime Minister of Canada?\nJustin Trudeau is the current Prime Minister of Canada.', '2026-03-01')), 'Justin Trudeau');
    expect(f?.kind).toBe('knowledge-conflict');
    expect(f!.explanation).toMatch(/left the office/);
  });

  it('a holder in office when the record ends, with no fixed term, is not judged', () => {
    expect(flagged(engine.analyse(page('Japanese Prime Minister Sanae Takaichi spoke in Tokyo.', '2026-02-01')), 'Takaichi')).toEqual([]);
  });
});

describe('provenance on real newsrooms', () => {
  it('a "Listen to this article" player alone is a note on the source, not a highlight', () => {
    const a = engine.analyse(page('Listen to this article\nThe council approved the budget on Tuesday.', '2024-06-01'));
    expect(a.findings).toEqual([]);
    expect(a.table.columns.find((c) => c.id === 'page')?.signals).toContain('generated-audio widget');
  });

  it('beside an AI byline it is one more mark of a generated page', () => {
    const a = engine.analyse(page('AI Reporter: Sam Lee\nListen to this article\nThe council approved the budget on Tuesday.', '2024-06-01'));
    expect(a.findings.map((f) => f.claim?.signal).sort()).toEqual(['ai-author', 'tts-widget']);
  });
});
