/**
 * Shape of the knowledge base: who held which office when, plus the dated
 * events articles use to date themselves. Every shipped file and every
 * imported update is parsed with `KnowledgeBaseSchema`, so the query code can
 * rely on the invariants checked here (valid dates, from <= to, known people).
 */
import { z } from 'zod';
import { isHttpUrl } from '../url';

/** A real calendar date as YYYY-MM-DD (rejects 2025-02-30, which a bare regex would let through). */
export const KbDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');

/** Sources open in the reader's browser, so only http(s) links are allowed. */
export const KbSourceUrl = z.string().refine(isHttpUrl, 'expected an http(s) URL');

/**
 * `institution-head` covers offices of international bodies that are neither a
 * state's head nor a secretary-general (EU Commission and Council presidents,
 * the African Union Commission chair), so they are not mistaken for heads of state.
 */
export const OfficeRoleSchema = z.enum([
  'head-of-state',
  'head-of-government',
  'foreign-minister',
  'defence-minister',
  'intelligence-chief',
  'secretary-general',
  'institution-head',
  'vice-president',
]);
export type OfficeRole = z.infer<typeof OfficeRoleSchema>;

export const JurisdictionSchema = z.object({
  /** ISO 3166-1 alpha-2 where one exists (GB, not UK); otherwise a short code such as EU, UN, AFRICAN-UNION. */
  code: z.string().regex(/^[A-Z][A-Z-]{1,19}$/, 'expected an upper-case code'),
  /** The names articles use, the first being the display name. */
  names: z.array(z.string().min(1)).min(1),
  demonyms: z.array(z.string().min(1)),
  capital: z.string().min(1).optional(),
});
export type Jurisdiction = z.infer<typeof JurisdictionSchema>;

export const PersonSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case slug'),
  name: z.string().min(1),
  /** Full-name variants and nicknames; a bare surname belongs here only if no one else in the KB shares it. */
  aliases: z.array(z.string().min(1)),
  /**
   * The bare surname(s) articles use ("Trump", "Aoun", "Sisi"). Unlike aliases
   * these may be shared: a surname carried by two people resolves to no one.
   */
  surnames: z.array(z.string().min(1)).optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const HolderSchema = z
  .object({
    person: z.string().min(1),
    /** First day in office. */
    from: KbDate,
    /**
     * Last day in office, inclusive; null while still in office. A handover
     * day usually appears as both the outgoing `to` and the incoming `from`,
     * because news on that day may name either.
     */
    to: KbDate.nullable(),
    /** Acting or interim holder; may overlap a suspended substantive holder. */
    acting: z.boolean().optional(),
    /** Date of the election that brought this term (for "-elect" claims). */
    elected: KbDate.optional(),
    /**
     * How many days the start (or end) date may be off either way, where
     * sources disagree (appointment vs. swearing-in, a designate period).
     * Claims about the office within that margin are not judged.
     */
    fromFuzzDays: z.number().int().min(0).max(90).optional(),
    toFuzzDays: z.number().int().min(0).max(90).optional(),
    /**
     * For a term still open on `currentTo` whose length the constitution fixes
     * (a US president's four years): the day it is due to end. Past `currentTo`
     * the holder is taken to be in office until then, with less confidence.
     */
    termEnds: KbDate.optional(),
    /** Where `termEnds` is written (the election result, the constitution). */
    termSource: KbSourceUrl.optional(),
    note: z.string().optional(),
    source: KbSourceUrl,
  })
  .refine((h) => h.to === null || h.from <= h.to, { message: '`from` is after `to`', path: ['to'] })
  .refine((h) => h.termEnds === undefined || (h.to === null && h.termEnds > h.from), {
    message: '`termEnds` belongs to an open term and comes after `from`',
    path: ['termEnds'],
  });
export type Holder = z.infer<typeof HolderSchema>;

/** A stretch of an office's history with no holder the KB can name. */
export const GapSchema = z
  .object({
    from: KbDate,
    to: KbDate.nullable(),
    /**
     * vacant: no one held the office, so any named holder is wrong.
     * unrecorded: someone acted (often unnamed, e.g. a Shin Bet deputy) but the KB does not say who, so claims are not judged.
     */
    kind: z.enum(['vacant', 'unrecorded']),
    note: z.string().min(1),
    source: KbSourceUrl.optional(),
  })
  .refine((g) => g.to === null || g.from <= g.to, { message: '`from` is after `to`', path: ['to'] });
export type OfficeGap = z.infer<typeof GapSchema>;

export const OfficeSchema = z.object({
  /** `${jurisdiction}.${role}`, with a suffix where a jurisdiction has several offices of one role. */
  id: z.string().regex(/^[A-Z][A-Z-]*\.[a-z-]+(\.[a-z0-9-]+)?$/, 'expected JURISDICTION.role[.suffix]'),
  jurisdiction: z.string().min(1),
  role: OfficeRoleSchema,
  /**
   * Further roles this office carries. Where one person is both head of state
   * and head of government (US, Indonesia, Gulf monarchs who chair the
   * cabinet) the office is recorded once, as head of state, with
   * `alsoRoles: ['head-of-government']`; `findOffices` matches either role. This
   * keeps a single list of holders to maintain instead of two copies that could drift.
   */
  alsoRoles: z.array(OfficeRoleSchema).optional(),
  title: z.string().min(1),
  /** The words a news article uses for this office; matched case-insensitively. */
  titles: z.array(z.string().min(1)).min(1),
  holders: z.array(HolderSchema).min(1),
  gaps: z.array(GapSchema).optional(),
  /**
   * Former holders are still addressed by the bare title by custom (a former US
   * president is "President X" years later): such a title on its own is not a claim that they hold the
   * office now. A prime ministership has no such custom.
   */
  formerHoldersKeepTitle: z.boolean().optional(),
  /** Where that custom is documented. */
  customSource: KbSourceUrl.optional(),
  /** The day the office ceased to exist (Turkey's prime minister, 2018). */
  abolished: KbDate.optional(),
  /**
   * Set where rival authorities claim the office (Yemen). The KB records the
   * internationally recognised side, but will not call a claim about the
   * other side false.
   */
  contested: z.string().optional(),
  note: z.string().optional(),
});
export type Office = z.infer<typeof OfficeSchema>;

export const KbEventSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case slug'),
    /** As articles write them; matching ignores case, "Oct."/"October", "Hamas-led" and curly quotes. */
    names: z.array(z.string().min(1)).min(1),
    date: KbDate,
    /** Last day, for events that span days (a war's ceasefire, not its aftermath). */
    endDate: KbDate.optional(),
    source: KbSourceUrl,
  })
  .refine((e) => e.endDate === undefined || e.date <= e.endDate, {
    message: '`date` is after `endDate`',
    path: ['endDate'],
  });
export type KbEvent = z.infer<typeof KbEventSchema>;

export const KnowledgeBaseSchema = z
  .object({
    version: z.literal(1),
    /** After this day the KB cannot know that an office changed hands. */
    currentTo: KbDate,
    /** Offices are complete from this day (or from their earliest holder, if earlier). */
    coverageFrom: KbDate,
    jurisdictions: z.array(JurisdictionSchema),
    people: z.array(PersonSchema),
    offices: z.array(OfficeSchema),
    events: z.array(KbEventSchema),
  })
  .superRefine((kb, ctx) => {
    const seen = (what: string, ids: string[], path: string) => {
      const set = new Set<string>();
      ids.forEach((id, i) => {
        if (set.has(id)) ctx.addIssue({ code: 'custom', message: `duplicate ${what} id "${id}"`, path: [path, i, 'id'] });
        set.add(id);
      });
      return set;
    };
    const codes = new Set<string>();
    kb.jurisdictions.forEach((j, i) => {
      if (codes.has(j.code)) ctx.addIssue({ code: 'custom', message: `duplicate jurisdiction "${j.code}"`, path: ['jurisdictions', i, 'code'] });
      codes.add(j.code);
    });
    const people = seen('person', kb.people.map((p) => p.id), 'people');
    seen('office', kb.offices.map((o) => o.id), 'offices');
    seen('event', kb.events.map((e) => e.id), 'events');
    kb.offices.forEach((o, i) => {
      if (!codes.has(o.jurisdiction)) {
        ctx.addIssue({ code: 'custom', message: `unknown jurisdiction "${o.jurisdiction}"`, path: ['offices', i, 'jurisdiction'] });
      }
      if (!o.id.startsWith(`${o.jurisdiction}.`)) {
        ctx.addIssue({ code: 'custom', message: `office id should start with "${o.jurisdiction}."`, path: ['offices', i, 'id'] });
      }
      o.holders.forEach((h, k) => {
        if (!people.has(h.person)) {
          ctx.addIssue({ code: 'custom', message: `unknown person "${h.person}"`, path: ['offices', i, 'holders', k, 'person'] });
        }
        if (h.from > kb.currentTo) {
          ctx.addIssue({ code: 'custom', message: 'term starts after currentTo', path: ['offices', i, 'holders', k, 'from'] });
        }
      });
    });
  });
export type KnowledgeBase = z.infer<typeof KnowledgeBaseSchema>;
