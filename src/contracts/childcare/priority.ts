import * as z from 'zod'
import { dateTime } from '../fields'
import { beijingDateTime } from '../time'

/**
 * 优先名额: a class may reserve a share of its places for named groups (武汉, 托克托: children of 新就业形态
 * workers, 困难职工, 双职工, 留守儿童). One reserved pool per class, open to any of the groups the class names.
 */
export const PRIORITY_GROUPS = [
  { key: 'gig', label: '新就业形态劳动者子女' },
  { key: 'hardship', label: '困难职工子女' },
  { key: 'dualWorker', label: '双职工子女' },
  { key: 'leftBehind', label: '留守儿童' },
] as const

export type PriorityGroup = (typeof PRIORITY_GROUPS)[number]['key']
export const PRIORITY_KEYS = PRIORITY_GROUPS.map((g) => g.key) as unknown as [PriorityGroup, ...PriorityGroup[]]

export function priorityLabel(key: string): string {
  return PRIORITY_GROUPS.find((g) => g.key === key)?.label ?? key
}

/** A claim is checked against the membership data where the app knows the answer (an approved 新就业形态 application). */
export const AUTO_CHECKED: readonly PriorityGroup[] = ['gig']

export const priorityInput = z.object({
  groups: z
    .array(z.enum(PRIORITY_KEYS, { error: '优先对象不正确' }), { error: '请选择优先对象' })
    .min(1, '请至少选择一类优先对象')
    .refine((a) => new Set(a).size === a.length, '优先对象重复'),
  places: z.coerce.number({ error: '请填写优先名额数' }).int('优先名额应为整数').min(1, '优先名额至少 1 个'),
  /** first-come classes: when unused reserved places join the general pool; a ballot releases them at the draw */
  releaseAt: dateTime('优先名额释放时间').optional(),
})

export type PriorityInput = z.output<typeof priorityInput>

/** verified: by staff or by the membership data; pending: waiting for staff; refused: booked as anyone else */
export type ClaimState = 'pending' | 'verified' | 'refused'

export interface ClaimView {
  group: PriorityGroup
  label: string
  state: ClaimState
  /** which pool the place came from (first-come), or the ballot pass that placed it */
  pool: 'priority' | 'general'
  /** checked against membership data rather than by staff */
  auto: boolean
}

export interface PriorityView {
  groups: Array<{ key: PriorityGroup; label: string }>
  places: number
  /** reserved places not yet taken */
  remaining: number
  releaseAt?: string
  released: boolean
}

export const CLAIM_STATE_LABELS: Record<ClaimState, string> = { pending: '待审核', verified: '已核实', refused: '未通过' }

/** The rule as parents read it, with the release time stated. */
export function priorityRule(p: { groups: readonly string[]; places: number; releaseAt?: string }, allocation: 'fcfs' | 'lottery'): string {
  const who = p.groups.map(priorityLabel).join('、')
  const release =
    allocation === 'lottery'
      ? '抽签时先在已核实的优先申请中按抽签顺序分配优先名额，未用完的优先名额和未抽中的优先申请并入普通名额一起按同一顺序分配'
      : `${p.releaseAt ? beijingDateTime(p.releaseAt) : '报名截止'}（北京时间）起，未用完的优先名额并入普通名额，先给候补的孩子`
  return `优先名额：本班为${who}预留 ${p.places} 个名额。报名时选择所属类别，工会核实（新就业形态劳动者已通过入会审核的自动核实）；${release}。核实未通过的，改按普通名额报名：普通名额还有就保留预约，已满则按原报名时间排入候补。`
}
