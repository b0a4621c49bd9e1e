import type { AmenityKey } from '../../src/contracts/stations/amenities'

/** About fifty demo rest stations in 乐陵市 of the kinds unions set up; positions are plausible, not surveyed. */
export interface SeedStation {
  id: string
  name: string
  address: string
  lat: number
  lng: number
  hours: string
  amenities: AmenityKey[]
  phone: string
}

const A = (...keys: AmenityKey[]) => keys

// The first is the one the news reports describe: 兴隆南大街, 桌椅/饮水机/微波炉/医药箱/插座/打气筒.
export const STATIONS: SeedStation[] = [
  { id: 'st-shizhong', name: '市中街道办事处劳动者驿站', address: '乐陵市兴隆南大街 66 号市中街道办事处一楼', lat: 37.7289, lng: 117.2178, hours: '08:00-20:00', amenities: A('seat', 'water', 'heat', 'medkit', 'charge', 'pump'), phone: '0534-6211001' },
  { id: 'st-post-main', name: '乐陵市邮政分公司爱心驿站', address: '乐陵市振兴大街 118 号', lat: 37.7321, lng: 117.2127, hours: '24小时', amenities: A('water', 'heat', 'seat', 'charge', 'toilet', 'wifi'), phone: '0534-6211002' },
  { id: 'st-icbc', name: '工商银行乐陵支行劳动者港湾', address: '乐陵市阜乐路 35 号', lat: 37.7335, lng: 117.2203, hours: '周一至周五 08:30-17:30；周六 09:00-16:00', amenities: A('water', 'seat', 'charge', 'medkit', 'wifi', 'climate'), phone: '0534-6211003' },
  { id: 'st-ccb', name: '建设银行乐陵支行户外劳动者服务站', address: '乐陵市兴隆北大街 89 号', lat: 37.7378, lng: 117.2171, hours: '周一至周五 09:00-17:00', amenities: A('water', 'seat', 'climate', 'reading'), phone: '0534-6211004' },
  { id: 'st-sanitation', name: '乐陵市环卫处职工驿站', address: '乐陵市杨家街 12 号环卫作业站', lat: 37.7257, lng: 117.2092, hours: '05:00-21:00', amenities: A('water', 'heat', 'seat', 'toilet', 'medkit', 'climate'), phone: '0534-6211005' },
  { id: 'st-sf', name: '顺丰速运乐陵营业部骑手驿站', address: '乐陵市挥泽路 201 号', lat: 37.7402, lng: 117.2289, hours: '07:00-22:00', amenities: A('water', 'charge', 'seat', 'pump', 'heat'), phone: '0534-6211006' },
  { id: 'st-meituan', name: '美团外卖乐陵站骑手之家', address: '乐陵市红旗路 77 号', lat: 37.7268, lng: 117.2265, hours: '24小时', amenities: A('water', 'heat', 'charge', 'seat', 'toilet', 'wifi'), phone: '0534-6211007' },
  { id: 'st-sinopec-1', name: '中国石化乐陵城区加油站爱心驿站', address: '乐陵市城南开发区 104 国道旁', lat: 37.7126, lng: 117.2151, hours: '24小时', amenities: A('water', 'toilet', 'pump', 'charge', 'seat'), phone: '0534-6211008' },
  { id: 'st-petro-2', name: '中国石油振兴路加油站司机之家', address: '乐陵市振兴大街东段 300 号', lat: 37.7329, lng: 117.2411, hours: '24小时', amenities: A('water', 'toilet', 'heat', 'seat', 'wifi'), phone: '0534-6211009' },
  { id: 'st-bus', name: '乐陵汽车站货车司机之家', address: '乐陵市长途汽车站东侧', lat: 37.7218, lng: 117.2311, hours: '06:00-21:00', amenities: A('water', 'heat', 'seat', 'toilet', 'reading'), phone: '0534-6211010' },
  { id: 'st-grid', name: '国网乐陵供电公司劳动者驿站', address: '乐陵市开元大道 18 号', lat: 37.7441, lng: 117.2087, hours: '08:00-18:00', amenities: A('water', 'seat', 'charge', 'medkit', 'climate'), phone: '0534-6211011' },
  { id: 'st-library', name: '乐陵市图书馆暖心驿站', address: '乐陵市文化中心图书馆一楼', lat: 37.7364, lng: 117.2254, hours: '周二至周日 09:00-17:00', amenities: A('water', 'seat', 'reading', 'wifi', 'climate', 'toilet'), phone: '0534-6211012' },
  { id: 'st-hospital', name: '乐陵市人民医院职工爱心驿站', address: '乐陵市湖滨路 1 号门诊楼北侧', lat: 37.7284, lng: 117.2034, hours: '24小时', amenities: A('water', 'seat', 'medkit', 'toilet', 'charge'), phone: '0534-6211013' },
  { id: 'st-hujia', name: '胡家街道户外劳动者服务站', address: '乐陵市胡家街道办事处院内', lat: 37.7456, lng: 117.1929, hours: '08:00-18:00', amenities: A('water', 'heat', 'seat', 'medkit'), phone: '0534-6211014' },
  { id: 'st-yunhong', name: '云红街道工会驿站', address: '乐陵市云红街道文化路 9 号', lat: 37.7148, lng: 117.2395, hours: '08:00-20:00', amenities: A('water', 'heat', 'seat', 'charge', 'pump'), phone: '0534-6211015' },
  { id: 'st-guojia', name: '郭家街道爱心驿站', address: '乐陵市郭家街道便民服务中心', lat: 37.7493, lng: 117.2461, hours: '周一至周六 08:00-18:00', amenities: A('water', 'seat', 'toilet'), phone: '0534-6211016' },
  { id: 'st-zto', name: '中通快递乐陵分拨中心驿站', address: '乐陵市经济开发区物流园 3 号', lat: 37.7063, lng: 117.2458, hours: '20:00-次日08:00', amenities: A('water', 'heat', 'seat', 'charge', 'toilet'), phone: '0534-6211017' },
  { id: 'st-yto', name: '圆通速递乐陵网点骑手驿站', address: '乐陵市兴隆南大街 210 号', lat: 37.7204, lng: 117.2185, hours: '07:30-19:30', amenities: A('water', 'charge', 'pump'), phone: '0534-6211018' },
  { id: 'st-jd', name: '京东物流乐陵营业部小哥驿站', address: '乐陵市阜乐路西段 66 号', lat: 37.7342, lng: 117.1998, hours: '08:00-21:00', amenities: A('water', 'heat', 'charge', 'seat', 'wifi'), phone: '0534-6211019' },
  { id: 'st-didi', name: '网约车司机之家（城东服务区）', address: '乐陵市城东服务区停车场', lat: 37.7376, lng: 117.2512, hours: '24小时', amenities: A('water', 'toilet', 'seat', 'heat', 'charge', 'wifi'), phone: '0534-6211020' },
  { id: 'st-park', name: '千亩湖公园户外劳动者驿站', address: '乐陵市千亩湖公园南门', lat: 37.7212, lng: 117.2061, hours: '06:00-22:00', amenities: A('water', 'seat', 'toilet', 'medkit'), phone: '0534-6211021' },
  { id: 'st-market', name: '金丝小枣市场环卫驿站', address: '乐陵市枣乡街农贸市场东门', lat: 37.7249, lng: 117.2336, hours: '05:30-18:30', amenities: A('water', 'heat', 'seat'), phone: '0534-6211022' },
  { id: 'st-abc', name: '农业银行乐陵支行爱心驿站', address: '乐陵市兴隆南大街 28 号', lat: 37.7301, lng: 117.2159, hours: '周一至周五 08:30-17:00', amenities: A('water', 'seat', 'charge', 'wifi'), phone: '0534-6211023' },
  { id: 'st-boc', name: '中国银行乐陵支行劳动者港湾', address: '乐陵市振兴大街 56 号', lat: 37.7317, lng: 117.2195, hours: '周一至周五 09:00-17:00；周六 09:00-12:00', amenities: A('water', 'seat', 'medkit', 'reading', 'climate'), phone: '0534-6211024' },
  { id: 'st-rcb', name: '乐陵农商银行城区支行驿站', address: '乐陵市红旗路 150 号', lat: 37.7283, lng: 117.2302, hours: '08:00-17:30', amenities: A('water', 'seat', 'charge', 'pump'), phone: '0534-6211025' },
  { id: 'st-tax', name: '乐陵市政务服务中心职工驿站', address: '乐陵市开元大道 66 号政务中心一楼', lat: 37.7433, lng: 117.2148, hours: '周一至周五 08:30-12:00 13:30-17:30', amenities: A('water', 'seat', 'toilet', 'wifi', 'climate'), phone: '0534-6211026' },
  { id: 'st-school', name: '实验小学门口护学驿站', address: '乐陵市文化路 31 号', lat: 37.7352, lng: 117.2121, hours: '周一至周五 07:00-18:00', amenities: A('water', 'seat', 'medkit'), phone: '0534-6211027' },
  { id: 'st-station-w', name: '城西环卫作业点劳动者驿站', address: '乐陵市西环路与阜乐路交叉口', lat: 37.7331, lng: 117.1912, hours: '05:00-20:00', amenities: A('water', 'heat', 'seat', 'toilet'), phone: '0534-6211028' },
  { id: 'st-station-n', name: '城北环卫作业点劳动者驿站', address: '乐陵市北环路 45 号', lat: 37.7521, lng: 117.2209, hours: '05:00-20:00', amenities: A('water', 'heat', 'seat'), phone: '0534-6211029' },
  { id: 'st-station-s', name: '城南环卫作业点劳动者驿站', address: '乐陵市南环路 88 号', lat: 37.7102, lng: 117.2243, hours: '05:00-20:00', amenities: A('water', 'heat', 'seat', 'medkit'), phone: '0534-6211030' },
  { id: 'st-mall', name: '百货大楼爱心驿站', address: '乐陵市兴隆北大街 1 号百货大楼东门', lat: 37.7325, lng: 117.2169, hours: '09:00-21:30', amenities: A('water', 'seat', 'toilet', 'wifi', 'climate', 'charge'), phone: '0534-6211031' },
  { id: 'st-telecom', name: '中国电信乐陵分公司暖心驿站', address: '乐陵市振兴大街 80 号', lat: 37.7314, lng: 117.2236, hours: '08:30-18:00', amenities: A('water', 'seat', 'charge', 'wifi'), phone: '0534-6211032' },
  { id: 'st-mobile', name: '中国移动乐陵营业厅爱心驿站', address: '乐陵市阜乐路 99 号', lat: 37.7339, lng: 117.2233, hours: '08:30-18:30', amenities: A('water', 'seat', 'charge', 'wifi'), phone: '0534-6211033' },
  { id: 'st-unicom', name: '中国联通乐陵营业厅劳动者驿站', address: '乐陵市红旗路 20 号', lat: 37.7276, lng: 117.2201, hours: '08:30-18:00', amenities: A('water', 'seat', 'charge'), phone: '0534-6211034' },
  { id: 'st-community-1', name: '建设街社区工会驿站', address: '乐陵市建设街社区服务中心', lat: 37.7394, lng: 117.2044, hours: '08:00-19:00', amenities: A('water', 'heat', 'seat', 'reading', 'medkit'), phone: '0534-6211035' },
  { id: 'st-community-2', name: '新华街社区户外劳动者驿站', address: '乐陵市新华街社区服务中心', lat: 37.7241, lng: 117.2121, hours: '08:00-19:00', amenities: A('water', 'heat', 'seat', 'toilet'), phone: '0534-6211036' },
  { id: 'st-community-3', name: '利民街社区爱心驿站', address: '乐陵市利民街 16 号', lat: 37.7412, lng: 117.2331, hours: '08:00-20:00', amenities: A('water', 'seat', 'heat', 'pump'), phone: '0534-6211037' },
  { id: 'st-devzone', name: '经济开发区总工会职工驿站', address: '乐陵市经济开发区管委会一楼', lat: 37.7031, lng: 117.2362, hours: '周一至周六 08:00-18:00', amenities: A('water', 'heat', 'seat', 'toilet', 'medkit', 'climate', 'wifi'), phone: '0534-6211038' },
  { id: 'st-yangan', name: '杨安镇调味品园区劳动者驿站', address: '乐陵市杨安镇工业园区服务中心', lat: 37.6825, lng: 117.1581, hours: '07:00-19:00', amenities: A('water', 'heat', 'seat', 'toilet'), phone: '0534-6211039' },
  { id: 'st-zhuji', name: '朱集镇便民服务中心驿站', address: '乐陵市朱集镇政府街 2 号', lat: 37.7929, lng: 117.2955, hours: '08:00-18:00', amenities: A('water', 'seat', 'medkit'), phone: '0534-6211040' },
  { id: 'st-huangjia', name: '黄夹镇爱心驿站', address: '乐陵市黄夹镇便民服务中心', lat: 37.6596, lng: 117.2806, hours: '08:00-18:00', amenities: A('water', 'seat', 'heat'), phone: '0534-6211041' },
  { id: 'st-dingwu', name: '丁坞镇户外劳动者驿站', address: '乐陵市丁坞镇商贸街 5 号', lat: 37.8117, lng: 117.1556, hours: '08:00-17:30', amenities: A('water', 'seat'), phone: '0534-6211042' },
  { id: 'st-huayuan', name: '花园镇货车司机之家', address: '乐陵市花园镇 248 省道服务点', lat: 37.6911, lng: 117.3196, hours: '24小时', amenities: A('water', 'toilet', 'heat', 'seat', 'pump', 'charge'), phone: '0534-6211043' },
  { id: 'st-zhengdian', name: '郑店镇工会驿站', address: '乐陵市郑店镇政府东侧', lat: 37.7698, lng: 117.1112, hours: '08:00-18:00', amenities: A('water', 'seat', 'reading'), phone: '0534-6211044' },
  { id: 'st-hualou', name: '化楼镇爱心驿站', address: '乐陵市化楼镇便民服务中心', lat: 37.8398, lng: 117.2312, hours: '周一至周五 08:00-17:00', amenities: A('water', 'seat'), phone: '0534-6211045' },
  { id: 'st-kongzhen', name: '孔镇镇劳动者驿站', address: '乐陵市孔镇镇文化广场北侧', lat: 37.6418, lng: 117.2011, hours: '08:00-18:00', amenities: A('water', 'seat', 'medkit', 'heat'), phone: '0534-6211046' },
  { id: 'st-highway', name: '德龙烟高速乐陵收费站职工驿站', address: '乐陵市德龙烟高速乐陵出口', lat: 37.7007, lng: 117.1805, hours: '24小时', amenities: A('water', 'toilet', 'seat', 'heat', 'medkit'), phone: '0534-6211047' },
  { id: 'st-night', name: '夜班骑手暖心驿站', address: '乐陵市兴隆南大街 150 号', lat: 37.7246, lng: 117.2181, hours: '20:00-次日08:00', amenities: A('water', 'heat', 'seat', 'charge', 'climate'), phone: '0534-6211048' },
  { id: 'st-stadium', name: '体育中心户外劳动者驿站', address: '乐陵市体育中心西门', lat: 37.7421, lng: 117.2262, hours: '06:00-21:00', amenities: A('water', 'seat', 'toilet', 'medkit', 'pump'), phone: '0534-6211049' },
  { id: 'st-pharmacy', name: '漱玉平民大药房爱心驿站', address: '乐陵市红旗路 66 号', lat: 37.7279, lng: 117.2239, hours: '07:30-22:00', amenities: A('water', 'seat', 'medkit'), phone: '0534-6211050' },
]
