/** The amenities a rest station may offer; keys are stored, labels are shown. */
export const AMENITIES = [
  { key: 'water', label: '饮水', icon: '水', aliases: ['饮水', '饮水机', '热水', '开水', '直饮水'] },
  { key: 'heat', label: '加热/微波炉', icon: '热', aliases: ['加热', '微波炉', '热饭', '加热/微波炉'] },
  { key: 'seat', label: '休息座椅', icon: '座', aliases: ['休息座椅', '座椅', '桌椅', '休息'] },
  { key: 'charge', label: '充电', icon: '电', aliases: ['充电', '多功能电源插座', '插座', '充电宝', '电动车充电'] },
  { key: 'toilet', label: '卫生间', icon: '厕', aliases: ['卫生间', '厕所', '洗手间'] },
  { key: 'medkit', label: '医药箱', icon: '药', aliases: ['医药箱', '药箱', '急救箱'] },
  { key: 'pump', label: '打气筒', icon: '气', aliases: ['打气筒', '打气'] },
  { key: 'climate', label: '空调/取暖', icon: '温', aliases: ['空调', '取暖', '空调/取暖', '暖气'] },
  { key: 'reading', label: '阅读', icon: '书', aliases: ['阅读', '书报', '图书'] },
  { key: 'wifi', label: 'Wi-Fi', icon: 'W', aliases: ['wifi', 'wi-fi', '无线网络', '无线网'] },
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

export function amenityLabel(key: AmenityKey): string {
  return AMENITIES.find((a) => a.key === key)?.label ?? key
}
