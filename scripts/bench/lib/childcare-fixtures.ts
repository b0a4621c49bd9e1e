/*
 * The class and children every childcare benchmark seeds straight into the store (thousands of them: through
 * the actions this would measure saving children, not booking). Not a benchmark itself: bench.mjs runs only
 * the files directly in scripts/bench/.
 */

/** A first-come class of `capacity` places in summer 2027, open for booking from 2027-06-10 09:00. */
export function benchClass(id: string, capacity: number, updatedAt: string) {
  return {
    _id: id,
    title: `托管班 ${id}`,
    site: '职工之家',
    address: '乐陵',
    startDate: '2027-07-05',
    endDate: '2027-07-30',
    dailyHours: '08:30-17:30',
    gradeMin: 1,
    gradeMax: 6,
    capacity,
    remaining: capacity,
    nextSeq: 1,
    waiting: 0,
    toOffer: 0,
    applicants: 0,
    opensAt: '2027-06-10T09:00:00+08:00',
    closesAt: '2027-06-30T18:00:00+08:00',
    cancelBefore: '2027-07-01T18:00:00+08:00',
    audience: 'all',
    allocation: 'fcfs',
    fee: 0,
    description: '',
    season: 2027,
    orgId: 'org-leling',
    orgName: '乐陵市总工会',
    createdBy: 'bench',
    updatedAt,
  }
}

/** Child `i` of parent `parent-i`, registered before the season, in grades 1–6 in turn. */
export function benchChild(i: number) {
  return {
    _id: `ch-${i}`,
    parentOpenid: `parent-${i}`,
    name: '孩子',
    gender: '男',
    idCipher: 'x',
    idHash: `h${i}`,
    idMasked: '3714**********0000',
    grade: 1 + (i % 6),
    gradeSeason: 2027,
    school: '',
    health: '',
    pickupPeople: '',
    createdAt: '2027-05-01T00:00:00.000Z',
  }
}
