/**
 * The mapping from Wikidata items to the knowledge base's ids
 * (scripts/kb/offices.json). It is data, not code, so adding an office to the
 * refresh is an edit a reviewer can check against the item it cites.
 */
import { z } from 'zod';
import { KbSourceUrl, OfficeRoleSchema } from '../schema';

const QID = z.string().regex(/^Q[1-9]\d*$/, 'expected a Wikidata item id such as Q11696');

/** The kinds of office, one query file each in scripts/kb/queries/. */
export const OfficeKindSchema = z.enum([
  'heads-of-state',
  'heads-of-government',
  'vice-presidents',
  'foreign-ministers',
  'defence-ministers',
  'intelligence-chiefs',
  'international',
]);
export type OfficeKind = z.infer<typeof OfficeKindSchema>;

export const OfficeMappingEntrySchema = z.object({
  /** The position item whose holders fill the office. */
  item: QID,
  /** The item's English label when the entry was written, so a reviewer sees what the Q-id is meant to be. */
  label: z.string().min(1),
  office: z.string().regex(/^[A-Z][A-Z-]*\.[a-z-]+(\.[a-z0-9-]+)?$/, 'expected JURISDICTION.role[.suffix]'),
  kind: OfficeKindSchema,
  source: KbSourceUrl,
  /**
   * Only for an office the knowledge base does not have yet: the region file
   * it goes into, the words articles use for it (default: the item's English
   * label and aliases), and whether former holders keep the title. Offices
   * already in the knowledge base keep their curated titles and custom.
   */
  file: z.string().regex(/^[a-z0-9-]+\.json$/).optional(),
  titles: z.array(z.string().min(1)).min(1).optional(),
  formerHoldersKeepTitle: z.boolean().optional(),
  customSource: KbSourceUrl.optional(),
});
export type OfficeMappingEntry = z.infer<typeof OfficeMappingEntrySchema>;

export const OfficeMappingSchema = z
  .object({
    about: z.string().optional(),
    /** Values of "nature of statement" (P5102) that make a term acting or interim. */
    acting: z.array(z.object({ item: QID, label: z.string().min(1), source: KbSourceUrl })),
    /** Holders whose Wikidata labels do not match any of the knowledge base's name forms. */
    people: z.array(z.object({ item: QID, person: z.string().min(1), source: KbSourceUrl })),
    offices: z.array(OfficeMappingEntrySchema),
  })
  .superRefine((m, ctx) => {
    const items = new Set<string>();
    const offices = new Set<string>();
    m.offices.forEach((o, i) => {
      if (items.has(o.item)) ctx.addIssue({ code: 'custom', message: `item ${o.item} is mapped twice`, path: ['offices', i, 'item'] });
      if (offices.has(o.office)) ctx.addIssue({ code: 'custom', message: `office ${o.office} is mapped twice`, path: ['offices', i, 'office'] });
      items.add(o.item);
      offices.add(o.office);
      const role = o.office.split('.')[1];
      if (!OfficeRoleSchema.safeParse(role).success) ctx.addIssue({ code: 'custom', message: `"${role}" is not an office role`, path: ['offices', i, 'office'] });
    });
  });
export type OfficeMapping = z.infer<typeof OfficeMappingSchema>;

export function parseOfficeMapping(json: unknown): OfficeMapping {
  const r = OfficeMappingSchema.safeParse(json);
  if (!r.success) {
    const lines = r.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid office mapping: ${lines.join('; ')}`);
  }
  return r.data;
}
