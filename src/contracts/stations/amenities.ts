/**
 * The amenities a rest station may offer, as 全总 and the provinces list them (换电, 母婴室, 无障碍, 法律服务, 心理咨询,
 * AED, 非机动车停车, 雨具 … added to the original ten); keys are stored, labels are shown, `group` orders them (the array is
 * in group order, so cards and the detail list them alike). The icon is one character: it reads on every phone without an icon font or an image per amenity.
 */
const AMENITY_GROUPS = [
  { key: 'rest', label: '歇脚' },
  { key: 'ride', label: '出行' },
  { key: 'safety', label: '应急' },
  { key: 'care', label: '关爱服务' },
] as const
type AmenityGroup = (typeof AMENITY_GROUPS)[number]['key']

export const AMENITIES = [
  { key: 'water', group: 'rest', label: '饮水', icon: '水', aliases: ['饮水', '饮水机', '热水', '开水', '直饮水'] },
  { key: 'heat', group: 'rest', label: '加热/微波炉', icon: '热', aliases: ['加热', '微波炉', '热饭', '加热/微波炉'] },
  { key: 'seat', group: 'rest', label: '休息座椅', icon: '座', aliases: ['休息座椅', '座椅', '桌椅', '休息'] },
  { key: 'toilet', group: 'rest', label: '卫生间', icon: '厕', aliases: ['卫生间', '厕所', '洗手间'] },
  { key: 'climate', group: 'rest', label: '空调/取暖', icon: '温', aliases: ['空调', '取暖', '空调/取暖', '暖气', '风扇'] },
  { key: 'reading', group: 'rest', label: '阅读', icon: '书', aliases: ['阅读', '书报', '图书'] },
  { key: 'wifi', group: 'rest', label: 'Wi-Fi', icon: 'W', aliases: ['wifi', 'wi-fi', '无线网络', '无线网'] },
  { key: 'fridge', group: 'rest', label: '冰箱', icon: '冰', aliases: ['冰箱', '冷藏'] },
  { key: 'charge', group: 'ride', label: '充电', icon: '电', aliases: ['充电', '多功能电源插座', '插座', '充电宝', '电动车充电'] },
  { key: 'pump', group: 'ride', label: '打气筒', icon: '气', aliases: ['打气筒', '打气'] },
  { key: 'swap', group: 'ride', label: '换电', icon: '换', aliases: ['换电', '换电柜', '电池更换'] },
  { key: 'bikepark', group: 'ride', label: '非机动车停车', icon: '停', aliases: ['非机动车停车', '停车', '电动车停车'] },
  { key: 'medkit', group: 'safety', label: '医药箱', icon: '药', aliases: ['医药箱', '药箱', '急救箱'] },
  { key: 'umbrella', group: 'safety', label: '雨具', icon: '伞', aliases: ['雨具', '雨伞', '雨衣'] },
  { key: 'aed', group: 'safety', label: 'AED', icon: '救', aliases: ['aed', '除颤仪', '自动体外除颤器'] },
  { key: 'nursing', group: 'care', label: '母婴室', icon: '婴', aliases: ['母婴室', '哺乳室'] },
  { key: 'accessible', group: 'care', label: '无障碍', icon: '障', aliases: ['无障碍', '无障碍设施', '无障碍通道'] },
  { key: 'legal', group: 'care', label: '法律服务', icon: '法', aliases: ['法律服务', '法律咨询', '法律援助'] },
  { key: 'counsel', group: 'care', label: '心理咨询', icon: '心', aliases: ['心理咨询', '心理疏导'] },
] as const

export type AmenityKey = (typeof AMENITIES)[number]['key']

export const AMENITY_KEYS = AMENITIES.map((a) => a.key) as unknown as [AmenityKey, ...AmenityKey[]]

const byAlias = new Map<string, AmenityKey>()
for (const a of AMENITIES) {
  byAlias.set(a.key, a.key)
  for (const alias of a.aliases) byAlias.set(alias.toLowerCase(), a.key)
}

/** Accepts a key or any Chinese alias, as people write them in spreadsheets. */
export function amenityFromText(text: string): AmenityKey | undefined {
  return byAlias.get(text.trim().toLowerCase())
}

/** The amenities in `keys`, grouped as the detail page shows them; empty groups left out. */
export function groupedAmenities(keys: readonly AmenityKey[]): Array<{ key: AmenityGroup; label: string; items: Array<(typeof AMENITIES)[number]> }> {
  return AMENITY_GROUPS.map((g) => ({ ...g, items: AMENITIES.filter((a) => a.group === g.key && keys.includes(a.key)) })).filter(
    (g) => g.items.length,
  )
}

export function amenityLabel(key: AmenityKey): string {
  return AMENITIES.find((a) => a.key === key)?.label ?? key
}
