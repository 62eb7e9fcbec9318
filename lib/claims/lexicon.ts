/**
 * The English vocabulary of offices, qualifiers and sourcing that claims are
 * read with. Generic newsroom language only: facts about particular people,
 * places or stories belong in the knowledge base (lib/kb/data), not here.
 */
import type { OfficeRole } from '../kb/schema';

/**
 * Office titles as articles write them before or after a name, with the role
 * they usually denote. The role is only a fallback: a title is resolved to the
 * office of its jurisdiction whose own titles carry it (lib/kb data), so an
 * Iranian "President" is Iran's president, not its Supreme Leader.
 */
export const TITLE_ROLES: ReadonlyArray<readonly [string, OfficeRole | 'envoy' | 'other']> = [
  ['vice president', 'vice-president'],
  ['vice-president', 'vice-president'],
  ['first vice president', 'vice-president'],
  ['first vice-president', 'vice-president'],
  ['deputy president', 'vice-president'],
  ['prime minister', 'head-of-government'],
  ['pm', 'head-of-government'],
  ['premier', 'head-of-government'],
  ['chancellor', 'head-of-government'],
  ['taoiseach', 'head-of-government'],
  ['president', 'head-of-state'],
  ['pres.', 'head-of-state'],
  ['king', 'head-of-state'],
  ['queen', 'head-of-state'],
  ['emperor', 'head-of-state'],
  ['grand duke', 'head-of-state'],
  ['emir', 'head-of-state'],
  ['amir', 'head-of-state'],
  ['sultan', 'head-of-state'],
  ['supreme leader', 'head-of-state'],
  ['secretary of state', 'foreign-minister'],
  ['foreign secretary', 'foreign-minister'],
  ['foreign minister', 'foreign-minister'],
  ['foreign affairs minister', 'foreign-minister'],
  ['minister of foreign affairs', 'foreign-minister'],
  ['minister for foreign affairs', 'foreign-minister'],
  ['external affairs minister', 'foreign-minister'],
  ['minister of external affairs', 'foreign-minister'],
  ['high representative', 'foreign-minister'],
  ['top diplomat', 'foreign-minister'],
  ['defense secretary', 'defence-minister'],
  ['defence secretary', 'defence-minister'],
  ['secretary of defense', 'defence-minister'],
  ['secretary of war', 'defence-minister'],
  ['war secretary', 'defence-minister'],
  ['defense minister', 'defence-minister'],
  ['defence minister', 'defence-minister'],
  ['armed forces minister', 'defence-minister'],
  ['minister of defense', 'defence-minister'],
  ['minister of defence', 'defence-minister'],
  ['minister for defence', 'defence-minister'],
  ['minister of national defense', 'defence-minister'],
  ['minister of national defence', 'defence-minister'],
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

/**
 * Words before a title (or, for "-elect", after it) and what they make of the
 * claim: a past holder, a stand-in, someone about to take office, the sitting
 * holder; `history` words ("then", "late") place the mention in the past on
 * purpose, and `unsure` words ("new") could mean either side of a handover.
 */
export type QualifierSense = 'former' | 'acting' | 'elect' | 'current' | 'history' | 'unsure' | 'ordinal';
export const QUALIFIER_WORDS: Readonly<Record<string, QualifierSense>> = {
  former: 'former',
  'ex-': 'former',
  ex: 'former',
  onetime: 'former',
  'one-time': 'former',
  previous: 'former',
  erstwhile: 'former',
  acting: 'acting',
  interim: 'acting',
  caretaker: 'acting',
  incoming: 'elect',
  '-elect': 'elect',
  '-designate': 'elect',
  designate: 'elect',
  outgoing: 'current',
  current: 'current',
  sitting: 'current',
  incumbent: 'current',
  'then-': 'history',
  then: 'history',
  late: 'history',
  new: 'unsure',
  newly: 'unsure',
};

/** Words before a title that make it another office: a deputy prime minister is not the prime minister. */
export const OTHER_OFFICE_MODIFIERS = new Set([
  'deputy', 'vice', 'assistant', 'under', 'shadow', 'junior', 'associate', 'co', 'crown', 'lieutenant', 'provincial', 'state', 'regional',
  'party', 'club', 'team', 'company', 'league', 'union', 'student', 'university', 'college', 'association', 'federation', 'council', 'senate',
  'board', 'bank', 'court', 'committee', 'chamber', 'county', 'city', 'town', 'municipal', 'tribal', 'parish', 'campus', 'society',
]);

/** Nouns that end a non-office title in a list of titles ("defence minister and party leader X"). */
export const ROLE_NOUNS = new Set(['leader', 'chairman', 'chairwoman', 'chair', 'head', 'chief', 'founder', 'member', 'spokesman', 'spokeswoman', 'spokesperson', 'adviser', 'advisor', 'ambassador', 'envoy', 'candidate', 'nominee', 'governor', 'mayor', 'senator', 'minister', 'secretary']);

/**
 * Verbs that have the person act in the office: only the sitting holder
 * signs bills and orders into force, vetoes, appoints, pardons, imposes.
 * Said of someone who has left office, such a sentence claims they hold it
 * now, whatever title custom allows. (Speaking, declaring, issuing
 * statements, hosting rallies: former holders do those too.)
 */
export const IN_OFFICE_VERBS =
  /^(?:signs?|signed|signing|orders?|ordered|ordering|vetoe?s|vetoed|vetoing|appoints?|appointed|appointing|nominates?|nominated|nominating|pardons?|pardoned|pardoning|commutes?|commuted|imposes?|imposed|imposing|authori[sz]es?|authori[sz]ed|deploys?|deployed)\b/i;
/** Hosting and receiving as the holder: the guest is a person, a leader or a delegation, not a rally or a verdict. */
export const IN_OFFICE_HOSTING =
  /^(?:hosts?|hosted|hosting|welcomes?|welcomed|welcoming|receives?|received|receiving)\s+(?:\p{Lu}|(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:president|prime minister|premier|chancellor|king|queen|emir|leaders?|delegation|foreign minister|counterpart)\b|(?:world |foreign |regional )?leaders\b)/u;
/** Words before a title that make its holder the one others meet or join: as the holder only where the sentence is about office. */
export const IN_OFFICE_BEFORE =
  /\b(?:meets?|met|meetings?|to meet|talks|talked|talking|called|calls|summit|join|joined|joins|joining|hosted by|received by|welcomed by|appointed by|nominated by|signed by|ordered by|approved by|vetoed by|pardoned by)(?:\s+(?:with|by))?\s+$/i;
/** Places and settings of the office itself: a meeting there is the holder's. */
export const OFFICE_SETTING = /\b(?:White House|Oval Office|press briefing room|Situation Room|Elysée|Élysée|Downing Street|Kremlin|summit|state visit|bilateral|official visit|G7|G20|NATO)\b/i;

/** Honorifics that may stand between a title and a name, or before a name. */
export const HONORIFICS = ['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Sheikh', 'Sheikha', 'Sir', 'Dame', 'Lord', 'Prince', 'Princess', 'Gen.', 'General', 'Adm.', 'Admiral', 'Col.', 'Lt.', 'Rabbi', 'Imam', 'Judge', 'Ayatollah', 'Marshal', 'H.E.', 'HH', 'Dato', "Dato'", 'Datuk', 'Tun', 'Shri', 'Sri', 'Smt.'];

/** Lower-case name particles that continue a name ("bin", "al-", "van"). */
export const NAME_PARTICLES = new Set(['bin', 'ibn', 'bint', 'al', 'el', 'abu', 'abd', 'de', 'da', 'di', 'del', 'della', 'der', 'van', 'von', 'la', 'le', 'du', 'dos', 'das', 'do', 'e', 'y', 'ben', 'ter', 'ten', 'op']);

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
