import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/raw';
import type { ActorCtx } from '../../platform/context';
import { notFound } from '../../platform/errors';

/**
 * Everything the organisation holds about one person, for a subject access request (GDPR Art. 15).
 *
 * These reads are unscoped on purpose: the data protection officer answers the request for the whole
 * organisation, without being on any case team. That is the one logged exception to "case content is read
 * only by the people working on it": the route allows only `subjects.export`, and every export is audited
 * with the person it was about.
 *
 * Other people's data is withheld (Art. 15(4)): the other members of her families appear by relation only,
 * and notes of activities, which may mention others, are included but marked for review before release.
 */
export interface SubjectData {
  person: Record<string, unknown>;
  memberships: Record<string, unknown>[];
  cases: Record<string, unknown>[];
  activities: Record<string, unknown>[];
  groups: Record<string, unknown>[];
  enrolments: Record<string, unknown>[];
  plans: Record<string, unknown>[];
  assessments: Record<string, unknown>[];
  consents: Record<string, unknown>[];
  documents: { id: string; fileName: string; mediaType: string; uploadedAt: string; description: string }[];
  changes: Record<string, unknown>[];
  accessLog: Record<string, unknown>[];
  withheld: { what: string; why: string }[];
}

type Row = Record<string, unknown>;

export async function unsafeGatherSubjectData(ctx: ActorCtx, personId: string): Promise<SubjectData> {
  const org = ctx.actor.organisationId;
  const rows = (query: ReturnType<typeof sql>) => queryRows<Row>(ctx.tx, query);
  const [person] = await rows(sql`
    SELECT given_name, family_name, birth_date, birth_year, sex, personal_code, phone, email, municipality,
           town, street, preferred_language, disability, disability_note, notes, created_at, updated_at
    FROM persons WHERE id = ${personId} AND organisation_id = ${org} AND merged_into IS NULL`);
  if (!person) throw notFound();

  const memberships = await rows(sql`
    SELECT f.id AS family_id, f.name AS family, fm.relation, fm.joined_on, fm.left_on,
           (SELECT count(*)::int FROM family_members o WHERE o.family_id = f.id AND o.person_id <> ${personId})
             AS other_members
    FROM family_members fm JOIN families f ON f.id = fm.family_id
    WHERE fm.person_id = ${personId} ORDER BY fm.joined_on`);
  const familyIds = memberships.map((m) => String(m.family_id));
  const families = familyIds.length
    ? sql`(${sql.join(
        familyIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : null;

  const cases = families
    ? await rows(sql`
        SELECT c.id, ce.name AS centre, c.status, c.opened_on, c.closed_on, c.closure_reason, c.outcome_note,
               c.risk_level, c.legal_basis, c.referral_date, c.referral_source, c.referral_reasons, c.restricted,
               u.given_name || ' ' || u.family_name AS key_worker
        FROM cases c JOIN centres ce ON ce.id = c.centre_id LEFT JOIN users u ON u.id = c.key_worker_id
        WHERE c.family_id IN ${families} ORDER BY c.opened_on`)
    : [];
  const caseIds = cases.map((c) => String(c.id));
  const ofCases = caseIds.length
    ? sql`(${sql.join(
        caseIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : null;

  const activities = await rows(sql`
    SELECT a.id, a.occurs_on, a.ends_on, t.name_lv AS type_lv, t.name_en AS type_en, a.duration_minutes, a.place,
           a.status, a.voided_at IS NOT NULL AS voided,
           CASE WHEN a.notes_confidential THEN NULL ELSE a.notes END AS notes, a.notes_confidential,
           (SELECT p.attendance FROM activity_participants p WHERE p.activity_id = a.id AND p.person_id = ${personId}
            LIMIT 1) AS attendance
    FROM activities a JOIN activity_types t ON t.id = a.type_id
    WHERE a.organisation_id = ${org} AND (
      EXISTS (SELECT 1 FROM activity_participants p WHERE p.activity_id = a.id AND p.person_id = ${personId})
      ${families ? sql`OR EXISTS (SELECT 1 FROM activity_participants p WHERE p.activity_id = a.id AND p.family_id IN ${families})` : sql``}
      ${ofCases ? sql`OR a.case_id IN ${ofCases}` : sql``})
    ORDER BY a.occurs_on, a.id`);

  const groups = await rows(sql`
    SELECT g.name AS group, gm.joined_on, gm.left_on
    FROM group_members gm JOIN support_groups g ON g.id = gm.group_id
    WHERE gm.person_id = ${personId} ORDER BY gm.joined_on`);
  const enrolments = families
    ? await rows(sql`
        SELECT p.name_lv AS programme_lv, p.name_en AS programme_en, e.starts_on, e.ends_on
        FROM enrolments e JOIN programmes p ON p.id = e.programme_id
        WHERE e.family_id IN ${families} ORDER BY e.starts_on`)
    : [];
  const plans = ofCases
    ? await rows(
        sql`SELECT id, title, status, next_review_on, created_at FROM plans WHERE case_id IN ${ofCases}`,
      )
    : [];
  const assessments = ofCases
    ? await rows(sql`
        SELECT a.id, i.name_lv AS instrument_lv, i.name_en AS instrument_en, a.phase, a.assessed_on,
               (SELECT jsonb_object_agg(s.domain_key, s.score) FROM assessment_scores s WHERE s.assessment_id = a.id)
                 AS scores,
               a.voided_at IS NOT NULL AS voided
        FROM assessments a JOIN assessment_instruments i ON i.id = a.instrument_id
        WHERE a.case_id IN ${ofCases} ORDER BY a.assessed_on`)
    : [];
  const consents = ofCases
    ? await rows(sql`
        SELECT purpose, given_by, given_on, withdrawn_on FROM consents WHERE case_id IN ${ofCases} ORDER BY given_on`)
    : [];
  const documents = ofCases
    ? (
        await rows(sql`
          SELECT id, file_name, media_type, uploaded_at, description FROM documents
          WHERE case_id IN ${ofCases} ORDER BY uploaded_at`)
      ).map((d) => ({
        id: String(d.id),
        fileName: String(d.file_name),
        mediaType: String(d.media_type),
        uploadedAt: new Date(d.uploaded_at as string).toISOString(),
        description: String(d.description),
      }))
    : [];
  const about = [personId, ...caseIds];
  const aboutList = sql`(${sql.join(
    about.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  const changes = await rows(sql`
    SELECT fc.entity_type, fc.field, fc.old_value, fc.new_value, fc.changed_at,
           u.given_name || ' ' || u.family_name AS changed_by
    FROM field_changes fc LEFT JOIN users u ON u.id = fc.changed_by
    WHERE fc.organisation_id = ${org} AND fc.entity_id IN ${aboutList} ORDER BY fc.changed_at`);
  const accessLog = await rows(sql`
    SELECT a.occurred_at, a.action, a.outcome, a.entity_type,
           u.given_name || ' ' || u.family_name AS actor
    FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
    WHERE a.organisation_id = ${org} AND a.entity_id IN (${sql.join(
      [...about, ...familyIds].map((id) => sql`${id}`),
      sql`, `,
    )})
    ORDER BY a.occurred_at`);

  const withheld: SubjectData['withheld'] = [];
  if (memberships.some((m) => Number(m.other_members) > 0))
    withheld.push({ what: 'family_members', why: 'other_persons' });
  if (activities.some((a) => a.notes_confidential))
    withheld.push({ what: 'confidential_notes', why: 'review' });
  if (activities.some((a) => a.notes))
    withheld.push({ what: 'activity_notes_marked', why: 'may_mention_others' });
  return {
    person,
    memberships,
    cases,
    activities,
    groups,
    enrolments,
    plans,
    assessments,
    consents,
    documents,
    changes,
    accessLog,
    withheld,
  };
}
