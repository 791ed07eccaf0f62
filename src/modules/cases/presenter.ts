import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { centres } from '../centres/tables';
import { families } from '../families/tables';
import { users } from '../users/tables';
import { cases } from './tables';

export const pendingCentres = alias(centres, 'pending_centres');

/** The columns of a case summary; join `families`, `centres`, `users` (key worker) and `pendingCentres`. */
export const caseSummaryColumns = {
  id: cases.id,
  number: cases.number,
  familyId: cases.familyId,
  familyName: families.name,
  centreId: cases.centreId,
  centreName: centres.name,
  keyWorkerId: cases.keyWorkerId,
  keyWorkerName: sql<string>`${users.givenName} || ' ' || ${users.familyName}`,
  status: cases.status,
  openedOn: cases.openedOn,
  closedOn: cases.closedOn,
  riskLevel: cases.riskLevel,
  restricted: cases.restricted,
  referralDate: cases.referralDate,
  referralReasons: cases.referralReasons,
  pendingCentreName: pendingCentres.name,
};
