import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import Btn from '@/components/Btn'
import NoticeReminder from '@/components/NoticeReminder'
import PageState from '@/components/PageState'
import { call } from '@/api/client'
import { useMe } from '@/hooks/useMe'
import type { CaseDetail } from '@/contracts/legalAid/schemas'
import { canStep } from '@/contracts/legalAid/states'
import { useMutationWith, useQueryWith } from '@/data'
import { alert, confirm } from '@/utils/dialog'
import type { CaseAct, CaseStep } from './act'
import AssignLawyer from './AssignLawyer'
import CaseFacts from './CaseFacts'
import CaseHead from './CaseHead'
import CaseTimeline from './CaseTimeline'
import DocsChecklist from './DocsChecklist'
import DocsRequestForm from './DocsRequestForm'
import EvidenceList from './EvidenceList'
import Messages, { CASE_NOTICES } from './Messages'
import ObjectionCard from './ObjectionCard'
import RatingBox from './RatingBox'
import StaffActions from './StaffActions'
import './index.scss'

/**
 * One case, as the applicant, the union or the assigned lawyer sees it. Reading it logs an access row for anyone but
 * the applicant, so it is a mutation and loads through useQueryWith (never retried on its own).
 */
export default function CaseDetailPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const { me } = useMe()
  const query = useQueryWith(() => call('legalAid', 'get', { id }), [id])
  const act = useMutationWith((s: CaseStep) => s.send(), {
    success: (_d, s) => s.done,
    onSuccess: (d) => query.setData(() => d),
  })

  return (
    <View className='page legal-detail'>
      <PageState query={query}>
        {(c) => <CaseView c={c} act={act} isAdmin={!!me?.roles.includes('admin')} reload={() => void query.reload(true)} />}
      </PageState>
    </View>
  )
}

interface ViewProps {
  c: CaseDetail
  act: CaseAct
  isAdmin: boolean
  reload: () => void
}

function CaseView({ c, act, isAdmin, reload }: ViewProps) {
  const [writingDocs, setWritingDocs] = useState(false)
  const caseOpen = c.status !== 'closed' && c.status !== 'declined'
  const withdraw = async () => {
    const ok = await confirm({
      title: '撤回申请？',
      content: '撤回后案件即办结，不能恢复。如需帮助可以重新申请。',
      confirmText: '撤回',
      danger: true,
    })
    if (!ok) return
    const r = await act.run({ send: () => call('legalAid', 'withdraw', { id: c.id }), done: '已撤回' })
    if (r && !r.ok) await alert('撤回失败', r.error.message)
  }
  return (
    <>
      <CaseHead c={c} />
      <ObjectionCard c={c} act={act} />
      <DocsChecklist c={c} act={act} reload={reload} />
      <View className='section-title'>案情</View>
      <CaseFacts c={c} />
      <EvidenceList files={c.files} />
      {c.viewerRole === 'applicant' && caseOpen ? <NoticeReminder notices={CASE_NOTICES} what='这个案件的每一步进度和留言' /> : null}
      <CaseTimeline entries={c.timeline} />
      <Messages c={c} act={act} />
      {writingDocs ? (
        <DocsRequestForm c={c} act={act} onDone={() => setWritingDocs(false)} />
      ) : (
        <StaffActions c={c} act={act} onRequestDocs={() => setWritingDocs(true)} />
      )}
      <AssignLawyer c={c} act={act} />
      <RatingBox c={c} act={act} />
      {c.viewerRole === 'applicant' && canStep('withdraw', c.status, 'applicant') ? (
        <Btn kind='ghost' className='legal-detail__withdraw' disabled={act.busy} onClick={withdraw}>
          撤回申请
        </Btn>
      ) : null}
      {isAdmin && c.viewerRole === 'staff' ? (
        <Btn
          kind='ghost'
          className='legal-detail__access'
          onClick={() => Taro.navigateTo({ url: `/pages/legalAid/access/index?id=${encodeURIComponent(c.id)}` })}
        >
          查看访问记录
        </Btn>
      ) : null}
    </>
  )
}
