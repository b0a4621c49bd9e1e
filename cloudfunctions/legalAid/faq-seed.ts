import type { Category } from '../../src/contracts/legalAid/schemas'
import type { Store } from '../_core/store/port'
import { FAQS, type FaqDoc } from './faqs'

/**
 * The demo county's starting list of 常见问答: what a union's legal-aid desk answers most, in plain words, with
 * the law behind each answer (劳动争议调解仲裁法, 劳动合同法, 工伤保险条例, 保障农民工工资支付条例). Staff edit it.
 */
const DEFAULTS: [Category, string, string][] = [
  [
    'wage',
    '老板拖欠工资怎么办？',
    '先把证据留好：劳动合同、工资条或银行流水、考勤记录、欠条、和老板的聊天记录。可以先和单位协商；协商不成，可以拨打 12333 或到人社部门（劳动保障监察）投诉，也可以向劳动人事争议仲裁委员会申请仲裁，仲裁不收费。申请仲裁的时效一般是一年；在职期间被拖欠的工资，离职后一年内都可以申请。需要律师帮忙，可以在这里申请法律援助。',
  ],
  [
    'wage',
    '包工头跑了，工钱找谁要？',
    '在工地干活被拖欠工资，可以找施工总承包单位：分包单位拖欠的，由总承包单位先行清偿；工程转包或违法分包给个人（包工头）的，由转包或分包的单位清偿。记下工地名称、总包单位、包工头姓名电话，保留考勤、工资表、聊天记录，向项目所在地的人社部门投诉（12333）。',
  ],
  [
    'injury',
    '上班时受伤了，单位不给报工伤怎么办？',
    '单位应当在受伤之日起 30 日内申请工伤认定；单位不申请的，您本人、近亲属或者工会可以在受伤之日起 1 年内，直接向人社部门申请工伤认定。请保留诊断证明、病历和医疗费票据，以及能证明您在上班的材料（考勤、工作群记录、同事证明）。',
  ],
  [
    'injury',
    '单位没交工伤保险，受伤了还能赔吗？',
    '能。单位没有给您参加工伤保险，发生工伤后，由单位按照工伤保险的项目和标准支付医疗费、停工留薪期工资、伤残补助等费用。先申请工伤认定，认定后单位不支付的，可以申请劳动仲裁。',
  ],
  [
    'contract',
    '干了好几个月，单位一直不签劳动合同怎么办？',
    '用工超过一个月不满一年没有签书面劳动合同的，可以要求单位每月支付二倍工资（最多 11 个月）；满一年仍未签的，视为已经订立无固定期限劳动合同。请保留工资条、工作证、考勤、工作群聊天记录等能证明您在这里上班的证据。',
  ],
  [
    'contract',
    '被辞退了，能要补偿吗？',
    '单位依法解除合同的，按工作年限给经济补偿：每满一年一个月工资，六个月以上不满一年按一年算，不满六个月给半个月工资。单位违法辞退的，可以要求恢复工作，或者要求按经济补偿的两倍赔偿。请保留辞退通知或聊天记录，自离职之日起一年内申请劳动仲裁。',
  ],
  [
    'social_insurance',
    '单位不给交社保怎么办？',
    '参加社会保险是单位和职工的法定义务，签了「自愿放弃社保」的协议也不算数。可以向当地社保经办机构或劳动保障监察部门投诉，要求单位补缴；单位不依法缴纳社保的，您可以解除劳动合同，并要求经济补偿。',
  ],
  [
    'other',
    '工会法律援助要花钱吗？',
    '不要钱。符合条件的，工会免费为您提供法律咨询、代写文书、调解、仲裁和诉讼代理，并指派律师办理。急事请拨打 12351 职工服务热线。',
  ],
]

export async function seedFaqs(store: Store, orgId: string, now: Date): Promise<void> {
  const order = new Map<Category, number>()
  for (const [i, [category, question, answer]] of DEFAULTS.entries()) {
    const n = (order.get(category) ?? 0) + 1
    order.set(category, n)
    const doc: FaqDoc = {
      _id: `faq_demo_${i + 1}`,
      orgId,
      category,
      question,
      answer,
      hidden: false,
      order: n,
      updatedAt: now.toISOString(),
      updatedBy: 'seed',
    }
    await store.put(FAQS, doc)
  }
}
