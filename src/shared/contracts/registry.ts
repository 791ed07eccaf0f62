import { z } from 'zod';
import {
  caseStatuses,
  closureReasons,
  referralReasons,
  referralSources,
  relations,
  riskLevels,
  sexes,
} from '../registry';
import { historyEntities, isoDate, pageQuery, text } from './common';

const personFields = {
  givenName: text(100).min(1),
  familyName: text(100).min(1),
  birthDate: isoDate.nullable(),
  birthYear: z.number().int().min(1850).max(2200).nullable(),
  sex: z.enum(sexes),
  personalCode: text(20).nullable(),
  phone: text(40),
  email: text(320),
  municipality: text(120),
  town: text(120),
  street: text(200),
  preferredLanguage: text(20),
  disability: z.boolean(),
  disabilityNote: text(1000),
  notes: text(5000),
};
export const personFieldNames = Object.keys(personFields) as (keyof typeof personFields)[];

/** A person as entered; birth date or only a year; a personal code is optional. */
export const personInput = z.object({
  ...personFields,
  birthDate: personFields.birthDate.default(null),
  birthYear: personFields.birthYear.default(null),
  sex: personFields.sex.default('unknown'),
  personalCode: personFields.personalCode.default(null),
  phone: personFields.phone.default(''),
  email: personFields.email.default(''),
  municipality: personFields.municipality.default(''),
  town: personFields.town.default(''),
  street: personFields.street.default(''),
  preferredLanguage: personFields.preferredLanguage.default('lv'),
  disability: personFields.disability.default(false),
  disabilityNote: personFields.disabilityNote.default(''),
  notes: personFields.notes.default(''),
});
export type PersonInput = z.input<typeof personInput>;
export type PersonFields = z.output<typeof personInput>;

/** Only the fields sent are changed. */
/** A person's fields to change, and the version they were read at (409 when someone saved since). */
export const personUpdate = z
  .object(personFields)
  .partial()
  .extend({ version: z.number().int().min(1).optional() });

export const memberInput = z.object({
  /** Either an existing person the caller can see, or a new one. */
  personId: z.uuid().optional(),
  person: personInput.optional(),
  relation: z.enum(relations),
  joinedOn: isoDate.optional(),
});
export type MemberInput = z.input<typeof memberInput>;

const referralFields = {
  referralDate: isoDate,
  referralSource: z.enum(referralSources),
  referralInstitution: text(200),
  referralContact: text(200),
  referralReasons: z.array(z.enum(referralReasons)).max(12),
};

export const referralInput = z.object({
  ...referralFields,
  referralInstitution: referralFields.referralInstitution.default(''),
  referralContact: referralFields.referralContact.default(''),
  referralReasons: referralFields.referralReasons.default([]),
});

export const openCaseInput = referralInput.extend({
  centreId: z.uuid(),
  keyWorkerId: z.uuid().optional(),
  restricted: z.boolean().default(false),
  legalBasis: text(500).default(''),
});
export type OpenCaseInput = z.input<typeof openCaseInput>;

export const registerFamilyInput = z.object({
  name: text(200).optional(),
  members: z.array(memberInput).min(1).max(30),
  case: openCaseInput,
  /** Set after the user has seen the similar-person warning and still wants new records. */
  confirmSimilar: z.boolean().default(false),
});
export type RegisterFamilyInput = z.input<typeof registerFamilyInput>;

export const personView = z.object({
  id: z.uuid(),
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.string().nullable(),
  birthYear: z.number().nullable(),
  sex: z.enum(sexes),
  personalCode: z.string().nullable(),
  phone: z.string(),
  email: z.string(),
  municipality: z.string(),
  town: z.string(),
  street: z.string(),
  preferredLanguage: z.string(),
  disability: z.boolean(),
  disabilityNote: z.string(),
  notes: z.string(),
  version: z.number(),
});
export type PersonView = z.infer<typeof personView>;

export const memberView = z.object({
  id: z.uuid(),
  relation: z.enum(relations),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  /** The membership's version: a correction sends it back (409 when someone saved since). */
  version: z.number(),
  /** Age today, null when the birth date and year are unknown. */
  age: z.number().nullable(),
  person: personView,
});

export const caseSummary = z.object({
  id: z.uuid(),
  /** The case number, "2026-0042". */
  number: z.string(),
  familyId: z.uuid(),
  familyName: z.string(),
  centreId: z.uuid(),
  centreName: z.string(),
  keyWorkerId: z.uuid(),
  keyWorkerName: z.string(),
  status: z.enum(caseStatuses),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  riskLevel: z.enum(riskLevels).nullable(),
  restricted: z.boolean(),
  referralDate: z.string(),
  referralReasons: z.array(z.enum(referralReasons)),
  pendingCentreName: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const caseView = caseSummary.extend({
  closureReason: z.enum(closureReasons).nullable(),
  outcomeNote: z.string(),
  riskSetOn: z.string().nullable(),
  riskSetByName: z.string().nullable(),
  legalBasis: z.string(),
  referralSource: z.enum(referralSources),
  referralInstitution: z.string(),
  referralContact: z.string(),
  pendingCentreId: z.uuid().nullable(),
  team: z.array(z.object({ userId: z.uuid(), name: z.string(), keyWorker: z.boolean() })),
  statusHistory: z.array(
    z.object({
      id: z.uuid(),
      fromStatus: z.enum(caseStatuses).nullable(),
      toStatus: z.enum(caseStatuses),
      changedOn: z.string(),
      changedByName: z.string().nullable(),
      note: z.string(),
    }),
  ),
  consents: z.array(
    z.object({
      id: z.uuid(),
      purpose: z.string(),
      givenBy: z.string(),
      givenOn: z.string(),
      withdrawnOn: z.string().nullable(),
    }),
  ),
  version: z.number(),
});
export type CaseView = z.infer<typeof caseView>;

/** The family page: the case opened, its family with members past and present, the family's other visible cases. */
export const familyPage = z.object({
  case: caseView,
  family: z.object({ id: z.uuid(), name: z.string() }),
  members: z.array(memberView),
  otherCases: z.array(caseSummary),
  /** The last day anyone of the family attended a held activity (of any case or group). */
  lastContact: z.string().nullable(),
  /** The earliest follow-up of this case still open: nothing held on the case on or after its date. */
  nextFollowUp: z.string().nullable(),
  /**
   * What the caller may do with this case, decided by the server's policy (the web shows buttons by it):
   * edit it, supervise it (merge people, propose a transfer), decide a transfer proposed to her centre.
   */
  abilities: z.object({ edit: z.boolean(), supervise: z.boolean(), decideTransfer: z.boolean() }),
});
export type FamilyPage = z.infer<typeof familyPage>;

/**
 * Only the fields sent are changed. Built from fields without defaults: zod's `.partial()`
 * keeps defaults, which would silently overwrite stored values.
 */
export const updateCaseInput = z
  .object({
    keyWorkerId: z.uuid(),
    restricted: z.boolean(),
    riskLevel: z.enum(riskLevels).nullable(),
    legalBasis: text(500),
    outcomeNote: text(5000),
    ...referralFields,
  })
  .partial()
  .extend({ version: z.number().int().min(1).optional() });
export type UpdateCaseInput = z.input<typeof updateCaseInput>;

export const changeStatusInput = z.object({
  status: z.enum(caseStatuses),
  on: isoDate.optional(),
  closureReason: z.enum(closureReasons).optional(),
  note: text(5000).default(''),
});
export type ChangeStatusInput = z.input<typeof changeStatusInput>;

export const caseloadQuery = z.object({
  scope: z.enum(['mine', 'centre']).default('mine'),
  centreId: z.uuid().optional(),
  status: z.enum(caseStatuses).optional(),
  keyWorkerId: z.uuid().optional(),
  riskLevel: z.enum(riskLevels).optional(),
  reason: z.enum(referralReasons).optional(),
  referredFrom: isoDate.optional(),
  referredTo: isoDate.optional(),
  /** Part of a member's name (any case, with or without diacritics). */
  name: text(100).optional(),
  sort: z.enum(['family', 'referralDate', 'status', 'risk', 'keyWorker']).default('referralDate'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  ...pageQuery,
});
export type CaseloadQuery = z.input<typeof caseloadQuery>;

/** A caseload row: the case, and what tells its family apart (members, last contact). */
export const caseloadRow = caseSummary.extend({
  adults: z.number().int(),
  childAges: z.array(z.number().int()),
  lastContact: z.string().nullable(),
});
export type CaseloadRow = z.infer<typeof caseloadRow>;

export const caseloadPage = z.object({
  cases: z.array(caseloadRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CaseloadPage = z.infer<typeof caseloadPage>;

export const searchQuery = z.object({
  q: text(100).optional(),
  personalCode: text(20).optional(),
  birthDate: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const searchResult = z.object({
  results: z.array(
    z.object({
      personId: z.uuid(),
      givenName: z.string(),
      familyName: z.string(),
      birthDate: z.string().nullable(),
      birthYear: z.number().nullable(),
      cases: z.array(
        z.object({
          caseId: z.uuid(),
          familyId: z.uuid(),
          familyName: z.string(),
          centreName: z.string(),
          status: z.enum(caseStatuses),
          canOpen: z.boolean(),
        }),
      ),
    }),
  ),
});
export type SearchResult = z.infer<typeof searchResult>;

/** The header's search box: a family by name, case number or personal code, and the cases read lately. */
export const quickSearchQuery = z.object({ q: text(100).default('') });
export const familyHit = z.object({
  caseId: z.uuid(),
  number: z.string(),
  familyName: z.string(),
  centreName: z.string(),
  status: z.enum(caseStatuses),
  keyWorkerName: z.string(),
  /** The present members: how many adults, and the children's ages in years, eldest first. */
  adults: z.number().int(),
  childAges: z.array(z.number().int()),
  /** The last day anyone of the family attended a held activity. */
  lastContact: z.string().nullable(),
});
export type FamilyHit = z.infer<typeof familyHit>;
export const quickSearchResult = z.object({ results: z.array(familyHit), recent: z.array(familyHit) });
export type QuickSearchResult = z.infer<typeof quickSearchResult>;

export const duplicateCheckInput = z.object({
  givenName: text(100).default(''),
  familyName: text(100).default(''),
  birthDate: isoDate.nullable().default(null),
  personalCode: text(20).nullable().default(null),
});

export const duplicateCheckResult = z.object({
  /** A person with this personal code the caller may see: use it instead of a new record. */
  existing: z
    .object({ id: z.uuid(), givenName: z.string(), familyName: z.string(), birthDate: z.string().nullable() })
    .nullable(),
  /** The code exists but outside the caller's scope: only where to ask. */
  existsElsewhere: z.object({ centreNames: z.array(z.string()) }).nullable(),
  /** Same family name and birth date, or a very similar name with the same birth date. */
  similar: z.array(
    z.object({
      id: z.uuid(),
      givenName: z.string(),
      familyName: z.string(),
      birthDate: z.string().nullable(),
    }),
  ),
});
export type DuplicateCheckResult = z.infer<typeof duplicateCheckResult>;

export const registeredResponse = z.object({ familyId: z.uuid(), caseId: z.uuid() });

export const historyResponse = z.object({
  changes: z.array(
    z.object({
      id: z.uuid(),
      entityType: z.enum(historyEntities),
      entityId: z.uuid(),
      field: z.string(),
      oldValue: z.string().nullable(),
      newValue: z.string().nullable(),
      changedAt: z.string(),
      changedByName: z.string().nullable(),
    }),
  ),
});
export type HistoryResponse = z.infer<typeof historyResponse>;

/** Staff who may be key workers or team members at a centre. */
export const workerList = z.object({
  workers: z.array(z.object({ id: z.uuid(), name: z.string(), specialty: z.string().nullable() })),
});
export type WorkerList = z.infer<typeof workerList>;

export const teamMemberInput = z.object({ userId: z.uuid() });
export const teamParams = z.object({ id: z.uuid(), userId: z.uuid() });

export const consentInput = z.object({
  purpose: text(300).min(1),
  givenBy: text(200).min(1),
  givenOn: isoDate,
});
export const withdrawConsentInput = z.object({ withdrawnOn: isoDate });
export const consentParams = z.object({ id: z.uuid(), consentId: z.uuid() });

export const addMemberInput = memberInput.extend({ confirmSimilar: z.boolean().default(false) });
export const leaveFamilyInput = z.object({ leftOn: isoDate, version: z.number().int().min(1).optional() });
/** A membership corrected: relation and dates, the version read, and why. */
export const membershipCorrection = z.object({
  relation: z.enum(relations),
  joinedOn: isoDate,
  leftOn: isoDate.nullable().default(null),
  version: z.number().int().min(1),
  reason: text(1000).default(''),
});
export const memberParams = z.object({ id: z.uuid(), memberId: z.uuid() });

export const mergePersonsInput = z.object({ keepId: z.uuid(), mergeId: z.uuid() });

export const transferInput = z.object({ toCentreId: z.uuid() });
export const transferDecisionInput = z.object({ accept: z.boolean() });

export const emergencyAccessInput = z.object({
  /** Why the case cannot wait for its team: kept, shown to those notified, audited. */
  reason: text(1000).min(10),
});
export const emergencyAccessView = z.object({
  caseId: z.uuid(),
  expiresAt: z.string(),
  reason: z.string(),
});
export type EmergencyAccessView = z.infer<typeof emergencyAccessView>;
