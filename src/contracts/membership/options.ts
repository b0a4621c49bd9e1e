/** Choices of the membership form; keys are stored, labels shown. */
export const GENDERS = ['男', '女'] as const

export const ETHNICITIES = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
] as const

export const EDUCATIONS = ['小学及以下', '初中', '高中/中专/技校', '大专', '本科', '硕士研究生', '博士研究生'] as const

export const POLITICAL_STATUSES = ['中共党员', '中共预备党员', '共青团员', '民主党派', '群众'] as const

export const HUKOU_TYPES = [
  { key: 'urban', label: '城镇户籍' },
  { key: 'rural', label: '农村户籍（农民工）' },
] as const

/** 新就业形态: the groups unions organise through 联合工会 / 行业工会. `none` is an ordinary employee. */
export const NEW_EMPLOYMENT_TYPES = [
  { key: 'none', label: '否（单位职工）' },
  { key: 'courier', label: '快递员' },
  { key: 'delivery', label: '外卖骑手' },
  { key: 'ridehail', label: '网约车司机' },
  { key: 'truck', label: '货车司机' },
  { key: 'other', label: '其他新就业形态' },
] as const

export type HukouType = (typeof HUKOU_TYPES)[number]['key']
export type NewEmploymentType = (typeof NEW_EMPLOYMENT_TYPES)[number]['key']

export const HUKOU_KEYS = HUKOU_TYPES.map((h) => h.key) as unknown as [HukouType, ...HukouType[]]
export const NEW_EMPLOYMENT_KEYS = NEW_EMPLOYMENT_TYPES.map((n) => n.key) as unknown as [NewEmploymentType, ...NewEmploymentType[]]

export function newEmploymentLabel(key: NewEmploymentType): string {
  return NEW_EMPLOYMENT_TYPES.find((n) => n.key === key)?.label ?? key
}

const APPLICATION_STATUSES = [
  { key: 'pending', label: '待审核' },
  { key: 'approved', label: '已通过' },
  { key: 'rejected', label: '已驳回' },
  { key: 'revoked', label: '已注销' },
  /** 已转出: the member left this county's unions (to a union outside the app); no longer a member here */
  { key: 'transferred_out', label: '已转出' },
] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]['key']

export function statusLabel(key: ApplicationStatus): string {
  return APPLICATION_STATUSES.find((s) => s.key === key)?.label ?? key
}

export const PRIVACY_NOTICE = [
  '为办理入会，工会将收集您的姓名、性别、民族、身份证号、手机号、学历、政治面貌、工作单位、职业和户籍类型。',
  '这些信息仅用于入会审核、会员管理和为您提供工会服务，由受理您申请的基层工会和上级工会处理。',
  '身份证号和手机号加密保存，在列表和工会干部导出的名单中脱敏显示，仅工会管理员可查看完整号码；您可以在审核前撤回申请，撤回后信息即被删除。',
  '依据《中华人民共和国个人信息保护法》，您有权查阅、更正和删除您的个人信息。',
].join('\n')
