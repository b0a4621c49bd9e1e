import { checkDigit } from '../../src/contracts/membership/idcard'
import type { Store } from '../../cloudfunctions/_core/store/port'
import type { Apis, InputOf } from '../../src/contracts/api'

/** A valid 身份证号 for a child born in `year`, distinct per `n` (0..99999). */
export function childId(n: number, year = 2018): string {
  const region = 371481 + Math.floor(n / 1000) * 0
  const seq = String(n % 1000).padStart(3, '0')
  const day = String(1 + (Math.floor(n / 1000) % 28)).padStart(2, '0')
  const month = String(1 + (Math.floor(n / 28000) % 12)).padStart(2, '0')
  const first17 = `${region}${year}${month}${day}${seq}`
  return first17 + checkDigit(first17)
}

/** Children straight into the store (the rush tests need thousands; saveChild is tested on its own). */
export async function seedChild(store: Store, parent: string, id: string, over: Record<string, unknown> = {}): Promise<void> {
  await store.put('cc_children', {
    _id: id,
    parentOpenid: parent,
    name: `孩子${id.slice(-4)}`,
    gender: '男',
    idCipher: 'x',
    idHash: `h-${id}`,
    idMasked: '3714**********0000',
    grade: 2,
    gradeSeason: 2027,
    school: '',
    health: '',
    pickupPeople: '',
    createdAt: '2027-05-01T00:00:00.000Z',
    ...over,
  })
}

/** What upsertClass takes; `over` may break it on purpose, so the spread is cast. */
export const classInput = (over: Record<string, unknown> = {}): InputOf<Apis['childcare']['upsertClass']> =>
  ({
    title: '职工之家暑期托管班',
    site: '乐陵市职工之家',
    address: '乐陵市兴隆南大街 118 号',
    startDate: '2027-07-05',
    endDate: '2027-07-30',
    dailyHours: '08:30-17:30',
    gradeMin: 1,
    gradeMax: 6,
    capacity: 60,
    opensAt: '2027-06-10T09:00:00+08:00',
    closesAt: '2027-06-30T18:00:00+08:00',
    cancelBefore: '2027-07-01T18:00:00+08:00',
    audience: 'all',
    allocation: 'fcfs',
    ...over,
  }) as InputOf<Apis['childcare']['upsertClass']>

/** Runs `tasks` with at most `width` in flight, in order of start; results in the same order. */
export async function pool<T>(width: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const out: T[] = new Array(tasks.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++
        out[i] = await tasks[i]()
      }
    }),
  )
  return out
}
