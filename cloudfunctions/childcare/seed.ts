import type { DemoContext } from '../_core/module'
import type { Store } from '../_core/store/port'
import { seasonOf } from '../../src/contracts/childcare/rules'
import { commitSeed } from './lottery'
import { CLASSES, type ClassDoc } from './model'
import { beijingDay, beijingYear } from '../../src/contracts/time'

/** Three demo classes for next summer: one open now, one opening soon, one lottery. */
export async function seedChildcare(store: Store, { now, countyId }: DemoContext): Promise<void> {
  const year = beijingYear(now) + (Number(beijingDay(now).slice(5, 7)) >= 8 ? 1 : 0)
  const day = (offsetDays: number) => new Date(now.getTime() + offsetDays * 86400e3).toISOString()
  const base = {
    dailyHours: '08:30-17:30',
    audience: 'all' as const,
    fee: 0,
    nextSeq: 1,
    waiting: 0,
    toOffer: 0,
    applicants: 0,
    orgId: countyId,
    orgName: '乐陵市总工会',
    createdBy: 'demo-staff',
    updatedAt: now.toISOString(),
    season: seasonOf(`${year}-07-06`),
  }
  const classes: ClassDoc[] = [
    {
      ...base,
      _id: 'cc-demo-zhigong-1',
      title: '职工之家暑期托管班（第一期）',
      site: '乐陵市职工之家',
      address: '乐陵市兴隆南大街 118 号 职工之家二楼',
      startDate: `${year}-07-06`,
      endDate: `${year}-07-31`,
      gradeMin: 1,
      gradeMax: 3,
      capacity: 30,
      remaining: 30,
      opensAt: day(-1),
      closesAt: day(30),
      cancelBefore: day(29),
      allocation: 'fcfs',
      description: '上午作业辅导、阅读；下午书法、手工、体育游戏。提供午餐和午休。老师均为在职教师和志愿者。',
    },
    {
      ...base,
      _id: 'cc-demo-wenhuagong',
      title: '工人文化宫暑期托管班',
      site: '乐陵市工人文化宫',
      address: '乐陵市文化路 9 号',
      startDate: `${year}-07-13`,
      endDate: `${year}-08-14`,
      gradeMin: 4,
      gradeMax: 6,
      capacity: 30,
      remaining: 30,
      opensAt: day(2),
      closesAt: day(30),
      cancelBefore: day(29),
      allocation: 'fcfs',
      audience: 'members',
      fee: 200,
      description: '科学实验、编程启蒙、篮球和合唱。费用含午餐。',
    },
  ]
  for (const c of classes) await store.put(CLASSES, c)
  await store.put(CLASSES, {
    ...base,
    _id: 'cc-demo-taishan',
    title: '泰山体育职工子女托管班（抽签）',
    site: '泰山体育产业集团 职工活动中心',
    address: '乐陵市经济开发区泰山路 1 号',
    startDate: `${year}-08-03`,
    endDate: `${year}-08-21`,
    gradeMin: 1,
    gradeMax: 6,
    capacity: 40,
    remaining: 40,
    opensAt: day(-1),
    closesAt: day(10),
    cancelBefore: day(20),
    allocation: 'lottery',
    description: '体育技能训练与安全教育。名额有限，报名期结束后公开抽签。',
    lottery: await commitSeed(store, 'cc-demo-taishan'),
  } satisfies ClassDoc)
}
