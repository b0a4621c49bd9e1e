export interface Service {
  key: 'membership' | 'childcare' | 'legalAid' | 'stations' | 'quiz'
  title: string
  mark: string
  desc: string
  url: string
  live: boolean
}

export const SERVICES: Service[] = [
  { key: 'membership', title: '入会', mark: '会', desc: '在线申请加入工会', url: '/pages/membership/index/index', live: true },
  { key: 'childcare', title: '暑期托管', mark: '托', desc: '职工子女暑期托管', url: '/pages/childcare/index/index', live: false },
  { key: 'legalAid', title: '法律援助', mark: '法', desc: '劳动纠纷免费咨询', url: '/pages/legalAid/index/index', live: false },
  { key: 'stations', title: '户外驿站', mark: '驿', desc: '歇脚·喝水·充电', url: '/pages/stations/list/index', live: true },
  { key: 'quiz', title: '答题抽奖', mark: '答', desc: '学知识赢好礼', url: '/pages/quiz/index/index', live: false },
]

export const WORKBENCH_URL = '/pages/staff/index/index'
