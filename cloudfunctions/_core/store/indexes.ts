/** Fields each collection is queried by; the SQLite adapter indexes them, and the README lists them for CloudBase. */
export const STORE_INDEXES: Record<string, string[]> = {
  stations: ['orgId', 'name'],
  station_reports: ['stationId', 'createdAt'],
  orgs: ['parentId'],
  areas: ['orgId'],
  outbox: ['openid'],
  applications: ['applicantOpenid', 'orgId', 'submittedAt', 'memberNo'],
  employers: ['orgId'],
  audit_log: ['targetId'],
}
