import { View } from '@tarojs/components'
import { useEffect } from 'react'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import { upsertCampaignInput, type CampaignEdit } from '@/contracts/quiz/schemas'
import { useForm, useMutation } from '@/data'
import EditHeader from './EditHeader'
import EndActions from './EndActions'
import ImportCard from './ImportCard'
import LevelList from './LevelList'
import PrizeList from './PrizeList'
import QuestionList from './QuestionList'
import SettingsCard from './SettingsCard'
import { blankValues, metaOf, toInput, toValues } from './form'

interface Props {
  /** null: a new campaign */
  campaign: CampaignEdit | null
  /** after a save: the id (a new campaign's first), so the page loads what the server kept */
  onSaved: (id: string) => void
  reload: () => void
}

/** The campaign form: settings, prizes, questions; nested errors stand beside their item (`questions.3.options`). */
export default function Editor({ campaign, onSaved, reload }: Props) {
  const meta = campaign ? metaOf(campaign) : null
  const form = useForm({
    initial: () => (campaign ? toValues(campaign) : blankValues()),
    schema: upsertCampaignInput,
    toInput: (v) => toInput(v, meta),
  })
  // What the server kept (after a save, an import, 提前结束) replaces the values on screen.
  useEffect(() => {
    if (campaign) form.reset(toValues(campaign))
  }, [campaign])
  const save = useMutation('quiz', 'upsertCampaign', { success: '已保存', onSuccess: (r) => onSaved(r.id) })
  return (
    <View className='page quiz-edit'>
      {meta ? <EditHeader meta={meta} /> : null}
      <SettingsCard form={form} meta={meta} />
      <LevelList form={form} locked={!!meta?.prizesLocked} />
      <PrizeList form={form} locked={!!meta?.prizesLocked} />
      <QuestionList form={form} />
      <FormError message={form.formError} />
      <Btn className='quiz-save' loading={save.busy} onClick={() => form.submit((data) => save.run(data))}>
        {meta ? '保存修改' : '创建活动'}
      </Btn>
      {meta ? <ImportCard campaignId={meta.id} onImported={reload} /> : null}
      {meta ? <EndActions meta={meta} onClosed={reload} /> : null}
    </View>
  )
}
