import { Text, View } from '@tarojs/components'
import { beijingMonthDayTime } from '@/contracts/time'
import Btn from '@/components/Btn'
import { call } from '@/api/client'
import type { CaseDetail } from '@/contracts/legalAid/schemas'
import { confirm } from '@/utils/dialog'
import EvidenceFiles from '../apply/EvidenceFiles'
import { dayText } from '../shared/format'
import type { CaseAct } from './act'

/**
 * The 补充材料 list on the case: each item with what was uploaded for it. While the case waits, the applicant uploads
 * against each item and says when everything is in; staff and the lawyer see which items are done.
 */
export default function DocsChecklist({ c, act, reload }: { c: CaseDetail; act: CaseAct; reload: () => void }) {
  const r = c.docsRequest
  if (!r) return null
  const waiting = c.status === 'needs_docs'
  const mine = c.viewerRole === 'applicant' && waiting
  const missing = r.items.filter((x) => !x.fileIds.length).length
  const byId = new Map(c.files.map((f) => [f.id, f]))

  const done = async () => {
    const ok = await confirm({ title: '材料已补齐？', content: '提交后工会重新开始审查，7 日内决定是否受理。', confirmText: '提交' })
    if (ok) await act.run({ send: () => call('legalAid', 'supplyDone', { caseId: c.id }), done: '已提交' })
  }

  return (
    <>
      <Text className='section-title'>补充材料</Text>
      <View className={`card legal-docs ${waiting ? 'legal-docs--waiting' : ''}`}>
        <Text className={waiting ? 'legal-docs__due legal-docs__due--open' : 'legal-docs__due'}>
          {r.suppliedAt
            ? `已于 ${beijingMonthDayTime(r.suppliedAt)} 补齐`
            : waiting
              ? `请在 ${dayText(r.dueDay)} 前补齐，逾期视为撤回申请`
              : `要求在 ${dayText(r.dueDay)} 前补齐`}
        </Text>
        {r.note ? <Text className='legal-detail__line'>说明：{r.note}</Text> : null}
        {r.items.map((x, i) => (
          <View key={i} className={`legal-docs__item legal-docs__item--${i} ${x.fileIds.length ? 'legal-docs__item--done' : ''}`}>
            <Text className='legal-docs__label'>
              {x.fileIds.length ? '✓' : '□'} {x.label}
            </Text>
            {mine ? (
              <EvidenceFiles
                files={x.fileIds.map((id) => byId.get(id)).filter((f): f is NonNullable<typeof f> => !!f)}
                onChange={() => reload()}
                caseId={c.id}
                docItem={i}
                room={5}
                label='上传这项材料'
              />
            ) : (
              <Text className='muted'>{x.fileIds.length ? `已上传 ${x.fileIds.length} 个文件` : '还没有上传'}</Text>
            )}
          </View>
        ))}
        <Text className='muted'>
          {r.by} · {beijingMonthDayTime(r.requestedAt)} 告知
        </Text>
        {mine ? (
          <Btn className='legal-docs__done' disabled={act.busy || missing > 0} onClick={done}>
            {missing ? `还差 ${missing} 项` : '材料已补齐，提交'}
          </Btn>
        ) : null}
      </View>
    </>
  )
}
