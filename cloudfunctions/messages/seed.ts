import type { DemoContext } from '../_core/module'
import type { Store } from '../_core/store/port'
import { ANNOUNCEMENTS, COUNTY_AUDIENCE, type AnnouncementDoc } from './model'

const DAY = 86_400_000

/** A few announcements of the kind a county federation posts, dated just before the demo's "now". */
const SEED: Array<Pick<AnnouncementDoc, '_id' | 'title' | 'body' | 'pinned'> & { daysAgo: number }> = [
  {
    _id: 'ann-hotline',
    title: '12351职工服务热线24小时畅通',
    body: '职工朋友遇到劳动报酬拖欠、劳动合同纠纷、工伤认定等问题，可随时拨打12351职工服务热线。热线24小时有人接听，工作日由工会法律援助律师值守，来电内容严格保密。',
    pinned: true,
    daysAgo: 20,
  },
  {
    _id: 'ann-childcare-2026',
    title: '2026年职工子女暑期托管班报名通知',
    body: '今年暑期托管班将于7月6日至8月14日在市实验小学、城北小学两个教学点开班，面向全市工会会员子女（小学一至五年级），每班限额40人，免收托管费。\n\n报名时间：6月15日至6月25日，在本小程序「暑期托管」中提交。名额按报名顺序确定，额满即止。',
    pinned: false,
    daysAgo: 2,
  },
  {
    _id: 'ann-stations-12',
    title: '户外劳动者驿站新增12处',
    body: '为方便快递员、外卖骑手、环卫工人等户外劳动者歇脚，市总工会联合各街道、乡镇和爱心企业新建12处驿站，均配有饮水、微波炉、充电和休息座椅。打开「户外驿站」即可查看离您最近的驿站和开放时间。',
    pinned: false,
    daysAgo: 6,
  },
]

export async function seedMessages(store: Store, { now, countyId }: DemoContext): Promise<void> {
  const org = await store.get<{ _id: string; name: string }>('orgs', countyId)
  for (const { daysAgo, ...a } of SEED) {
    const at = new Date(now.getTime() - daysAgo * DAY).toISOString()
    const doc: AnnouncementDoc = {
      ...a,
      status: 'published',
      orgId: countyId,
      orgName: org?.name ?? '乐陵市总工会',
      audience: 'county',
      audienceKey: COUNTY_AUDIENCE,
      publishedAt: at,
      updatedAt: at,
      publishedBy: 'demo-staff',
    }
    await store.put(ANNOUNCEMENTS, doc)
  }
}
