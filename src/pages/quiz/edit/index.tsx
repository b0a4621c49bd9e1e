import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import PageState from '@/components/PageState'
import RoleGate from '@/components/RoleGate'
import { quizApi } from '@/contracts/quiz/api'
import { useQuery } from '@/data'
import Editor from './Editor'
import './index.scss'

/** 答题活动 create/edit: settings, the question bank, the prize pool, import from CSV/Excel, close early. */
export default function QuizEditPage() {
  return <RoleGate spec={quizApi.upsertCampaign}>{() => <Edit />}</RoleGate>
}

function Edit() {
  const [id, setId] = useState(useRouter().params.id ?? '')
  // Coming back from 统计 must not overwrite edits not yet saved: no reload on show.
  const campaign = useQuery('quiz', 'getCampaign', { id }, { enabled: !!id, reloadOnShow: false })
  const saved = (savedId: string) => (savedId === id ? void campaign.reload(true) : setId(savedId))
  if (!id) return <Editor campaign={null} onSaved={saved} reload={() => undefined} />
  return <PageState query={campaign}>{(c) => <Editor key={c.id} campaign={c} onSaved={saved} reload={() => void campaign.reload(true)} />}</PageState>
}
