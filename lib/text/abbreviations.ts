/**
 * Abbreviation data for the sentence segmenter. Every entry is lowercase and
 * written without its final period; internal periods are kept ("e.g", "u.s").
 *
 * The sets are grouped by how a period after them behaves, because that is
 * what the segmenter needs to know, not what the abbreviation means:
 *
 * - TITLES come before a name, so the period never ends a sentence.
 * - INNER abbreviations introduce or qualify what follows (e.g., vs.); they
 *   practically never end a sentence either.
 * - NUMBER_PREFIXES and MONTHS hold on to a following number ("No. 5",
 *   "Oct. 7"); before a capitalised word they behave like ordinary words.
 * - TRAILING abbreviations (Inc., Jr., a.m.; CAPITALISED_TRAILING for
 *   weekdays and states) can close a sentence or sit inside one;
 *   capitalisation of the next word cannot tell which, so the segmenter
 *   only splits when the next word is one of the SENTENCE_STARTERS. Dotted initialisms (U.S., U.K.) and single initials
 *   get the same treatment even when they are not listed.
 * - FINAL abbreviations (etc.) usually end whatever list they close; they
 *   are listed so it is explicit that they are treated as ordinary words.
 */

function set(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter((w) => w.length > 0));
}

/** Titles and honorifics in front of a name (English, Spanish, Portuguese, German, Czech). */
export const TITLES: ReadonlySet<string> = set(`
  mr mrs ms mx messrs mmes dr drs prof profs
  gen lt col maj capt cpt cmdr cdr comdr adm brig sgt cpl pvt pfc spc ens lieut
  gov sen sens rep reps pres supt det insp atty amb hon rev revd msgr fr br rt
  sec sheikh sheik mt ft
  mme mlle ste sta sto
  sra srta dra lic ing arq exmo exma
  hr hrn frl
  mgr bc mudr judr phdr rndr mvdr dipl
`);

/**
 * Month abbreviations (English, German, French, Spanish, Portuguese). "May"
 * has no short form; Spanish "ago." and Portuguese "set."/"out." are left out
 * because they are common English words.
 */
export const MONTHS: ReadonlySet<string> = set(`
  jan feb mar apr jun jul aug sep sept oct nov dec
  janv févr fév avr juil déc
  ene abr dic
  fev dez
`);

/** Abbreviations that stand in front of a number: "No. 5", "p. 12", "Art. 3", "Nr. 7". */
export const NUMBER_PREFIXES: ReadonlySet<string> = set(`
  no nos nr nrs n° nº núm num art arts p pp pg pag pág págs vol vols ch chap
  fig figs eq eqs para paras sec secs ref refs tab op est ed tel ext rm apt
  s bd č čís str
`);

/** Abbreviations that only occur inside a sentence (English, German, French, Spanish, Czech). */
export const INNER: ReadonlySet<string> = set(`
  e.g i.e viz cf vs v approx ca cca incl esp resp
  z.b bzw d.h u.a vgl ggf evtl sog bspw inkl zzgl ggü z.t u.u o.ä s.o s.u
  p.ex env
  p.ej aprox
  např tzv tj mj popř tzn zvl př
`);

/**
 * Abbreviations that may or may not close a sentence: company and name
 * suffixes, street types, a.m./p.m. and et al. "st" is here rather than in
 * TITLES because "St." is also "Street"; as "Saint" it is never followed by
 * a sentence starter, so the starter rule keeps "St. Louis" together anyway.
 */
export const TRAILING: ReadonlySet<string> = set(`
  inc co corp ltd llc plc cos bros jr sr esq al
  st ave blvd rd hwy pkwy dept govt univ assn intl natl mfg
  a.m p.m
`);

/**
 * Trailing abbreviations that are also ordinary words ("Sat.", "Ill.",
 * "Wash.", "Miss."): weekdays and the US state and Canadian province
 * abbreviations of news style. They only count as abbreviations when
 * capitalised.
 */
export const CAPITALISED_TRAILING: ReadonlySet<string> = set(`
  mon tue tues wed thu thur thurs fri sat sun
  ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich
  minn miss mo mont neb nebr nev okla ore oreg pa penn tenn tex vt va wash wis
  wisc wyo ont que alta sask
`);

/** Abbreviations that usually end the list they close; treated as ordinary words. */
export const FINAL: ReadonlySet<string> = set(`
  etc usw atd apod
`);

/**
 * Dotted initialisms that are common in news text. Any token made of one- or
 * two-letter pieces joined by periods is recognised as an initialism anyway;
 * this list documents the expected ones and catches longer pieces.
 */
export const INITIALISMS: ReadonlySet<string> = set(`
  u.s u.s.a u.k u.n e.u d.c n.y n.j l.a s.f u.a.e u.s.s.r
  ph.d m.d b.a m.a b.sc m.sc j.d ll.m
  a.m p.m ee.uu
`);

/**
 * Words that typically open a sentence: articles, pronouns, conjunctions,
 * common prepositions, question words, auxiliaries and sentence adverbs,
 * plus the most frequent equivalents in German, French, Spanish and
 * Portuguese. After an ambiguous abbreviation ("U.S.", "Inc.", "F.") a
 * capitalised word from this list signals a new sentence; any other
 * capitalised word is more likely a name continuing the current one
 * ("U.S. Army", "John F. Kennedy"). Words that are also common names or
 * name parts (May, Will, Le as in "M. Le Pen", O as in "O'Brien") are left
 * out on purpose, and so is "No", which after "U.S." is more often "No. 2"
 * than a reply. Spanish "El"/"La" stay in: after "EE.UU." they start
 * sentences far more often than they begin a place name.
 */
export const SENTENCE_STARTERS: ReadonlySet<string> = set(`
  the a an this that these those there here it its he she they we i you
  his her their our my your him them us
  but and or so yet nor then now still also thus hence however meanwhile
  moreover furthermore nevertheless nonetheless instead indeed besides
  in on at for from with by as of to into after before when while once since
  until unless if although though because despite during according over under
  what who whom whose which why how where
  is are was were do does did has have had can could would should shall might must
  let please yes some many most all both each every several few such
  another other last next earlier later today yesterday tomorrow
  der die das ein eine er sie es wir ich aber und im am auch dies diese dann danach doch jedoch
  il elle ils elles nous je mais et dans ce cette un une les puis ensuite alors cependant
  el la él ella ellos ellas pero en los las una esta este luego después entonces también
  ele ela eles elas mas um uma depois então também
`);

/** German full month names, used to recognise ordinal dates such as "am 3. Oktober". */
export const ORDINAL_MONTH_NAMES: ReadonlySet<string> = set(`
  januar jänner februar märz april mai juni juli august september oktober november dezember
`);

/**
 * German words that precede an ordinal number ("im 19. Jahrhundert", "am 3. Mai"),
 * where the period marks the ordinal rather than the end of a sentence.
 */
export const ORDINAL_CUES: ReadonlySet<string> = set(`
  am im vom zum zur beim bis ab seit dem den der des die das ins
`);
