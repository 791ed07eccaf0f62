/** The audit table belongs to the platform floor (every module writes it); the audit module reads it. */
export { auditLog } from '../../platform/audit-table';
