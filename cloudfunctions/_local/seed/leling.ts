/**
 * Demo data for 乐陵市 (德州): its 街道 and 乡镇 with approximate GCJ-02 centres, and about fifty rest
 * stations of the kinds unions set up — street offices, banks, post, fuel stations, sanitation yards,
 * courier depots. Positions are plausible, not surveyed.
 */
export const AREAS: { id: string; name: string; lat: number; lng: number }[] = [
  { id: 'area-shizhong', name: '市中街道', lat: 37.7306, lng: 117.2166 },
  { id: 'area-hujia', name: '胡家街道', lat: 37.7452, lng: 117.1921 },
  { id: 'area-yunhong', name: '云红街道', lat: 37.7151, lng: 117.2402 },
  { id: 'area-guojia', name: '郭家街道', lat: 37.7489, lng: 117.2455 },
  { id: 'area-yangan', name: '杨安镇', lat: 37.6818, lng: 117.1573 },
  { id: 'area-zhuji', name: '朱集镇', lat: 37.7934, lng: 117.2961 },
  { id: 'area-huangjia', name: '黄夹镇', lat: 37.6589, lng: 117.2812 },
  { id: 'area-dingwu', name: '丁坞镇', lat: 37.8121, lng: 117.1548 },
  { id: 'area-huayuan', name: '花园镇', lat: 37.6902, lng: 117.3203 },
  { id: 'area-zhengdian', name: '郑店镇', lat: 37.7701, lng: 117.1104 },
  { id: 'area-hualou', name: '化楼镇', lat: 37.8403, lng: 117.2307 },
  { id: 'area-kongzhen', name: '孔镇镇', lat: 37.6412, lng: 117.2004 },
]
