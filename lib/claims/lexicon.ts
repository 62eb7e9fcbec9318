/**
 * The English vocabulary of offices, qualifiers and sourcing that claims are
 * read with. Generic newsroom language only: facts about particular people,
 * places or stories belong in the knowledge base (lib/kb/data), not here.
 */
import type { OfficeRole } from '../kb/schema';

/** Office titles as articles write them, longest first when matched, with the role they denote. */
export const TITLE_ROLES: ReadonlyArray<readonly [string, OfficeRole | 'vice-president' | 'envoy' | 'other']> = [
  ['vice president', 'vice-president'],
  ['vice-president', 'vice-president'],
  ['prime minister', 'head-of-government'],
  ['premier', 'head-of-government'],
  ['chancellor', 'head-of-government'],
  ['president', 'head-of-state'],
  ['king', 'head-of-state'],
  ['queen', 'head-of-state'],
  ['emir', 'head-of-state'],
  ['amir', 'head-of-state'],
  ['sultan', 'head-of-state'],
  ['supreme leader', 'head-of-state'],
  ['secretary of state', 'foreign-minister'],
  ['foreign secretary', 'foreign-minister'],
  ['foreign minister', 'foreign-minister'],
  ['minister of foreign affairs', 'foreign-minister'],
  ['top diplomat', 'foreign-minister'],
  ['defense secretary', 'defence-minister'],
  ['defence secretary', 'defence-minister'],
  ['secretary of defense', 'defence-minister'],
  ['secretary of war', 'defence-minister'],
  ['war secretary', 'defence-minister'],
  ['defense minister', 'defence-minister'],
  ['defence minister', 'defence-minister'],
  ['minister of defense', 'defence-minister'],
  ['minister of defence', 'defence-minister'],
  ['intelligence chief', 'intelligence-chief'],
  ['intelligence director', 'intelligence-chief'],
  ['head of intelligence', 'intelligence-chief'],
  ['spy chief', 'intelligence-chief'],
  ['spymaster', 'intelligence-chief'],
  ['director of national intelligence', 'intelligence-chief'],
  ['secretary-general', 'secretary-general'],
  ['secretary general', 'secretary-general'],
  ['special envoy', 'envoy'],
  ['envoy', 'envoy'],
];

/** Words before a title that change what it claims. */
export const QUALIFIER_WORDS: Readonly<Record<string, 'former' | 'acting' | 'then' | 'late' | 'elect'>> = {
  former: 'former',
  'ex-': 'former',
  ex: 'former',
  onetime: 'former',
  'one-time': 'former',
  previous: 'former',
  acting: 'acting',
  interim: 'acting',
  caretaker: 'acting',
  'then-': 'then',
  then: 'then',
  late: 'late',
  incoming: 'elect',
};

/** Honorifics that may stand between a title and a name, or before a name. */
export const HONORIFICS = ['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Sheikh', 'Sheikha', 'Sir', 'Dame', 'Lord', 'Prince', 'Princess', 'Gen.', 'General', 'Adm.', 'Admiral', 'Col.', 'Lt.', 'Rabbi', 'Imam', 'Judge'];

/** Lower-case name particles that continue a name ("bin", "al-", "van"). */
export const NAME_PARTICLES = new Set(['bin', 'ibn', 'bint', 'al', 'el', 'abu', 'abd', 'de', 'da', 'di', 'del', 'della', 'der', 'van', 'von', 'la', 'le', 'du', 'dos', 'das', 'y', 'ben']);

/** Seats of government that stand for their state in news prose. */
export const INSTITUTION_JURISDICTIONS: Readonly<Record<string, string>> = {
  'White House': 'US',
  Pentagon: 'US',
  'State Department': 'US',
  'Oval Office': 'US',
  'Capitol Hill': 'US',
  Kremlin: 'RU',
  'Downing Street': 'GB',
  Whitehall: 'GB',
  Élysée: 'FR',
  Elysee: 'FR',
  Knesset: 'IL',
  Bundestag: 'DE',
  Zhongnanhai: 'CN',
};

/** News organisations commonly cited by name. */
export const NEWS_OUTLETS = [
  'Reuters', 'Associated Press', 'AP', 'AFP', 'Agence France-Presse', 'BBC', 'CNN', 'CBS News', 'NBC News', 'ABC News', 'Fox News',
  'The New York Times', 'New York Times', 'The Washington Post', 'Washington Post', 'The Wall Street Journal', 'Wall Street Journal',
  'The Guardian', 'Financial Times', 'The Times', 'The Economist', 'Bloomberg', 'Axios', 'Politico', 'NPR', 'Al Jazeera',
  'Al Arabiya', 'Al Qahera News', 'Haaretz', 'The Times of Israel', 'Times of Israel', 'The Jerusalem Post', 'Jerusalem Post',
  'Channel 12', 'Kan', 'Ynet', 'Le Monde', 'Der Spiegel', 'Xinhua', 'TASS', 'Anadolu', 'Sky News', 'Deutsche Welle', 'DW',
  'USA Today', 'Los Angeles Times', 'The Telegraph', 'The Independent', 'Euronews', 'France 24', 'Yonhap', 'Kyodo', 'NHK',
];

/** Phrases that mark a claim as resting on an unnamed source. */
export const ANONYMOUS_SOURCE =
  /\b(requested anonymity|on condition of anonymity|speaking anonymously|declined to be (named|identified)|not authori[sz]ed to speak|sources? (close to|familiar with)|(a|an|one|two|three|several) (senior |western |regional |u\.?s\.? |american |israeli |arab |palestinian |egyptian |qatari |diplomatic )*(officials?|sources?|diplomats?) (said|told|say)|diplomatic sources|speaking on background|people familiar with)\b/i;

/** Verbs of saying, for attributions. */
export const SAY_VERBS = /\b(said|says|told|stated|added|noted|emphasi[sz]ed|stressed|warned|argued|claimed|insisted|according to|reported|quoted by|cited by|commented|explained)\b/i;
