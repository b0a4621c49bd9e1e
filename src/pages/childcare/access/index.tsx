import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import Choice from '@/components/Choice'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import { useLoader } from '@/hooks/useLoader'
import { call } from '@/api/client'
import { childcareApi } from '@/contracts/childcare/api'
import { ACCESS_WHAT_LABELS, type AccessEntry } from '@/contracts/childcare/privacy'
import { saveDownload } from '@/utils/download'
import './index.scss'
import { beijingDateTime, beijingYear } from '@/contracts/time'

/**
 * 未成年人网络保护条例 Art. 36–37: admins see every staff view of a roster or a child's record in their union and
 * below, and export the year's audit as Excel.
 */
function AccessLog() {
  const thisYear = beijingYear()
  const years = [thisYear, thisYear - 1, thisYear - 2].map((y) => ({ key: String(y), label: `${y} 年` }))
  const [year, setYear] = useState(String(thisYear))
  const [exporting, setExporting] = useState(false)
  const { state, reload } = useLoader(() => call('childcare', 'accessLog', { year: Number(year) }), [year], { reloadOnShow: true })

  const exportYear = async () => {
    setExporting(true)
    const res = await call('childcare', 'exportAccessAudit', { year: Number(year) })
    if (!res.ok) {
      setExporting(false)
      return void Taro.showModal({ title: '导出失败', content: res.error.message, showCancel: false, confirmText: '知道了' })
    }
    const saved = await saveDownload(res.data)
    setExporting(false)
    if (saved.ok) Taro.showToast({ title: `已导出 ${res.data.rows ?? 0} 条记录`, icon: 'none' })
    else Taro.showModal({ title: '导出失败', content: saved.message, showCancel: false, confirmText: '知道了' })
  }

  return (
    <View className='page cc-access'>
      <Text className='muted cc-access__hint'>
        工作人员每次查看花名册、导出花名册或签到时看到孩子信息，都记录在这里（保存 3 年）。每年导出一次作为合规审计。
      </Text>
      <Choice className='cc-access__year' options={years} value={year} onChange={setYear} />
      <Btn className='cc-access__export' kind='secondary' disabled={exporting} onClick={() => void exportYear()}>
        {exporting ? '正在导出…' : `导出 ${year} 年审计表（Excel）`}
      </Btn>
      <PageState
        state={state}
        onRetry={() => void reload()}
        isEmpty={(d) => !d.items.length}
        empty={{ title: '这一年没有访问记录', detail: '工作人员查看花名册后会出现在这里。' }}
      >
        {({ items }) => <Entries items={items} />}
      </PageState>
    </View>
  )
}

function Entries({ items }: { items: AccessEntry[] }) {
  return (
    <View className='card'>
      {items.map((e, i) => (
        <View key={i} className='cc-access__row'>
          <Text>
            {e.staffName}（{e.orgName}）{ACCESS_WHAT_LABELS[e.what]}：{e.classTitle}，{e.children} 名孩子
          </Text>
          <Text className='muted'>{beijingDateTime(e.at)}</Text>
        </View>
      ))}
    </View>
  )
}

export default function AccessPage() {
  return <RoleGate spec={childcareApi.accessLog}>{() => <AccessLog />}</RoleGate>
}
